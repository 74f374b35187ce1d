"""Select a span of a text field's text, whatever widget the field is.

Fields are ``Input``s or ``TextArea``s (or widgets built on them); offsets are characters
in the field's whole text, as in ``Finding.span``.

Textual's TextArea is imported by the functions that need it, not with this module: an
ärende that opens on the review paints its first frame without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.widget import Widget
from textual.widgets import Input
from textual.widgets.input import Selection as InputSelection

from drafter.spelling.edit import location

if TYPE_CHECKING:
    from textual.screen import Screen

    from drafter.tui.widgets.editors import StepEditor


@dataclass(frozen=True)
class Place:
    """A part of a field's text to select: ``start:end``, which should read ``text`` (any
    case; ``None``: whatever it reads)."""

    start: int
    end: int
    text: str | None = None


def field_text(widget: Widget | None) -> str | None:
    """The text a field widget holds (``None`` for a widget that is no text field)."""
    from textual.widgets import TextArea

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
    from textual.widgets import TextArea
    from textual.widgets.text_area import Selection

    if isinstance(widget, TextArea):
        widget.selection = Selection(location(text, start), location(text, end))
        widget.scroll_cursor_visible()
    elif isinstance(widget, Input):
        widget.selection = InputSelection(start, end)
    return True


def cursor_offset(widget: Widget | None) -> int | None:
    """Where the cursor stands in the field's text (a character offset)."""
    from textual.widgets import TextArea

    if isinstance(widget, TextArea):
        row, column = widget.cursor_location
        lines = widget.text.split("\n")
        return sum(len(line) + 1 for line in lines[:row]) + column
    if isinstance(widget, Input):
        return widget.cursor_position
    return None


def focus_at(
    screen: Screen[None], editor: StepEditor, field_name: str | None, place: Place | None
) -> None:
    """Focus a field of a shown editor and, with ``place``, select that part of its text
    once the field has the focus (the text must still hold ``place.text`` there)."""
    editor.focus_field(field_name)
    if place is None:
        return

    def attempt(tries: int) -> None:
        focused = screen.focused
        if focused is not None and editor in focused.ancestors and _holds(focused, place):
            focused.call_later(select_span, focused, place.start, place.end)
        elif focused is not None and editor in focused.ancestors and focused.parent:
            # a row of several fields (name, title): the editor chose the other one
            other = [w for w in focused.parent.children if w is not focused and _holds(w, place)]
            if other:
                other[0].focus()
                screen.app.call_later(attempt, 0)
        elif tries:
            screen.app.call_later(attempt, tries - 1)

    # Focusing is queued on the app (Widget.focus): this runs after it, and the selection
    # is queued on the field after its Focus event.
    screen.app.call_later(attempt, 5)


def _holds(widget: Widget, place: Place) -> bool:
    text = field_text(widget)
    if text is None:
        return False
    return place.text is None or text[place.start : place.end].casefold() == place.text.casefold()
