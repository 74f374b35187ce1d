"""Pilot tests: LIX per section and for the whole document in the writing program."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static, TextArea
from tui_helpers import generated_arende, wait_for_workers

from drafter.checks.lix import document_lix, section_lix
from drafter.tui import prepare_session
from drafter.tui.app import DrafterApp
from drafter.tui.screens.main import MainScreen
from drafter.tui.session import REVIEW_STEP
from drafter.tui.widgets.step_head import StepHead

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "vanguard.toml"
SIZE = (110, 32)

# 60 words, 12 sentences of 5 words, no word longer than six letters: LIX 5 (mycket lättläst).
EASY = " ".join(["Vi ska ha ett möte."] * 12)


def example_app(tmp_path: Path) -> DrafterApp:
    path = tmp_path / "vanguard.toml"
    shutil.copy(EXAMPLE, path)
    session, _, _ = prepare_session(path, None)
    return DrafterApp(session)


def lix_label(app: DrafterApp) -> str:
    return app.main_screen.query_one(StepHead).lix


def screen_of(app: DrafterApp) -> MainScreen:
    return app.main_screen


async def test_section_lix_is_shown_beside_the_heading(tmp_path: Path) -> None:
    app = example_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        session = screen.session
        screen.open_step("arendet")
        await pilot.pause()
        expected = section_lix(session.arende, session.template.section("arendet"))
        assert expected is not None
        assert lix_label(app) == f"LIX {expected.rounded} ({expected.band})" == "LIX 57 (svår)"
        screen.open_step("kostnader_och_finansiering")  # under 50 words
        await pilot.pause()
        assert lix_label(app) == "för kort för LIX"
        screen.open_step("expedieras_till")  # a list: no running text, no LIX
        await pilot.pause()
        assert lix_label(app) == ""
        screen.open_step("__uppgifter")
        await pilot.pause()
        assert lix_label(app) == ""


async def test_a_long_title_gives_way_to_the_lix_at_80_columns(tmp_path: Path) -> None:
    app = example_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen_of(app).open_step("arendet")
        await pilot.pause()
        head = screen_of(app).query_one(StepHead)
        line = head.render().plain
        assert len(line) == head.size.width
        assert line.startswith("Ärendet   (steg 4 av 10")
        assert line.endswith("…  LIX 57 (svår)")  # the title is cut, the LIX is whole


async def test_document_lix_in_sidebar_and_review(tmp_path: Path) -> None:
    app = example_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        session = screen.session
        whole = document_lix(session.arende, session.template)
        assert whole is not None
        progress = str(screen.query_one("#progress", Static).render())
        assert progress.splitlines()[0].endswith(f"· LIX {whole.rounded}")
        screen.open_step(REVIEW_STEP)
        await pilot.pause()
        assert lix_label(app) == ""  # the summary below carries it; the title keeps its room
        summary = str(screen.query_one("#review-summary", Static).render())
        assert f"Läsbarhet: {whole.describe()} för hela texten ({whole.words} ord)." in summary
        assert "Ärendet 57" in summary and "Kostnader och finansiering –" in summary


async def test_lix_follows_the_text_after_typing_pauses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from drafter.tui import session as session_module

    session, _, _ = prepare_session(tmp_path / "ny.toml", None)
    app = DrafterApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        screen.open_step("arendet")
        await pilot.pause()
        assert lix_label(app) == "för kort för LIX"
        area = screen.query_one("#ed-arendet TextArea", TextArea)
        area.focus()
        calls: list[object] = []
        real = document_lix

        def counting(*args: Any) -> object:
            calls.append(args)
            return real(*args)

        monkeypatch.setattr(session_module, "document_lix", counting)
        # However slow the machine, the typing below is one burst without a pause.
        monkeypatch.setattr("drafter.tui.screens.main.CHECK_DELAY", 3600)
        area.insert(EASY[:-1])
        await pilot.press(".")  # one more keystroke; LIX waits for the pause
        assert calls == [] and lix_label(app) == "för kort för LIX"
        screen.run_pending()  # the pause in typing
        await wait_for_workers(app)
        await pilot.pause()
        assert len(calls) == 1  # once after the pause, not per keystroke
        assert lix_label(app) == "LIX 5 (mycket lättläst)"
        progress = str(screen.query_one("#progress", Static).render())
        assert progress.splitlines()[0].endswith("· LIX 5")


def test_lix_of_a_500_kb_arende_after_an_edit(tmp_path: Path) -> None:
    """LIX follows an edit of a long ärende (its speed is measured in benchmarks/)."""
    path = generated_arende(tmp_path, "stor", 500 * 1024)
    session, _, _ = prepare_session(path, None)
    section = session.template.section("arendet")
    before = session.lix["arendet"]
    session.arende.sections["arendet"].text += " Ett ord till."  # type: ignore[union-attr]
    session.refresh_findings()
    result = session.lix["arendet"]
    assert result is not None and result == section_lix(session.arende, section)
    assert before is not None and result.words == before.words + 3
