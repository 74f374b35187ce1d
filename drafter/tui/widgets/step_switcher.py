"""The current step's editor (or the review panel), each built the first time it is opened.

Building every editor before the first frame cost ~250 ms, so only the step shown first
is composed with the screen; the others are built and mounted when first opened.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import AwaitMount, Widget
from textual.widgets import ContentSwitcher

from drafter.tui.session import REVIEW_STEP, Session
from drafter.tui.widgets.editors import StepEditor
from drafter.tui.widgets.panels import ReviewPanel
from drafter.tui.widgets.step_editors import make_editor


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
        self._ready: set[Widget] = set()
        """Step widgets that are mounted (their fields can be focused and queried)."""

    def compose_first(self) -> Widget:
        """The first step's widget, composed with the screen."""
        return self._build(self.first)

    def on_mount(self) -> None:
        self._ready.update(self._built.values())

    def _build(self, step_id: str) -> Widget:
        widget: Widget = (
            ReviewPanel(self.session)
            if step_id == REVIEW_STEP
            else make_editor(self.session, step_id)
        )
        self._built[step_id] = widget
        return widget

    def editor(self, step_id: str) -> StepEditor | None:
        """The editor of a step once it is built and mounted (None before, and for the review)."""
        widget = self._built.get(step_id)
        return widget if isinstance(widget, StepEditor) and widget in self._ready else None

    def review(self) -> ReviewPanel | None:
        """The review panel once it is built and mounted."""
        widget = self._built.get(REVIEW_STEP)
        return widget if isinstance(widget, ReviewPanel) and widget in self._ready else None

    def editors(self) -> list[StepEditor]:
        """The editors mounted so far."""
        return [w for w in self._ready if isinstance(w, StepEditor)]

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
            self.screen.call_later(self._mounted, mounting, widget, then)

    async def _mounted(
        self, mounting: AwaitMount, widget: Widget, then: Callable[[], object]
    ) -> None:
        await mounting
        self._ready.add(widget)
        if self.session.read_only and isinstance(widget, StepEditor):
            widget.set_read_only()
        then()
