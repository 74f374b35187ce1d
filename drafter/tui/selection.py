"""Select a span of a text field's text, whatever widget the field is.

Fields are ``Input``s or ``TextArea``s (or widgets built on them); offsets are characters
in the field's whole text, as in ``Finding.span``.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.widget import Widget
from textual.widgets import Input, TextArea
from textual.widgets.input import Selection as InputSelection
from textual.widgets.text_area import Selection

from drafter.spelling.edit import location


@dataclass(frozen=True)
class Place:
    """A part of a field's text to select: ``start:end``, which should read ``text`` (any
    case; ``None``: whatever it reads)."""

    start: int
    end: int
    text: str | None = None


def field_text(widget: Widget | None) -> str | None:
    """The text a field widget holds (``None`` for a widget that is no text field)."""
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Input):
        return widget.value
    return None


def select_span(widget: Widget, start: int, end: int) -> bool:
    """Select ``start:end`` of the field's text, the cursor at its end; ``False`` when the
    widget is no text field or the span is outside its text."""
    text = field_text(widget)
    if text is None or not 0 <= start <= end <= len(text):
        return False
    if isinstance(widget, TextArea):
        widget.selection = Selection(location(text, start), location(text, end))
        widget.scroll_cursor_visible()
    elif isinstance(widget, Input):
        widget.selection = InputSelection(start, end)
    return True


def cursor_offset(widget: Widget | None) -> int | None:
    """Where the cursor stands in the field's text (a character offset)."""
    if isinstance(widget, TextArea):
        row, column = widget.cursor_location
        lines = widget.text.split("\n")
        return sum(len(line) + 1 for line in lines[:row]) + column
    if isinstance(widget, Input):
        return widget.cursor_position
    return None
