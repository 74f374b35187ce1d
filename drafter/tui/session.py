"""The editing session: one ärende, its template and where it is saved (no Textual import).

The TUI keeps exactly one :class:`Session`. Editors write into ``session.arende``; the
screen asks the session for findings, step states and Markdown. Everything here is a thin
layer over the core (:mod:`drafter.checks`, :mod:`drafter.render`, :mod:`drafter.storage`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from drafter.checks import run_checks
from drafter.findings import Finding, Severity
from drafter.model import Arende
from drafter.render import render_header, render_markdown, render_section
from drafter.storage import atomic_write_text, dumps_arende
from drafter.templates import LoadedTemplate, Template

#: Step id of the header fields ("Uppgifter om ärendet").
HEADER_STEP = "__uppgifter"
#: Step id of the last step ("Granska och exportera").
REVIEW_STEP = "__granska"

HEADER_TITLE = "Uppgifter om ärendet"
REVIEW_TITLE = "Granska och exportera"


class StepState(Enum):
    """How far a step has come, as shown in the sidebar."""

    NOT_STARTED = "ej påbörjad"
    DONE = "klar"
    WARNINGS = "varningar"
    ERRORS = "fel"
    OPTIONAL = "valfri"


@dataclass(frozen=True)
class Step:
    """One step of the walk-through: the header, a template section, or the review."""

    id: str
    title: str
    section_id: str | None = None

    @property
    def is_header(self) -> bool:
        return self.id == HEADER_STEP

    @property
    def is_review(self) -> bool:
        return self.id == REVIEW_STEP


def markdown_path_for(path: Path) -> Path:
    """Where ``save`` writes the Markdown beside the TOML (same name, ``.md``)."""
    return path.with_suffix(".md")


def step_id_for(finding: Finding) -> str:
    """The step a finding belongs to (header and document-wide findings: the header)."""
    return finding.section if finding.section is not None else HEADER_STEP


@dataclass
class Session:
    """The ärende being edited and everything the UI needs to know about it."""

    arende: Arende
    loaded_template: LoadedTemplate
    path: Path | None
    dirty: bool = False
    session_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    findings: list[Finding] = field(default_factory=list)
    source: Path | None = None
    """The .txt/.md file the ärende was imported from; save never overwrites it."""

    def __post_init__(self) -> None:
        self.refresh_findings()

    @property
    def template(self) -> Template:
        return self.loaded_template.template

    # ------------------------------------------------------------------ steps

    @property
    def steps(self) -> list[Step]:
        """Header, each section in template order, review."""
        steps = [Step(HEADER_STEP, HEADER_TITLE)]
        steps += [Step(s.id, s.rubrik, s.id) for s in self.template.sektioner]
        steps.append(Step(REVIEW_STEP, REVIEW_TITLE))
        return steps

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)

    def findings_for(self, step_id: str) -> list[Finding]:
        """Findings of one step, most serious first."""
        if step_id == REVIEW_STEP:
            return list(self.findings)
        found = [f for f in self.findings if step_id_for(f) == step_id]
        return sorted(found, key=lambda f: f.severity.rank)

    def is_untouched(self, step_id: str) -> bool:
        """True when nothing has been written in the step yet."""
        if step_id == HEADER_STEP:
            return all(
                not self.arende.field_value(f.id).strip()
                or self.arende.field_value(f.id) == f.standard
                for f in self.template.falt
            )
        if step_id == REVIEW_STEP:
            return False
        return self.arende.content(self.template.section(step_id)).is_empty()

    def state(self, step_id: str) -> StepState:
        """The step's state from its findings and content."""
        findings = self.findings_for(step_id)
        if step_id != HEADER_STEP and step_id != REVIEW_STEP:
            section = self.template.section(step_id)
            if self.is_untouched(step_id):
                return StepState.NOT_STARTED if section.empty_severity else StepState.OPTIONAL
        elif step_id == HEADER_STEP and self.is_untouched(step_id):
            return StepState.NOT_STARTED
        if any(f.severity is Severity.ERROR for f in findings):
            return StepState.ERRORS
        if any(f.severity is Severity.WARNING for f in findings):
            return StepState.WARNINGS
        return StepState.DONE

    def progress(self) -> tuple[int, int]:
        """(steps done, steps to do): a step is done when it is written and has no errors."""
        counted = [s for s in self.steps if not s.is_review]
        done = sum(
            1
            for s in counted
            if self.state(s.id) in (StepState.DONE, StepState.WARNINGS, StepState.OPTIONAL)
        )
        return done, len(counted)

    def first_open_step(self) -> tuple[str, str | None]:
        """The first step that needs input and the field to start in."""
        for step in self.steps:
            if step.is_review:
                break
            state = self.state(step.id)
            if state in (StepState.NOT_STARTED, StepState.ERRORS):
                findings = self.findings_for(step.id)
                return step.id, findings[0].field if findings else None
        return REVIEW_STEP, None

    # ------------------------------------------------------------------ checks

    def refresh_findings(self) -> list[Finding]:
        self.findings = run_checks(self.arende, self.template)
        return self.findings

    @property
    def error_count(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    # ------------------------------------------------------------------ rendering

    def render_step(self, step_id: str) -> str:
        """Markdown of one step for the preview ("" for the review step)."""
        if step_id == HEADER_STEP:
            return render_header(self.arende, self.template)
        if step_id == REVIEW_STEP:
            return ""
        return render_section(self.arende, self.template.section(step_id))

    def markdown(self) -> str:
        return render_markdown(self.arende, self.template)

    def toml(self) -> str:
        return dumps_arende(self.arende, self.template)

    # ------------------------------------------------------------------ files

    def save(self, path: Path | None = None) -> tuple[Path, Path]:
        """Save the TOML and the Markdown beside it; raises DrafterError, keeps state."""
        target = path or self.path
        if target is None:
            raise ValueError("no path to save to")
        toml_text = self.toml()
        markdown = self.markdown()
        atomic_write_text(target, toml_text)
        md_path = self.markdown_path(target)
        atomic_write_text(md_path, markdown)
        self.path = target
        self.dirty = False
        return target, md_path

    def markdown_path(self, target: Path) -> Path:
        """Where save writes the Markdown: FILE.md, unless that is the imported source."""
        md_path = markdown_path_for(target)
        if self.source is not None and md_path.resolve() == self.source.resolve():
            md_path = target.with_name(f"{target.stem}-drafter.md")
        return md_path

    def export(self, path: Path) -> Path:
        """Write the Markdown to ``path``; raises DrafterError."""
        atomic_write_text(path, self.markdown())
        return path
