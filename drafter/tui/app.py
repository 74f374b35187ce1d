"""The Textual app: a thin shell holding the session, key bindings and commands."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import Screen

from drafter.tui.commands import system_commands
from drafter.tui.screens.main import MainScreen
from drafter.tui.session import Session


class DrafterApp(App[int]):
    """drafter's writing program (skrivprogrammet)."""

    CSS_PATH = "app.tcss"
    TITLE = "drafter"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "main('help')", "Hjälp", key_display="F1", priority=True, id="help"),
        Binding("ctrl+s,f2", "main('save')", "Spara", key_display="F2", priority=True, id="save"),
        Binding(
            "ctrl+e,f3",
            "main('export')",
            "Export",
            key_display="F3",
            priority=True,
            id="export",
        ),
        Binding(
            "f8,ctrl+pagedown",
            "main('next_step')",
            "Nästa",
            key_display="F8",
            priority=True,
            id="next_step",
        ),
        Binding(
            "f7,ctrl+pageup",
            "main('prev_step')",
            "Föregående steg",
            key_display="F7",
            show=False,
            priority=True,
            id="prev_step",
        ),
        Binding(
            "f4",
            "main('toggle_preview')",
            "Förhandsvisa",
            key_display="F4",
            priority=True,
            id="preview",
        ),
        Binding("f6", "main('focus_steps')", "Steg", show=False, priority=True, id="steps"),
        Binding(
            "ctrl+q,f10",
            "main('request_quit')",
            "Avsluta",
            key_display="F10",
            priority=True,
            id="quit",
        ),
        Binding(
            "ctrl+p",
            "command_palette",
            "Kommandon",
            key_display="^P",
            show=False,
            priority=True,
            id="palette",
        ),
    ]

    def __init__(
        self,
        session: Session,
        *,
        overwrite_prompt: Path | None = None,
        import_report: str | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self._overwrite_prompt = overwrite_prompt
        self._import_report = import_report

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(
            self.session,
            overwrite_prompt=self._overwrite_prompt,
            import_report=self._import_report,
        )

    @property
    def main_screen(self) -> MainScreen:
        screen = self.get_screen("main") if self.is_screen_installed("main") else None
        if isinstance(screen, MainScreen):
            return screen
        for candidate in self.screen_stack:
            if isinstance(candidate, MainScreen):
                return candidate
        raise RuntimeError("main screen missing")

    def release_lock(self) -> None:
        """Release this drafter's lock on the ärende file (when it holds one)."""
        self.session.release_lock()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # File and step keys act on the main screen only, not under a dialog.
        return action != "main" or isinstance(self.screen, MainScreen)

    async def action_main(self, action: str) -> None:
        """Run an action of the main screen."""
        if isinstance(self.screen, MainScreen):
            await self.screen.run_action(action)

    def action_command_palette(self) -> None:
        app: App[object] = self  # type: ignore[assignment]
        if self.use_command_palette and not CommandPalette.is_open(app):
            self.push_screen(CommandPalette(id="--command-palette", placeholder="Sök kommando …"))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from system_commands(self, screen)
