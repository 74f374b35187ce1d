"""The F1 help of a step: the focused field's help, what to fix there, and every key; and
the help line above the editor, cut to a few whole lines ending in "… (F1)"."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from textual.visual import VisualType
from textual.widgets import Static

from drafter.tui.keys import key_help
from drafter.tui.session import REVIEW_STEP, REVIEW_TITLE

if TYPE_CHECKING:
    from drafter.tui.screens.main import MainScreen

REVIEW_HELP = (
    "Listan visar alla fel och varningar i dokumentet, ordnade efter sektion. "
    "Välj en med piltangenterna och tryck Enter för att gå dit.\n\n"
    "F2 (Ctrl+S) sparar ärendet som TOML och skriver Markdown bredvid.\n"
    "F3 (Ctrl+E) exporterar till Markdown, Word eller PDF/A i en fil du väljer."
)


def step_help(screen: MainScreen) -> tuple[str, str] | None:
    """(title, text) of the F1 help for the screen's current step; ``None`` while the
    step's editor is still being built."""
    if screen.current == REVIEW_STEP:
        title, text = REVIEW_TITLE, REVIEW_HELP
    else:
        editor = screen.editor(screen.current)
        if editor is None:
            return None
        focused = screen.focused
        inside = focused is not None and editor in focused.ancestors
        title, text = editor.help_for(focused if inside else None)
        findings = screen.session.findings_for(screen.current)
        if findings:
            text += "\n\nAtt åtgärda här:\n" + "\n".join(
                f"• {f.severity.label}: {f.message} [{f.rule}]" for f in findings
            )
    # the editors' widgets, imported here, not with the screen (see drafter.tui.selection)
    from drafter.tui.widgets.marked import MarkedTextArea
    from drafter.tui.widgets.rows import RowInput, RowList

    return title, text + "\n\n" + key_help(type(screen), MarkedTextArea, RowList, RowInput)


HELP_LINES = 3
"""Lines the help above the editor takes at most."""
MORE = " … (F1)"


def shorten_help(text: str, width: int, lines: int = HELP_LINES) -> str:
    """``text`` wrapped at ``width``; when it needs more than ``lines`` lines, the first
    ``lines`` lines cut after a whole word and ending in " … (F1)"."""
    if width <= len(MORE) + 1:
        return text
    wrapped = textwrap.wrap(text, width, break_on_hyphens=False)
    if len(wrapped) <= lines:
        return text
    kept = wrapped[:lines]
    words = kept[-1].split(" ")
    while len(words) > 1 and len(" ".join(words)) + len(MORE) > width:
        words.pop()
    last = " ".join(words)
    if len(last) + len(MORE) > width:  # one word longer than the line: cut it
        last = last[: width - len(MORE)]
    kept[-1] = last.rstrip(" ,;:") + MORE
    return "\n".join(kept)


class HelpLine(Static):
    """The help text above the editor: at most :data:`HELP_LINES` lines, cut after a whole
    word with "… (F1)" (F1 shows the whole text). Plain text, never markup."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__("", id=id, markup=False)
        self.full_text = ""
        """The whole help text, as given to :meth:`update`."""

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        self.full_text = str(content)
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        width = self.content_region.width
        text = self.full_text
        if width > 0:
            text = shorten_help(text, width)
        super().update(text)
