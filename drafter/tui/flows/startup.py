"""What happens once the file is open: the lock, the import report, then drafts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.tui.flows import lock, recovery, save
from drafter.tui.screens.dialogs import HelpScreen

if TYPE_CHECKING:
    from drafter.tui.screens.main import MainScreen


async def startup(screen: MainScreen) -> None:
    """Take the lock (or ask), show what an import found, ask about overwriting, and
    offer a recovery draft."""
    outcome = await lock.take_lock(screen)
    if outcome in ("quit", "recovered"):
        return
    if screen.import_report:
        await screen.app.push_screen_wait(HelpScreen("Importerat", screen.import_report))
    overwrite = screen.overwrite_prompt
    if overwrite is not None:
        await save.ask_overwrite_import(screen, overwrite)
    elif screen.session.path is None:
        await recovery.offer_unsaved_drafts(screen)
    elif outcome == "edit":
        await recovery.offer_recovery(screen)
