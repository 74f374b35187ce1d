"""The key bar: Textual's Footer, rebuilt only when the keys it shows change."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer

ShownKey = tuple[str, str | None, str, str, bool, str]
"""(key, key display, description, action, enabled, tooltip) of a key the Footer shows."""


def shown_keys(screen: Screen[object]) -> tuple[ShownKey, ...]:
    """What a Footer shows for ``screen``'s bindings: key, text, action, whether enabled."""
    return tuple(
        (binding.key, binding.key_display, binding.description, binding.action, enabled, tip)
        for _node, binding, enabled, tip in screen.active_bindings.values()
        if binding.show
    )


class KeyFooter(Footer):
    """Textual's Footer rebuilds all its keys whenever the screen's bindings are published,
    which is on every focus change (Tab, a step opened, the findings list). This one skips
    the rebuild when the keys shown would be the same: opening a step, most of that work."""

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__(compact=compact)
        self._shown: tuple[ShownKey, ...] | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        shown = shown_keys(screen)
        if shown == self._shown:
            return
        super().bindings_changed(screen)
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown  # a rebuild with these keys is on its way
