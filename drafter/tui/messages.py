"""Messages that travel up from widgets to the main screen (state goes down by method calls)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from drafter.tui.session import SaveResult


class SectionChanged(Message):
    """An editor has written a change into the ärende model.

    Attributes:
        step_id: The step whose content changed (a section id or the header step id).
    """

    def __init__(self, step_id: str) -> None:
        super().__init__()
        self.step_id = step_id

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, SectionChanged) and message.step_id == self.step_id


class OpenStep(Message):
    """Open a step, optionally focusing a field (a ``Finding.field`` value)."""

    def __init__(self, step_id: str, field: str | None = None) -> None:
        super().__init__()
        self.step_id = step_id
        self.field = field


class FieldFocused(Message):
    """A field got focus; the screen shows its help.

    Attributes:
        title: Swedish label of the field.
        text: The help text for the field.
    """

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title = title
        self.text = text


class SaveFinished(Message):
    """A save running in a thread has finished (posted to the main screen).

    Attributes:
        result: What was written, or ``None`` when the save failed.
        error: The Swedish reason the save failed, or ``None``.
        then: What to do after a successful save (e.g. quit), or ``None``.
    """

    def __init__(
        self,
        result: SaveResult | None,
        error: str | None,
        then: Callable[[], object] | None,
    ) -> None:
        super().__init__()
        self.result = result
        self.error = error
        self.then = then
