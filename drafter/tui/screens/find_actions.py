"""The main screen's keys and actions for find, replace, quick fixes and undo.

The work is in :mod:`drafter.tui.flows.find`, which (with its dialogs and the core's
:mod:`drafter.replace` and :mod:`drafter.history`) loads when one of these keys is first
used: opening an ärende does not need it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.widgets import Input

from drafter.tui.keys import input_settled
from drafter.tui.messages import UndoUnavailable

if TYPE_CHECKING:
    from drafter.tui.flows.find import FindState
    from drafter.tui.screens.main import MainScreen

BINDINGS: list[BindingType] = [
    Binding(
        "ctrl+f", "find", "Sök", key_display="Ctrl+F", show=False, priority=True,
        id="fält.sok", tooltip="Sök i hela ärendet: alla steg och fält",
    ),
    Binding(
        "ctrl+g", "find_next", "Nästa träff", key_display="Ctrl+G", show=False,
        priority=True, id="fält.sok_nasta", tooltip="Gå till nästa träff för det du sökte",
    ),
    Binding(
        "ctrl+h,ctrl+r", "replace", "Sök och ersätt", key_display="Ctrl+H", show=False,
        priority=True, id="fält.ersatt",
        tooltip="Ersätt ett ord i hela ärendet (Ctrl+R i terminaler där Ctrl+H raderar)",
    ),
    Binding(  # not priority: the findings list shows it for a finding with a replacement
        "f5", "quick_fix", "Byt ordet", key_display="F5", show=False, id="fält.byt_ordet",
        tooltip="Byt det anmärkta ordet mot förslaget (”skall” → ”ska”); Ctrl+Z ångrar",
    ),
    Binding(
        "ctrl+z", "undo", "Ångra", key_display="Ctrl+Z", show=False, priority=True,
        id="fält.angra_andring",
        tooltip="Ångra det senaste (texten i fältet, en ersättning eller en åtgärd)",
    ),
    Binding(
        "ctrl+y", "redo", "Gör om", key_display="Ctrl+Y", show=False, priority=True,
        id="fält.gor_om_andring", tooltip="Gör om det du ångrade",
    ),
]  # fmt: skip
"""The main screen's keys for find, replace, quick fixes and undo."""


class FindActions:
    """The main screen's actions for :data:`BINDINGS`."""

    _find_state: FindState | None = None

    @property
    def find_state(self) -> FindState:
        """What was searched for last and the undo history (made on first use)."""
        if self._find_state is None:
            from drafter.tui.flows.find import FindState

            self._find_state = FindState()
        return self._find_state

    @property
    def _main(self) -> MainScreen:
        return cast("MainScreen", self)

    def action_find(self) -> None:
        from drafter.tui.flows import find

        self._main.start(find.find(self._main), "sök")

    def action_find_next(self) -> None:
        from drafter.tui.flows import find

        self._main.start(find.find(self._main, ask=False), "sök nästa")

    def action_replace(self) -> None:
        from drafter.tui.flows import find

        self._main.start(find.replace(self._main), "ersätt")

    async def action_quick_fix(self) -> None:
        from drafter.tui.flows import find

        await find.apply_fix(self._main)

    async def action_undo(self) -> None:
        await self._undo(redo=False)

    async def action_redo(self) -> None:
        await self._undo(redo=True)

    async def _undo(self, *, redo: bool) -> None:
        screen = self._main
        await input_settled(screen.app.focused, screen)  # keys typed before reach the model
        from textual.widgets import TextArea  # loaded with the first editor

        in_field = isinstance(screen.focused, Input | TextArea)
        if not await self._undo_history(redo=redo, when_synced=in_field):
            raise SkipAction  # the focused field's own undo (or nothing)

    async def on_undo_unavailable(self, message: UndoUnavailable) -> None:
        """A field had nothing left to undo (redo): this history's turn."""
        message.stop()
        await self._undo_history(redo=message.redo, when_synced=False)

    async def _undo_history(self, *, redo: bool, when_synced: bool) -> bool:
        """Undo (redo) a replace or quick fix; ``False`` when there is none (always before
        the first one: then the find flow is not loaded for a field's Ctrl+Z)."""
        if self._find_state is None:
            return False
        from drafter.tui.flows import find

        return await find.undo(self._main, redo=redo, when_synced=when_synced)
