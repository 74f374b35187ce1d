"""A TextArea that underlines misspelled words (STAV-1 findings) in its text.

The marks come from the last check run (``drafter.spelling.edit.word_marks``); the text
may have changed since, so a mark is drawn only where its word still stands. Drawing
goes through TextArea's documented hook for extra styling, :meth:`TextArea.get_line`.
"""

from __future__ import annotations

from typing import Any

from rich.style import Style
from rich.text import Text
from textual.widgets import TextArea

from drafter.findings import Finding
from drafter.spelling import edit

MARK_STYLE = Style(underline=True, color="red")
"""How a misspelled word looks."""


class MarkedTextArea(TextArea):
    """A TextArea for one field of the ärende (``field``, as in ``Finding.field``)."""

    def __init__(self, text: str = "", *, field: str, **kwargs: Any) -> None:
        super().__init__(text, **kwargs)
        self.field = field
        self._marks: dict[int, list[tuple[int, int, str]]] = {}
        """Row → (start column, end column, word) of the words to underline."""

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

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        for start, end, word in self._marks.get(line_index, ()):
            if line.plain[start:end] == word:
                line.stylize(MARK_STYLE, start, end)
        return line
