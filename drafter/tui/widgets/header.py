"""The header line: icon, app name, the ärende's file and its status (unsaved, saved, …).

A one-line widget of its own: a new status repaints this line only (no layout, no
repaint of the screen, which setting ``App.sub_title`` would cause on every first
keystroke after a save). The status must stay readable: when the line is too narrow the
app name goes first, then the start of the path. The file name is text from outside, so
it is shown as plain text with control characters made visible.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widget import Widget

from drafter.text import printable
from drafter.tui.session import Session

SEPARATOR = "  •  "
MIN_NAME = 20
"""Cells of an elided path worth showing (with its "…"); below that the path is left out."""


class TitleHeader(Widget):
    """A one-line header whose text changes without a layout."""

    DEFAULT_CSS = """
    TitleHeader {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def __init__(self, title: str, *, icon: str = "") -> None:
        super().__init__(id="header")
        self.app_title = title
        self.icon = icon
        self.file = ""
        self.status = ""
        self.status_style = ""

    def show(self, name: str, status: str = "", style: str = "") -> None:
        """Show the file name and a status after it (``style``: a Textual style string).
        Called on every keystroke: the line is repainted only when it changes."""
        shown = (printable(name), status, style)
        if shown != (self.file, self.status, self.status_style):
            self.file, self.status, self.status_style = shown
            self.refresh()

    def show_session(
        self, session: Session, last_save: tuple[str, str] | None, autosave_error: str | None
    ) -> None:
        """The ärende's file and status: unsaved, saved at HH:MM, read-only, and whether
        its recovery draft could not be written (crash protection off)."""
        path = session.path
        name = str(path) if path is not None else "nytt ärende (inte sparat)"
        if session.read_only:
            status, style = "skrivskyddad", "$text-warning"
        elif session.dirty:
            status = "ändrat" if last_save is None else f"ändrat, sparat senast {last_save[0]}"
            style = "$text-warning"
        elif last_save is not None:
            status, style = last_save[1], "bold $text-success"
        else:
            status, style = "", ""
        if autosave_error is not None and not session.read_only:
            status = f"{status}{SEPARATOR if status else ''}ingen återställningsfil"
            style = "bold $text-error"
        self.show(name, status, style)

    @property
    def text(self) -> str:
        """The header as plain text (what the user reads)."""
        return self.line(self.size.width).plain

    def render(self) -> Content:
        return self.line(self.size.width)

    def line(self, width: int) -> Content:
        """The header fitted into ``width`` cells: the status first, then the name."""
        lead = f" {self.icon}  " if self.icon else " "
        app_title, name, status = self.app_title, self.file, self.status
        room_for_text = width - cell_len(lead)
        tail = cell_len(SEPARATOR + status) if status else 0
        if width > 0 and cell_len(f"{app_title} — {name}") + tail > room_for_text:
            app_title = ""
            room = room_for_text - tail
            if cell_len(name) > room:
                name = _elide_start(name, room - 1) if room >= MIN_NAME else ""
        parts: list[tuple[str, str] | str] = [lead]
        if app_title:
            parts.append(app_title)
        if name:
            parts += [(" — ", "dim")] if app_title else []
            parts.append((name, "dim"))
        if status:
            parts += [(SEPARATOR, "dim")] if app_title or name else []
            parts.append((status, self.status_style))
        return Content.assemble(*parts)


def _elide_start(text: str, cells: int) -> str:
    """``"…"`` and as much of the end of ``text`` as fits ``cells`` cells."""
    used = 0
    start = len(text)
    while start > 0 and used + cell_len(text[start - 1]) <= cells:
        start -= 1
        used += cell_len(text[start])
    return "…" + text[start:]
