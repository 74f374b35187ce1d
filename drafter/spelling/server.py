"""The spelling helper process: Hunspell in its own process, asked over a pipe.

Why a process: loading the dictionary takes about half a second of CPU in the C library,
which holds Python's global lock all that time, so a background *thread* would still
freeze the TUI (and the CLI could not do anything else meanwhile). A helper process loads
on the other core while drafter goes on, and a crash in the C code cannot take drafter
down with it.

Protocol: one JSON object per line, UTF-8, both ways. The helper first writes
``{"ready": true}`` (or ``false`` when the dictionary cannot be loaded, then exits). Then,
for each request line, one answer line:

* ``{"op": "spell", "words": [...]}`` → ``{"ok": [true, false, ...]}``;
* ``{"op": "suggest", "words": [...], "limit": 3, "budget": 600}`` →
  ``{"suggestions": [[...], ...]}``.

The helper checks every word again (:func:`~drafter.spelling.dictionary.safe_word`)
before Hunspell sees it; anything malformed ends the helper. It also ends when its
standard input closes, so it never outlives drafter.

Run as ``python -m drafter.spelling.server FOLDER`` (the folder with ``sv_SE.aff``/``.dic``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, BinaryIO

#: A request line longer than this ends the helper (a bug, not a document).
MAX_REQUEST_BYTES = 16 * 1024 * 1024


def _write(out: BinaryIO, message: dict[str, Any]) -> None:
    out.write(json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n")
    out.flush()


def _words(request: dict[str, Any]) -> list[str]:
    from drafter.spelling.dictionary import safe_word

    words = request.get("words")
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise ValueError("words")
    return [w if safe_word(w) else "" for w in words]


def serve(folder: Path, stdin: BinaryIO, stdout: BinaryIO) -> int:
    """Load the dictionary from ``folder`` and answer requests until ``stdin`` closes."""
    from drafter.spelling.dictionary import DICTIONARY_NAME, LocalEngine

    try:
        import hunspell  # type: ignore[import-untyped]  # chunspell ships no type hints

        engine = LocalEngine(hunspell.Hunspell(DICTIONARY_NAME, hunspell_data_dir=str(folder)))
    except Exception:  # any failure means: no dictionary here
        _write(stdout, {"ready": False})
        return 1
    _write(stdout, {"ready": True})
    while True:
        line = stdin.readline(MAX_REQUEST_BYTES + 1)
        if not line:
            return 0
        try:
            if len(line) > MAX_REQUEST_BYTES:
                raise ValueError("too long")
            request = json.loads(line)
            if not isinstance(request, dict):
                raise ValueError("not an object")
            words = _words(request)
            if request.get("op") == "spell":
                answer: dict[str, Any] = {
                    "ok": [not w or engine.spell(w) for w in words]  # unsafe words pass
                }
            elif request.get("op") == "suggest":
                limit = min(max(int(request.get("limit", 3)), 1), 10)
                budget = min(max(int(request.get("budget", 600)), 1), 5000)
                answer = {"suggestions": [list(engine.suggest(w, limit, budget)) for w in words]}
            else:
                raise ValueError("op")
        except (ValueError, TypeError):
            return 2
        _write(stdout, answer)


def main() -> int:
    if len(sys.argv) != 2:
        return 2
    return serve(Path(sys.argv[1]), sys.stdin.buffer, sys.stdout.buffer)


if __name__ == "__main__":
    sys.exit(main())
