"""A step of the preview as plain text: for Markdown too long for Textual's Markdown widget
(:data:`drafter.tui.widgets.preview.PLAIN_LIMIT`). Its own module, so the preview pane
does not import Textual's TextArea before it needs it."""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

from drafter.spelling.edit import location


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
