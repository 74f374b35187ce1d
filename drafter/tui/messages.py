"""Messages that travel up from widgets to the main screen (state goes down by method calls)."""

from __future__ import annotations

from textual.message import Message

from drafter.tui.selection import Place


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
    """Open a step, optionally focusing a field (a ``Finding.field`` value) and selecting a
    part of its text (``place``: a finding's word)."""

    def __init__(self, step_id: str, field: str | None = None, place: Place | None = None) -> None:
        super().__init__()
        self.step_id = step_id
        self.field = field
        self.place = place


class UndoUnavailable(Message):
    """Ctrl+Z (or Ctrl+Y) in a field whose own history has nothing left to undo (redo).

    The field posts it instead of doing nothing; it bubbles up so the nearest owner with a
    history of structural edits answers it: a row list (removed, added or moved rows), then the
    main screen (find and replace, quick fixes). Whoever handles it calls ``stop()``.

    Attributes:
        redo: True for Ctrl+Y (redo), False for Ctrl+Z (undo).
    """

    def __init__(self, redo: bool = False) -> None:
        super().__init__()
        self.redo = redo
