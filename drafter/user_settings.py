"""The user's own settings: ``<config dir>/installningar.toml`` (no Textual import).

Today one key, the chosen theme::

    tema = "textual-light"

A missing, unreadable or broken file means "no settings": drafter starts as usual and the
next choice rewrites the file (atomically; other keys in a readable file are kept).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from drafter import tomlparse, tomlwrite
from drafter.errors import DrafterError
from drafter.files import read_file_bytes
from drafter.paths import user_config_dir
from drafter.storage import atomic_write_text

SETTINGS_NAME = "installningar.toml"
MAX_SETTINGS_BYTES = 64 * 1024
_THEME_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


def settings_path() -> Path:
    """Where the settings are (the file may not exist yet)."""
    return user_config_dir() / SETTINGS_NAME


def _read(path: Path) -> dict[str, Any]:
    try:
        data = read_file_bytes(path, limit=MAX_SETTINGS_BYTES)
    except (DrafterError, OSError):  # most often: no settings saved yet
        return {}
    try:
        return tomlparse.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomlparse.TOMLDecodeError):  # imports tomllib: rare
        return {}


def saved_theme(path: Path | None = None) -> str | None:
    """The theme the user chose last, ``None`` when none is saved (or the file is broken)."""
    value = _read(path or settings_path()).get("tema")
    if isinstance(value, str) and _THEME_NAME.fullmatch(value):
        return value
    return None


def save_theme(name: str, path: Path | None = None) -> None:
    """Remember ``name`` as the user's theme. Raises :class:`DrafterError` (Swedish) when
    the file cannot be written; the old file is then left as it was."""
    if not _THEME_NAME.fullmatch(name):
        raise ValueError(f"not a theme name: {name!r}")
    target = path or settings_path()
    data = _read(target)
    data["tema"] = name
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DrafterError(f"mappen kan inte skapas ({exc.strerror})", target.parent) from exc
    atomic_write_text(target, tomlwrite.dumps(data))
