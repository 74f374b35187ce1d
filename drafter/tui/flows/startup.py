"""What happens once the file is open: the lock, the import report, then drafts.

The flows it runs (and their dialogs, the lock and the recovery drafts) load when it
runs, not with the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafter.tui.screens.main import MainScreen


async def startup(screen: MainScreen) -> None:
    """Take the lock (or ask), show what an import found, ask about overwriting, and
    offer a recovery draft."""
    from drafter.tui.flows import lock, recovery

    outcome = await lock.take_lock(screen)
    if outcome in ("quit", "recovered"):
        return
    if screen.import_report:
        from drafter.tui.screens.dialogs import HelpScreen

        await screen.app.push_screen_wait(HelpScreen("Importerat", screen.import_report))
    overwrite = screen.overwrite_prompt
    if overwrite is not None:
        from drafter.tui.flows import save

        await save.ask_overwrite_import(screen, overwrite)
    elif screen.session.path is None:
        await recovery.offer_unsaved_drafts(screen)
    elif outcome == "edit":
        await recovery.offer_recovery(screen)


def begin(screen: MainScreen) -> None:
    """Start the startup flow (the screen is mounted); a session whose checks were left
    for after the first frame gets them, then the flow, in :func:`after_first_frame`."""
    if screen.session.checked:
        screen.start(startup(screen), "startup")
    else:
        screen.checks.checked = -1  # nothing checked yet: the findings are not current
        screen.call_after_refresh(after_first_frame, screen)


def after_first_frame(screen: MainScreen) -> None:
    """What opening a file does once the first frame is painted (once: at the app's Ready
    or the screen's first refresh, whichever comes first): run the checks the session left
    for now and show their findings, open the step with an error that opening the file
    would have opened (unless the user has begun), then take the lock and offer drafts.
    (Before the checks, the step and field to start in come from what is empty.)"""
    if screen.session.checked or not screen.is_attached:
        return
    screen.run_checks()
    initial = screen.initial_step
    first = screen.session.first_open_step()
    if first[0] != initial[0] and screen.current == initial[0] and not screen.session.edits:
        screen.initial_step = first
        screen.open_step(*first)
    screen.start(startup(screen), "startup")
