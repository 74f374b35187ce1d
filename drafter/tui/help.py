"""The F1 help of a step: the focused field's help, what to fix there, and every key."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.tui.keys import key_help
from drafter.tui.session import REVIEW_STEP, REVIEW_TITLE
from drafter.tui.widgets.rows import RowInput, RowList

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
    return title, text + "\n\n" + key_help(type(screen), RowList, RowInput)
