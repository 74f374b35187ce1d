"""The preview pane: the rendered document, one part per step.

Only the Markdown of a changed step is re-rendered, so a keystroke in a long ärende costs
the rendering of one section, not of the whole document. The parts are built the first
time the pane is shown, so a narrow terminal (preview hidden) never pays for them and the
first frame is not delayed by them.

Textual's Markdown widget needs about 0.5 s for 50 KB and 12 s for 500 KB, so a step whose
Markdown is longer than :data:`PLAIN_LIMIT` is shown as plain text in a read-only TextArea
instead (:mod:`drafter.tui.widgets.plain_preview`), updated by replacing only the characters
that changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget

from drafter.text import printable
from drafter.tui.session import Session

if TYPE_CHECKING:
    from textual.widgets import Markdown

    from drafter.tui.widgets.plain_preview import PlainPreview

PLAIN_LIMIT = 16 * 1024
"""Characters of Markdown above which a step is previewed as plain text."""


class PreviewPane(VerticalScroll):
    """The rendered document, scrolled to the current step."""

    def __init__(self, session: Session) -> None:
        super().__init__(id="preview")
        self.session = session
        self._shown: dict[str, str] = {}
        self._built = False
        self._scroll_target: str | None = None

    def compose(self) -> ComposeResult:
        return iter(())  # built when first shown (see on_show)

    def on_mount(self) -> None:
        self.border_title = "Förhandsvisning"

    def on_show(self, event: events.Show) -> None:
        self.build()

    def build(self) -> None:
        """Create the parts of the preview (once)."""
        if self._built:
            return
        self._built = True
        parts: list[Widget] = []
        for step in self.session.steps:
            if step.is_review:
                continue
            text = printable(self.session.render_step(step.id))
            self._shown[step.id] = text
            parts.append(self._part(step.id, text))
        self.call_later(self._mount_parts, parts)

    async def _mount_parts(self, parts: list[Widget]) -> None:
        await self.mount_all(parts)
        if self._scroll_target is not None:
            self.call_after_refresh(self.scroll_to_step, self._scroll_target)

    @staticmethod
    def _part(step_id: str, text: str) -> Widget:
        widget: Widget
        if len(text) > PLAIN_LIMIT:
            from drafter.tui.widgets.plain_preview import PlainPreview

            widget = PlainPreview(text, id=f"pv-{step_id}")
        else:
            from textual.widgets import Markdown  # 3 MB: imported only when the preview is shown

            widget = Markdown(text, id=f"pv-{step_id}", classes="preview-part")
        widget.display = bool(text)
        return widget

    def update_step(self, step_id: str) -> None:
        """Re-render one step if its Markdown changed."""
        if step_id not in self._shown:
            return
        text = printable(self.session.render_step(step_id))
        if text == self._shown[step_id]:
            return
        self._shown[step_id] = text
        widget = self.query_one(f"#pv-{step_id}")
        plain = _is_plain(widget)
        if (len(text) > PLAIN_LIMIT) != plain:
            # the step crossed the limit: replace the part, in the same place
            self.mount(self._part(step_id, text), after=widget)
            widget.remove()
            return
        widget.display = bool(text)
        if plain:
            cast("PlainPreview", widget).show_text(text)
        else:
            cast("Markdown", widget).update(text)

    def update_all(self) -> None:
        if not self._built:
            self.build()
            return
        for step_id in list(self._shown):
            self.update_step(step_id)

    def scroll_to_step(self, step_id: str) -> None:
        self._scroll_target = step_id
        if not self._built:
            if self.display:
                self.build()  # scrolls when the parts are mounted
            return
        if step_id not in self._shown:  # the review: the whole document, from its start
            self.scroll_home(animate=False)
            return
        # An empty step has no part to show: the pane goes to where its text will appear,
        # the next part that is shown (or the end), not where the last step left it.
        parts = list(self.children)
        index = parts.index(self.query_one(f"#pv-{step_id}"))
        shown = next((part for part in parts[index:] if part.display), None)
        if shown is None:
            self.scroll_end(animate=False)
        else:
            self.scroll_to_widget(shown, top=True, animate=False)


def _is_plain(widget: Widget) -> bool:
    """Whether a part of the preview is a :class:`PlainPreview` (not a Markdown widget)."""
    return widget.has_class("preview-plain")
