"""The lock on the ärende file, and the prompt when another drafter holds it.

Like vim's swap-file prompt: open read-only, edit anyway, recover the draft, delete the
lock, or quit.
"""

from __future__ import annotations

import os
import socket
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from drafter.errors import DrafterError
from drafter.lock import LockResult, acquire_lock, break_lock, lock_owner
from drafter.recovery import find_draft
from drafter.text import printable
from drafter.tui.screens.dialogs import ChoiceScreen

if TYPE_CHECKING:
    from drafter.tui.screens.main import MainScreen

LockOutcome = Literal["edit", "read_only", "recovered", "quit"]


def _since(started: datetime | None) -> str:
    """ " sedan 14:02" (today) or " sedan 2025-03-14 14:02"; "" when unknown."""
    if started is None:
        return ""
    local = started.astimezone() if started.tzinfo is not None else started
    if local.date() == datetime.now().date():
        return f" sedan {local:%H:%M}"
    return f" sedan {local:%Y-%m-%d %H:%M}"


def held_message(result: LockResult) -> str:
    """ "Filen är redan öppen i en annan drafter (process N sedan HH:MM)"."""
    foreign = result.host and result.host != socket.gethostname()
    where = f" på datorn {printable(result.host or '')}" if foreign else ""
    return (
        f"Filen är redan öppen i en annan drafter (process {result.pid}{where}"
        f"{_since(result.started)})."
    )


async def take_lock(screen: MainScreen) -> LockOutcome:
    """Lock the file at start; when another drafter holds it, ask what to do."""
    session = screen.session
    path = session.path
    if path is None or session.read_only:
        return "edit"
    result = acquire_lock(path)
    if result.acquired:
        session.locked = path
        if result.status == "stale":
            screen.notify(result.message, title="Gammalt lås", timeout=8)
    elif result.status == "unavailable":
        screen.notify(result.message, title="Ingen låsning", severity="warning", timeout=10)
    elif session.source is not None:
        # An import: never overwrite the open file; the user picks a name at save.
        session.path = None
        screen.overwrite_prompt = None
        screen.update_title()
        screen.notify(
            f"{held_message(result)} Det importerade ärendet sparas inte dit; "
            "du får välja ett annat filnamn när du sparar (F2).",
            title="Filen är öppen",
            severity="warning",
            timeout=15,
        )
    else:
        return await _ask_when_held(screen, path, result)
    return "edit"


async def _ask_when_held(screen: MainScreen, path: Path, result: LockResult) -> LockOutcome:
    try:
        draft = find_draft(path)
    except (OSError, DrafterError):
        draft = None
    choices = [("read_only", "Öppna skrivskyddad"), ("edit", "Redigera ändå")]
    if draft is not None:
        choices.append(("recover", "Återställ utkast"))
    choices += [("delete", "Ta bort låset"), ("quit", "Avsluta")]
    lines = [
        held_message(result),
        "",
        "• Öppna skrivskyddad: läs och exportera, utan att ändra.",
        "• Redigera ändå: ändra trots låset; spara inte i båda, då skriver ni över varandra.",
    ]
    if draft is not None:
        lines.append("• Återställ utkast: fortsätt på de osparade ändringarna som finns kvar.")
    lines += [
        "• Ta bort låset: om den andra drafter inte längre är igång (t.ex. efter en krasch).",
        "• Avsluta: fortsätt i den andra drafter.",
    ]
    choice = await screen.app.push_screen_wait(
        ChoiceScreen("Filen är redan öppen", "\n".join(lines), choices, escape="quit")
    )
    if choice == "read_only":
        screen.set_read_only()
        return "read_only"
    if choice == "edit":
        _warn_unlocked(screen)
        return "edit"
    if choice == "recover" and draft is not None:
        _warn_unlocked(screen)
        screen.restore(draft.text)
        return "recovered"
    if choice == "delete":
        taken = break_lock(path)
        if taken.acquired:
            screen.session.locked = path
            screen.notify("Låset är borttaget; filen är låst för dig nu.", title="Låset borttaget")
        else:
            screen.notify(taken.message, title="Kunde inte låsa", severity="warning", timeout=10)
        return "edit"
    screen.app.exit(0)
    return "quit"


def _warn_unlocked(screen: MainScreen) -> None:
    screen.notify(
        "Du redigerar en fil som en annan drafter har öppen. Spara bara i en av dem, "
        "annars skriver ni över varandras ändringar.",
        title="Redigerar utan lås",
        severity="warning",
        timeout=12,
    )


def relock(screen: MainScreen, path: Path) -> None:
    """After saving under a new name: hold the lock for the new file."""
    session = screen.session
    if session.locked == path:
        return
    session.release_lock()
    result = acquire_lock(path)
    if result.acquired:
        session.locked = path
    elif result.status == "held":
        screen.notify(held_message(result), severity="warning", timeout=10)


def other_owner(path: Path) -> LockResult | None:
    """Another live drafter holding ``path`` (not this one), or None."""
    try:
        owner = lock_owner(path)
    except OSError:
        return None
    if owner is None or (owner.pid == os.getpid() and owner.host == socket.gethostname()):
        return None
    return owner
