"""The main screen: sidebar of steps, the current step's editor, findings and preview.

Editors write into the model and post :class:`SectionChanged`; this screen runs the checks
and the preview debounced and pushes the results down to the sidebar, the findings list,
the review step and the preview pane.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import socket
import tomllib
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import AwaitMount, Widget
from textual.widgets import ContentSwitcher, Footer, Static

from drafter.errors import DrafterError
from drafter.lock import LockResult, acquire_lock, lock_owner
from drafter.storage import arende_from_data
from drafter.tui.messages import OpenStep, SaveFinished, SectionChanged
from drafter.tui.session import (
    HEADER_STEP,
    REVIEW_STEP,
    SaveResult,
    SaveSnapshot,
    Session,
    markdown_path_for,
    write_snapshot,
)
from drafter.tui.widgets.editors import StepEditor, make_editor
from drafter.tui.widgets.header import SEPARATOR, TitleHeader
from drafter.tui.widgets.panels import FindingsList, ReviewPanel, StepList
from drafter.tui.widgets.preview import PreviewPane

if TYPE_CHECKING:
    from collections.abc import Callable

CHECK_DELAY = 0.25
"""Seconds of quiet typing before the checks run."""
PREVIEW_DELAY = 0.1
"""Seconds of quiet typing before the preview of the changed section is re-rendered."""
AUTOSAVE_DELAY = 1.0
"""Seconds of quiet typing before a recovery draft is written."""
WIDE = 120
"""Terminal width from which the preview is shown at start."""

READ_ONLY_SAVE = (
    "Filen är öppen skrivskyddad eftersom en annan drafter redan har den öppen. "
    "Stäng den andra drafter och öppna filen igen för att ändra och spara."
)


def _since(started: datetime | None) -> str:
    """ " sedan 14:02" (today) or " sedan 2025-03-14 14:02"; "" when unknown."""
    if started is None:
        return ""
    local = started.astimezone() if started.tzinfo is not None else started
    if local.date() == datetime.now().date():
        return f" sedan {local:%H:%M}"
    return f" sedan {local:%Y-%m-%d %H:%M}"


def held_message(result: LockResult) -> str:
    """ "Filen är redan öppen i en annan drafter (process N sedan HH:MM)"."""
    foreign = result.host and result.host != socket.gethostname()
    where = f" på datorn {result.host}" if foreign else ""
    return (
        f"Filen är redan öppen i en annan drafter (process {result.pid}{where}"
        f"{_since(result.started)})."
    )


def _recovery() -> ModuleType | None:
    """The recovery module (autosave drafts), or None when this drafter has none."""
    try:
        return importlib.import_module("drafter.recovery")
    except ImportError:
        return None


class MainScreen(Screen[None]):
    """Walks the user through the ärende step by step."""

    AUTO_FOCUS = None
    """The screen focuses the first field that needs input itself (see on_mount)."""

    def __init__(
        self,
        session: Session,
        *,
        overwrite_prompt: Path | None = None,
        import_report: str | None = None,
    ) -> None:
        super().__init__(id="main")
        self.session = session
        self.current = HEADER_STEP
        self.overwrite_prompt = overwrite_prompt
        self.import_report = import_report
        self._check_timer: Timer | None = None
        self._preview_timer: Timer | None = None
        self._autosave_timer: Timer | None = None
        self._pending_preview: set[str] = set()
        self._changes = 0
        """Edits so far; the checks are current when ``_checked == _changes``."""
        self._checked = 0
        self._comments_ok = False
        """The user accepted once that saving drops the file's comments."""
        self._step_widgets: dict[str, Widget] = {}
        """The editor (or review panel) of each step built so far."""
        self._ready: set[Widget] = set()
        """Step widgets that are mounted (their fields can be focused and queried)."""
        self._initial: tuple[str, str | None] = (HEADER_STEP, None)
        self._saving = False
        """A save is being written in a thread."""
        self._save_queue: list[tuple[Path, Callable[[], object] | None]] = []
        """Saves asked for while one was being written."""
        self._last_save: tuple[str, str] | None = None
        """The time of the last save (HH:MM) and its confirmation, shown in the header."""

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        # Only the step shown first is built now; the others are built when first opened
        # (see open_step). Building every editor before the first frame cost ~250 ms.
        self._step_widgets = {}
        self._ready = set()
        self._initial = self.session.first_open_step()
        first = self._initial[0]
        # Set the screen's layout classes before its children exist: set later (in
        # on_mount), each class change restyles every widget before the first frame.
        wide = self.app.size.width >= WIDE
        self.set_class(not wide, "-narrow")
        self.set_class(wide, "-preview")
        preview = PreviewPane(self.session)
        preview.display = wide
        yield TitleHeader(icon="✎")
        with Horizontal(id="body"):
            yield StepList(self.session)
            with Vertical(id="main-pane"):
                with Horizontal(id="step-head"):
                    yield Static("", id="step-title", markup=False)
                    yield Static("", id="step-lix", markup=False)
                yield Static("", id="help", markup=False)
                with ContentSwitcher(id="steps-switcher", initial=_widget_id(first)):
                    yield self._step_widget(first)
                yield FindingsList(id="findings")
            yield preview
        yield Footer(compact=True)

    def _step_widget(self, step_id: str) -> Widget:
        """Create the editor (or the review panel) of a step, not yet mounted."""
        widget: Widget = (
            ReviewPanel(self.session)
            if step_id == REVIEW_STEP
            else make_editor(self.session, step_id)
        )
        self._step_widgets[step_id] = widget
        return widget

    @property
    def switcher(self) -> ContentSwitcher:
        return self.query_one("#steps-switcher", ContentSwitcher)

    @property
    def preview(self) -> PreviewPane:
        return self.query_one(PreviewPane)

    @property
    def sidebar(self) -> StepList:
        return self.query_one(StepList)

    def editor(self, step_id: str) -> StepEditor | None:
        """The editor of a step once it is built and mounted (None before, and for the review)."""
        widget = self._step_widgets.get(step_id)
        if isinstance(widget, StepEditor) and widget in self._ready:
            return widget
        return None

    def _review(self) -> ReviewPanel | None:
        """The review panel once it is built and mounted."""
        widget = self._step_widgets.get(REVIEW_STEP)
        return widget if isinstance(widget, ReviewPanel) and widget in self._ready else None

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < WIDE, "-narrow")

    def on_mount(self) -> None:
        self._update_title()
        self._ready.update(self._step_widgets.values())  # composed with the screen
        step_id, field = self._initial
        self.open_step(step_id, field)
        self._take_lock()

    # ------------------------------------------------------------------ locks

    def _take_lock(self) -> None:
        """Lock the file; another drafter holding it means read-only or quit."""
        path = self.session.path
        if path is None or self.session.read_only:
            self._after_lock()
            return
        result = acquire_lock(path)
        if result.acquired:
            self.session.locked = path
            if result.status == "stale":
                self.notify(result.message, title="Gammalt lås", timeout=8)
        elif result.status == "unavailable":
            self.notify(result.message, title="Ingen låsning", severity="warning", timeout=10)
        elif self.session.source is not None:
            # An import: never overwrite the open file; the user picks a name at save.
            self.session.path = None
            self.overwrite_prompt = None
            self._update_title()
            self.notify(
                f"{held_message(result)} Det importerade ärendet sparas inte dit; "
                "du får välja ett annat filnamn när du sparar (F2).",
                title="Filen är öppen",
                severity="warning",
                timeout=15,
            )
        else:
            self._ask_read_only(result)
            return
        self._after_lock()

    def _ask_read_only(self, result: LockResult) -> None:
        from drafter.tui.screens.dialogs import ChoiceScreen

        def answer(choice: str | None) -> None:
            if choice == "read_only":
                self.set_read_only()
            else:
                self.app.exit(0)

        self.app.push_screen(
            ChoiceScreen(
                "Filen är redan öppen",
                f"{held_message(result)}\n\nDu kan öppna den skrivskyddad för att läsa den, "
                "eller avsluta och fortsätta i den andra drafter.",
                [("read_only", "Öppna skrivskyddad"), ("quit", "Avsluta")],
                escape="quit",
            ),
            answer,
        )

    def set_read_only(self) -> None:
        """Nothing can be edited or saved: another drafter owns the file."""
        self.session.read_only = True
        self.set_class(True, "-read-only")
        for widget in self._ready:  # steps built later are made read-only when mounted
            if isinstance(widget, StepEditor):
                widget.set_read_only()
        self._update_title()
        self.notify(
            "Filen är öppen skrivskyddad: du kan läsa och exportera Markdown men inte ändra "
            "eller spara.",
            title="Skrivskyddad",
            timeout=8,
        )

    def release_lock(self) -> None:
        self.session.release_lock()

    def _relock(self, path: Path) -> None:
        """After saving under a new name: hold the lock for the new file."""
        if self.session.locked == path:
            return
        self.release_lock()
        result = acquire_lock(path)
        if result.acquired:
            self.session.locked = path
        elif result.status == "held":
            self.notify(held_message(result), severity="warning", timeout=10)

    def _other_owner(self, path: Path) -> LockResult | None:
        """Another live drafter holding ``path`` (not this one), or None."""
        try:
            owner = lock_owner(path)
        except OSError:
            return None
        if owner is None or (owner.pid == os.getpid() and owner.host == socket.gethostname()):
            return None
        return owner

    def _after_lock(self) -> None:
        overwrite = self.overwrite_prompt
        if self.import_report:
            from drafter.tui.screens.dialogs import HelpScreen

            # Show what the import found first, then ask about overwriting.
            self.app.push_screen(
                HelpScreen("Importerat", self.import_report),
                lambda _: self._ask_overwrite(overwrite) if overwrite is not None else None,
            )
        elif overwrite is not None:
            self._ask_overwrite(overwrite)
        elif self.session.path is None:
            self._offer_unsaved_drafts()
        else:
            self._offer_recovery()

    # ------------------------------------------------------------------ steps

    def open_step(self, step_id: str, field: str | None = None) -> None:
        """Show a step and focus a field (a ``Finding.field``) or its first input.

        A step opened for the first time is built and mounted now; its field is focused
        once it is mounted.
        """
        self.current = step_id
        switcher = self.switcher
        widget = self._step_widgets.get(step_id)
        mounting = None
        if widget is None:
            widget = self._step_widget(step_id)
            widget.display = False  # the switcher shows it below
            mounting = switcher.mount(widget)
        switcher.current = _widget_id(step_id)
        self.sidebar.select(step_id)
        steps = self.session.steps
        index = next(i for i, s in enumerate(steps) if s.id == step_id)
        step = steps[index]
        self.query_one("#step-title", Static).update(
            f"{step.title}   (steg {index + 1} av {len(steps)} · F1: mer hjälp)"
        )
        self._show_lix()
        findings_list = self.query_one("#findings", FindingsList)
        findings_list.display = not step.is_review
        if step.is_review:
            self.query_one("#help", Static).update(
                "Här är alla anmärkningar i dokumentet. Enter på en anmärkning öppnar "
                "sektionen. F2 sparar, F3 exporterar Markdown."
            )
        else:
            self._show_findings()
            if self.preview.display:
                self.preview.scroll_to_step(step_id)
        if mounting is None:
            self._show_step(step_id, field)
        else:
            self.call_later(self._mounted, mounting, widget, step_id, field)

    async def _mounted(
        self, mounting: AwaitMount, widget: Widget, step_id: str, field: str | None
    ) -> None:
        """A step built on first opening is mounted: fill it in if it is still shown."""
        await mounting
        if self._step_widgets.get(step_id) is not widget:  # rebuilt meanwhile (a restore)
            return
        self._ready.add(widget)
        if self.session.read_only and isinstance(widget, StepEditor):
            widget.set_read_only()
        if self.current == step_id:
            self._show_step(step_id, field)

    def _show_step(self, step_id: str, field: str | None) -> None:
        """The part of opening a step that needs its mounted editor or review panel."""
        if step_id == REVIEW_STEP:
            review = self._review()
            if review is not None:
                review.refresh_findings()
                self.call_after_refresh(review.focus_first)
            return
        editor = self.editor(step_id)
        if editor is not None:
            editor.activated()
            # Textual may have focused a field of a newly shown editor already; focusing
            # it again sends no focus event, so show that field's help now.
            focused = self.focused
            inside = focused is not None and editor in focused.ancestors
            self._show_help(editor, focused if inside else None)
            self.call_after_refresh(editor.focus_field, field)

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
        self.open_step(event.step_id, event.field)

    # ------------------------------------------------------------------ help

    def _show_help(self, editor: StepEditor, widget: Widget | None) -> None:
        title, text = editor.help_for(widget)
        help_text = " ".join(text.split())
        label = (
            f"{title}: "
            if widget is not None and title != self.session.step(self.current).title
            else ""
        )
        self.query_one("#help", Static).update(f"{label}{help_text}")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        editor = self.editor(self.current)
        if editor is not None and editor in event.widget.ancestors_with_self:
            self._show_help(editor, event.widget)

    def action_help(self) -> None:
        from drafter.tui.screens.dialogs import HelpScreen

        editor = self.editor(self.current)
        if self.current == REVIEW_STEP:
            title = "Granska och exportera"
            text = (
                "Listan visar alla fel och varningar i dokumentet, ordnade efter sektion. "
                "Välj en med piltangenterna och tryck Enter för att gå dit.\n\n"
                "F2 (Ctrl+S) sparar ärendet som TOML och skriver Markdown bredvid.\n"
                "F3 (Ctrl+E) exporterar Markdown till en fil du väljer."
            )
        elif editor is None:  # still being built
            return
        else:
            focused = self.focused
            inside = focused is not None and editor in focused.ancestors
            title, text = editor.help_for(focused if inside else None)
        findings = self.session.findings_for(self.current) if editor is not None else []
        if findings:
            text += "\n\nAtt åtgärda här:\n" + "\n".join(
                f"• {f.severity.label}: {f.message} [{f.rule}]" for f in findings
            )
        text += "\n\n" + KEY_HELP
        self.app.push_screen(HelpScreen(title, text))

    # ------------------------------------------------------------------ live updates

    @on(SectionChanged)
    def _section_changed(self, event: SectionChanged) -> None:
        event.stop()
        # The editor marked the session dirty when it changed the model; a save may have
        # run since (and cleared it), so this message must not mark it again.
        self._update_title()
        self._pending_preview.add(event.step_id)
        if event.step_id == HEADER_STEP:
            # the header feeds the default lead-in of the decision section
            self._pending_preview.update(s.id for s in self.session.template.sections)
        self._changes += 1
        self._check_timer = self._restart(
            self._check_timer, CHECK_DELAY, self._run_checks_in_background
        )
        self._preview_timer = self._restart(
            self._preview_timer, PREVIEW_DELAY, self._update_preview
        )
        self._autosave_timer = self._restart(self._autosave_timer, AUTOSAVE_DELAY, self._autosave)

    def _restart(self, timer: Timer | None, delay: float, callback: Callable[[], object]) -> Timer:
        if timer is not None:
            timer.stop()
        return self.set_timer(delay, callback)

    # Each @work names its worker: without a description, Textual builds one from repr() of
    # the arguments, the whole document (5 ms at 500 KB on the UI thread).
    @work(thread=True, exclusive=True, group="checks", exit_on_error=False, description="checks")
    def _run_checks_in_background(self) -> None:
        """Run the checks off the UI thread (60 ms at 500 KB), then show the findings.

        The editors keep writing into the model meanwhile; a check that trips over a change
        is simply dropped, as the change has started a new check.
        """
        changes = self._changes
        try:
            self.session.refresh_findings()
        except RuntimeError:  # the model changed size under us ("changed during iteration")
            return
        self._checked = changes
        with contextlib.suppress(RuntimeError):  # the app is closing
            self.app.call_from_thread(self._show_checks)

    def run_checks(self) -> None:
        """Run the checks now and push the findings (and LIX) down."""
        changes = self._changes
        self.session.refresh_findings()
        self._checked = changes
        self._show_checks()

    def _show_checks(self) -> None:
        self.sidebar.refresh_states(self.current)
        self._show_lix()
        if self.current == REVIEW_STEP:
            review = self._review()
            if review is not None:
                review.refresh_findings()
        else:
            self._show_findings()

    def _show_lix(self) -> None:
        """LIX of the current section beside its title.

        The review step shows the whole document's LIX in its summary instead: beside the
        title it squeezed "Granska och exportera" to a stub at 80 columns.
        """
        label = "" if self.current == REVIEW_STEP else self.session.lix_label(self.current)
        self.query_one("#step-lix", Static).update(label)

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

    def action_toggle_preview(self) -> None:
        preview = self.preview
        preview.display = not preview.display
        self.set_class(preview.display, "-preview")
        if preview.display:
            preview.update_all()
            self._pending_preview.clear()
            self.call_after_refresh(preview.scroll_to_step, self.current)

    def _update_title(self) -> None:
        """The header: file name and status (unsaved, saved at HH:MM, read-only)."""
        path = self.session.path
        name = str(path) if path is not None else "nytt ärende (inte sparat)"
        saved = self._last_save
        if self.session.read_only:
            status, style = "skrivskyddad", "$text-warning"
        elif self.session.dirty:
            status = "ändrat" if saved is None else f"ändrat, sparat senast {saved[0]}"
            style = "$text-warning"
        elif saved is not None:
            status, style = saved[1], "bold $text-success"
        else:
            status, style = "", ""
        sub_title = f"{name}{SEPARATOR}{status}" if status else name
        app = self.app
        if app.sub_title == sub_title:
            return
        # Setting App.sub_title repaints the whole screen (20–30 ms on the first keystroke
        # after each save): set the value quietly and repaint only the header's title.
        # The header is a child of the screen: query_one finds it without walking the DOM
        # (query() matched every widget: 0.4 ms on that keystroke).
        app.set_reactive(App.sub_title, sub_title)
        header = self.query_one_optional(TitleHeader)
        if header is not None:
            header.show(name, status, style)

    # ------------------------------------------------------------------ recovery

    def _autosave(self) -> None:
        recovery = _recovery()
        if recovery is None or not self.session.dirty or self.session.read_only:
            return
        self._write_draft()

    @work(
        thread=True, exclusive=True, group="autosave", exit_on_error=False, description="autosave"
    )
    def _write_draft(self, text: str | None = None) -> None:
        """Write a recovery draft (the TOML is made here too: 3 ms at 500 KB)."""
        recovery = _recovery()
        if recovery is None:
            return
        if text is None:
            try:
                text = self.session.toml()
            except RuntimeError:  # the model changed under us; the next autosave writes it
                return
        with contextlib.suppress(OSError, DrafterError):  # best effort; saving reports errors
            recovery.write_draft(self.session.path, text, self.session.session_id)
            if not self.session.dirty:
                # saved while this draft was being written: the draft is stale already
                recovery.discard_draft(self.session.path, self.session.session_id)

    def _discard_draft(self) -> None:
        recovery = _recovery()
        if recovery is None or self.session.read_only:  # the draft is the other drafter's
            return
        with contextlib.suppress(OSError, DrafterError):
            recovery.discard_draft(self.session.path, self.session.session_id)

    def _offer_recovery(self) -> None:
        recovery = _recovery()
        path = self.session.path
        if recovery is None or path is None:
            return
        try:
            draft = recovery.find_draft(path)
        except (OSError, DrafterError):
            return
        if draft is None:
            return
        when = _local_time(draft.saved_at)

        def answer(restore: bool | None) -> None:
            if restore:
                self._restore(draft.text)
                return
            draft_session = getattr(draft, "session_id", None)
            if isinstance(draft_session, str):  # the user chose the saved file: drop the draft
                with contextlib.suppress(OSError, DrafterError):
                    recovery.discard_draft(path, draft_session)

        from drafter.tui.screens.dialogs import ConfirmScreen

        self.app.push_screen(
            ConfirmScreen(
                "Återställ osparade ändringar?",
                f"Det finns ändringar i {path.name} från {when} som inte sparades, "
                "kanske för att programmet avslutades oväntat. Vill du återställa dem?",
                yes="Återställ",
                no="Nej, öppna den sparade filen",
            ),
            answer,
        )

    def _offer_unsaved_drafts(self) -> None:
        """A new ärende: offer the newest draft of an ärende that was never saved."""
        recovery = _recovery()
        if recovery is None or not hasattr(recovery, "list_drafts"):
            return
        try:
            drafts = recovery.list_drafts()
        except (OSError, DrafterError):
            return
        files = [d for d in drafts if d.target is not None]
        if files:
            # The list printed before the app started is hidden behind it: repeat it here.
            lines = [f"• {d.target} ({_local_time(d.saved_at)})" for d in files[:4]]
            if len(files) > 4:
                lines.append(f"• och {len(files) - 4} till (drafter utkast)")
            self.notify(
                "\n".join(lines) + "\nÖppna filen (drafter FIL) för att återställa dem.",
                title="Osparade ändringar finns",
                timeout=20,
            )
        unsaved = [d for d in drafts if d.target is None]
        if not unsaved:
            return
        draft = unsaved[0]
        when = _local_time(draft.saved_at)
        others = len(unsaved) - 1
        more = (
            f"\n\n(Det finns {others} äldre osparade nya ärenden; se drafter utkast.)"
            if others
            else ""
        )

        def answer(restore: bool | None) -> None:
            if restore:
                self.session.session_id = draft.session_id or self.session.session_id
                self._restore(draft.text)

        from drafter.tui.screens.dialogs import ConfirmScreen

        self.app.push_screen(
            ConfirmScreen(
                "Återställ osparade ändringar?",
                f"Det finns ett nytt ärende från {when} som aldrig sparades, kanske för att "
                f"programmet avslutades oväntat. Vill du fortsätta på det?{more}",
                yes="Återställ",
                no="Nej, börja på ett nytt ärende",
            ),
            answer,
        )

    def _restore(self, text: str) -> None:
        try:
            data = tomllib.loads(text)
            arende = arende_from_data(data, self.session.template, self.session.path)
        except (tomllib.TOMLDecodeError, DrafterError) as exc:
            self.notify(f"Kunde inte återställa: {exc}", severity="error", timeout=10)
            return
        self.session.arende = arende
        self.session.mark_changed()
        self.session.refresh_findings()
        self.call_later(self._rebuild)

    async def _rebuild(self) -> None:
        await self.recompose()
        self.on_mount_after_rebuild()

    def on_mount_after_rebuild(self) -> None:
        self.preview.display = self.app.size.width >= WIDE
        self.set_class(self.preview.display, "-preview")
        self._update_title()
        self.sidebar.refresh_states()
        self._ready.update(self._step_widgets.values())  # composed again by recompose
        step_id, field = self._initial
        self.open_step(step_id, field)
        self.notify("Osparade ändringar återställda. Spara med F2 för att behålla dem.")

    def _ask_overwrite(self, path: Path) -> None:
        from drafter.tui.screens.dialogs import ConfirmScreen

        def answer(overwrite: bool | None) -> None:
            if overwrite:
                self.save_to(path)
            else:
                self.release_lock()
                self.session.path = None
                self._update_title()
                self.notify("Ärendet är inte sparat. Du får välja filnamn när du sparar (F2).")

        self.app.push_screen(
            ConfirmScreen(
                "Filen finns redan",
                f"{path} finns redan. Vill du skriva över den med det importerade ärendet?",
                yes="Skriv över",
                no="Nej, välj namn senare",
            ),
            answer,
        )

    # ------------------------------------------------------------------ files

    def action_save(self, then: Callable[[], object] | None = None) -> None:
        """Save to the ärende's file, asking for a name the first time."""
        if self.session.read_only:
            self._refuse_read_only()
            return
        if self.session.path is None:
            self.action_save_as(then)
            return
        self._save_checked(self.session.path, then)

    def action_save_as(self, then: Callable[[], object] | None = None) -> None:
        from drafter.tui.screens.dialogs import ConfirmScreen, PathScreen

        if self.session.read_only:
            self._refuse_read_only()
            return
        default = str(self.session.path) if self.session.path else "arende.toml"

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            if path.exists() and path != self.session.path:
                self.app.push_screen(
                    ConfirmScreen(
                        "Filen finns redan",
                        f"{path} finns redan. Vill du skriva över den?",
                        yes="Skriv över",
                        no="Avbryt",
                    ),
                    lambda ok: self._save_and_then(path, then) if ok else None,
                )
                return
            self._save_and_then(path, then)

        self.app.push_screen(
            PathScreen(
                "Spara ärendet",
                "Var ska ärendet sparas? Markdown skrivs bredvid med samma namn och .md.",
                default,
                suffix=".toml",
            ),
            chosen,
        )

    def _save_and_then(self, path: Path, then: Callable[[], object] | None) -> None:
        self._save_checked(path, then)

    def _refuse_read_only(self) -> None:
        self.notify(READ_ONLY_SAVE, title="Skrivskyddad", severity="warning", timeout=10)

    def _save_checked(self, path: Path, then: Callable[[], object] | None) -> None:
        """Save after asking what needs asking: comments that would go, a file changed on
        disk, a file another drafter has open. Declining keeps everything typed."""
        if self.session.read_only:
            self._refuse_read_only()
            return
        if path != self.session.path:
            owner = self._other_owner(path)
            if owner is not None:
                self.notify(
                    f"{path.name}: {held_message(owner)} Spara under ett annat namn.",
                    title="Kunde inte spara",
                    severity="error",
                    timeout=15,
                )
                return

        def save() -> None:
            self.save_to(path, then)

        def conflict_then_save() -> None:
            if path == self.session.path and self.session.changed_on_disk():
                self._ask_conflict(save, then)
            else:
                save()

        if self.session.has_comments and path == self.session.path and not self._comments_ok:
            self._ask_comments(conflict_then_save, then)
        else:
            conflict_then_save()

    def _ask_comments(self, proceed: Callable[[], None], then: Callable[[], object] | None) -> None:
        def accept() -> None:
            self._comments_ok = True
            proceed()

        self._ask_before_saving(
            "Kommentarer försvinner",
            "Filen innehåller kommentarer (#) som försvinner när du sparar. Spara ändå?\n\n"
            "Välj Spara som … för att behålla originalfilen med kommentarerna.",
            ("save", "Spara ändå"),
            accept,
            then,
        )

    def _ask_conflict(self, proceed: Callable[[], None], then: Callable[[], object] | None) -> None:
        self._ask_before_saving(
            "Filen har ändrats",
            "Filen har ändrats på disken sedan du öppnade den. Skriv över?\n\n"
            "Skriv över ersätter ändringarna på disken med det du ser här. Spara som … "
            "sparar din version under ett annat namn så att du kan jämföra.",
            ("overwrite", "Skriv över"),
            proceed,
            then,
            danger=True,
        )

    def _ask_before_saving(
        self,
        title: str,
        message: str,
        proceed_choice: tuple[str, str],
        proceed: Callable[[], None],
        then: Callable[[], object] | None,
        *,
        danger: bool = False,
    ) -> None:
        """Ask whether to save anyway (``proceed_choice``: id and label of that button, which
        calls ``proceed``), save under another name, or not save.

        ``danger``: saving anyway destroys something, so its button is marked and Spara som …
        has the focus.
        """
        from drafter.tui.screens.dialogs import ChoiceScreen

        def answer(choice: str | None) -> None:
            if choice == proceed_choice[0]:
                proceed()
            elif choice == "save_as":
                self.action_save_as(then)
            else:
                self._not_saved()

        self.app.push_screen(
            ChoiceScreen(
                title,
                message,
                [proceed_choice, ("save_as", "Spara som …"), ("cancel", "Avbryt")],
                escape="cancel",
                danger=proceed_choice[0] if danger else None,
                focus="save_as" if danger else None,
            ),
            answer,
        )

    def _not_saved(self) -> None:
        self.notify(
            "Inte sparat. Allt du skrivit finns kvar här och i återställningsfilen.",
            timeout=6,
        )

    def save_to(self, path: Path, then: Callable[[], object] | None = None) -> None:
        """Save in the background; on failure show why and keep everything typed.

        The copy to save is taken now, on the UI thread (keys typed before the save key
        reached the model first: see ``DrafterApp.after_pending_input``); turning it into
        TOML and Markdown and writing the files runs in a thread, so typing goes on
        meanwhile. ``then`` runs after a successful save. A save asked for while another
        runs starts when that one has finished (never two writes of one file at once).
        """
        if self._saving:
            if (path, then) not in self._save_queue:
                self._save_queue.append((path, then))
            return
        snapshot = self.session.snapshot(path, checked=self._checked == self._changes)
        self._saving = True
        self._write_save(snapshot, then)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False, description="save")
    def _write_save(self, snapshot: SaveSnapshot, then: Callable[[], object] | None) -> None:
        """Write a snapshot (in a thread); the result goes back as :class:`SaveFinished`."""
        try:
            result = write_snapshot(snapshot)
        except DrafterError as exc:
            self.post_message(SaveFinished(None, exc.message, then))
        except Exception as exc:  # a bug must not leave the save hanging
            self.post_message(SaveFinished(None, f"{snapshot.target}: {exc}", then))
        else:
            self.post_message(SaveFinished(result, None, then))

    @on(SaveFinished)
    def _save_finished(self, event: SaveFinished) -> None:
        event.stop()
        self._saving = False
        result = event.result
        if result is None:
            self.notify(
                f"{event.error}\nInget av det du skrivit har försvunnit; försök igen eller "
                "spara på ett annat ställe (Spara som i kommandopaletten).",
                title="Kunde inte spara",
                severity="error",
                timeout=15,
            )
        else:
            self._saved(result, event.then)
        if self._save_queue:
            path, then = self._save_queue.pop(0)
            self.save_to(path, then)

    def _saved(self, result: SaveResult, then: Callable[[], object] | None) -> None:
        old_path = self.session.path
        self.session.saved(result)
        if old_path is None or old_path != result.target:
            self._discard_draft_for(old_path)
            self._relock(result.target)
        if not self.session.dirty:  # else edited during the save: the draft stays
            self._discard_draft()
        # The confirmation stays in the header until the next edit (one line repainted), not
        # in a toast over the text: a save usually finishes while the user types on.
        when = f"{datetime.now():%H:%M}"
        note = f" · {result.errors} fel kvar" if result.errors else ""
        files = f"{result.target.name} och {result.md_path.name}"
        self._last_save = (when, f"Sparat {when} – {files}{note}")
        self._update_title()
        if then is not None:
            if self.session.dirty:  # edited while saving: save that too before going on
                self._save_queue.append((result.target, then))
            else:
                then()

    def _discard_draft_for(self, path: Path | None) -> None:
        recovery = _recovery()
        if recovery is None:
            return
        with contextlib.suppress(OSError, DrafterError):
            recovery.discard_draft(path, self.session.session_id)

    def action_export(self) -> None:
        """Export the Markdown to a path the user picks (asks first when errors remain)."""
        from drafter.tui.screens.dialogs import ConfirmScreen

        if self._check_timer is not None:
            self._check_timer.stop()
        self.run_checks()
        errors = self.session.error_count
        if errors:
            self.app.push_screen(
                ConfirmScreen(
                    "Dokumentet har fel",
                    f"Dokumentet har {errors} fel kvar (se Granska och exportera). "
                    "Vill du exportera ändå?",
                    yes="Exportera ändå",
                    no="Avbryt",
                ),
                lambda ok: self._ask_export_path() if ok else None,
            )
        else:
            self._ask_export_path()

    def _ask_export_path(self) -> None:
        from drafter.tui.screens.dialogs import PathScreen

        path = self.session.path
        default = str(markdown_path_for(path)) if path is not None else "arende.md"

        def chosen(target: Path | None) -> None:
            if target is None:
                return
            try:
                self.session.export(target)
            except DrafterError as exc:
                self.notify(exc.message, title="Kunde inte exportera", severity="error", timeout=15)
                return
            self.notify(f"Exporterade Markdown till {target}.", title="Exporterat")
            if not self.preview.display:
                self.action_toggle_preview()

        self.app.push_screen(
            PathScreen(
                "Exportera Markdown", "Var ska Markdown-filen sparas?", default, suffix=".md"
            ),
            chosen,
        )

    def action_request_quit(self) -> None:
        """Quit, asking first when there are unsaved changes."""
        from drafter.tui.screens.dialogs import QuitScreen

        if not self.session.dirty:
            self._discard_draft()
            self.quit()
            return

        def answer(choice: str | None) -> None:
            if choice == "save":
                self.action_save(then=self.quit)
            elif choice == "discard":
                self._discard_draft()
                self.quit()

        self.app.push_screen(QuitScreen(), answer)

    def quit(self) -> None:
        """Leave the app, releasing the lock."""
        self.release_lock()
        self.app.exit(0)


def _widget_id(step_id: str) -> str:
    """The id of a step's editor (or the review panel) in the content switcher."""
    return "ed-review" if step_id == REVIEW_STEP else f"ed-{step_id}"


def _local_time(saved_at: datetime) -> str:
    """A draft's time in local time (drafts may be stamped in UTC)."""
    if saved_at.tzinfo is not None:
        saved_at = saved_at.astimezone()
    return saved_at.strftime("%Y-%m-%d %H:%M")


KEY_HELP = """Tangenter:
F1 hjälp · F2 eller Ctrl+S spara · F3 eller Ctrl+E exportera Markdown
F7/F8 eller Ctrl+PgUp/PgDn föregående/nästa steg · F6 stegen · F4 förhandsvisning
Tab/Shift+Tab nästa/föregående fält · Ctrl+P kommandon · F10 eller Ctrl+Q avsluta
I listor: Enter ny rad · Backsteg i tom rad tar bort den · Alt+↑/↓ flyttar raden"""
