"""Find (Ctrl+F) and find-and-replace (Ctrl+H) dialogs: the search text is plain text.

Both count the hits in the whole ärende as the user types ("3 träffar", "Inga träffar").
The dialogs only ask; :mod:`drafter.tui.flows.find` jumps and replaces.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from drafter.replace import MAX_NEEDLE, hits_label
from drafter.text import printable
from drafter.tui.screens.dialog_screen import DialogScreen

Counter = Callable[[str], int]
"""Hits of a search text in the ärende."""

Answer = TypeVar("Answer")


class _SearchDialog(DialogScreen[Answer | None]):
    """What both dialogs share: the search field (#find-text) and its live hit count."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Avbryt")]

    def __init__(self, count: Counter, text: str = "") -> None:
        super().__init__()
        self.count = count
        self.text = text

    def search_field(self) -> Input:
        return Input(
            printable(self.text),
            placeholder="Sök efter …",
            id="find-text",
            max_length=MAX_NEEDLE,
            select_on_focus=True,
        )

    def on_mount(self) -> None:
        self._show_count(self.query_one("#find-text", Input).value)
        self.query_one("#find-text", Input).focus()

    @on(Input.Changed, "#find-text")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show_count(event.value)

    def count_label(self, hits: int) -> str:
        return hits_label(hits)

    def _show_count(self, text: str) -> None:
        label = self.count_label(self.count(text)) if text else ""
        self.query_one("#find-count", Static).update(label)

    @on(Button.Pressed, ".dialog-cancel")
    def _cancel(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)


class FindDialog(_SearchDialog[str]):
    """Ask for a search text; Enter answers it (the first hit is shown), Esc nothing."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="find-dialog"):
            yield Label("Sök i hela ärendet", classes="dialog-title")
            yield self.search_field()
            yield Static("", id="find-count", classes="dialog-message", markup=False)
            yield Static("Enter visar första träffen, Ctrl+G nästa.", classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Sök", id="find-go", variant="primary")
                yield Button("Avbryt", id="find-cancel", classes="dialog-cancel")

    @on(Input.Submitted, "#find-text")
    @on(Button.Pressed, "#find-go")
    def _go(self, event: Input.Submitted | Button.Pressed) -> None:
        event.stop()
        text = self.query_one("#find-text", Input).value
        if text:
            self.dismiss(text)


class ReplaceDialog(_SearchDialog[tuple[str, str]]):
    """Ask for a search text and its replacement; "Ersätt alla" answers both."""

    def __init__(self, count: Counter, text: str = "", replacement: str = "") -> None:
        super().__init__(count, text)
        self.replacement = replacement

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="replace-dialog"):
            yield Label("Sök och ersätt i hela ärendet", classes="dialog-title")
            yield Label("Sök efter", classes="field-label")
            yield self.search_field()
            yield Label("Ersätt med", classes="field-label")
            yield Input(
                printable(self.replacement),
                placeholder="Ersätt med …",
                id="replace-text",
                select_on_focus=True,
            )
            yield Static("", id="find-count", classes="dialog-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Ersätt alla", id="replace-all", variant="primary")
                yield Button("Avbryt", id="replace-cancel", classes="dialog-cancel")

    def count_label(self, hits: int) -> str:
        return hits_label(hits) + (" · Ctrl+Z ångrar ersättningen" if hits else "")

    @on(Input.Submitted, "#find-text")
    def _to_replacement(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#replace-text", Input).focus()

    @on(Input.Submitted, "#replace-text")
    @on(Button.Pressed, "#replace-all")
    def _replace(self, event: Input.Submitted | Button.Pressed) -> None:
        event.stop()
        text = self.query_one("#find-text", Input).value
        if text:
            self.dismiss((text, self.query_one("#replace-text", Input).value))
        else:
            self.query_one("#find-text", Input).focus()
