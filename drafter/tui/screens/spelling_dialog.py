"""The spelling dialog: a misspelled word's suggestions and "Lägg till i min ordlista".

Self-contained (its own ``DEFAULT_CSS``; the app's ``.dialog`` styles apply too). It only
asks; the caller acts on the :class:`SpellingChoice` it dismisses with:

* ``"ersatt"``: put ``choice.word`` in place of the finding's word
  (:func:`drafter.spelling.edit.apply_suggestion`);
* ``"min_ordlista"``: add the word to the user's list
  (:func:`drafter.spelling.lists.add_user_word`);
* ``"arendets_ordlista"``: add it to the ärende's own list
  (:func:`drafter.spelling.lists.add_arende_word`, then mark the ärende changed).

Escape dismisses with ``None``. Keys: 1–3 pick a suggestion, m adds to the user's list,
a to the ärende's; Tab and the arrow keys move between the buttons, Enter presses one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Button, Label, Static
from textual.widgets.button import ButtonVariant

from drafter.text import printable
from drafter.tui.screens.dialog_screen import DialogScreen

ChoiceKind = Literal["ersatt", "min_ordlista", "arendets_ordlista"]


@dataclass(frozen=True)
class SpellingChoice:
    """What the user chose: the kind, and the word (the suggestion, or the word itself)."""

    kind: ChoiceKind
    word: str


class SpellingDialog(DialogScreen[SpellingChoice | None]):
    """Suggestions for one misspelled word, and adding the word to a word list."""

    DEFAULT_CSS = """
    SpellingDialog Button {
        width: 100%;
        margin-bottom: 0;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Avbryt"),
        Binding("1", "suggestion(0)", "Förslag 1", show=False),
        Binding("2", "suggestion(1)", "Förslag 2", show=False),
        Binding("3", "suggestion(2)", "Förslag 3", show=False),
        Binding("m", "add_mine", "Min ordlista", show=False),
        Binding("a", "add_arende", "Ärendets ordlista", show=False),
        Binding("down", "app.focus_next", show=False),
        Binding("up", "app.focus_previous", show=False),
    ]

    def __init__(self, word: str, suggestions: tuple[str, ...]) -> None:
        super().__init__()
        self.word = word
        self.suggestions = suggestions[:3]

    def compose(self) -> ComposeResult:
        shown = printable(self.word)
        with Vertical(id="spelling", classes="dialog"):
            yield Label("Stavning", id="spelling-title", classes="dialog-title")
            if self.suggestions:
                text = f"”{shown}” finns inte i ordlistan. Välj ett förslag eller lägg till ordet."
            else:
                text = f"”{shown}” finns inte i ordlistan, och det finns inget förslag."
            yield Static(text, id="spelling-message", classes="dialog-message", markup=False)
            for index, suggestion in enumerate(self.suggestions):
                label = Content(f"{index + 1}  {printable(suggestion)}")
                variant: ButtonVariant = "primary" if index == 0 else "default"
                yield Button(label, id=f"forslag-{index}", variant=variant)
            yield Button(Content("Lägg till i min ordlista (m)"), id="min-ordlista")
            yield Button(Content("Lägg till i ärendets ordlista (a)"), id="arendets-ordlista")
            yield Button(Content("Avbryt (Esc)"), id="avbryt")

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def action_suggestion(self, index: int) -> None:
        if index < len(self.suggestions):
            self.dismiss(SpellingChoice("ersatt", self.suggestions[index]))

    def action_add_mine(self) -> None:
        self.dismiss(SpellingChoice("min_ordlista", self.word))

    def action_add_arende(self) -> None:
        self.dismiss(SpellingChoice("arendets_ordlista", self.word))

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button = event.button.id or ""
        if button.startswith("forslag-"):
            self.action_suggestion(int(button.removeprefix("forslag-")))
        elif button == "min-ordlista":
            self.action_add_mine()
        elif button == "arendets-ordlista":
            self.action_add_arende()
        else:
            self.dismiss(None)
