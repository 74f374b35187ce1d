"""The preview pane: the rendered document, one Markdown widget per step.

Only the Markdown of a changed step is re-rendered, so a keystroke in a long ärende costs
the rendering of one section, not of the whole document.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from drafter.tui.session import Session


class PreviewPane(VerticalScroll):
    """The rendered document, scrolled to the current step."""

    def __init__(self, session: Session) -> None:
        super().__init__(id="preview")
        self.session = session
        self._shown: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        for step in self.session.steps:
            if step.is_review:
                continue
            text = self.session.render_step(step.id)
            self._shown[step.id] = text
            widget = Markdown(text, id=f"pv-{step.id}", classes="preview-part")
            widget.display = bool(text)
            yield widget

    def on_mount(self) -> None:
        self.border_title = "Förhandsvisning"

    def update_step(self, step_id: str) -> None:
        """Re-render one step if its Markdown changed."""
        if step_id not in self._shown:
            return
        text = self.session.render_step(step_id)
        if text == self._shown[step_id]:
            return
        self._shown[step_id] = text
        widget = self.query_one(f"#pv-{step_id}", Markdown)
        widget.display = bool(text)
        widget.update(text)

    def update_all(self) -> None:
        for step_id in list(self._shown):
            self.update_step(step_id)

    def scroll_to_step(self, step_id: str) -> None:
        if step_id not in self._shown:
            return
        widget = self.query_one(f"#pv-{step_id}", Markdown)
        if widget.display:
            self.scroll_to_widget(widget, top=True, animate=False)
