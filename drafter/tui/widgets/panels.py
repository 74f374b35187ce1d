"""Sidebar (steps and progress), findings list and review list."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from drafter.findings import Finding, Severity
from drafter.text import count_sv, printable
from drafter.tui.messages import OpenStep
from drafter.tui.selection import Place
from drafter.tui.session import Session, StepState, step_id_for
from drafter.tui.widgets.light_button import LightButton

STATE_ICONS: dict[StepState, tuple[str, str]] = {
    StepState.NOT_STARTED: ("○", "$text-muted"),
    StepState.DONE: ("✓", "$text-success"),
    StepState.OPTIONAL: ("–", "$text-muted"),
    StepState.WARNINGS: ("!", "$text-warning"),
    StepState.ERRORS: ("✗", "$text-error"),
}

UNCHECKED_ICON = ("·", "$text-muted")
"""A written step before the checks have run (right after the file opens): not yet ✓."""

CHECKING = "Granskar …"
"""What the sidebar and the findings lists say until the checks have run."""

SEVERITY_STYLES = {
    Severity.ERROR: ("✗", "$text-error"),
    Severity.WARNING: ("!", "$text-warning"),
    Severity.INFO: ("i", "$text-accent"),
}


def finding_prompt(finding: Finding) -> Content:
    """A finding as one list entry: icon, Swedish severity, message, rule id."""
    icon, style = SEVERITY_STYLES[finding.severity]
    return Content.assemble(
        (f"{icon} {finding.severity.label}: ", f"bold {style}"),
        printable(finding.message),
        (f" [{printable(finding.rule)}]", "dim"),
    )


class StepList(Vertical):
    """The sidebar: progress and the list of steps with their states."""

    def __init__(self, session: Session) -> None:
        super().__init__(id="sidebar")
        self.session = session

    def compose(self) -> ComposeResult:
        yield Static("", id="progress", markup=False)
        yield OptionList(id="steps")

    def on_mount(self) -> None:
        self.border_title = "Steg"
        self.refresh_states()

    def refresh_states(self, current: str | None = None) -> None:
        option_list = self.query_one("#steps", OptionList)
        highlighted = option_list.highlighted
        options = []
        for step in self.session.steps:
            if step.is_review:
                errors = self.session.error_count
                icon, style = ("▶", "$text-accent") if not errors else ("▶", "$text-error")
            else:
                state = self.session.state(step.id)
                unchecked = state is StepState.DONE and not self.session.checked
                icon, style = UNCHECKED_ICON if unchecked else STATE_ICONS[state]
            prompt = Content.assemble((icon, f"bold {style}"), " ", printable(step.title))
            options.append(Option(prompt, id=step.id))
        option_list.set_options(options)
        if current is not None:
            option_list.highlighted = option_list.get_option_index(current)
        elif highlighted is not None:
            option_list.highlighted = highlighted
        if not self.session.checked:  # the checks run right after the first frame
            self.query_one("#progress", Static).update(CHECKING)
            return
        done, total = self.session.progress()
        lix = self.session.document_lix
        lix_text = f" · LIX {lix.rounded}" if lix is not None else ""
        lines = [f"{done} av {total} klara{lix_text}"]
        problems = self.session.problem_steps()
        with_errors, with_warnings = problems[StepState.ERRORS], problems[StepState.WARNINGS]
        if with_errors:
            lines.append(f"✗ {count_sv(len(with_errors), 'steg')} med fel")
        if with_warnings:
            lines.append(f"! {count_sv(len(with_warnings), 'steg')} med varningar")
        self.query_one("#progress", Static).update("\n".join(lines))

    def select(self, step_id: str) -> None:
        option_list = self.query_one("#steps", OptionList)
        option_list.highlighted = option_list.get_option_index(step_id)

    @on(OptionList.OptionSelected, "#steps")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        assert event.option.id is not None
        self.post_message(OpenStep(event.option.id))


class FindingsList(OptionList):
    """Findings as a list; Enter on one opens its step with the field focused and its word
    selected; F5 on one that has a replacement applies it (shown in the footer then)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "quick_fix", "Byt ordet", key_display="F5", tooltip="Byt ordet mot förslaget")
    ]

    def __init__(self, *, id: str | None = None, grouped: bool = False) -> None:  # noqa: A002
        super().__init__(id=id)
        self.grouped = grouped
        self._findings: dict[str, Finding] = {}

    def show(self, findings: list[Finding], session: Session) -> None:
        options: list[Option] = []
        self._findings = {}
        group: str | None = "\0"
        for i, finding in enumerate(findings):
            step = step_id_for(finding)
            if self.grouped and step != group:
                group = step
                title = session.step(step).title
                options.append(
                    Option(Content.styled(printable(title), "bold underline"), disabled=True)
                )
            key = f"f{i}"
            self._findings[key] = finding
            options.append(Option(finding_prompt(finding), id=key))
        if not findings:
            empty = (
                Content.styled("Inga anmärkningar.", "$text-success")
                if session.checked
                else Content.styled(CHECKING, "$text-muted")
            )
            options.append(Option(empty, disabled=True))
        self.set_options(options)

    def highlighted_finding(self) -> Finding | None:
        """The finding under the list's cursor."""
        index = self.highlighted
        if index is None:
            return None
        return self._findings.get(self.get_option_at_index(index).id or "")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "quick_fix":  # shown and run here only for a finding that has one
            finding = self.highlighted_finding()
            if finding is None:
                return False
            from drafter.replace import quick_fix  # (find and replace: loaded when used)

            return quick_fix(finding) is not None
        return super().check_action(action, parameters)

    async def action_quick_fix(self) -> None:
        await self.screen.run_action("quick_fix")

    @on(OptionList.OptionHighlighted)
    def _highlighted(self) -> None:
        self.refresh_bindings()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        finding = self._findings.get(event.option.id or "")
        if finding is not None:
            self.post_message(OpenStep(step_id_for(finding), finding.field, _place(finding)))


def _place(finding: Finding) -> Place | None:
    """Where the finding's word stands, to select it when its field is opened."""
    if finding.span is None:
        return None
    return Place(finding.span[0], finding.span[1], finding.word)


class ReviewPanel(Vertical):
    """The last step: every finding grouped by section, and export."""

    # Its own CSS (not app.tcss): parsed when the review is first opened.
    DEFAULT_CSS = """
    ReviewPanel #review-summary {
        margin-bottom: 1;
    }
    ReviewPanel #review-findings {
        height: 1fr;
        border: round $foreground 30%;
        background: transparent;
    }
    ReviewPanel #review-buttons {
        height: auto;
        margin-top: 1;
    }
    ReviewPanel #review-buttons LightButton {
        margin-right: 2;
    }
    """

    def __init__(self, session: Session) -> None:
        super().__init__(id="ed-review", classes="step-editor")
        self.session = session

    def compose(self) -> ComposeResult:
        yield Static("", id="review-summary", markup=False)
        yield FindingsList(id="review-findings", grouped=True)
        with Horizontal(id="review-buttons"):
            yield LightButton("Spara (F2)", id="review-save")
            yield LightButton("Exportera … (F3)", id="review-export", primary=True)

    def refresh_findings(self) -> None:
        self.query_one("#review-summary", Static).update(printable(self.summary()))
        self.query_one("#review-findings", FindingsList).show(self.session.findings, self.session)

    def summary(self) -> str:
        """The lines above the list: the counts and LIX. Empty until the checks have run
        (right after the first frame): the list says so then."""
        findings = self.session.findings
        if not self.session.checked:
            return ""
        if not findings:
            counted = "Inga anmärkningar. Dokumentet är klart att exportera."
        else:
            counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
            counted = (
                f"{count_sv(counts[Severity.ERROR], 'fel')}, "
                f"{count_sv(counts[Severity.WARNING], 'varning', 'varningar')}, "
                f"{count_sv(counts[Severity.INFO], 'info')}. Välj en anmärkning och tryck "
                "Enter för att gå till den."
            )
        return f"{counted}\n{self.lix_summary()}"

    def lix_summary(self) -> str:
        """LIX of the document and of each prose section, in one or two lines."""
        session = self.session
        parts = []
        for section in session.template.sections:
            if not session.has_lix(section.id):
                continue
            result = session.lix.get(section.id)
            parts.append(f"{section.heading} {result.rounded if result else '–'}")
        document = session.document_lix
        head = (
            f"Läsbarhet: {document.describe()} för hela texten ({document.words} ord)."
            if document is not None
            else "Läsbarhet: texten är för kort för LIX."
        )
        if not parts:
            return head
        return f"{head} Per sektion: {' · '.join(parts)} (– = för kort)."

    def focus_first(self) -> None:
        self.query_one("#review-findings", FindingsList).focus()

    @on(LightButton.Pressed, "#review-save")
    def _save(self, event: LightButton.Pressed) -> None:
        event.stop()
        self.app.call_later(self.screen.run_action, "save")

    @on(LightButton.Pressed, "#review-export")
    def _export(self, event: LightButton.Pressed) -> None:
        event.stop()
        self.app.call_later(self.screen.run_action, "export")
