"""The editing session: one ärende, its template and where it is saved (no Textual import).

The TUI keeps exactly one :class:`Session`. Editors write into ``session.arende``; the
screen asks the session for findings, step states and Markdown. Everything here is a thin
layer over the core (:mod:`drafter.checks`, :mod:`drafter.render`, :mod:`drafter.storage`).
"""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import InitVar, dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.checks import run_checks
from drafter.checks.lix import MIN_WORDS, PROSE_KINDS, LixResult, document_lix, section_lix
from drafter.findings import Finding, Severity
from drafter.model import IMPORTED_KEY, Arende
from drafter.paths import stored_template_path
from drafter.render import render_header, render_imported, render_markdown, render_section
from drafter.storage import FileStamp as FileStamp  # re-exported for the TUI
from drafter.storage import atomic_write_text, changed_on_disk, dumps_arende
from drafter.storage import file_stamp as file_stamp
from drafter.templates import LoadedTemplate, Template

if TYPE_CHECKING:
    from drafter.tui.saving import SaveResult, SaveSnapshot

#: Step id of the header fields ("Uppgifter om ärendet").
HEADER_STEP = "__uppgifter"
#: Step id of the last step ("Granska och exportera").
REVIEW_STEP = "__granska"
#: Step id of the text an import could not place (shown only when there is some).
IMPORTED_STEP = IMPORTED_KEY

HEADER_TITLE = "Uppgifter om ärendet"
REVIEW_TITLE = "Granska och exportera"
IMPORTED_TITLE = "Importerad text"


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
    def is_review(self) -> bool:
        return self.id == REVIEW_STEP


def markdown_path_for(path: Path) -> Path:
    """Where ``save`` writes the Markdown beside the TOML (same name, ``.md``)."""
    return path.with_suffix(".md")


@dataclass(frozen=True)
class Analysis:
    """The checks' findings and the LIX values of one state of the ärende."""

    findings: list[Finding]
    lix: dict[str, LixResult | None]
    document_lix: LixResult | None
    edits: int
    """The edits the analysed copy includes (see :meth:`Session.mark_changed`)."""


def analyse(arende: Arende, template: Template, min_words: int, edits: int = 0) -> Analysis:
    """Run the checks and LIX on ``arende`` (safe off the UI thread on a copy; LIX reuses
    the checks' cached text analysis)."""
    findings = run_checks(arende, template)
    lix = {
        s.id: section_lix(arende, s, min_words) for s in template.sections if s.kind in PROSE_KINDS
    }
    return Analysis(findings, lix, document_lix(arende, template, min_words), edits)


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
    read_only: bool = False
    """Opened while another drafter holds the file: nothing can be edited or saved."""
    has_comments: bool = False
    """The opened file has TOML comments that the next save drops (warned once)."""
    disk_stamp: FileStamp | None = None
    locked: Path | None = None
    """The file whose drafter lock this session holds."""
    """The file as drafter last read or wrote it (conflict detection)."""
    lix: dict[str, LixResult | None] = field(default_factory=dict)
    """LIX per prose section (``None``: too short), updated with the findings."""
    document_lix: LixResult | None = None
    """LIX of the whole document (``None``: too short), updated with the findings."""
    edits: int = 0
    """Edits so far (see :meth:`mark_changed`): a save covers the edits made before it."""
    shows_imported: bool = False
    """The "Importerad text" step is shown: the ärende had text an import kept aside (the
    step stays when the user has emptied it, so the steps do not shift while editing)."""

    check: InitVar[bool] = True
    """Run the checks now; ``False``: the app runs them right after its first frame
    (see :attr:`checked`)."""
    checked: bool = field(default=False, init=False)
    """The findings, LIX and step states come from a check run (not yet, while an app
    started with ``check=False`` paints its first frame)."""

    def __post_init__(self, check: bool) -> None:
        self.shows_imported = bool(self.arende.imported_texts())
        if check:
            self.refresh_findings()

    @property
    def template(self) -> Template:
        return self.loaded_template.template

    # ------------------------------------------------------------------ steps

    @property
    def steps(self) -> list[Step]:
        """Header, each section in template order, review."""
        steps = [Step(HEADER_STEP, HEADER_TITLE)]
        steps += [Step(s.id, s.heading, s.id) for s in self.template.sections]
        if self.shows_imported or self.arende.imported_texts():
            steps.append(Step(IMPORTED_STEP, IMPORTED_TITLE))
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
                or self.arende.field_value(f.id) == f.default
                for f in self.template.fields
            )
        if step_id in (REVIEW_STEP, IMPORTED_STEP):
            return False
        return self.arende.content(self.template.section(step_id)).is_empty()

    def state(self, step_id: str) -> StepState:
        """The step's state from its findings and content."""
        findings = self.findings_for(step_id)
        if step_id not in (HEADER_STEP, REVIEW_STEP, IMPORTED_STEP):
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
        """(steps done, steps to do): a step is done ("klar") when it is written (or
        optional and left empty) and has neither errors nor warnings."""
        counted = [s for s in self.steps if not s.is_review]
        done = sum(1 for s in counted if self.state(s.id) in (StepState.DONE, StepState.OPTIONAL))
        return done, len(counted)

    def problem_steps(self) -> dict[StepState, list[Step]]:
        """The steps that still have errors, and those that have warnings, in step order."""
        found: dict[StepState, list[Step]] = {StepState.ERRORS: [], StepState.WARNINGS: []}
        for step in self.steps:
            if step.is_review:
                continue
            state = self.state(step.id)
            if state in found:
                found[state].append(step)
        return found

    def first_open_step(self) -> tuple[str, str | None]:
        """The first step that needs input and the field to start in."""
        for step in self.steps:
            if step.is_review:
                break
            state = self.state(step.id)
            if state in (StepState.NOT_STARTED, StepState.ERRORS):
                if not self.checked and step.id == HEADER_STEP:
                    return step.id, self._first_empty_field()
                findings = self.findings_for(step.id)
                return step.id, findings[0].field if findings else None
        return REVIEW_STEP, None

    def _first_empty_field(self) -> str | None:
        """Before the checks ran: the header field the checks' first finding will name
        (the first empty field that must be filled, most serious first)."""
        empty = [
            (severity.rank, i, f.id)  # as findings_for sorts: by severity, then in order
            for i, f in enumerate(self.template.fields)
            if (severity := f.empty_severity) is not None
            and not self.arende.field_value(f.id).strip()
        ]
        return min(empty)[2] if empty else None

    # ------------------------------------------------------------------ checks

    def refresh_findings(self) -> list[Finding]:
        """Run the checks and LIX now, on the UI thread."""
        self.apply(analyse(self.arende, self.template, self.lix_min_words, self.edits))
        return self.findings

    def analysis_copy(self) -> tuple[Arende, Template, int, int]:
        """What a check in a thread needs: a copy of the ärende that editing cannot change
        under it (its texts are shared: strings are immutable), the template, the LIX
        minimum and the edits the copy includes."""
        return self.arende.model_copy(deep=True), self.template, self.lix_min_words, self.edits

    def apply(self, analysis: Analysis) -> None:
        """Take the results of :func:`analyse` (UI thread)."""
        self.findings = analysis.findings
        self.lix = analysis.lix
        self.document_lix = analysis.document_lix
        self.checked = True

    @property
    def lix_min_words(self) -> int:
        """Words a section needs for a LIX value: the template's LIX rule, else 50."""
        for rule in self.template.rules:
            if rule.kind == "lix" and not rule.disabled:
                value = (rule.model_extra or {}).get("min_ord")
                if isinstance(value, int) and not isinstance(value, bool) and value > 0:
                    return value
        return MIN_WORDS

    def has_lix(self, step_id: str) -> bool:
        """True for sections with running text (prose, decision, aspects)."""
        if step_id in (HEADER_STEP, REVIEW_STEP, IMPORTED_STEP):
            return False
        return self.template.section(step_id).kind in PROSE_KINDS

    def lix_label(self, step_id: str) -> str:
        """ "LIX 57 (svår)", "för kort för LIX" or "" for steps without running text."""
        if not self.has_lix(step_id):
            return ""
        result = self.lix.get(step_id)
        if result is None:
            return "för kort för LIX"
        return result.describe()

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
        if step_id == IMPORTED_STEP:
            return render_imported(self.arende)
        return render_section(self.arende, self.template.section(step_id))

    def markdown(self) -> str:
        return render_markdown(self.arende, self.template)

    def toml(self) -> str:
        return dumps_arende(self.arende, self.template)

    # ------------------------------------------------------------------ files

    def mark_changed(self) -> None:
        """The model was edited: unsaved, and a save already under way does not cover it."""
        self.dirty = True
        self.edits += 1

    def snapshot(self, path: Path | None = None, *, checked: bool = True) -> SaveSnapshot:
        """What to save, copied so that editing can go on while it is written.

        ``checked``: the findings are current, so their error count goes along; otherwise
        :func:`write_snapshot` checks the copy for the error count it reports.
        """
        target = path or self.path
        if target is None:
            raise ValueError("no path to save to")
        arende = self.arende.model_copy(deep=True)
        if self.loaded_template.origin == "fil":
            # a template file is named relative to the folder the ärende is saved in
            arende.template_ref = stored_template_path(self.loaded_template.path, target)
        from drafter.tui.saving import SaveSnapshot

        return SaveSnapshot(
            arende=arende,
            template=self.template,
            target=target,
            md_path=self.markdown_path(target),
            edits=self.edits,
            errors=self.error_count if checked else None,
        )

    def saved(self, result: SaveResult) -> None:
        """Record a finished save (UI thread): the new path, stamp and, unless the user
        edited the ärende meanwhile, that nothing is unsaved."""
        if result.target == self.path:
            self.has_comments = False  # the file now holds what drafter wrote
        self.path = result.target
        self.disk_stamp = result.stamp
        if self.edits == result.edits:
            self.dirty = False

    def release_lock(self) -> None:
        """Release this drafter's lock on the ärende file (when it holds one)."""
        from drafter.lock import release_lock

        locked, self.locked = self.locked, None
        if locked is not None:
            with contextlib.suppress(OSError):
                release_lock(locked)

    def changed_on_disk(self) -> bool:
        """True when the file was changed by someone else since drafter read or wrote it.

        A file that is now missing or a folder is not a conflict: saving recreates it or
        reports the folder.
        """
        if self.path is None:
            return False
        changed, self.disk_stamp = changed_on_disk(self.path, self.disk_stamp)
        return changed

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
