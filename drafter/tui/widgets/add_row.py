"""The "+ Lägg till …" button under a row list (:mod:`drafter.tui.widgets.rows`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.binding import Binding, BindingType

from drafter.tui.widgets.light_button import LightButton

if TYPE_CHECKING:
    from drafter.tui.widgets.rows import RowInput, RowList


class AddRowButton(LightButton):
    """ "+ Lägg till rad": Enter or a click adds a row; so does typing, and what is typed
    goes into the new row (a sentence typed after Tab from the last row is not lost).
    A :class:`LightButton`: Button's CSS would cost ~7 ms before the first frame of every
    step that has a row list.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "press", "Lägg till", show=False)]

    def __init__(self, label: str) -> None:
        super().__init__(label, classes="add-row")
        self._target: RowInput | None = None
        """The row added by typing here; keys still on their way here go to it."""

    def _owner(self) -> RowList | None:
        from drafter.tui.widgets.rows import RowList  # the list this button belongs to

        return next((n for n in self.ancestors if isinstance(n, RowList)), None)

    async def pressed(self) -> None:
        """Add a row at the end of the list (Enter or a click)."""
        owner = self._owner()
        if owner is not None:
            await owner.add_row()

    def _on_focus(self, event: events.Focus) -> None:
        self._target = None

    async def _on_key(self, event: events.Key) -> None:
        if not event.is_printable or event.character is None:
            return
        event.stop()
        event.prevent_default()
        owner = self._owner()
        if owner is None or self.disabled:
            return
        if self._target is None or not self._target.is_attached:
            await owner.add_row()
            from drafter.tui.widgets.rows import RowInput

            focused = self.screen.focused
            self._target = focused if isinstance(focused, RowInput) else None
        if self._target is not None:
            self._target.insert(event.character, self._target.document.end)
            self._target.move_cursor(self._target.document.end)
