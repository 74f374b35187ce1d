"""What the save flow keeps between saves on one screen.

Made with the screen, so it lives apart from :mod:`drafter.tui.flows.save`, which (with
its dialogs, the lock and the recovery drafts) loads when the user first saves.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field


@dataclass
class SaveState:
    """What the save flow remembers between saves of one screen."""

    comments_ok: bool = False
    """The user accepted once that saving drops the file's comments."""
    last_save: tuple[str, str] | None = None
    """The time of the last save (HH:MM) and its confirmation, shown in the header."""
    busy: asyncio.Lock = field(default_factory=asyncio.Lock)
    """Held while a save asks its questions and writes: one save at a time."""
