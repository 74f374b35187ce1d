"""The preview pane: the rendered document, one part per step.

Only the Markdown of a changed step is re-rendered, so a keystroke in a long ärende costs
the rendering of one section, not of the whole document. The parts are built the first
time the pane is shown, so a narrow terminal (preview hidden) never pays for them and the
first frame is not delayed by them.

Textual's Markdown widget needs about 0.5 s for 50 KB and 12 s for 500 KB, so a step whose
Markdown is longer than :data:`PLAIN_LIMIT` is shown as plain text in a read-only TextArea
instead, updated by replacing only the characters that changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import TextArea

from drafter.text import printable
from drafter.tui.session import Session

if TYPE_CHECKING:
    from textual.widgets import Markdown

PLAIN_LIMIT = 16 * 1024
"""Characters of Markdown above which a step is previewed as plain text."""


def common_prefix(a: str, b: str) -> int:
    """Length of the longest common prefix (binary search on slices: fast on long text)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def common_suffix(a: str, b: str, limit: int) -> int:
    """Length of the longest common suffix, at most ``limit``."""
    lo, hi = 0, min(len(a), len(b), limit)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid : len(a) - lo] == b[len(b) - mid : len(b) - lo]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def location(text: str, offset: int) -> tuple[int, int]:
    """(row, column) of a character offset, as TextArea counts them."""
    row = text.count("\n", 0, offset)
    return row, offset - (text.rfind("\n", 0, offset) + 1)


class PlainPreview(TextArea):
    """A long step as plain text: read-only, wrapped, no cursor, not focusable."""

    DEFAULT_CSS = """
    PlainPreview {
        height: auto;
        overflow: hidden hidden;
        border: none;
        padding: 0 1;
        background: transparent;
    }
    PlainPreview:focus {
        border: none;
    }
    """

    def __init__(self, text: str, *, id: str) -> None:  # noqa: A002
        super().__init__(
            text,
            read_only=True,
            show_cursor=False,
            soft_wrap=True,
            id=id,
            classes="preview-part preview-plain",
        )
        self.can_focus = False
        self._shown = text
        self._wrapped_at: int | None = None

    def on_resize(self, event: events.Resize) -> None:
        # TextArea re-wraps the whole text on every resize, and this widget's height
        # follows its text: re-wrap only when the width changed.
        width = self.wrap_width
        if width == self._wrapped_at:
            event.prevent_default()
        self._wrapped_at = width

    def show_text(self, text: str) -> None:
        """Show ``text``, editing only the part that differs from what is shown."""
        old = self._shown
        if text == old:
            return
        start = common_prefix(old, text)
        end = common_suffix(old, text, min(len(old), len(text)) - start)
        self.replace(
            text[start : len(text) - end],
            location(old, start),
            location(old, len(old) - end),
            maintain_selection_offset=False,
        )
        self._shown = text

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()  # not an edit by the user


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
        from textual.widgets import Markdown  # 3 MB: imported only when the preview is shown

        widget: Widget
        if len(text) > PLAIN_LIMIT:
            widget = PlainPreview(text, id=f"pv-{step_id}")
        else:
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
        if (len(text) > PLAIN_LIMIT) != isinstance(widget, PlainPreview):
            # the step crossed the limit: replace the part, in the same place
            self.mount(self._part(step_id, text), after=widget)
            widget.remove()
            return
        widget.display = bool(text)
        if isinstance(widget, PlainPreview):
            widget.show_text(text)
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
