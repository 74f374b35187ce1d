"""The main screen: sidebar of steps, the current step's editor, findings and preview.

Editors write into the model and post :class:`SectionChanged`; this screen runs the checks
and the preview debounced and pushes the results down to the sidebar, the findings list,
the review step and the preview pane. The multi-step flows (lock, drafts, save, export,
quit) live in :mod:`drafter.tui.flows`; the screen starts them as workers. A flow (with its
dialogs and core modules) is imported where it is first used, not with the screen: opening
an ärende needs none of them before its first frame.
"""

from __future__ import annotations

from collections.abc import Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from drafter.spelling import Mode, set_mode
from drafter.text import printable
from drafter.tui.checking import BackgroundChecks
from drafter.tui.debounce import AfterPause
from drafter.tui.flows import spelling as spelling_flow
from drafter.tui.flows import startup
from drafter.tui.flows.save_state import SaveState
from drafter.tui.help import HelpLine, step_help
from drafter.tui.keys import input_settled
from drafter.tui.messages import OpenStep, SectionChanged
from drafter.tui.screens.find_actions import FindActions
from drafter.tui.screens.main_bindings import MAIN_BINDINGS
from drafter.tui.selection import Place, focus_at
from drafter.tui.session import HEADER_STEP, REVIEW_STEP, Session
from drafter.tui.widgets.header import TitleHeader
from drafter.tui.widgets.panels import FindingsList, StepList
from drafter.tui.widgets.preview import PreviewPane
from drafter.tui.widgets.step_head import StepHead
from drafter.tui.widgets.step_switcher import StepSwitcher

if TYPE_CHECKING:
    from drafter.tui.widgets.editors import StepEditor

CHECK_DELAY = 0.25
"""Seconds of quiet typing before the checks run."""
PREVIEW_DELAY = 0.1
"""Seconds of quiet typing before the preview of the changed section is re-rendered."""
AUTOSAVE_DELAY = 1.0
"""Seconds of quiet typing before a recovery draft is written."""
WIDE = 120
"""Terminal width from which the preview is shown at start."""


class MainScreen(FindActions, Screen[None]):
    """Walks the user through the ärende step by step."""

    AUTO_FOCUS = ".step-editor TextArea"
    """The first step's first text field has the focus from the start (keys typed before
    on_mount focuses the field that needs input are not lost)."""

    BINDINGS: ClassVar[list[BindingType]] = MAIN_BINDINGS

    def __init__(
        self,
        session: Session,
        *,
        overwrite_prompt: Path | None = None,
        import_report: str | None = None,
        spelling: bool = False,
    ) -> None:
        super().__init__(id="main")
        self.spelling = spelling
        """Check spelling (the dictionary loads after the first frame)."""
        self._spelling_mode: Mode | None = None
        self.session = session
        self.current = HEADER_STEP
        self.overwrite_prompt = overwrite_prompt
        self.import_report = import_report
        self.save_state = SaveState()
        self.autosave_error: str | None = None
        """Why the last recovery draft could not be written (shown in the header)."""
        self.after_pause = AfterPause(self)
        self._pending_preview: set[str] = set()
        self.initial_step: tuple[str, str | None] = (HEADER_STEP, None)
        self.checks = BackgroundChecks(self, session, self._show_checks)
        self._footer_mounted = False
        """The Footer is mounted (after the first frame, see :meth:`_mount_footer`)."""

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        self.initial_step = self.session.first_open_step()
        first = self.initial_step[0]
        # Set the screen's layout classes before its children exist: set later (in
        # on_mount), each class change restyles every widget before the first frame.
        wide = self.app.size.width >= WIDE
        self.set_class(not wide, "-narrow")
        self.set_class(wide, "-preview")
        preview = PreviewPane(self.session)
        preview.display = wide
        yield TitleHeader(self.app.title, icon="✎")
        with Horizontal(id="body"):
            yield StepList(self.session)
            with Vertical(id="main-pane"):
                yield StepHead(id="step-head")
                yield HelpLine(id="help")
                with StepSwitcher(self.session, first) as switcher:
                    yield switcher.compose_first()
                yield FindingsList(id="findings")
            yield preview
        if self._footer_mounted:  # composed again (a recovery draft restored)
            from drafter.tui.widgets.footer import KeyFooter

            yield KeyFooter(compact=True)
        else:  # the footer's row, in its colour, until the first frame is painted
            yield Static("", id="footer-room")

    @property
    def switcher(self) -> StepSwitcher:
        return self.query_one(StepSwitcher)

    @property
    def preview(self) -> PreviewPane:
        return self.query_one(PreviewPane)

    @property
    def sidebar(self) -> StepList:
        return self.query_one(StepList)

    @property
    def header(self) -> TitleHeader:
        return self.query_one(TitleHeader)

    def editor(self, step_id: str) -> StepEditor | None:
        """The editor of a step once it is built and mounted (None before, and for the review)."""
        return self.switcher.editor(step_id)

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < WIDE, "-narrow")

    def on_mount(self) -> None:
        self.update_title()
        step_id, field = self.initial_step
        self.open_step(step_id, field)
        startup.begin(self)  # the lock and drafts (and checks left for after the first frame)
        self.call_after_refresh(self._mount_footer)
        if self.spelling:
            self.call_after_refresh(self._start_spelling)

    async def _mount_footer(self) -> None:
        """Put the Footer in its row once the first frame is painted: its 1.3 KB of CSS
        (parsed when the first Footer mounts) and its keys then cost the first frame
        nothing. (A Footer shows no keys in the first frame anyway: it builds them when
        the screen's bindings are first published.) Its module, with Textual's Footer,
        loads here too."""
        from drafter.tui.widgets.footer import KeyFooter

        room = self.query_one_optional("#footer-room")
        if room is None or not self.is_attached:
            return
        self._footer_mounted = True
        with self.app.batch_update():
            await self.mount(KeyFooter(compact=True))
            await room.remove()
        self.refresh_bindings()  # the Footer builds its keys

    def _start_spelling(self) -> None:
        if self._spelling_mode is None and self.is_attached:
            self._spelling_mode = spelling_flow.start(self)

    def on_unmount(self) -> None:
        if self._spelling_mode is not None:  # the mode is the process's: give it back
            set_mode(self._spelling_mode)
            self._spelling_mode = None

    def start(self, flow: Coroutine[Any, Any, object], name: str) -> None:
        """Run a flow (see :mod:`drafter.tui.flows`) as a worker."""
        self.run_worker(self._guarded(flow, name), group="flows", description=name)

    async def _guarded(self, flow: Coroutine[Any, Any, object], name: str) -> None:
        """A flow's bug is reported, never the end of the app (and of what was typed)."""
        try:
            await flow
        except Exception as exc:  # shown to the user; the text stays
            self.notify(
                f"Något gick fel ({name}): {exc}. Allt du skrivit finns kvar; spara (F2).",
                severity="error",
                timeout=15,
            )

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A toast. Its text often quotes a file name or a file's text: shown as plain
        text (no markup) with control characters made visible."""
        self.app.notify(
            printable(message),
            title=printable(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    # ------------------------------------------------------------------ read-only

    def set_read_only(self) -> None:
        """Nothing can be edited or saved: another drafter owns the file."""
        self.session.read_only = True
        self.set_class(True, "-read-only")
        for editor in self.switcher.editors():  # steps built later: when mounted
            editor.set_read_only()
        self.update_title()
        self.notify(
            "Filen är öppen skrivskyddad: du kan läsa och exportera den men inte ändra eller "
            "spara.",
            title="Skrivskyddad",
            timeout=8,
        )

    # ------------------------------------------------------------------ steps

    def open_step(self, step_id: str, field: str | None = None, place: Place | None = None) -> None:
        """Show a step and focus a field (a ``Finding.field``) or its first input, and
        select ``place`` in it.

        A step opened for the first time is built and mounted now; its field is focused
        once it is mounted.
        """
        self.current = step_id
        self.sidebar.select(step_id)
        steps = self.session.steps
        index = next(i for i, s in enumerate(steps) if s.id == step_id)
        step = steps[index]
        self.query_one(StepHead).show(
            title=f"{step.title}   (steg {index + 1} av {len(steps)} · F1: mer hjälp)"
        )
        self._show_lix()
        findings_list = self.query_one("#findings", FindingsList)
        findings_list.display = not step.is_review
        if step.is_review:
            self.query_one("#help", Static).update(
                "Här är alla anmärkningar i dokumentet. Enter på en anmärkning öppnar "
                "sektionen. F2 sparar, F3 exporterar (Markdown, Word eller PDF/A)."
            )
        else:
            self._show_findings()
        if self.preview.display:
            self.preview.scroll_to_step(step_id)  # the review: the document's start
        self.switcher.show_step(step_id, lambda: self._show_step(step_id, field, place))

    def _show_step(self, step_id: str, field: str | None, place: Place | None = None) -> None:
        """The part of opening a step that needs its mounted editor or review panel."""
        if self.current != step_id:
            return  # another step was opened while this one was being built
        if step_id == REVIEW_STEP:
            review = self.switcher.review()
            if review is not None:
                review.refresh_findings()
                self.call_after_refresh(review.focus_first)
            return
        editor = self.editor(step_id)
        if editor is not None:
            editor.activated()
            spelling_flow.mark_words(self, step_id)
            # Textual may have focused a field of a newly shown editor already; focusing
            # it again sends no focus event, so show that field's help now.
            focused = self.focused
            inside = focused is not None and editor in focused.ancestors
            self._show_help(editor, focused if inside else None)
            self.call_after_refresh(focus_at, self, editor, field, place)

    def _step_offset(self, delta: int) -> str:
        steps = [s.id for s in self.session.steps]
        index = steps.index(self.current) + delta
        return steps[max(0, min(index, len(steps) - 1))]

    def action_next_step(self) -> None:
        self.open_step(self._step_offset(1))

    def action_prev_step(self) -> None:
        self.open_step(self._step_offset(-1))

    def action_focus_steps(self) -> None:
        if self.has_class("-narrow") and self.preview.display:
            self.action_toggle_preview()  # the sidebar is hidden behind the preview
        self.query_one("#steps").focus()

    @on(OpenStep)
    def _open(self, event: OpenStep) -> None:
        event.stop()
        self.open_step(event.step_id, event.field, event.place)

    # ------------------------------------------------------------------ help

    def _show_help(self, editor: StepEditor, widget: Widget | None) -> None:
        title, text = editor.help_for(widget)
        help_text = " ".join(text.split())
        label = (
            f"{title}: "
            if widget is not None and title != self.session.step(self.current).title
            else ""
        )
        self.query_one("#help", Static).update(printable(f"{label}{help_text}"))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        editor = self.editor(self.current)
        if editor is not None and editor in event.widget.ancestors_with_self:
            self._show_help(editor, event.widget)

    def action_help(self) -> None:
        """F1: the focused field's help, what to fix in this step, and the keys."""
        found = step_help(self)
        if found is not None:
            from drafter.tui.screens.dialogs import HelpScreen

            self.app.push_screen(HelpScreen(*found))

    # ------------------------------------------------------------------ files

    async def _settled(self) -> None:
        """Let keys typed just before a file key reach the model (a paste, a fast typist)."""
        await input_settled(self.app.focused, self)

    async def action_save(self) -> None:
        await self._settled()
        from drafter.tui.flows import save

        self.start(save.save(self), "save")

    async def action_save_as(self) -> None:
        await self._settled()
        from drafter.tui.flows import save

        self.start(save.save(self, ask_path=True), "save as")

    async def action_export(self) -> None:
        await self._settled()
        self.after_pause.cancel("checks")  # the export checks now
        from drafter.tui.flows import export

        self.start(export.export(self), "export")

    async def action_spelling(self) -> None:
        """F9: the suggestions for the selected spelling finding, or the word at the cursor."""
        await self._settled()
        if not self.checks_current:
            self.run_checks()  # the words' places must be those of the text as it is now
        finding = spelling_flow.target(self)
        if finding is None:
            self.notify(spelling_flow.NO_TARGET, title="Stavning", severity="warning")
            return
        self.start(spelling_flow.correct(self, finding), "stavning")

    async def reload_editor(self, step_id: str, field: str | None) -> None:
        """Show the model's text again in a step's editor (after a change made elsewhere)."""
        editor = self.editor(step_id)
        if editor is None:
            return
        await editor.recompose()
        editor.activated()
        spelling_flow.mark_words(self, step_id)
        if step_id == self.current:
            editor.focus_field(field)

    async def action_request_quit(self) -> None:
        await self._settled()
        from drafter.tui.flows import quit as quit_flow

        self.start(quit_flow.request_quit(self), "quit")

    # ------------------------------------------------------------------ live updates

    @on(SectionChanged)
    def _section_changed(self, event: SectionChanged) -> None:
        event.stop()
        # The editor marked the session dirty when it changed the model; a save may have
        # run since (and cleared it), so this message must not mark it again.
        self.update_title()
        self._pending_preview.add(event.step_id)
        if event.step_id == HEADER_STEP:
            # the header feeds the default lead-in of the decision section
            self._pending_preview.update(s.id for s in self.session.template.sections)
        self.after_pause.schedule("checks", CHECK_DELAY, self.checks.start)
        self.after_pause.schedule("preview", PREVIEW_DELAY, self._update_preview)
        self.after_pause.schedule("autosave", AUTOSAVE_DELAY, self._autosave)

    def _autosave(self) -> None:
        from drafter.tui.flows import recovery

        recovery.autosave(self)

    def run_pending(self) -> None:
        """Run now what waits for a pause in typing (checks, preview, recovery draft)."""
        self.after_pause.run_now()

    @property
    def checks_current(self) -> bool:
        """The findings shown cover every edit made so far."""
        return self.checks.current

    def run_checks(self) -> None:
        """Run the checks now and push the findings (and LIX) down."""
        self.checks.run_now()

    def _show_checks(self) -> None:
        self.sidebar.refresh_states(self.current)
        self._show_lix()
        if self.current == REVIEW_STEP:
            review = self.switcher.review()
            if review is not None:
                review.refresh_findings()
        else:
            self._show_findings()
            spelling_flow.mark_words(self, self.current)

    def _show_lix(self) -> None:
        """LIX of the current section beside its title (the review shows the document's)."""
        label = "" if self.current == REVIEW_STEP else self.session.lix_label(self.current)
        self.query_one(StepHead).show(lix=label)

    def _show_findings(self) -> None:
        findings_list = self.query_one("#findings", FindingsList)
        findings = self.session.findings_for(self.current)
        findings_list.show(findings, self.session)
        findings_list.border_title = f"Att åtgärda ({len(findings)})" if findings else "Att åtgärda"

    def _update_preview(self) -> None:
        pending, self._pending_preview = self._pending_preview, set()
        preview = self.preview
        if not preview.display:
            self._pending_preview = pending  # render when shown
            return
        for step_id in pending:
            preview.update_step(step_id)

    def action_toggle_findings(self) -> None:
        """Ctrl+L: the findings list takes most of the height; again: back to its small
        size."""
        self.set_class(not self.has_class("-findings-expanded"), "-findings-expanded")

    def action_toggle_preview(self) -> None:
        preview = self.preview
        preview.display = not preview.display
        self.set_class(preview.display, "-preview")
        if preview.display:
            preview.update_all()
            self._pending_preview.clear()
            self.call_after_refresh(preview.scroll_to_step, self.current)

    def update_title(self) -> None:
        """The header: file name and status (unsaved, saved at HH:MM, read-only)."""
        header = self.query_one_optional(TitleHeader)
        if header is not None:
            header.show_session(self.session, self.save_state.last_save, self.autosave_error)

    # ------------------------------------------------------------------ recovery drafts

    def set_autosave_error(self, reason: str | None) -> None:
        """A recovery draft could not be written (``reason``) or was written (``None``)."""
        if reason == self.autosave_error:
            return
        if reason is not None and self.autosave_error is None:
            from drafter.tui.flows import recovery

            recovery.tell_autosave_failed(self, reason)
        self.autosave_error = reason
        self.update_title()

    def restore(self, text: str) -> None:
        """Replace the ärende with a recovery draft's and rebuild the editors."""
        from drafter.tui.flows import recovery

        if recovery.restore_into(self, text):
            self.call_later(self._rebuild)

    async def _rebuild(self) -> None:
        await self.recompose()
        self.preview.display = self.app.size.width >= WIDE
        self.set_class(self.preview.display, "-preview")
        self.update_title()
        self.sidebar.refresh_states()
        step_id, field = self.initial_step
        self.open_step(step_id, field)
        self.notify("Osparade ändringar återställda. Spara med F2 för att behålla dem.")
