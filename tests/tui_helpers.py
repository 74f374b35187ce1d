"""Small lookups shared by the Pilot tests (import as ``from tui_helpers import …``)."""

from __future__ import annotations

from textual.widget import Widget

from drafter.tui.app import DrafterApp
from drafter.tui.screens.main import MainScreen


def main_screen(app: DrafterApp) -> MainScreen:
    """The screen shown, which must be the main screen (no dialog open)."""
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


def focused(app: DrafterApp) -> Widget | None:
    """The focused widget (a call: mypy must not keep an earlier isinstance narrowing)."""
    return app.focused


def toasts(app: DrafterApp) -> list[str]:
    """The notifications shown (Textual keeps them on the app)."""
    return [n.message for n in app._notifications]
