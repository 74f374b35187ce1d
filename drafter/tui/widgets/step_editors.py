"""Which editor a step gets: one editor class per section kind.

The aspects editor and the editor of imported text left over are imported when a step
first needs them: most steps (and the one shown first) use the editors of
:mod:`drafter.tui.widgets.editors`.
"""

from __future__ import annotations

from drafter.tui.session import HEADER_STEP, IMPORTED_STEP, Session
from drafter.tui.widgets.editors import (
    DecisionEditor,
    HeaderEditor,
    ListEditor,
    ProseEditor,
    SectionEditor,
    SignaturesEditor,
    StepEditor,
)

EDITORS: dict[str, type[SectionEditor]] = {
    "prosa": ProseEditor,
    "beslut": DecisionEditor,
    "lista": ListEditor,
    "underskrifter": SignaturesEditor,
}
"""The editor of each section kind (a template section's ``typ``) but "aspekter", whose
editor :func:`make_editor` imports when first needed."""


def make_editor(session: Session, step_id: str) -> StepEditor:
    """The editor widget for a step."""
    if step_id == HEADER_STEP:
        return HeaderEditor(session)
    if step_id == IMPORTED_STEP:
        from drafter.tui.widgets.imported import ImportedEditor

        return ImportedEditor(session)
    section = session.template.section(step_id)
    if section.kind == "aspekter":
        from drafter.tui.widgets.aspects import AspectsEditor

        return AspectsEditor(session, section)
    return EDITORS[section.kind](session, section)
