"""The checks of an opened file run right after the app's first frame (run_tui's path):
their findings, the step states and the step that needs input are as if they ran before."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from tui_helpers import wait_for_workers

from drafter.lock import lock_owner
from drafter.tui import prepare_session
from drafter.tui.app import DrafterApp
from drafter.tui.screens.main import MainScreen
from drafter.tui.session import Session, StepState

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
