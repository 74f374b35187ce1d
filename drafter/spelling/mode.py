"""Whether the STAV-1 check runs in this process, and whether it may wait (:class:`Mode`).

Kept apart from :mod:`drafter.spelling.dictionary` so that asking or setting the mode, as
``drafter check --utan-stavning`` and the STAV-1 check with the mode off do, loads nothing
else of the spelling package.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from enum import StrEnum


class Mode(StrEnum):
    """Whether the STAV-1 check runs, and whether it may wait for the dictionary."""

    OFF = "av"
    NON_BLOCKING = "bakgrund"
    BLOCKING = "direkt"


_mode = Mode.OFF


def get_mode() -> Mode:
    """This process's spelling mode (see :class:`Mode`)."""
    return _mode


def set_mode(mode: Mode) -> Mode:
    """Set this process's spelling mode; returns the one it replaces."""
    global _mode
    previous, _mode = _mode, mode
    return previous


@contextlib.contextmanager
def using_mode(mode: Mode) -> Iterator[None]:
    """Run a block with ``mode``, restoring the previous mode after it."""
    previous = set_mode(mode)
    try:
        yield
    finally:
        set_mode(previous)
