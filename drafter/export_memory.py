"""The export format a user last chose for an ärende, kept in the user state folder.

The TUI's export dialog (F3) starts on the format the user exported that ärende to last
time. One small JSON file per ärende in ``user_state_dir() / "export"`` (folder 0700,
files 0600: the file names an ärende's path), named by a hash of the ärende's absolute,
symlink-resolved path::

    {"version": 1, "arende": "/home/anna/arenden/vanguard.toml", "format": "pdf"}

This is a convenience: a missing, broken, foreign or unreadable file means "no memory"
and a file that cannot be written is skipped; neither is ever an error for the user.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from pathlib import Path

from drafter.paths import user_state_dir
from drafter.publish import FORMATS, Format

VERSION = 1
#: A memory file is a few dozen bytes; anything much larger is not one of ours.
MAX_MEMORY_BYTES = 64 * 1024


def memory_dir() -> Path:
    """The folder of the memory files."""
    return user_state_dir() / "export"


def memory_file(arende_path: Path) -> Path:
    """The memory file for the ärende at ``arende_path``."""
    from drafter.recovery import path_key

    return memory_dir() / f"{path_key(arende_path)}.json"


def last_format(arende_path: Path | None) -> Format | None:
    """The format last remembered for ``arende_path``, or ``None`` (never raises for I/O)."""
    if arende_path is None:
        return None
    from drafter.errors import DrafterError
    from drafter.recovery import canonical_path
    from drafter.storage import read_file_bytes

    path = memory_file(arende_path)
    try:
        info = path.lstat()
        # Only a regular file of ours: a symlink, a FIFO (open would block) or a huge
        # file is not read at all.
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_MEMORY_BYTES:
            return None
        data = json.loads(read_file_bytes(path).decode("utf-8"))
    except (OSError, DrafterError, ValueError):  # ValueError: bad JSON or UTF-8
        return None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return None
    if data.get("arende") != str(canonical_path(arende_path)):
        return None  # a hash collision or a copied file: not this ärende's memory
    fmt = data.get("format")
    for known in FORMATS:
        if fmt == known:
            return known
    return None


def remember_format(arende_path: Path | None, fmt: Format) -> None:
    """Remember ``fmt`` as the last export format of ``arende_path``.

    Does nothing for an ärende that has no file yet; a folder or file that cannot be
    written is skipped silently (the next export just starts on the default format).
    Raises :class:`ValueError` only for a ``fmt`` that is not one of :data:`FORMATS`
    (a programming error).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    if arende_path is None:
        return
    from drafter.errors import DrafterError
    from drafter.recovery import canonical_path
    from drafter.storage import atomic_write_text

    # ASCII JSON: a path with undecodable bytes (surrogates) survives the round trip.
    text = json.dumps(
        {"version": VERSION, "arende": str(canonical_path(arende_path)), "format": fmt}
    )
    with contextlib.suppress(OSError, DrafterError):
        _ensure_private_dir(memory_dir())
        atomic_write_text(memory_file(arende_path), text + "\n", mode=0o600)


def _ensure_private_dir(folder: Path) -> None:
    """Create the state folder and ``folder`` readable only by the user (0700)."""
    state = folder.parent
    state.parent.mkdir(parents=True, exist_ok=True)
    state.mkdir(mode=0o700, exist_ok=True)
    folder.mkdir(mode=0o700, exist_ok=True)
    if stat.S_IMODE(folder.stat().st_mode) & 0o077:
        os.chmod(folder, 0o700)


__all__ = ["last_format", "memory_dir", "memory_file", "remember_format"]
