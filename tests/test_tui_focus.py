"""Moving into a filled field and typing adds to it; it never replaces what is there."""

from __future__ import annotations

import shutil
from pathlib import Path

from drafter.tui import prepare_session
from drafter.tui.app import DrafterApp
from drafter.tui.screens.main import MainScreen
from drafter.tui.widgets.field import Field

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "vanguard.toml"


async def test_typing_after_tab_into_a_filled_field_keeps_its_text(tmp_path: Path) -> None:
    path = tmp_path / "vanguard.toml"
    shutil.copy(EXAMPLE, path)
    session, _, _ = prepare_session(path, None)
    app = DrafterApp(session)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.open_step("__uppgifter")  # the header step is built when first opened
        await pilot.pause()
        field = screen.query_one("#falt-organisation", Field)
        field.focus()
        await pilot.pause()
        await pilot.press("space", "X")
        await pilot.pause()
        assert field.value == "Region Gävleborg X"
        assert session.arende.field_value("organisation") == "Region Gävleborg X"
