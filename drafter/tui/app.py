"""The Textual app: a thin shell holding the session; the main screen does the rest."""

from __future__ import annotations

import gc
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import Screen

from drafter.errors import DrafterError
from drafter.startup import resume_gc
from drafter.text import printable
from drafter.tui.commands import DrafterCommands
from drafter.tui.flows import startup
from drafter.tui.screens.main import MainScreen
from drafter.tui.session import Session

THEME_NAMES = {
    "textual-dark": "Mörkt",
    "textual-light": "Ljust",
    "ansi-dark": "Terminalens färger, mörkt",
    "ansi-light": "Terminalens färger, ljust",
    "solarized-dark": "Solarized mörkt",
    "solarized-light": "Solarized ljust",
    "atom-one-dark": "Atom mörkt",
    "atom-one-light": "Atom ljust",
}
"""Swedish names of themes; other themes keep their own name with "mörkt" or "ljust"."""


def theme_label(name: str, dark: bool) -> str:
    """The Swedish name of a theme as the theme list shows it."""
    if name in THEME_NAMES:
        return THEME_NAMES[name]
    words = " ".join(part.capitalize() for part in name.split("-"))
    return f"{words}, {'mörkt' if dark else 'ljust'}"


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
        self._frozen = False
        from drafter.user_settings import saved_theme

        theme = saved_theme()
        if theme is not None and theme in self.available_themes:
            self.theme = theme

    def on_ready(self) -> None:
        # `drafter` paused the collector for the start-up (drafter.startup): it runs again
        # from here. The first frame is painted: move the objects alive now (the widget
        # tree, the template, the ärende) out of the collector's way, so full collections
        # while the user types do not walk them. Measured with `benchmarks/run.py --only
        # typing` at 500 KB: the longest UI stall while typing 135 ms without, 83 ms with.
        # No gc.collect() first: it took ~29 ms here and 70–470 ms in a test process (its
        # heap holds all the suite has loaded); the start-up's cyclic garbage (~2,700
        # objects) is frozen with the rest until the app unmounts and unfreezes it. The
        # freeze comes first: the pause left every start-up object in the youngest
        # generation, and the collector's first pass would walk them all.
        if not self._frozen:
            gc.freeze()
            self._frozen = True
        resume_gc()
        for screen in self.screen_stack:  # the checks wait for the first frame
            if isinstance(screen, MainScreen):
                startup.after_first_frame(screen)

    def on_unmount(self) -> None:
        if self._frozen:
            gc.unfreeze()
            self._frozen = False

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

    def action_change_theme(self) -> None:
        """The theme list in Swedish; the chosen theme is remembered for the next start."""
        themes = sorted(
            self.available_themes.values(), key=lambda t: (t.name not in THEME_NAMES, t.name)
        )
        commands: list[tuple[str, Callable[[], object], str | None]] = []
        for theme in themes:
            label = theme_label(theme.name, theme.dark)
            if theme.name == self.theme:
                label += " (valt)"
            help_text = "Mörkt tema" if theme.dark else "Ljust tema"
            commands.append((label, partial(self.choose_theme, theme.name), help_text))
        self.search_commands(commands, placeholder="Sök tema …")

    def choose_theme(self, name: str) -> None:
        """Use the theme ``name`` and remember it in the user's settings."""
        from drafter.user_settings import save_theme

        self.theme = name
        try:
            save_theme(name)
        except (DrafterError, ValueError) as exc:
            reason = exc.message if isinstance(exc, DrafterError) else "okänt temanamn"
            self.notify(
                printable(f"Temat kunde inte sparas till nästa gång: {reason}"),
                severity="warning",
                markup=False,
            )
