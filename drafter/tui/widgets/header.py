"""The header line: Textual's Header whose title updates repaint only the title.

drafter's sub-title changes on the first keystroke after each save ("ändrat") and when a
save finishes ("Sparat 14:02 – fil.toml och fil.md"). Setting ``App.sub_title`` repaints the
whole screen, and Textual's HeaderTitle then asks for a layout of it: 20–50 ms that
keystroke would wait for. The main screen sets the sub-title without its watchers and calls
:meth:`TitleHeader.show`; the title always fills the header's one line, so a repaint of the
title is enough.

The status (unsaved, saved, read-only) comes after the file name and is what must stay
readable: when the line is too narrow the app name goes first, then the start of the path.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.content import Content
from textual.visual import VisualType
from textual.widgets import Header
from textual.widgets._header import HeaderClockSpace, HeaderIcon, HeaderTitle

SEPARATOR = "  •  "
MIN_NAME = 20
"""Cells of an elided path worth showing (with its "…"); below that the path is left out."""


class _Title(HeaderTitle):
    def update(self, content: VisualType = "", *, layout: bool = False) -> None:
        super().update(content, layout=False)


class TitleHeader(Header):
    """A one-line header (icon, title, file and status) whose title changes without a layout."""

    def __init__(self, *, icon: str | None = None) -> None:
        super().__init__(icon=icon)
        self._file = ""
        self._status_text = ""
        self._status_style = ""

    def compose(self) -> ComposeResult:
        yield HeaderIcon().data_bind(Header.icon)
        yield _Title()
        yield HeaderClockSpace()

    def show(self, name: str, status: str = "", style: str = "") -> None:
        """Show the file name and a status after it (``style``: a Textual style string)."""
        self._file, self._status_text, self._status_style = name, status, style
        self.refresh_title()

    def refresh_title(self) -> None:
        """Show the app's title with the current name and status."""
        self.query_one(_Title).update(self.format_title())

    def format_title(self) -> Content:
        """The title line, fitted into the title's width: the status first, then the name."""
        app_title, name, status = self.screen_title, self._file, self._status_text
        width = self.query_one(_Title).content_size.width if self.is_mounted else 0
        tail = cell_len(SEPARATOR + status) if status else 0
        if width > 0 and cell_len(f"{app_title} — {name}") + tail > width:
            app_title = ""
            room = width - tail
            if cell_len(name) > room:
                name = _elide_start(name, room - 1) if room >= MIN_NAME else ""
        parts: list[tuple[str, str] | str] = [app_title] if app_title else []
        if name:
            parts += [(" — ", "dim")] if parts else []
            parts.append((name, "dim"))
        if status:
            parts += [(SEPARATOR, "dim")] if parts else []
            parts.append((status, self._status_style))
        return Content.assemble(*parts)

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.refresh_title)  # the title's new width is known then


def _elide_start(text: str, cells: int) -> str:
    """``"…"`` and as much of the end of ``text`` as fits ``cells`` cells."""
    used = 0
    start = len(text)
    while start > 0 and used + cell_len(text[start - 1]) <= cells:
        start -= 1
        used += cell_len(text[start])
    return "…" + text[start:]
