"""A new ärende made with ``--mall PATH`` finds its template again when reopened.

The template path is typed relative to the working directory; the ärende stores it
relative to its own folder, which is where loading looks for it.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
from keyboard import type_text
from tui_helpers import wait_for_workers

from drafter.paths import builtin_templates_dir, stored_template_path
from drafter.tui import prepare_session
from drafter.tui.app import DrafterApp
from drafter.tui.screens.main import MainScreen
from drafter.tui.widgets.field import Field

SIZE = (100, 32)


def test_stored_template_path_is_relative_to_the_arende_folder(tmp_path: Path) -> None:
    template = tmp_path / "sub" / "mallar" / "k.toml"
    assert stored_template_path(template, tmp_path / "sub" / "nytt.toml") == "mallar/k.toml"
    assert stored_template_path(template, tmp_path / "annan" / "x.toml") == "../sub/mallar/k.toml"


async def test_new_arende_with_template_path_reopens_after_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sub" / "mallar").mkdir(parents=True)
    shutil.copy(builtin_templates_dir() / "tjansteskrivelse.toml", tmp_path / "sub/mallar/k.toml")
    monkeypatch.chdir(tmp_path)
    # drafter sub/nytt.toml --mall sub/mallar/k.toml
    session, _, _ = prepare_session(Path("sub/nytt.toml"), "sub/mallar/k.toml")
    app = DrafterApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.open_step("__uppgifter", "titel")
        await pilot.pause()
        await type_text(pilot, "Mall i undermapp")
        await pilot.press("ctrl+s")
        await wait_for_workers(app)
        await pilot.pause()
        assert not screen.session.dirty
        await pilot.press("ctrl+q")
        await pilot.pause()
    saved = tomllib.loads((tmp_path / "sub" / "nytt.toml").read_text(encoding="utf-8"))
    assert saved["mall"] == "mallar/k.toml"

    # Reopen: it loads (no "mallen finns inte") and shows what was typed.
    session, _, _ = prepare_session(Path("sub/nytt.toml"), None)
    assert session.loaded_template.path.resolve() == (tmp_path / "sub/mallar/k.toml").resolve()
    app = DrafterApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.open_step("__uppgifter", "titel")
        await pilot.pause()
        assert screen.query_one("#falt-titel", Field).value == "Mall i undermapp"


def test_imported_arende_with_template_path_reopens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sub" / "mallar").mkdir(parents=True)
    shutil.copy(builtin_templates_dir() / "tjansteskrivelse.toml", tmp_path / "sub/mallar/k.toml")
    shutil.copy(
        Path(__file__).parent / "data" / "import" / "seed_vanguard.txt", tmp_path / "sub/in.txt"
    )
    monkeypatch.chdir(tmp_path)
    prepare_session(Path("sub/in.txt"), "sub/mallar/k.toml")
    saved = tomllib.loads((tmp_path / "sub" / "in.toml").read_text(encoding="utf-8"))
    assert saved["mall"] == "mallar/k.toml"
    session, _, _ = prepare_session(Path("sub/in.toml"), None)
    assert session.loaded_template.origin == "fil"


def test_save_as_into_another_folder_keeps_the_template_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sub" / "mallar").mkdir(parents=True)
    (tmp_path / "annan").mkdir()
    shutil.copy(builtin_templates_dir() / "tjansteskrivelse.toml", tmp_path / "sub/mallar/k.toml")
    monkeypatch.chdir(tmp_path)
    session, _, _ = prepare_session(Path("sub/nytt.toml"), "sub/mallar/k.toml")
    session.arende.header["titel"] = "Flyttad"
    from drafter.tui.saving import write_snapshot

    write_snapshot(session.snapshot(Path("annan/kopia.toml")))
    saved = tomllib.loads((tmp_path / "annan" / "kopia.toml").read_text(encoding="utf-8"))
    assert saved["mall"] == "../sub/mallar/k.toml"
    reopened, _, _ = prepare_session(Path("annan/kopia.toml"), None)
    assert reopened.arende.field_value("titel") == "Flyttad"
