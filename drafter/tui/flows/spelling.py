"""Spelling (F9 on a STAV-1 finding): the suggestions, then replace the word or add it
to a word list. See docs/stavning.md.

The dictionary loads after the first frame (:func:`start`) off the UI thread; until it
is ready, the checks simply give no spelling findings. When it is, the checks run again.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING

from textual.widgets import Input

from drafter import spelling
from drafter.errors import DrafterError
from drafter.findings import Finding
from drafter.spelling import edit, lists
from drafter.text import printable
from drafter.tui.messages import SectionChanged
from drafter.tui.session import HEADER_STEP, step_id_for
from drafter.tui.widgets.panels import FindingsList

if TYPE_CHECKING:
    from drafter.tui.screens.main import MainScreen

RULE = "STAV-1"
READ_ONLY = "Filen är öppen skrivskyddad: ordet kan inte ändras här."


NO_TARGET = (
    "Välj en stavningsanmärkning i listan, eller ställ markören i ett ord som "
    "stavningen har anmärkt på."
)


def target(screen: MainScreen) -> Finding | None:
    """The STAV-1 finding highlighted in a findings list, or the one whose word holds
    the cursor in the focused field."""
    focused = screen.focused
    if isinstance(focused, FindingsList):
        finding = focused.highlighted_finding()
        return finding if is_spelling(finding) else None
    editor = screen.editor(screen.current)
    if focused is None or editor is None or editor not in focused.ancestors:
        return None
    section = None if screen.current == HEADER_STEP else screen.current
    from drafter.tui.widgets.marked import MarkedTextArea  # loaded with the first editor

    if isinstance(focused, MarkedTextArea):
        field, text = focused.field, focused.text
        row, column = focused.cursor_location
        lines = text.split("\n")
        offset = sum(len(line) + 1 for line in lines[:row]) + column
    elif isinstance(focused, Input) and focused.id is not None:
        field = focused.id.removeprefix("falt-")
        offset = focused.cursor_position
    else:
        return None
    spelled = [f for f in screen.session.findings if is_spelling(f)]
    return edit.finding_at(spelled, section, field, offset)


def start(screen: MainScreen) -> spelling.Mode:
    """Turn spelling on for this process (without waiting for the dictionary) and load
    the dictionary; returns the mode to restore when the app ends."""
    previous = spelling.set_mode(spelling.Mode.NON_BLOCKING)
    ui_thread = threading.get_ident()

    def loaded(_speller: spelling.Speller | None) -> None:
        if threading.get_ident() == ui_thread:  # already loaded: called at once
            screen.checks.start()
            return
        with contextlib.suppress(RuntimeError):  # the app has ended meanwhile
            screen.app.call_from_thread(screen.checks.start)

    spelling.load_async(loaded)
    return previous


def is_spelling(finding: Finding | None) -> bool:
    return finding is not None and finding.rule == RULE and finding.word is not None


async def correct(screen: MainScreen, finding: Finding) -> None:
    """Ask what to do with the finding's word, and do it."""
    assert finding.word is not None
    from drafter.tui.screens.spelling_dialog import SpellingDialog  # imported when first used

    choice = await screen.app.push_screen_wait(SpellingDialog(finding.word, finding.suggestions))
    if choice is None:
        return
    session = screen.session
    step_id = step_id_for(finding)
    if choice.kind == "min_ordlista":
        try:
            lists.add_user_word(choice.word)
        except DrafterError as exc:
            screen.notify(exc.message, title="Kunde inte lägga till ordet", severity="error")
            return
        screen.notify(f"”{printable(choice.word)}” står nu i din ordlista.", markup=False)
        screen.run_checks()
        return
    if session.read_only:
        screen.notify(READ_ONLY, title="Skrivskyddad", severity="warning")
        return
    if choice.kind == "arendets_ordlista":
        if not lists.add_arende_word(session.arende, choice.word):
            screen.notify(
                f"”{printable(choice.word)}” kan inte läggas till i ärendets ordlista.",
                severity="warning",
            )
            return
        screen.notify(f"”{printable(choice.word)}” står nu i ärendets ordlista.", markup=False)
    elif not edit.apply_suggestion(session.arende, finding, choice.word):
        screen.run_checks()
        screen.notify(
            "Texten har ändrats sedan stavningen kontrollerades. Tryck F9 igen.",
            severity="warning",
        )
        return
    else:
        await screen.reload_editor(step_id, finding.field)
    session.mark_changed()
    screen.post_message(SectionChanged(step_id))  # preview and recovery draft follow
    screen.run_checks()


def mark_words(screen: MainScreen, step_id: str) -> None:
    """Underline the misspelled words in the step's text fields."""
    editor = screen.editor(step_id)
    if editor is None:
        return
    section = None if step_id == HEADER_STEP else step_id
    # other word findings (ORD-1, FORM-5 …) have a place too, but are not misspelled
    findings = [f for f in screen.session.findings_for(step_id) if is_spelling(f)]
    from drafter.tui.widgets.marked import MarkedTextArea  # loaded with the first editor

    for area in editor.query(MarkedTextArea):
        area.show_marks(findings, section)
