"""Recovery drafts: written while typing pauses, offered at start, discarded after a save.

A draft that cannot be written turns crash protection off; the header says so until a
draft is written again (see :meth:`MainScreen.set_autosave_error`).
"""

from __future__ import annotations

import contextlib
import tomllib
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from drafter import recovery
from drafter.errors import DrafterError
from drafter.storage import arende_from_data
from drafter.text import printable
from drafter.tui.screens.dialogs import ConfirmScreen

if TYPE_CHECKING:
    from drafter.tui.screens.main import MainScreen


def local_time(saved_at: datetime) -> str:
    """A draft's time in local time (drafts may be stamped in UTC)."""
    if saved_at.tzinfo is not None:
        saved_at = saved_at.astimezone()
    return saved_at.strftime("%Y-%m-%d %H:%M")


def write_draft(screen: MainScreen, path: Path | None, text: str, session_id: str) -> None:
    """Write a recovery draft (in a thread); tell the screen whether it worked."""
    try:
        recovery.write_draft(path, text, session_id)
        if not screen.session.dirty:
            # saved while this draft was being written: the draft is stale already
            recovery.discard_draft(path, session_id)
    except (OSError, DrafterError) as exc:
        reason: str | None = exc.message if isinstance(exc, DrafterError) else str(exc)
    else:
        reason = None
    with contextlib.suppress(RuntimeError):  # the app is closing
        screen.app.call_from_thread(screen.set_autosave_error, reason)


def autosave(screen: MainScreen) -> None:
    """Write a recovery draft of unsaved changes (the file is written in a thread)."""
    session = screen.session
    if not session.dirty or session.read_only:
        return
    text = session.toml()  # 3 ms at 500 KB; the model must not change while it is made
    path, session_id = session.path, session.session_id
    screen.run_worker(
        lambda: write_draft(screen, path, text, session_id),
        thread=True,
        exclusive=True,
        group="autosave",
        exit_on_error=False,
        description="autosave",
    )


def tell_autosave_failed(screen: MainScreen, reason: str) -> None:
    """Say once that crash protection is off (the header keeps saying it)."""
    screen.notify(
        f"Återställningsfilen kan inte skrivas: {reason}. Skyddet mot krasch är av "
        "tills det går igen; spara ofta (F2).",
        title="Ingen återställningsfil",
        severity="error",
        timeout=15,
    )


def discard_draft(screen: MainScreen, path: Path | None = None, *, same: bool = True) -> None:
    """Remove this session's draft (of ``path``, or of the ärende's file with ``same``)."""
    session = screen.session
    if session.read_only:  # the draft is the other drafter's
        return
    target = session.path if same else path
    with contextlib.suppress(OSError, DrafterError):
        recovery.discard_draft(target, session.session_id)


def restore_into(screen: MainScreen, text: str) -> bool:
    """Put a draft's ärende into the session; False (and why) when it cannot be read."""
    session = screen.session
    try:
        arende = arende_from_data(tomllib.loads(text), session.template, session.path)
    except (tomllib.TOMLDecodeError, DrafterError) as exc:
        screen.notify(f"Kunde inte återställa: {exc}", severity="error", timeout=10, markup=False)
        return False
    session.arende = arende
    session.mark_changed()
    session.refresh_findings()
    return True


async def offer_recovery(screen: MainScreen) -> None:
    """The opened file has a recovery draft: ask whether to restore it."""
    path = screen.session.path
    if path is None:
        return
    try:
        draft = recovery.find_draft(path)
    except (OSError, DrafterError):
        return
    if draft is None:
        return
    restore = await screen.app.push_screen_wait(
        ConfirmScreen(
            "Återställ osparade ändringar?",
            f"Det finns ändringar i {printable(path.name)} från {local_time(draft.saved_at)} "
            "som inte sparades, kanske för att programmet avslutades oväntat. "
            "Vill du återställa dem?",
            yes="Återställ",
            no="Nej, öppna den sparade filen",
        )
    )
    if restore:
        screen.restore(draft.text)
    else:  # the user chose the saved file: drop the draft
        with contextlib.suppress(OSError, DrafterError):
            recovery.discard_draft(path, draft.session_id)


async def offer_unsaved_drafts(screen: MainScreen) -> None:
    """A new ärende: offer the newest draft of an ärende that was never saved."""
    try:
        drafts = recovery.list_drafts()
    except (OSError, DrafterError):
        return
    files = [d for d in drafts if d.target is not None]
    if files:
        # The list printed before the app started is hidden behind it: repeat it here.
        lines = [f"• {d.target} ({local_time(d.saved_at)})" for d in files[:4]]
        if len(files) > 4:
            lines.append(f"• och {len(files) - 4} till (drafter utkast)")
        screen.notify(
            "\n".join(lines) + "\nÖppna filen (drafter FIL) för att återställa dem.",
            title="Osparade ändringar finns",
            timeout=20,
        )
    unsaved = [d for d in drafts if d.target is None]
    if not unsaved:
        return
    draft = unsaved[0]
    others = len(unsaved) - 1
    more = (
        f"\n\n(Det finns {others} äldre osparade nya ärenden; se drafter utkast.)" if others else ""
    )
    restore = await screen.app.push_screen_wait(
        ConfirmScreen(
            "Återställ osparade ändringar?",
            f"Det finns ett nytt ärende från {local_time(draft.saved_at)} som aldrig "
            "sparades, kanske för att programmet avslutades oväntat. Vill du fortsätta på "
            f"det?{more}",
            yes="Återställ",
            no="Nej, börja på ett nytt ärende",
        )
    )
    if restore:
        screen.session.session_id = draft.session_id or screen.session.session_id
        screen.restore(draft.text)
