"""Exporting Markdown to a file the user picks (asks first when errors remain)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.errors import DrafterError
from drafter.tui.screens.dialogs import ConfirmScreen, PathScreen
from drafter.tui.session import markdown_path_for

if TYPE_CHECKING:
    from drafter.tui.screens.main import MainScreen


async def export(screen: MainScreen) -> None:
    session = screen.session
    screen.run_checks()
    errors = session.error_count
    if errors:
        go_on = await screen.app.push_screen_wait(
            ConfirmScreen(
                "Dokumentet har fel",
                f"Dokumentet har {errors} fel kvar (se Granska och exportera). "
                "Vill du exportera ändå?",
                yes="Exportera ändå",
                no="Avbryt",
            )
        )
        if not go_on:
            return
    default = str(markdown_path_for(session.path)) if session.path is not None else "arende.md"
    target = await screen.app.push_screen_wait(
        PathScreen("Exportera Markdown", "Var ska Markdown-filen sparas?", default, suffix=".md")
    )
    if target is None:
        return
    try:
        session.export(target)
    except DrafterError as exc:
        screen.notify(exc.message, title="Kunde inte exportera", severity="error", timeout=15)
        return
    screen.notify(f"Exporterade Markdown till {target}.", title="Exporterat")
    if not screen.preview.display:
        screen.action_toggle_preview()
