"""Opening an ärende loads what its first frame needs, not every flow of the program.

Each module named here costs start-up time before the user sees the ärende (the importer
and its libraries, the find and save flows, their dialogs, the lock and recovery drafts);
each loads where it is first used. Run in a fresh interpreter: the suite's own imports
would hide a module loaded too early.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tui_helpers import generated_arende

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "vanguard.toml"

USED_LATER = (
    "drafter.importer",
    "drafter.history",
    "drafter.replace",
    "drafter.tui.flows.find",
    "drafter.tui.flows.save",
    "drafter.tui.flows.quit",
    "drafter.tui.flows.export",
    "drafter.tui.screens.find_dialog",
    "drafter.tui.screens.export_dialog",
    "drafter.tui.screens.spelling_dialog",
)
"""Loaded when the user first imports a document, searches, saves, exports or quits."""

AFTER_FIRST_FRAME = (
    "drafter.lock",
    "drafter.recovery",
    "drafter.tui.flows.lock",
    "drafter.tui.flows.recovery",
    "drafter.tui.screens.dialogs",
    "drafter.tui.widgets.footer",
    "textual.widgets._footer",
)
"""Loaded by the start-up flow (the lock, recovery drafts) and with the key bar, both after
the first frame."""

WITH_FIRST_EDITOR = (
    "textual.widgets._text_area",
    "drafter.tui.widgets.editors",
    "drafter.tui.widgets.rows",
    "drafter.tui.widgets.field",
    "drafter.tui.widgets.marked",
    "drafter.tui.widgets.plain_preview",
)
"""Loaded with the first step editor built: an ärende that opens on the review (every step
done) paints its first frame without them."""

OPEN = """
import sys
from pathlib import Path
from drafter.tui import prepare_session
prepare_session(Path(sys.argv[1]), None, check=False)
import drafter.tui.app
print("\\n".join(sorted(sys.modules)))
"""

RUN = """
import asyncio, sys
from pathlib import Path
from drafter.tui import prepare_session
from drafter.tui.app import DrafterApp
from drafter.tui.screens.main import MainScreen

async def main() -> None:
    session, _, _ = prepare_session(Path(sys.argv[1]), None, check=False)
    app = DrafterApp(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.session.checked
        print("\\n".join(sorted(sys.modules)))

asyncio.run(main())
"""


def loaded(code: str, path: Path) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_opening_an_arende_imports_no_flow_and_not_the_importer(tmp_path: Path) -> None:
    path = tmp_path / "vanguard.toml"
    shutil.copy(EXAMPLE, path)
    modules = loaded(OPEN, path)
    assert "drafter.tui.screens.main" in modules  # the first frame's screen is there
    early = [m for m in (*USED_LATER, *AFTER_FIRST_FRAME, *WITH_FIRST_EDITOR) if m in modules]
    assert not early, f"loaded before the first frame: {early}"
    assert not [m for m in modules if m.startswith("drafter.importer.")]


@pytest.mark.slow
def test_an_arende_that_opens_on_the_review_loads_no_editor(tmp_path: Path) -> None:
    path = generated_arende(tmp_path, "klar", 5 * 1024)
    on_review = RUN.replace(
        "screen.session.checked",
        "screen.session.checked and screen.current == __import__('drafter.tui.session')"
        ".tui.session.REVIEW_STEP",
    )
    modules = loaded(on_review, path)
    early = [m for m in WITH_FIRST_EDITOR if m in modules]
    assert not early, f"loaded without an editor shown: {early}"


@pytest.mark.slow
def test_after_start_the_flows_the_user_has_not_used_are_not_loaded(tmp_path: Path) -> None:
    path = tmp_path / "vanguard.toml"
    shutil.copy(EXAMPLE, path)
    modules = loaded(RUN, path)
    assert "drafter.tui.flows.lock" in modules  # the start-up flow took the lock
    early = [m for m in USED_LATER if m in modules]
    assert not early, f"loaded without being used: {early}"
