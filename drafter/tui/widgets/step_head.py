"""The line above the editor: the step's title on the left, its LIX on the right."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from drafter.text import printable


class StepHead(Widget):
    """One line: the title in bold (cut with "…" when the LIX needs the room) and the
    section's LIX, right-aligned.

    One widget rather than a row of two Statics: each widget on the screen costs its
    share of styling and layout before the first frame (callgrind: ~13 M instructions
    for the row and its two Statics).
    """

    DEFAULT_CSS = """
    StepHead {
        height: 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self.step_title = ""
        self.lix = ""
        """The LIX label shown (empty: none)."""

    def show(self, *, title: str | None = None, lix: str | None = None) -> None:
        """Show a new title and/or LIX label (text from a file: shown as it is)."""
        if title is not None:
            self.step_title = printable(title)
        if lix is not None:
            self.lix = printable(lix)
        self.refresh()

    def render(self) -> Content:
        width = self.size.width
        lix = Content.styled(self.lix, "$text-secondary")
        room = width - lix.cell_length - 2 if self.lix else width
        title = Content.styled(self.step_title, "bold $text-primary").truncate(
            max(room, 0), ellipsis=True
        )
        gap = max(width - title.cell_length - lix.cell_length, 0)
        return Content.assemble(title, " " * gap, lix)
