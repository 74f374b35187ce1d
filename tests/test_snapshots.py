"""SVG snapshots of every step of the writing program at 80×24 and 120×40 (issue 14).

A layout change shows in review as a changed SVG under ``tests/__snapshots__/``; a failing
run writes ``snapshot_report.html`` with the old and new picture side by side.

Regenerate every snapshot after a deliberate change to the look (then look at the diffs
before committing them)::

    python -m pytest tests/test_snapshots.py --snapshot-update

What the snapshots must not depend on is fixed here: the ärende is a copy of
``examples/vanguard.toml`` opened by a relative name from its own folder (the header shows
the file name, not the test's temporary path), the user folders are per test (conftest),
the cursors do not blink, and the picture is taken only when every worker (checks,
preview) has finished. The header has no clock.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea
from tui_helpers import wait_for_workers

from drafter.tui import prepare_session
from drafter.tui.app import DrafterApp
from drafter.tui.screens.export_dialog import ExportDialog

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "vanguard.toml"
SIZES = [(80, 24), (120, 40)]
STEPS = [step.id for step in prepare_session(EXAMPLE, None)[0].steps]

SnapCompare = Callable[..., bool]


@pytest.fixture
def example_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example in the working folder, by its relative name."""
    shutil.copy(EXAMPLE, tmp_path / EXAMPLE.name)
    monkeypatch.chdir(tmp_path)
    return Path(EXAMPLE.name)


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until the app is idle: messages handled, workers (checks, preview) done."""
    await pilot.pause()
    await wait_for_workers(pilot.app)
    await pilot.pause()


def steady_cursors(pilot: Pilot[Any]) -> None:
    """Stop the cursors blinking with the cursor drawn (a snapshot is one frame)."""
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False  # the focused field draws its cursor, steadily
    for area in pilot.app.screen.query(TextArea):
        # Not the same for a TextArea: it caches each rendered line under a key that holds
        # the cursor only while the cursor blinks, so blinking turned off in the blink's
        # dark half would keep the line without its cursor. Restart the blink (that shows
        # the cursor in the focused area) and stop its timer instead.
        area.cursor_blink = False
        area.cursor_blink = True
        area.blink_timer.pause()


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize(
    "step", range(len(STEPS)), ids=[f"{i:02d}-{s.strip('_')}" for i, s in enumerate(STEPS)]
)
def test_step(
    snap_compare: SnapCompare, example_here: Path, step: int, size: tuple[int, int]
) -> None:
    session, _, _ = prepare_session(example_here, None)
    app = DrafterApp(session)

    async def go_to_step(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        # Straight to the step, as Enter on it in the step list does (the steps between are
        # not built: a snapshot shows one step, and building each costs a third of a second).
        app.main_screen.open_step(STEPS[step])
        await settle(pilot)
        assert app.main_screen.current == STEPS[step]
        steady_cursors(pilot)
        await settle(pilot)

    try:
        assert snap_compare(app, terminal_size=size, run_before=go_to_step)
    finally:
        app.release_lock()


def test_export_dialog(snap_compare: SnapCompare, example_here: Path) -> None:
    """The export dialog (F3) over the first step at 80×24, Word chosen with ↓."""
    session, _, _ = prepare_session(example_here, None)
    app = DrafterApp(session)

    async def open_dialog(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("f3")  # the export flow waits for the dialog: no settle()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("down")
        await pilot.pause()
        steady_cursors(pilot)
        await pilot.pause()
        await pilot.pause()

    try:
        assert snap_compare(app, terminal_size=SIZES[0], run_before=open_dialog)
    finally:
        app.release_lock()
