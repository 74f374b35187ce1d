"""Saving: a file name the first time, then the questions a save may need, then the write.

The questions: the file is open in another drafter (refused), the file's comments would
go, the file changed on disk since it was read, a file of that name exists. Declining
any of them keeps everything typed. The write runs in a thread while typing goes on;
one save runs at a time, and a save asked for meanwhile starts after it (with the text
as it is then).
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.errors import DrafterError
from drafter.text import printable
from drafter.tui.flows import lock, recovery
from drafter.tui.saving import SaveResult, write_snapshot
from drafter.tui.screens.dialogs import ChoiceScreen, ConfirmScreen, PathScreen

if TYPE_CHECKING:
    from drafter.tui.screens.main import MainScreen

READ_ONLY_SAVE = (
    "Filen är öppen skrivskyddad eftersom en annan drafter redan har den öppen. "
    "Stäng den andra drafter och öppna filen igen för att ändra och spara."
)
COMMENTS = (
    "Filen innehåller kommentarer (#) som försvinner när du sparar. Spara ändå?\n\n"
    "Välj Spara som … för att behålla originalfilen med kommentarerna."
)
CONFLICT = (
    "Filen har ändrats på disken sedan du öppnade den. Skriv över?\n\n"
    "Skriv över ersätter ändringarna på disken med det du ser här. Spara som … "
    "sparar din version under ett annat namn så att du kan jämföra."
)


async def save(screen: MainScreen, *, ask_path: bool = False) -> bool:
    """The save flow (F2, Spara som …); True when the ärende was saved."""
    session = screen.session
    if session.read_only:
        screen.notify(READ_ONLY_SAVE, title="Skrivskyddad", severity="warning", timeout=10)
        return False
    async with screen.save_state.busy:
        path = session.path
        if ask_path or path is None:
            path = await ask_save_path(screen)
        while path is not None:
            if path != session.path and (owner := lock.other_owner(path)) is not None:
                screen.notify(
                    f"{path.name}: {lock.held_message(owner)} Spara under ett annat namn.",
                    title="Kunde inte spara",
                    severity="error",
                    timeout=15,
                )
                return False
            same = path == session.path
            answer = "save"
            if same and session.has_comments and not screen.save_state.comments_ok:
                answer = await _ask(screen, "Kommentarer försvinner", COMMENTS, "save")
                screen.save_state.comments_ok = answer == "save"
            # The file is read and hashed to compare: in a thread, so typing goes on
            # (the busy lock keeps any other save from touching the stamp meanwhile).
            if answer == "save" and same and await asyncio.to_thread(session.changed_on_disk):
                answer = await _ask(screen, "Filen har ändrats", CONFLICT, "overwrite")
                answer = "save" if answer == "overwrite" else answer
            if answer == "save":
                return await write(screen, path)
            if answer != "save_as":
                screen.notify(
                    "Inte sparat. Allt du skrivit finns kvar här och i återställningsfilen.",
                    timeout=6,
                )
                return False
            path = await ask_save_path(screen)
        return False


async def _ask(screen: MainScreen, title: str, message: str, proceed: str) -> str:
    """Save anyway (``proceed``), Spara som … or Avbryt. Overwriting someone's changes is
    dangerous: then Spara som … has the focus."""
    danger = proceed == "overwrite"
    labels = {"save": "Spara ändå", "overwrite": "Skriv över"}
    answer = await screen.app.push_screen_wait(
        ChoiceScreen(
            title,
            message,
            [(proceed, labels[proceed]), ("save_as", "Spara som …"), ("cancel", "Avbryt")],
            escape="cancel",
            danger=proceed if danger else None,
            focus="save_as" if danger else None,
        )
    )
    return answer or "cancel"


async def ask_save_path(screen: MainScreen) -> Path | None:
    """Ask where to save; a file of that name (not the ärende's own) must be confirmed."""
    session = screen.session
    default = str(session.path) if session.path else "arende.toml"
    path = await screen.app.push_screen_wait(
        PathScreen(
            "Spara ärendet",
            "Var ska ärendet sparas? Markdown skrivs bredvid med samma namn och .md.",
            default,
            suffix=".toml",
        )
    )
    if path is None or not path.exists() or path == session.path:
        return path
    overwrite = await screen.app.push_screen_wait(
        ConfirmScreen(
            "Filen finns redan",
            f"{printable(str(path))} finns redan. Vill du skriva över den?",
            yes="Skriv över",
            no="Avbryt",
        )
    )
    return path if overwrite else None


async def write(screen: MainScreen, path: Path) -> bool:
    """Write the ärende as it is now to ``path`` (in a thread); on failure say why."""
    session = screen.session
    snapshot = session.snapshot(path, checked=screen.checks_current)
    try:
        result = await asyncio.to_thread(write_snapshot, snapshot)
    except Exception as exc:  # a bug must not leave the save hanging or lose the text
        reason = exc.message if isinstance(exc, DrafterError) else f"{snapshot.target}: {exc}"
        screen.notify(
            f"{reason}\nInget av det du skrivit har försvunnit; försök igen eller "
            "spara på ett annat ställe (Spara som i kommandopaletten).",
            title="Kunde inte spara",
            severity="error",
            timeout=15,
        )
        return False
    saved(screen, result)
    return True


def saved(screen: MainScreen, result: SaveResult) -> None:
    """Record a finished save and confirm it in the header (not in a toast over the text:
    a save usually finishes while the user types on)."""
    session = screen.session
    old_path = session.path
    session.saved(result)
    if old_path != result.target:
        recovery.discard_draft(screen, old_path, same=False)
        lock.relock(screen, result.target)
    if not session.dirty:  # else edited during the save: the draft stays
        recovery.discard_draft(screen)
    when = f"{datetime.now():%H:%M}"
    note = f" · {result.errors} fel kvar" if result.errors else ""
    files = f"{result.target.name} och {result.md_path.name}"
    screen.save_state.last_save = (when, f"Sparat {when} – {files}{note}")
    screen.update_title()


async def ask_overwrite_import(screen: MainScreen, path: Path) -> None:
    """An import whose .toml exists: overwrite it, or choose a name at the first save."""
    overwrite = await screen.app.push_screen_wait(
        ConfirmScreen(
            "Filen finns redan",
            f"{printable(str(path))} finns redan. Vill du skriva över den med det "
            "importerade ärendet?",
            yes="Skriv över",
            no="Nej, välj namn senare",
        )
    )
    if overwrite:
        async with screen.save_state.busy:
            await write(screen, path)
    else:
        screen.session.release_lock()
        screen.session.path = None
        screen.update_title()
        screen.notify("Ärendet är inte sparat. Du får välja filnamn när du sparar (F2).")
