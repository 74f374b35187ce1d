"""A one-paragraph text field that wraps and grows with its text.

Every short field of the ärende (header fields, the lead-in, decision points, list rows,
names and titles) is a :class:`Field`: one line while the text is short, more lines as it
grows (up to the ``max-height`` in ``app.tcss``, then it scrolls), so a long decision
point is read whole. Enter never breaks the line: it goes to the next field (a row list
gives it its own meaning). Undo, select all and the other field keys come from
:class:`MarkedTextArea`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content

from drafter.paste import one_line
from drafter.tui.widgets.marked import MarkedTextArea


class Field(MarkedTextArea):
    """A one-paragraph field: soft-wraps, grows with its text, Enter goes to the next field.

    ``value`` reads and sets the text as :class:`textual.widgets.Input` did (setting it
    starts a new undo history: it is the model's text shown again, not an edit).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter", "submit", "Nästa fält", show=False, priority=True,
            tooltip="Gå till nästa fält",
        ),
    ]  # fmt: skip

    def __init__(
        self,
        text: str = "",
        *,
        field: str,
        placeholder: str = "",
        id: str | None = None,  # noqa: A002 - Textual's name
        classes: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(
            text,
            field=field,
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            compact=True,
            placeholder=Content(placeholder),  # text from the template: never markup
            id=id,
            classes=f"text-field {classes}".strip(),
            **kwargs,
        )
        self._entered = False

    @property
    def value(self) -> str:
        return self.text

    @value.setter
    def value(self, text: str) -> None:
        if text != self.text:
            self.load_text(text)
            self.move_cursor(self.document.end)

    def set_placeholder(self, text: str) -> None:
        """Show ``text`` (plain text, never markup) while the field is empty."""
        self.placeholder = Content(text)

    def action_submit(self) -> None:
        """Enter: the next field (the keys typed after Enter go there)."""
        self.screen.focus_next()

    def insert_pasted(self, text: str) -> None:
        """A paste becomes one line: its lines joined, a hyphen-split word rejoined."""
        self.put_text(one_line(text))

    def put_text(self, text: str) -> None:
        """Put ``text`` where the selection is (one undo step)."""
        if not text:
            return
        start, end = self.selection
        result = self.replace(text, start, end)
        self.move_cursor(result.end_location)

    def _on_focus(self, event: events.Focus) -> None:
        # Entered for the first time: the cursor goes to the end of the text, ready to
        # go on typing (as in a one-line input); later it stays where it was left.
        if not self._entered:
            self._entered = True
            if self.selection.is_empty and self.cursor_location == (0, 0):
                self.move_cursor(self.document.end)

    def _on_blur(self, event: events.Blur) -> None:
        # A field you are not in shows the start of its text.
        self.scroll_home(animate=False)
