"""The header line: Textual's Header whose title updates repaint only the title.

Textual's HeaderTitle asks for a layout of the whole screen every time the title changes.
drafter's sub-title changes on the first keystroke after each save ("•  ändrat"), and a
layout of the main screen costs 20–50 ms, which that keystroke would wait for. The title
always fills the header's one line, so its size never changes and a repaint is enough.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.visual import VisualType
from textual.widgets import Header
from textual.widgets._header import HeaderClockSpace, HeaderIcon, HeaderTitle


class _Title(HeaderTitle):
    def update(self, content: VisualType = "", *, layout: bool = False) -> None:
        super().update(content, layout=False)


class TitleHeader(Header):
    """A one-line header (icon and title) whose title changes without a layout."""

    def compose(self) -> ComposeResult:
        yield HeaderIcon().data_bind(Header.icon)
        yield _Title()
        yield HeaderClockSpace()
