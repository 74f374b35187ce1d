"""Opening a .txt/.md tjänsteskrivelse in the writing program imports it first."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
from textual.widgets import Static
from tui_helpers import wait_for_workers

from drafter.tui import prepare_session
from drafter.tui.app import DrafterApp
from drafter.tui.screens.dialogs import ConfirmScreen, HelpScreen
from drafter.tui.screens.main import MainScreen

pytest.importorskip("drafter.importer")

SEED = Path(__file__).resolve().parent / "data" / "import" / "seed_vanguard.txt"
SIZE = (100, 32)

SAMPLE = """Tjänsteskrivelse - Avsluta medlemskap i Vanguard

Förslag till beslut

Utvecklingsutskottet föreslår Regionstyrelsen att besluta följande:

1. Region Gävleborg avslutar sitt medlemskap i Vanguardinitiativet.

Sammanfattning

Vanguardinitiativet är ett nätverk som bildades 2013.

Kostnader och finansiering

Minskade kostnader med 12 500 euro/år.
"""

SAMPLE_MD = (
    SAMPLE.replace("Förslag till beslut\n", "## Förslag till beslut\n")
    .replace("Sammanfattning\n", "## Sammanfattning\n")
    .replace("Kostnader och finansiering\n", "## Kostnader och finansiering\n")
    .replace("Tjänsteskrivelse - ", "# Tjänsteskrivelse - ")
)


def test_text_file_is_imported_and_saved_beside_it(tmp_path: Path) -> None:
    source = tmp_path / "vanguard.txt"
    shutil.copy(SEED, source)
    session, overwrite, report = prepare_session(source, None)
    target = tmp_path / "vanguard.toml"
    assert overwrite is None
    assert session.path == target and not session.dirty
    assert report is not None and f"Sparat som {target}" in report
    data = tomllib.loads(target.read_text(encoding="utf-8"))
    assert data["forslag_till_beslut"]["punkter"] == [
        "Region Gävleborg avslutar sitt medlemskap i Vanguardinitiativet."
    ]


async def test_existing_toml_is_not_overwritten_without_asking(tmp_path: Path) -> None:
    source = tmp_path / "skrivelse.md"
    source.write_text(SAMPLE_MD, encoding="utf-8")
    target = tmp_path / "skrivelse.toml"
    target.write_text("# min egen fil\n", encoding="utf-8")
    session, overwrite, report = prepare_session(source, None)
    assert overwrite == target and report
    app = DrafterApp(session, overwrite_prompt=overwrite, import_report=report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)  # what the import found
        assert "Förslag till beslut" in str(
            app.screen.query_one(".help-body Static", Static).render()
        )
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert target.read_text(encoding="utf-8") == "# min egen fil\n"
        await pilot.press("enter")  # Skriv över
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    data = tomllib.loads(target.read_text(encoding="utf-8"))
    assert data["sammanfattning"]["text"].startswith("Vanguardinitiativet")
    # Saving never overwrites the Markdown the ärende was imported from.
    assert source.read_text(encoding="utf-8") == SAMPLE_MD
    assert (tmp_path / "skrivelse-drafter.md").is_file()


async def test_declining_overwrite_asks_for_a_name_at_save(tmp_path: Path) -> None:
    source = tmp_path / "skrivelse.txt"
    source.write_text(SAMPLE, encoding="utf-8")
    target = tmp_path / "skrivelse.toml"
    target.write_text("# min egen fil\n", encoding="utf-8")
    session, overwrite, report = prepare_session(source, None)
    app = DrafterApp(session, overwrite_prompt=overwrite, import_report=report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # close the report
        await pilot.pause()
        await pilot.press("escape")  # do not overwrite
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.session.path is None
    assert target.read_text(encoding="utf-8") == "# min egen fil\n"


def test_missing_markdown_file_is_an_error_not_a_new_arende(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from drafter.tui import run_tui

    assert run_tui(tmp_path / "finns-inte.md", None) == 2
    assert "finns-inte.md: filen finns inte" in capsys.readouterr().err
    assert not (tmp_path / "finns-inte.md").exists()


async def test_text_the_import_kept_aside_can_be_moved_into_a_section(tmp_path: Path) -> None:
    """Text under a heading the template does not know gets a step of its own: the user
    cuts it there, pastes it into Ärendet and saves; the [importerat] table and its
    warning are gone."""
    from textual.widgets import OptionList, TextArea

    from drafter.tui.widgets.panels import StepList

    source = tmp_path / "skrivelse.txt"
    source.write_text(
        SAMPLE + "\nHistorik i korthet\n\nRegionen gick med i nätverket 2015.\n",
        encoding="utf-8",
    )
    session, overwrite, report = prepare_session(source, None)
    target = tmp_path / "skrivelse.toml"
    assert (
        "Regionen gick med"
        in tomllib.loads(target.read_text("utf-8"))["importerat"]["Historik i korthet"]
    )
    app = DrafterApp(session, overwrite_prompt=overwrite, import_report=report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # close the import report
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        options = screen.query_one(StepList).query_one("#steps", OptionList)
        titles = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert titles[-2:] == ["! Importerad text", "▶ Granska och exportera"]
        kept = [f for f in screen.session.findings if f.rule == "importerat"]
        assert len(kept) == 1 and "Historik i korthet" in kept[0].message

        await pilot.press("f6", "end", "up", "enter")  # the step list: next to last step
        await pilot.pause()
        assert screen.current == "importerat"
        area = app.focused
        assert isinstance(area, TextArea) and area.text.startswith("Regionen gick med")
        for _ in range(4):
            await pilot.press("shift+down")  # select to the end
        await pilot.press("ctrl+x")
        await pilot.pause()
        assert area.text == ""
        screen.open_step("arendet")
        await pilot.pause()
        await pilot.press("ctrl+v")
        await pilot.press("f2")
        await wait_for_workers(app)
        await pilot.pause()
        assert not screen.session.dirty
        screen.run_checks()
        assert not [f for f in screen.session.findings if f.rule == "importerat"]
        assert str(options.get_option_at_index(len(titles) - 2).prompt) == "✓ Importerad text"
    data = tomllib.loads(target.read_text(encoding="utf-8"))
    assert "importerat" not in data
    assert data["arendet"]["text"].startswith("Regionen gick med i nätverket 2015.")


def test_word_document_is_imported_when_opened(tmp_path: Path) -> None:
    """The writing program opens what drafter import reads: a .docx too."""
    source = tmp_path / "tju.docx"
    shutil.copy(Path(__file__).resolve().parent / "data" / "real" / "soderhamn_tju.docx", source)
    session, overwrite, report = prepare_session(source, None)
    assert overwrite is None and report is not None
    assert session.path == tmp_path / "tju.toml" and session.source == source
    assert (tmp_path / "tju.toml").is_file()
