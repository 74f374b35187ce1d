"""Which editor a step gets: one editor class per section kind."""

from __future__ import annotations

from drafter.tui.session import HEADER_STEP, IMPORTED_STEP, Session
from drafter.tui.widgets.aspects import AspectsEditor
from drafter.tui.widgets.editors import (
    DecisionEditor,
    HeaderEditor,
    ListEditor,
    ProseEditor,
    SectionEditor,
    SignaturesEditor,
    StepEditor,
)
from drafter.tui.widgets.imported import ImportedEditor

EDITORS: dict[str, type[SectionEditor]] = {
    "prosa": ProseEditor,
    "beslut": DecisionEditor,
    "lista": ListEditor,
    "underskrifter": SignaturesEditor,
    "aspekter": AspectsEditor,
}
"""The editor of each section kind (a template section's ``typ``)."""


def make_editor(session: Session, step_id: str) -> StepEditor:
    """The editor widget for a step."""
    if step_id == HEADER_STEP:
        return HeaderEditor(session)
    if step_id == IMPORTED_STEP:
        return ImportedEditor(session)
    section = session.template.section(step_id)
    return EDITORS[section.kind](session, section)
