"""The command palette (Ctrl+P): written from the key bindings, plus one entry per step.

Each binding with an id in a known group (see :mod:`drafter.tui.keys`) becomes
"Grupp: Beskrivning"; the steps follow as "Gå till: …" in step order.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.screen import Screen

from drafter.text import printable
from drafter.tui.keys import described, group_of, keys_label
from drafter.tui.screens.main import MainScreen

Command = tuple[str, str, Callable[[], object]]


class DrafterCommands(Provider):
    """drafter's commands, in a fixed order (file, view, steps, rows, then each step)."""

    def commands(self) -> list[Command]:
        screen = self.screen
        if not isinstance(screen, MainScreen):
            return []
        from drafter.tui.widgets.rows import RowInput, RowList  # (the editors' module)

        found: list[Command] = []
        for binding in described(type(screen), type(self.app), RowList, RowInput):
            if binding.id in ("fält.nasta", "fält.foregaende", "visa.kommandon"):
                continue  # keys for moving around, not commands
            title = f"{group_of(binding)}: {binding.description}"
            help_text = f"{binding.tooltip} ({keys_label(binding)})"
            if binding.id and binding.id.startswith("rad."):
                run: Callable[[], object] = partial(_row_action, screen, binding.action)
            else:
                run = partial(screen.run_action, binding.action)
            found.append((title, help_text, run))
        found.append(("Visa: Byt tema", "Ljust eller mörkt tema", self.app.action_change_theme))
        for index, step in enumerate(screen.session.steps, 1):
            found.append(
                (
                    f"Gå till: {printable(step.title)}",
                    f"Öppna steg {index}",
                    partial(screen.open_step, step.id),
                )
            )
        return found

    async def discover(self) -> Hits:
        for title, help_text, run in self.commands():
            yield DiscoveryHit(Content(title), run, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, run in self.commands():
            score, offsets = matcher.fuzzy_search.match(query, title)
            if score > 0:
                # Matcher.highlight reads the title as markup; a step title is a file's text
                shown = Content(title)
                for offset in offsets:
                    shown = shown.stylize(matcher.match_style, offset, offset + 1)
                yield Hit(score, shown, run, text=title, help=help_text)


def _row_action(screen: Screen[Any], action: str) -> None:
    # The palette has closed when this runs; the focused row is restored by then.
    from drafter.tui.widgets.rows import RowList

    focused = screen.focused
    for node in focused.ancestors_with_self if focused is not None else []:
        if isinstance(node, RowList):
            node.call_later(node.run_action, action)
            return
    screen.notify("Ställ markören i en rad i en lista först.", severity="warning")
