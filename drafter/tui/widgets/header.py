"""The header line: Textual's Header whose title updates repaint only the title.

drafter's sub-title changes on the first keystroke after each save ("•  ändrat"). Setting
``App.sub_title`` repaints the whole screen, and Textual's HeaderTitle then asks for a
layout of it: 20–50 ms that keystroke would wait for. The main screen sets the sub-title
without its watchers and calls :meth:`TitleHeader.refresh_title`; the title always fills
the header's one line, so a repaint of the title is enough.
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

    def refresh_title(self) -> None:
        """Show the app's current title and sub-title (set without their watchers)."""
        self.query_one(_Title).update(self.format_title())
