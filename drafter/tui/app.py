"""The Textual app: a thin shell holding the session; the main screen does the rest."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import Screen

from drafter.tui.commands import DrafterCommands
from drafter.tui.screens.main import MainScreen
from drafter.tui.session import Session


class DrafterApp(App[int], inherit_bindings=False):
    """drafter's writing program (skrivprogrammet).

    The keys live on the screens (see :class:`MainScreen`); Textual's own Ctrl+Q (quit
    without asking) is not inherited: the main screen's Ctrl+Q asks about unsaved changes.
    """

    CSS_PATH = "app.tcss"
    TITLE = "drafter"
    COMMANDS = {DrafterCommands}  # noqa: RUF012 - Textual's type

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+p",
            "command_palette",
            "Kommandon",
            key_display="^P",
            show=False,
            priority=True,
            id="visa.kommandon",
            tooltip="Sök bland alla kommandon",
        ),
    ]

    def __init__(
        self,
        session: Session,
        *,
        overwrite_prompt: Path | None = None,
        import_report: str | None = None,
        spelling: bool = False,
    ) -> None:
        """``spelling``: check spelling as the user types (``run_tui`` turns it on; off by
        default, so an app in a test does not depend on whether the dictionary loaded)."""
        super().__init__()
        self._spelling = spelling
        self.session = session
        self._overwrite_prompt = overwrite_prompt
        self._import_report = import_report

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(
            self.session,
            overwrite_prompt=self._overwrite_prompt,
            import_report=self._import_report,
            spelling=self._spelling,
        )

    @property
    def main_screen(self) -> MainScreen:
        for candidate in self.screen_stack:
            if isinstance(candidate, MainScreen):
                return candidate
        raise RuntimeError("main screen missing")

    def release_lock(self) -> None:
        """Release this drafter's lock on the ärende file (when it holds one)."""
        self.session.release_lock()

    def action_command_palette(self) -> None:
        app: App[object] = self  # type: ignore[assignment]
        if self.use_command_palette and not CommandPalette.is_open(app):
            self.push_screen(CommandPalette(id="--command-palette", placeholder="Sök kommando …"))
