"""The spelling dialog on its own, in a tiny app: suggestions and word lists by keys only."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Button, Static

from drafter.checks import run_checks
from drafter.findings import Finding
from drafter.model import Arende, ProseContent
from drafter.spelling import Mode, load, using_mode
from drafter.spelling.edit import apply_suggestion
from drafter.spelling.lists import add_arende_word, add_user_word, read_user_words
from drafter.templates import Template, find_template
from drafter.tui.screens.spelling_dialog import SpellingChoice, SpellingDialog


class DialogApp(App[None]):
    """Opens the dialog for one word and keeps what it was dismissed with."""

    def __init__(self, word: str, suggestions: tuple[str, ...]) -> None:
        super().__init__()
        self.word = word
        self.suggestions = suggestions
        self.results: list[SpellingChoice | None] = []

    def compose(self) -> ComposeResult:
        yield Static("bakgrund")

    def on_mount(self) -> None:
        self.push_screen(SpellingDialog(self.word, self.suggestions), self.results.append)


async def choose(word: str, suggestions: tuple[str, ...], *keys: str) -> SpellingChoice | None:
    app = DialogApp(word, suggestions)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SpellingDialog)
        await pilot.press(*keys)
        await pilot.pause()
        assert not any(isinstance(s, SpellingDialog) for s in app.screen_stack)
    assert len(app.results) == 1
    return app.results[0]


SUGGESTIONS = ("medlemskap", "medlemskupa", "medlemskåpa")


async def test_shows_word_and_up_to_three_suggestions() -> None:
    app = DialogApp("medlemskpa[b]", (*SUGGESTIONS, "fjärde"))
    async with app.run_test() as pilot:
        await pilot.pause()
        labels = [str(b.label) for b in app.screen.query(Button)]
        assert labels == [
            "1  medlemskap",
            "2  medlemskupa",
            "3  medlemskåpa",
            "Lägg till i min ordlista (m)",
            "Lägg till i ärendets ordlista (a)",
            "Avbryt (Esc)",
        ]
        message = app.screen.query_one("#spelling-message", Static)
        assert "”medlemskpa[b]”" in str(message.render())  # shown as text, not markup


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (("enter",), SpellingChoice("ersatt", "medlemskap")),
        (("2",), SpellingChoice("ersatt", "medlemskupa")),
        (("down", "down", "enter"), SpellingChoice("ersatt", "medlemskåpa")),
        (("m",), SpellingChoice("min_ordlista", "medlemskpa")),
        (("tab", "tab", "tab", "enter"), SpellingChoice("min_ordlista", "medlemskpa")),
        (("a",), SpellingChoice("arendets_ordlista", "medlemskpa")),
        (("escape",), None),
    ],
)
async def test_keys_choose(keys: tuple[str, ...], expected: SpellingChoice | None) -> None:
    assert await choose("medlemskpa", SUGGESTIONS, *keys) == expected


async def test_without_suggestions_only_the_lists_are_offered() -> None:
    assert await choose("Xylofrim", (), "3", "m") == SpellingChoice("min_ordlista", "Xylofrim")


# ------------------------------------------------------------------ with the real check


@pytest.fixture
def spelling() -> Iterator[None]:
    if load() is None:
        pytest.fail("the Swedish dictionary (hunspell-sv) is not installed")
    with using_mode(Mode.BLOCKING):
        yield


def _arende(template: Template, text: str) -> Arende:
    arende = Arende.new(template)
    content = arende.sektioner["arendet"]
    assert isinstance(content, ProseContent)
    content.text = text
    return arende


def _spelling(arende: Arende, template: Template) -> list[Finding]:
    return [f for f in run_checks(arende, template) if f.rule == "STAV-1"]


async def _act(arende: Arende, finding: Finding, *keys: str) -> None:
    """What the TUI does with a spelling finding: the dialog, then the choice."""
    assert finding.word is not None
    choice = await choose(finding.word, finding.suggestions, *keys)
    assert choice is not None
    if choice.kind == "ersatt":
        assert apply_suggestion(arende, finding, choice.word)
    elif choice.kind == "min_ordlista":
        add_user_word(choice.word)
    else:
        assert add_arende_word(arende, choice.word)


async def test_chosen_suggestion_fixes_the_text(spelling: None) -> None:
    template = find_template("tjansteskrivelse").template
    arende = _arende(template, "Denna tjänsteskrivlese gäller medlemskapet.")
    (finding,) = _spelling(arende, template)
    await _act(arende, finding, "1")
    content = arende.sektioner["arendet"]
    assert isinstance(content, ProseContent)
    assert content.text == "Denna tjänsteskrivelse gäller medlemskapet."
    assert _spelling(arende, template) == []


async def test_added_words_are_no_longer_flagged(spelling: None) -> None:
    template = find_template("tjansteskrivelse").template
    arende = _arende(template, "Vi arbetar tekniknära med förväntansbild.")
    first, second = _spelling(arende, template)
    await _act(arende, first, "m")
    assert read_user_words() == ("tekniknära",)
    await _act(arende, second, "a")
    assert arende.extra["stavning"] == {"ord": ["förväntansbild"]}
    assert _spelling(arende, template) == []
