"""Hunspell in a helper process (:mod:`drafter.spelling.server`), asked over a pipe.

Loading the Swedish dictionary takes about half a second of CPU during which the C library
holds Python's global lock; in a helper process it loads on the other core and the UI
thread never stalls. One request at a time, answers as JSON lines, every wait bounded.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import selectors
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

#: Seconds to wait for the helper process to load the dictionary, and for one answer.
READY_TIMEOUT = 60.0
ANSWER_TIMEOUT = 60.0


class EngineError(Exception):
    """The helper process died, hung or answered nonsense."""


class RemoteEngine:
    """Hunspell in a helper process (:mod:`drafter.spelling.server`), one request at a time."""

    def __init__(self, folder: Path) -> None:
        self._pid = os.getpid()
        self._lock = threading.Lock()
        self._buffer = b""
        self._process = subprocess.Popen(  # our own module, no shell
            [sys.executable, "-m", "drafter.spelling.server", str(folder)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        atexit.register(self.close)

    def wait_ready(self, timeout: float = READY_TIMEOUT) -> bool:
        """Wait for the helper to load the dictionary; ``False`` when it cannot."""
        try:
            with self._lock:
                answer = self._read(timeout)
        except EngineError:
            self.close()
            return False
        if answer.get("ready") is not True:
            self.close()
            return False
        return True

    def _read(self, timeout: float) -> dict[str, Any]:
        stdout = self._process.stdout
        assert stdout is not None
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as selector:
            selector.register(stdout, selectors.EVENT_READ)
            while b"\n" not in self._buffer:
                left = deadline - time.monotonic()
                if left <= 0 or not selector.select(left):
                    raise EngineError("no answer")
                chunk = os.read(stdout.fileno(), 1 << 16)
                if not chunk:
                    raise EngineError("the helper process ended")
                self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        try:
            answer = json.loads(line)
        except ValueError as exc:
            raise EngineError("not JSON") from exc
        if not isinstance(answer, dict):
            raise EngineError("not an object")
        return answer

    def _ask(self, request: dict[str, Any], key: str) -> list[Any]:
        if os.getpid() != self._pid:
            raise EngineError("the helper belongs to the parent process")
        data = json.dumps(request, ensure_ascii=False).encode("utf-8") + b"\n"
        with self._lock:
            stdin = self._process.stdin
            assert stdin is not None
            try:
                stdin.write(data)
                stdin.flush()
                answer = self._read(ANSWER_TIMEOUT)
            except (OSError, ValueError, EngineError) as exc:  # ValueError: pipe closed
                self.close()
                raise EngineError(str(exc)) from exc
        value = answer.get(key)
        if not isinstance(value, list) or len(value) != len(request["words"]):
            self.close()
            raise EngineError("wrong answer")
        return value

    def spell_many(self, words: list[str]) -> list[bool]:
        return [bool(ok) for ok in self._ask({"op": "spell", "words": words}, "ok")]

    def suggest_many(self, words: list[str], limit: int, budget: int) -> list[tuple[str, ...]]:
        request = {"op": "suggest", "words": words, "limit": limit, "budget": budget}
        answers = self._ask(request, "suggestions")
        return [tuple(str(w) for w in a if isinstance(w, str)) for a in answers]

    def close(self) -> None:
        """End the helper (it also ends by itself when this process ends)."""
        if os.getpid() != self._pid:
            return
        process = self._process
        if process.poll() is None:  # it keeps nothing: no need to let it finish loading
            with contextlib.suppress(OSError):
                process.kill()
            process.wait()
        for stream in (process.stdin, process.stdout):
            with contextlib.suppress(OSError):
                if stream is not None:
                    stream.close()
