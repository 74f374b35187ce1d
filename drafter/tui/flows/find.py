"""Find (Ctrl+F, Ctrl+G), replace all (Ctrl+H), quick fixes (F5) and their undo (Ctrl+Z).

The keys and actions are mixed into the main screen
(:class:`~drafter.tui.screens.find_actions.FindActions`), which loads this module when one
of them is first used; the work is done by the core (:mod:`drafter.replace`,
:mod:`drafter.history`). Changes made here go through the same path as a spelling
correction: the model is changed, the step's editor is rebuilt from it, the session is
marked changed and ``SectionChanged`` runs checks, preview and the recovery draft.

Undo: a field's own Ctrl+Z comes first, except right after a replace or quick fix (the
session's edit counter has not moved since): then Ctrl+Z undoes that. A field whose own
history is empty posts ``UndoUnavailable``, which reaches this history too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from drafter.findings import Finding
from drafter.history import Applied, History
from drafter.replace import (
    apply_quick_fix,
    describe,
    find_all,
    quick_fix,
    replace_all,
    set_text,
    text_fields,
)
from drafter.text import printable
from drafter.tui.keys import input_settled
from drafter.tui.messages import SectionChanged
from drafter.tui.screens.find_dialog import FindDialog, ReplaceDialog
from drafter.tui.selection import Place, cursor_offset, field_text, select_span
from drafter.tui.session import HEADER_STEP
from drafter.tui.widgets.marked import MarkedTextArea
from drafter.tui.widgets.panels import FindingsList
from drafter.tui.widgets.rows import RowInput

if TYPE_CHECKING:
    from drafter.tui.screens.main import MainScreen

READ_ONLY = "Filen är öppen skrivskyddad: texten kan inte ändras."
NO_FIX = (
    "Välj en anmärkning med ett förslag i listan (t.ex. ”skall” → ”ska”), eller ställ "
    "markören i det anmärkta ordet, och tryck F5."
)


@dataclass
class FindState:
    """What the user searched for last, where, and the undo history."""

    needle: str = ""
    replacement: str = ""
    last: tuple[int, int] | None = None
    """(field index, start) of the last hit shown (``None``: start from the cursor)."""
    history: History = field(default_factory=History)


# --------------------------------------------------------------------------- places


def step_of(section: str | None) -> str:
    """The step of a section id (``None``: the header)."""
    return section if section is not None else HEADER_STEP


def editor_field(field_name: str) -> str:
    """The field an editor focuses for a text field ("personer.0.namn" → "personer.0")."""
    if field_name.startswith("personer."):
        return ".".join(field_name.split(".")[:2])
    return field_name


def focused_field(screen: MainScreen) -> tuple[str | None, str] | None:
    """(section, field) of the text field that has the focus, as the core names it."""
    focused = screen.focused
    editor = screen.editor(screen.current)
    if focused is None or editor is None or editor not in focused.ancestors:
        return None
    section = None if screen.current == HEADER_STEP else screen.current
    if isinstance(focused, RowInput) and focused.field.startswith("personer."):
        # a signature row has two fields: the core names them by column
        return section, f"personer.{focused.row}.{'namn' if focused.col == 0 else 'titel'}"
    if isinstance(focused, MarkedTextArea):
        return section, focused.field
    return None


# --------------------------------------------------------------------------- find


async def find(screen: MainScreen, *, ask: bool = True) -> None:
    """Ctrl+F: ask for a text, then show its first hit from the cursor on (Ctrl+G: next)."""
    state = screen.find_state
    session = screen.session
    if ask or not state.needle:
        needle = await screen.app.push_screen_wait(
            FindDialog(lambda t: len(find_all(session.arende, session.template, t)), state.needle)
        )
        if not needle:
            return
        state.needle, state.last = needle, None
    show_next(screen)


def show_next(screen: MainScreen) -> None:
    """Show the next hit of the search text after the last one (wrapping at the end)."""
    state = screen.find_state
    session = screen.session
    fields = [(f.section, f.field) for f in text_fields(session.arende, session.template)]
    order = {place: i for i, place in enumerate(fields)}
    hits = find_all(session.arende, session.template, state.needle)
    if not hits:
        screen.notify(
            f"Inga träffar för ”{state.needle}”.", title="Sök", severity="warning", markup=False
        )
        return
    after = state.last if state.last is not None else _from_cursor(screen, order)
    keys = [(order[(h.section, h.field)], h.start) for h in hits]
    index = next((i for i, key in enumerate(keys) if key > after), 0)
    hit = hits[index]
    state.last = keys[index]
    wrapped = " (från början)" if index == 0 and keys[0] <= after else ""
    screen.notify(
        f"Träff {index + 1} av {len(hits)}{wrapped}. Ctrl+G: nästa.", title="Sök", timeout=3
    )
    screen.open_step(
        step_of(hit.section),
        editor_field(hit.field),
        Place(hit.start, hit.end, state.needle),
    )


def _from_cursor(screen: MainScreen, order: dict[tuple[str | None, str], int]) -> tuple[int, int]:
    """The search starts at the cursor, else at the start of the current step."""
    here = focused_field(screen)
    offset = cursor_offset(screen.focused)
    if here is not None and here in order and offset is not None:
        return order[here], offset - 1
    section = None if screen.current == HEADER_STEP else screen.current
    first = min((i for (s, _), i in order.items() if s == section), default=0)
    return first, -1


# --------------------------------------------------------------------------- replace


async def replace(screen: MainScreen) -> None:
    """Ctrl+H: replace a text everywhere in the ärende, as one undoable change."""
    state = screen.find_state
    session = screen.session
    if session.read_only:
        screen.notify(READ_ONLY, title="Skrivskyddad", severity="warning")
        return
    answer = await screen.app.push_screen_wait(
        ReplaceDialog(
            lambda t: len(find_all(session.arende, session.template, t)),
            state.needle,
            state.replacement,
        )
    )
    if answer is None:
        return
    await screen_settled(screen)
    state.needle, state.replacement = answer
    result = replace_all(session.arende, session.template, *answer)
    if not result.count:
        screen.notify(
            f"Inga träffar för ”{answer[0]}”.", title="Ersätt", severity="warning", markup=False
        )
        return
    for change in result.changes:  # the editors hold the session's ärende: change it
        set_text(session.arende, change.section, change.field, change.after)
    state.history.record(f"Ersätt ”{answer[0]}”", result.changes)
    await _changed(screen, result.sections)
    screen.notify(
        f"{describe(result.count, len(result.sections))} Ctrl+Z ångrar.",
        title="Ersätt",
        markup=False,
    )


async def screen_settled(screen: MainScreen) -> None:
    """Keys typed before the change reach the model first."""
    await input_settled(screen.app.focused, screen)


async def _changed(screen: MainScreen, sections: tuple[str | None, ...]) -> None:
    """The model was changed here: rebuild the editors, mark, and note the counter."""
    session = screen.session
    steps = [step_of(s) for s in sections]
    before = screen.focused
    here = focused_field(screen)
    offset = cursor_offset(before)
    for step in steps:
        await screen.reload_editor(step, editor_field(here[1]) if here else None)
    if before is not None and before.is_attached and here is None:
        before.focus()  # e.g. the findings list a quick fix was chosen in
    elif here is not None and offset is not None:
        screen.app.call_later(_put_cursor, screen, offset)  # after the field is focused
    session.mark_changed()
    for step in steps:
        screen.post_message(SectionChanged(step))
    screen.find_state.history.sync(session.edits)
    screen.run_checks()


def _put_cursor(screen: MainScreen, offset: int) -> None:
    """The cursor back where it was in the rebuilt field (as near as the text allows)."""
    focused = screen.focused
    text = field_text(focused)
    if focused is not None and text is not None:
        offset = min(offset, len(text))
        focused.call_later(select_span, focused, offset, offset)


# --------------------------------------------------------------------------- quick fix


def fix_target(screen: MainScreen) -> Finding | None:
    """The finding with a quick fix highlighted in a findings list, or the one whose word
    holds the cursor in the focused field."""
    focused = screen.focused
    if isinstance(focused, FindingsList):
        finding = focused.highlighted_finding()
        return finding if finding is not None and quick_fix(finding) else None
    here = focused_field(screen)
    offset = cursor_offset(focused)
    if here is None or offset is None:
        return None
    for finding in screen.session.findings:
        span = finding.span or (-1, -1)
        here_too = (finding.section, finding.field) == (here[0], editor_field(here[1]))
        if here_too and span[0] <= offset <= span[1] and quick_fix(finding):
            return finding
    return None


def _fresh(findings: list[Finding], old: Finding) -> Finding | None:
    """The finding of a new check run that is ``old`` (same rule, place and words; the one
    nearest its old place when the text moved)."""
    key = (old.rule, old.section, old.field, old.word)
    same = [f for f in findings if (f.rule, f.section, f.field, f.word) == key and f.span]
    start = old.span[0] if old.span else 0
    return min(same, key=lambda f: abs((f.span or (0, 0))[0] - start), default=None)


async def apply_fix(screen: MainScreen) -> None:
    """F5: put the finding's replacement in place of its word (Ctrl+Z undoes it)."""
    await screen_settled(screen)
    session = screen.session
    if session.read_only:
        screen.notify(READ_ONLY, title="Skrivskyddad", severity="warning")
        return
    # The list's finding is taken before the checks refresh the list; the words' places
    # must be those of the text as it is now.
    chosen = fix_target(screen) if isinstance(screen.focused, FindingsList) else None
    if not screen.checks_current:
        screen.run_checks()
    finding = _fresh(session.findings, chosen) if chosen is not None else fix_target(screen)
    if finding is None:
        screen.notify(NO_FIX, title="Åtgärda", severity="warning")
        return
    change = apply_quick_fix(session.arende, finding)
    if change is None:
        screen.notify(
            "Texten har ändrats sedan kontrollen. Välj anmärkningen igen.", severity="warning"
        )
        return
    fix = quick_fix(finding) or ""
    screen.find_state.history.record(f"Byt ”{finding.word}” mot ”{fix}”", (change,))
    await _changed(screen, (change.section,))
    screen.notify(
        f"Bytte ”{finding.word}” mot ”{fix}”. Ctrl+Z ångrar.", title="Åtgärda", markup=False
    )


# --------------------------------------------------------------------------- undo


async def undo(screen: MainScreen, *, redo: bool, when_synced: bool) -> bool:
    """Undo (redo) the last replace or quick fix; ``False`` when there is none to do.

    ``when_synced``: only right after it (no typing since), else the field's own undo.
    """
    state = screen.find_state
    session = screen.session
    edits = session.edits if when_synced else None
    possible = state.history.can_redo(edits) if redo else state.history.can_undo(edits)
    if not possible or session.read_only:
        return False
    applied = state.history.redo(session.arende) if redo else state.history.undo(session.arende)
    if applied is None:
        return False
    await _changed(screen, applied.sections)
    screen.notify(  # the message quotes the searched text
        _undo_message(applied, redo), title="Gör om" if redo else "Ångra", timeout=4, markup=False
    )
    return True


def _undo_message(applied: Applied, redo: bool) -> str:
    verb = "Gjorde om" if redo else "Ångrade"
    text = f"{verb}: {printable(applied.entry.label)}."
    if applied.skipped:
        text += f" {applied.skipped} fält har ändrats sedan och lämnades som de är."
    return text
