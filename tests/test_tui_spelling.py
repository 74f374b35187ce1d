"""Spelling in the writing program: F9 on a spelling finding offers the suggestions."""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyboard import type_text
from textual.pilot import Pilot
from textual.widgets import TextArea
from tui_helpers import main_screen, wait_for_workers

from drafter import spelling
from drafter.spelling import lists
from drafter.tui import prepare_session
from drafter.tui.app import DrafterApp
from drafter.tui.screens.main import MainScreen
from drafter.tui.screens.spelling_dialog import SpellingDialog
from drafter.tui.widgets.marked import MARK_STYLE, MarkedTextArea
from drafter.tui.widgets.panels import FindingsList

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "vanguard.toml"
SIZE = (100, 32)


@pytest.fixture(scope="module")
def dictionary() -> None:
    """Load the dictionary before the app starts, so the test does not race its loading."""
    if spelling.load() is None:
        pytest.skip("the Swedish dictionary is not installed")


@pytest.fixture
def mode_back() -> Iterator[None]:
    before = spelling.get_mode()
    yield
    assert spelling.get_mode() == before  # the app gave the process's mode back


def spelling_app(tmp_path: Path) -> tuple[DrafterApp, Path]:
    path = tmp_path / "vanguard.toml"
    shutil.copy(EXAMPLE, path)
    session, _, _ = prepare_session(path, None)
    return DrafterApp(session, spelling=True), path


async def settle(app: DrafterApp, pilot: Pilot[int]) -> None:
    await pilot.pause()
    main_screen(app).run_pending()
    await wait_for_workers(app)
    await pilot.pause()


async def open_sammanfattning_and_type(
    app: DrafterApp, pilot: Pilot[int], text: str, *, wait: bool = True
) -> TextArea:
    screen = main_screen(app)
    screen.open_step("sammanfattning")
    await settle(app, pilot)
    area = screen.query_one("#ed-sammanfattning #text", TextArea)
    area.focus()
    area.move_cursor(area.document.end)  # type at the end of the text
    await type_text(pilot, text)
    if wait:  # for the checks that run after a pause in typing
        await settle(app, pilot)
    return area


def spelling_words(app: DrafterApp) -> list[str]:
    return [
        f.word or ""
        for f in main_screen(app).session.findings_for("sammanfattning")
        if f.rule == "STAV-1"
    ]


@pytest.mark.usefixtures("dictionary", "mode_back")
async def test_f9_on_a_spelling_finding_replaces_the_word_and_saves(tmp_path: Path) -> None:
    app, path = spelling_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        area = await open_sammanfattning_and_type(app, pilot, " Vi avslutar medlemskpa.")
        assert "medlemskpa" in spelling_words(app)
        # The word is underlined in the editor, where it stands now.
        assert isinstance(area, MarkedTextArea)
        assert "medlemskpa" in area.marked_words
        row = area.document.line_count - 1
        line = area.get_line(row)
        underlined = [line.plain[s.start : s.end] for s in line.spans if s.style == MARK_STYLE]
        assert underlined == ["medlemskpa"]
        findings = main_screen(app).query_one("#findings", FindingsList)
        assert any(
            "medlemskpa" in str(findings.get_option_at_index(i).prompt)
            for i in range(findings.option_count)
        ), "the spelling finding is listed under the text"
        await pilot.press("tab")  # from the text to the findings under it
        assert app.focused is findings
        for _ in range(findings.option_count):  # down to the spelling finding
            chosen = findings.highlighted_finding()
            if chosen is not None and chosen.word == "medlemskpa":
                break
            await pilot.press("down")
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, SpellingDialog)
        assert app.screen.word == "medlemskpa"
        assert app.screen.suggestions[0] == "medlemskap"
        await pilot.press("1")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        area = main_screen(app).query_one("#ed-sammanfattning #text", TextArea)
        assert area.text.endswith("Vi avslutar medlemskap.")
        assert "medlemskpa" not in spelling_words(app)
        assert isinstance(area, MarkedTextArea) and "medlemskpa" not in area.marked_words
        await pilot.press("f2")
        await wait_for_workers(app)
        await pilot.pause()
    app.release_lock()
    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    assert saved["sammanfattning"]["text"].endswith("Vi avslutar medlemskap.")


@pytest.mark.slow
@pytest.mark.usefixtures("dictionary", "mode_back")
async def test_f9_with_the_cursor_in_the_word_adds_it_to_the_arendes_list(
    tmp_path: Path,
) -> None:
    app, path = spelling_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        # F9 right after typing, before the pause that runs the checks: F9 checks first.
        area = await open_sammanfattning_and_type(app, pilot, " Kontakt: Zorbulakis.", wait=False)
        await pilot.press("left", "left")  # into the word
        assert app.focused is area
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, SpellingDialog)
        await pilot.press("a")  # the ärende's own list
        await settle(app, pilot)
        assert "Zorbulakis" not in spelling_words(app)
        assert isinstance(area, MarkedTextArea) and "Zorbulakis" not in area.marked_words
        assert main_screen(app).session.dirty
        await pilot.press("f2")
        await wait_for_workers(app)
        await pilot.pause()
    app.release_lock()
    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    assert "Zorbulakis" in saved["stavning"]["ord"]
    assert "Zorbulakis" not in lists.read_user_words()


async def test_f9_without_a_spelling_finding_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "vanguard.toml"
    shutil.copy(EXAMPLE, path)
    session, _, _ = prepare_session(path, None)
    app = DrafterApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("stavningsanmärkning" in n.message for n in app._notifications)
    app.release_lock()
