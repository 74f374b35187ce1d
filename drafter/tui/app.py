"""The Textual app: a thin shell holding the session, key bindings and commands."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.dom import DOMNode
from textual.message_pump import MessagePump
from textual.screen import Screen

from drafter.tui.screens.main import MainScreen
from drafter.tui.session import Session

UI_SWITCH_INTERVAL = 0.0005
"""Seconds a worker thread may hold the GIL while the UI thread waits for it."""

FILE_ACTIONS = frozenset({"save", "save_as", "export", "request_quit"})
"""Main-screen actions that read the whole model (see :meth:`DrafterApp.action_main`)."""


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
        self._switch_interval: float | None = None
        """The interpreter's thread switch interval before this app lowered it."""

    def on_ready(self) -> None:
        # The first frame is painted: collect once, then move every object alive now out
        # of the collector's way. Without this, full collections walk the thousands of
        # widgets and stall the UI for 50–80 ms while the user types.
        gc.collect()
        gc.freeze()
        gc.enable()  # run_tui turns the collector off while starting
        # Checks, saves and recovery drafts run in threads and hold the GIL while they
        # compute. With Python's default 5 ms switch interval, the UI thread waits up to
        # 5 ms each time it wants the GIL back (on every turn of the event loop): 5 ms on a
        # keystroke typed during a save at 500 KB. At 0.5 ms it is under 1 ms.
        if self._switch_interval is None:
            self._switch_interval = sys.getswitchinterval()
            sys.setswitchinterval(UI_SWITCH_INTERVAL)

    def on_unmount(self) -> None:
        if self._switch_interval is not None:
            sys.setswitchinterval(self._switch_interval)
            self._switch_interval = None

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
        """Run an action of the main screen.

        File actions first let keys typed just before (a paste, a fast typist, a busy
        machine) reach the model: see :meth:`after_pending_input`.
        """
        screen = self.screen
        if not isinstance(screen, MainScreen):
            return
        if action in FILE_ACTIONS:
            self.after_pending_input(lambda: self._run_main(action))
        else:
            await screen.run_action(action)

    def _run_main(self, action: str) -> None:
        screen = self.screen
        if isinstance(screen, MainScreen):
            self.call_later(screen.run_action, action)

    def after_pending_input(self, callback: Callable[[], object]) -> None:
        """Call ``callback`` once every key already sent to the focused widget is in the model.

        Keys wait in the focused widget's message queue; handling them posts Changed
        messages that bubble up one queue at a time to the editor, which writes the model
        and tells the screen. Queues are first in, first out, so visiting each node from
        the focused widget up to the screen twice (once to pass what is queued there, once
        more for what that posted to itself) runs ``callback`` after all of it.
        """
        nodes: list[MessagePump] = []
        node: DOMNode | None = self.focused
        while node is not None and node is not self:
            nodes.append(node)
            if node is self.screen:
                break
            node = node.parent

        def visit(index: int) -> None:
            if index >= len(nodes):
                callback()
                return
            here = nodes[index]
            here.call_later(here.call_later, visit, index + 1)

        visit(0)

    def action_command_palette(self) -> None:
        app: App[object] = self  # type: ignore[assignment]
        if self.use_command_palette and not CommandPalette.is_open(app):
            self.push_screen(CommandPalette(id="--command-palette", placeholder="Sök kommando …"))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from drafter.tui.commands import system_commands  # only when the palette opens

        yield from system_commands(self, screen)
