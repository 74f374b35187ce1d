"""Which template texts drafter has already checked the rules of: a memo in the state folder.

Checking a template's rules (:func:`drafter.templates.parse_template`) imports every
check kind the template names and builds their parameter models: about 15 ms of the
app's start, before its first frame. The outcome depends only on the template's text and
on drafter's check code, so once a text has passed, its digest (with a fingerprint of
that code) is noted here, and the next load of the same text skips the rule check. The
app then imports the check kinds when it runs the checks, after its first frame. An
organisation's template is loaded every working day with the same text: the memo is hit
from the second start on. A changed text, or a changed drafter, is checked again.

The memo is only ever a shortcut. A missing, unreadable, oversized or garbled memo means
"check again"; failing to write it changes nothing else. Its lines are compared as
strings, never interpreted.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from drafter import __version__
from drafter.errors import DrafterError
from drafter.files import read_file_bytes
from drafter.paths import user_state_dir

MEMO_NAME = "mallar-med-kontrollerade-regler.txt"
"""The memo's file name in the state folder: one hex digest per line, newest last."""

MAX_ENTRIES = 200
"""Digests kept; the oldest go first (an organisation has a handful of templates)."""

_MAX_BYTES = MAX_ENTRIES * 40
"""A memo larger than this was not written by drafter: it is ignored."""


@cache
def _code_fingerprint() -> str:
    """drafter's version and the name, size and modification time of each module of the
    check kinds (``drafter/checks``), whose parameter models decide what a rule may hold.
    Computed once per process: a few dozen ``stat`` calls."""
    checks = Path(__file__).resolve().parent / "checks"
    parts = [__version__]
    try:
        with os.scandir(checks) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.name.endswith(".py"):
                    info = entry.stat()
                    parts.append(f"{entry.name}:{info.st_size}:{info.st_mtime_ns}")
    except OSError:
        parts.append("?")  # unreadable: still a stable key within this install
    return "\n".join(parts)


def digest(text: str) -> str:
    """The memo's key for a template text under this drafter's check code."""
    key = hashlib.blake2b(digest_size=16)
    key.update(_code_fingerprint().encode("utf-8"))
    key.update(b"\0")
    key.update(text.encode("utf-8", "surrogatepass"))
    return key.hexdigest()


def _memo_path() -> Path:
    return user_state_dir() / MEMO_NAME


def _read() -> list[str]:
    """The digests in the memo, oldest first; empty when it is missing or not drafter's
    (read as any file is: a regular file only, with a bound)."""
    try:
        raw = read_file_bytes(_memo_path(), error=DrafterError, limit=_MAX_BYTES)
    except DrafterError:
        return []
    return raw.decode("ascii", "replace").split()


def rules_known_valid(text: str) -> bool:
    """Whether this template text's rules passed the check before, under this code."""
    return digest(text) in _read()


def remember_valid(text: str) -> None:
    """Note that this template text's rules passed the check. Never raises: the memo is a
    shortcut, and a start must not fail because the state folder cannot be written."""
    from drafter.storage import atomic_write_text  # storage imports the templates

    key = digest(text)
    entries = [e for e in _read() if e != key][-(MAX_ENTRIES - 1) :]
    entries.append(key)
    path = _memo_path()
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # as recovery/ and locks/
        atomic_write_text(path, "\n".join(entries) + "\n")
    except (OSError, DrafterError):
        pass
