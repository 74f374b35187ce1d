"""A TextArea that underlines misspelled words (STAV-1 findings) in its text.

The marks come from the last check run (``drafter.spelling.edit.word_marks``); the text
may have changed since, so a mark is drawn only where its word still stands. Drawing
goes through TextArea's documented hook for extra styling, :meth:`TextArea.get_line`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import TextArea

from drafter.findings import Finding
from drafter.paste import join_pasted
from drafter.spelling import edit
from drafter.tui.messages import UndoUnavailable

MARK_STYLE = Style(underline=True, color="red")
"""How a misspelled word looks."""


class MarkedTextArea(TextArea):
    """A TextArea for one field of the ärende (``field``, as in ``Finding.field``).

    Every text field of the ärende has the same keys: Ctrl+Z / Ctrl+Y undo and redo what
    was typed here (and, once this field's history is used up, ask the row list or the
    screen above to undo their edits: :class:`UndoUnavailable`), Ctrl+A selects the whole
    field, Ctrl+Home / Ctrl+End go to its start and end.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+z", "undo", "Ångra", show=False, id="fält.angra",
            tooltip="Ångra det senaste du skrev (eller den senaste radändringen)",
        ),
        Binding(
            "ctrl+y", "redo", "Gör om", show=False, id="fält.gor_om",
            tooltip="Gör om det du ångrade",
        ),
        Binding(
            "ctrl+a", "select_all", "Markera allt", show=False, id="fält.markera_allt",
            tooltip="Markera all text i fältet",
        ),
        Binding(
            "ctrl+home", "field_start", "Fältets början", show=False, id="fält.borjan",
            tooltip="Till början av fältet",
        ),
        Binding(
            "ctrl+end", "field_end", "Fältets slut", show=False, id="fält.slut",
            tooltip="Till slutet av fältet",
        ),
    ]  # fmt: skip

    def __init__(self, text: str = "", *, field: str, **kwargs: Any) -> None:
        super().__init__(text, **kwargs)
        self.field = field
        self._marks: dict[int, list[tuple[int, int, str]]] = {}
        """Row → (start column, end column, word) of the words to underline."""

    def action_undo(self) -> None:
        if self.read_only:
            return
        if self.history.undo_stack:
            self.undo()
        else:
            self.post_message(UndoUnavailable(redo=False))

    def action_redo(self) -> None:
        if self.read_only:
            return
        if self.history.redo_stack:
            self.redo()
        else:
            self.post_message(UndoUnavailable(redo=True))

    async def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # instead of TextArea's own paste
        event.stop()
        if not self.read_only and event.text:
            self.insert_pasted(event.text)

    def action_paste(self) -> None:
        """Ctrl+V: paste what was copied in this program (as a terminal paste is)."""
        if not self.read_only and self.app.clipboard:
            self.insert_pasted(self.app.clipboard)

    def insert_pasted(self, text: str) -> None:
        """Paste, then join the pasted hard-wrapped lines into paragraphs: two undo steps,
        so one Ctrl+Z gives back the text exactly as it was pasted."""
        start, end = self.selection
        start, end = min(start, end), max(start, end)
        pasted = self.replace(text, start, end)
        self.move_cursor(pasted.end_location)
        joined = join_pasted(text)
        if "\n" in text and joined and joined != text:
            self.history.checkpoint()
            result = self.replace(joined, start, pasted.end_location)
            self.move_cursor(result.end_location)

    def action_field_start(self) -> None:
        self.move_cursor((0, 0))

    def action_field_end(self) -> None:
        self.move_cursor(self.document.end)

    @property
    def marked_words(self) -> list[str]:
        """The words underlined now (for tests and the key help)."""
        return [word for row in sorted(self._marks) for _, _, word in self._marks[row]]

    def show_marks(self, findings: list[Finding], section: str | None) -> None:
        """Underline the words of ``findings`` that belong to this field."""
        text = self.text
        marks: dict[int, list[tuple[int, int, str]]] = {}
        for start, end, finding in edit.word_marks(findings, section, self.field):
            word = finding.word or ""
            if text[start:end] != word or "\n" in word:
                continue  # typed on since the check: the next check marks it again
            row, column = edit.location(text, start)
            marks.setdefault(row, []).append((column, column + len(word), word))
        if marks == self._marks:
            return
        self._marks = marks
        self.notify_style_update()  # drops the rendered lines kept in the line cache
        self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        try:
            return super().render_lines(crop)
        except KeyError:
            # Textual 8.2 can draw a TextArea mounted a moment ago before its component
            # styles exist (textual#6528: "No 'text-area--gutter' key"); rows are mounted
            # while the user types. Draw it blank this once: styling it refreshes it.
            self.refresh()
            return [Strip.blank(crop.width) for _ in range(crop.height)]

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        for start, end, word in self._marks.get(line_index, ()):
            if line.plain[start:end] == word:
                line.stylize(MARK_STYLE, start, end)
        return line
