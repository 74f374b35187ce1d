"""Quitting: a save under way finishes first; then it asks when there are unsaved changes
(save, discard or cancel)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.tui.flows import recovery, save
from drafter.tui.screens.dialogs import QuitScreen

if TYPE_CHECKING:
    from drafter.tui.screens.main import MainScreen


async def request_quit(screen: MainScreen) -> None:
    session = screen.session
    async with screen.save_state.busy:
        pass  # a save under way (F2 just before) is written first: what it saves is saved
    if session.dirty:
        choice = await screen.app.push_screen_wait(QuitScreen())
        if choice == "save":
            if not await save.save(screen):
                return
            while session.dirty and session.path is not None:  # typed while saving
                async with screen.save_state.busy:
                    if not await save.write(screen, session.path):
                        return
        elif choice != "discard":
            return
    recovery.discard_draft(screen)
    quit_now(screen)


def quit_now(screen: MainScreen) -> None:
    """Leave the app, releasing the lock."""
    screen.session.release_lock()
    screen.app.exit(0)
