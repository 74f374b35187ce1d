"""The current step's editor (or the review panel), each built the first time it is opened.

Building every editor before the first frame cost ~250 ms, so only the step shown first
is composed with the screen; the others are built and mounted when first opened. The
editors' modules (and Textual's TextArea) load with the first editor: an ärende that
opens on the review paints its first frame without them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.widget import AwaitMount, Widget
from textual.widgets import ContentSwitcher

from drafter.tui.session import REVIEW_STEP, Session
from drafter.tui.widgets.panels import ReviewPanel

if TYPE_CHECKING:
    from drafter.tui.widgets.editors import StepEditor


def widget_id(step_id: str) -> str:
    """The id of a step's editor (or the review panel) in the switcher."""
    return "ed-review" if step_id == REVIEW_STEP else f"ed-{step_id}"


class StepSwitcher(ContentSwitcher):
    """Shows one step's widget; builds each on first use."""

    def __init__(self, session: Session, first: str) -> None:
        super().__init__(id="steps-switcher", initial=widget_id(first))
        self.session = session
        self.first = first
        self._built: dict[str, Widget] = {}
        """Every step widget built so far: the editors and the review panel."""
        self._editors: dict[str, StepEditor] = {}
        self._ready: set[Widget] = set()
        """Step widgets that are mounted (their fields can be focused and queried)."""

    def compose_first(self) -> Widget:
        """The first step's widget, composed with the screen."""
        return self._build(self.first)

    def on_mount(self) -> None:
        self._ready.update(self._built.values())

    def _build(self, step_id: str) -> Widget:
        widget: Widget
        if step_id == REVIEW_STEP:
            widget = ReviewPanel(self.session)
        else:
            from drafter.tui.widgets.step_editors import make_editor

            widget = self._editors[step_id] = make_editor(self.session, step_id)
        self._built[step_id] = widget
        return widget

    def editor(self, step_id: str) -> StepEditor | None:
        """The editor of a step once it is built and mounted (None before, and for the review)."""
        editor = self._editors.get(step_id)
        return editor if editor in self._ready else None

    def review(self) -> ReviewPanel | None:
        """The review panel once it is built and mounted."""
        widget = self._built.get(REVIEW_STEP)
        return widget if isinstance(widget, ReviewPanel) and widget in self._ready else None

    def editors(self) -> list[StepEditor]:
        """The editors mounted so far."""
        return [editor for editor in self._editors.values() if editor in self._ready]

    def show_step(self, step_id: str, then: Callable[[], object]) -> None:
        """Show a step; ``then`` runs once its widget is mounted (now, if it is)."""
        widget = self._built.get(step_id)
        mounting = None
        if widget is None:
            widget = self._build(step_id)
            widget.display = False  # shown below
            mounting = self.mount(widget)
        self.current = widget_id(step_id)
        if mounting is None:
            then()
        else:
            self.screen.call_later(self._mounted, mounting, step_id, then)

    async def _mounted(
        self, mounting: AwaitMount, step_id: str, then: Callable[[], object]
    ) -> None:
        await mounting
        self._ready.add(self._built[step_id])
        editor = self._editors.get(step_id)
        if self.session.read_only and editor is not None:
            editor.set_read_only()
        then()
