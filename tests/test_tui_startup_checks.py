"""The checks of an opened file run right after the app's first frame (run_tui's path):
their findings, the step states and the step that needs input are as if they ran before."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static
from tui_helpers import wait_for_workers

from drafter.lock import lock_owner
from drafter.tui import prepare_session
from drafter.tui.app import DrafterApp
from drafter.tui.flows import startup
from drafter.tui.screens.main import MainScreen
from drafter.tui.session import REVIEW_STEP, Session, StepState

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "vanguard.toml"
SIZE = (100, 32)


def _example_with_bad_lead_in(tmp_path: Path) -> Path:
    """The example with a decision lead-in that names no proposer (FTB-8, an error)."""
    path = tmp_path / "vanguard.toml"
    text = EXAMPLE.read_text(encoding="utf-8")
    good = 'inledning = "Utvecklingsutskottet föreslår Regionstyrelsen att besluta följande:"'
    assert good in text
    path.write_text(text.replace(good, 'inledning = "Så här blir det:"'), encoding="utf-8")
    return path


def _checked(session: Session) -> bool:
    """(a call: mypy must not keep the narrowing of the first assert)"""
    return session.checked


def _main(app: DrafterApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


async def test_checks_after_first_frame_open_the_step_with_an_error(tmp_path: Path) -> None:
    path = _example_with_bad_lead_in(tmp_path)
    session, _, _ = prepare_session(path, None, check=False)
    assert session.findings == []
    assert not _checked(session)
    app = DrafterApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = _main(app)
        assert _checked(session) and screen.checks_current
        assert any(f.rule == "FTB-8" for f in session.findings)
        assert screen.current == "forslag_till_beslut"
        assert session.state("forslag_till_beslut") is StepState.ERRORS


@pytest.mark.parametrize("example", [True, False], ids=["exempel", "nytt"])
async def test_deferred_checks_show_what_checking_first_showed(
    tmp_path: Path, example: bool
) -> None:
    """Opened both ways, the example (and a new ärende) end on the same step, focused
    field and findings."""
    path = tmp_path / "vanguard.toml"
    if example:
        shutil.copy(EXAMPLE, path)
    shown: list[tuple[str, str | None, list[str], str]] = []
    for check in (True, False):
        session, _, _ = prepare_session(path if example else None, None, check=check)
        app = DrafterApp(session)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = _main(app)
            progress = str(screen.query_one("#progress").render())
            focus = app.focused.id if app.focused is not None else None
            messages = [f.message for f in session.findings]
            shown.append((screen.current, focus, messages, progress))
    assert shown[0] == shown[1]
    assert shown[0][2]  # both have findings


async def test_lock_is_taken_after_the_first_frame_and_released_at_quit(tmp_path: Path) -> None:
    path = tmp_path / "vanguard.toml"
    shutil.copy(EXAMPLE, path)
    session, _, _ = prepare_session(path, None, check=False)
    app = DrafterApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await wait_for_workers(app)
        owner = lock_owner(path)
        assert owner is not None and owner.pid == os.getpid()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    assert lock_owner(path) is None


def _prompts(app: DrafterApp, selector: str) -> list[str]:
    options = app.screen.query_one(selector, OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


@pytest.mark.parametrize("step", ["arendet", REVIEW_STEP])
async def test_until_the_checks_have_run_no_step_is_called_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    """The first frame comes before the checks: it says they are running, and neither the
    sidebar (✓, "9 av 9 klara") nor a findings list ("Inga anmärkningar", "klart att
    exportera") claims what only the checks can tell."""
    path = tmp_path / "vanguard.toml"
    shutil.copy(EXAMPLE, path)
    held: list[MainScreen] = []
    run_checks_later = startup.after_first_frame
    monkeypatch.setattr(startup, "after_first_frame", held.append)
    session, _, _ = prepare_session(path, None, check=False)
    app = DrafterApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = _main(app)
        screen.open_step(step)
        await pilot.pause()
        findings = "#review-findings" if step == REVIEW_STEP else "#findings"
        assert held and not _checked(session)
        assert str(screen.query_one("#progress", Static).render()) == "Granskar …"
        assert not any(p.startswith("✓") for p in _prompts(app, "#steps"))
        assert _prompts(app, findings) == ["Granskar …"]
        if step == REVIEW_STEP:
            assert str(screen.query_one("#review-summary", Static).render()) == ""

        run_checks_later(screen)
        await pilot.pause()
        assert _checked(session)
        assert " av " in str(screen.query_one("#progress", Static).render())
        assert any(p.startswith("✓") for p in _prompts(app, "#steps"))
        assert "Granskar …" not in _prompts(app, findings)
        if step == REVIEW_STEP:
            assert "Läsbarhet" in str(screen.query_one("#review-summary", Static).render())
