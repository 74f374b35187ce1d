"""Issue 14, the smaller slips a handläggare sees in the writing program: counts in the
review, what "klara" counts, the Save-as message, the aspects' radio highlight, the theme
list, the findings panel and help sizes, and the F1 window at 80×24."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from keyboard import type_text
from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, RadioButton, RadioSet, Static
from tui_helpers import wait_for_workers

from drafter.model import AspectEntry, AspectsContent, ListContent
from drafter.storage import load_arende, save_arende
from drafter.tui import prepare_session
from drafter.tui.app import DrafterApp
from drafter.tui.screens.dialogs import HelpScreen, PathScreen
from drafter.tui.screens.export_dialog import ExportDialog
from drafter.tui.screens.main import MainScreen
from drafter.tui.session import REVIEW_STEP
from drafter.tui.widgets.field import Field
from drafter.user_settings import settings_path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "vanguard.toml"
SMALL = (80, 24)
SIZE = (100, 32)
SHORT = (
    "Region Gävleborg går med i Vanguard. Det ger oss nya kontakter i Europa. Arbetet "
    "kostar inget extra."
)


def clean_example(folder: Path) -> Path:
    """The example with every finding fixed: no errors, no warnings, no info."""
    path = folder / "rent.toml"
    loaded = load_arende(EXAMPLE)
    arende, template = loaded.arende, loaded.template.template
    arende.header["diarienummer"] = "RS 2025/123"
    arende.header["datum"] = "2025-03-14"
    for section_id in ("sammanfattning", "arendet"):
        content = arende.content(template.section(section_id))
        assert hasattr(content, "text")
        content.text = SHORT
    listing = arende.content(template.section("expedieras_till"))
    assert isinstance(listing, ListContent)
    listing.items = ["Regiondirektören", "Avdelningen för regional utveckling"]
    save_arende(path, arende, template)
    return path


def app_for(path: Path) -> DrafterApp:
    session, _, _ = prepare_session(path, None)
    return DrafterApp(session)


def main_screen(app: App[Any]) -> MainScreen:
    assert isinstance(app, DrafterApp)
    return app.main_screen


async def settle(pilot: Pilot[Any]) -> None:
    """Do now what waits for a pause in typing (checks, preview), and wait for it."""
    await pilot.pause()
    main_screen(pilot.app).run_pending()
    await wait_for_workers(pilot.app)
    await pilot.pause()


def shown_text(widget: Widget) -> str:
    """The text a widget paints, line by line, as the user sees it."""
    width, height = widget.size
    lines = widget.render_lines(Region(0, 0, width, height))
    return "\n".join(line.text.strip() for line in lines)


def inside_screen(app: App[Any], widget: Widget) -> bool:
    region = widget.region
    return region.area > 0 and app.screen.region.contains_region(region)


async def empty_datum(pilot: Pilot[Any]) -> None:
    """In Uppgifter om ärendet, clear the Datum field with keys."""
    screen = main_screen(pilot.app)
    field = screen.query_one("#falt-datum", Field)
    field.focus()
    await pilot.pause()
    await pilot.press("ctrl+a", "backspace")  # select all, then delete it
    await settle(pilot)


# --------------------------------------------------------------------------- 1: counts


async def test_review_says_1_varning_not_1_varningar(tmp_path: Path) -> None:
    app = app_for(clean_example(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        screen.open_step("__uppgifter")
        await pilot.pause()
        await empty_datum(pilot)
        screen.open_step(REVIEW_STEP)
        await settle(pilot)
        summary = shown_text(screen.query_one("#review-summary", Static))
        assert "0 fel, 1 varning, 0 info." in " ".join(summary.split())
        assert "varningar" not in summary
    app.release_lock()


# --------------------------------------------------------------------------- 5: klara


async def test_a_step_with_a_warning_is_not_counted_as_klar(tmp_path: Path) -> None:
    app = app_for(clean_example(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        progress = screen.query_one("#progress", Static)
        total = len(screen.session.steps) - 1
        assert shown_text(progress).startswith(f"{total} av {total} klara")
        screen.open_step("__uppgifter")
        await pilot.pause()
        await empty_datum(pilot)
        text = shown_text(progress)
        assert text.startswith(f"{total - 1} av {total} klara"), text
        assert "1 steg med varningar" in text
        assert "med fel" not in text
    app.release_lock()


# --------------------------------------------------------------------------- 4: messages


async def test_save_as_names_a_missing_folder_in_full_at_80x24(tmp_path: Path) -> None:
    app = app_for(clean_example(tmp_path))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("f12")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PathScreen)
        field = dialog.query_one("#path", Input)
        await pilot.press("end", "shift+home", "backspace")  # select the path, delete it
        assert field.value == ""
        missing = "/tmp/saknas-helt/en/mycket/lang/mapp"
        await type_text(pilot, f"{missing}/ut.toml")
        await pilot.press("enter")
        await pilot.pause()
        error = dialog.query_one("#path-error", Widget)
        assert inside_screen(app, error)
        assert error.region.right <= dialog.query_one(".dialog", Widget).region.right
        text = " ".join(shown_text(error).split())
        assert "Välj en befintlig mapp" in text, text
        assert missing in text.replace(" ", ""), text
        assert isinstance(app.screen, PathScreen)  # nothing was saved; the dialog waits
        await pilot.press("escape")
    app.release_lock()


@pytest.mark.slow
async def test_export_names_a_missing_folder_in_full_at_80x24(tmp_path: Path) -> None:
    app = app_for(clean_example(tmp_path))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        missing = "/tmp/saknas-helt/en/mycket/lang/mapp"
        await pilot.press("tab", *f"{missing}/ut.pdf", "enter")
        await pilot.pause()
        note = dialog.query_one("#export-note", Widget)
        assert inside_screen(app, note)
        text = " ".join(shown_text(note).split())
        assert "Mappen finns inte. Välj en befintlig mapp:" in text, text
        assert inside_screen(app, dialog.query_one("#export-ok", Widget))
        await pilot.press("escape")
    app.release_lock()


# --------------------------------------------------------------------------- 8: aspects


def with_barn_described(folder: Path) -> Path:
    path = clean_example(folder)
    loaded = load_arende(path)
    arende, template = loaded.arende, loaded.template.template
    content = arende.content(template.section("konsekvensbeskrivningar"))
    assert isinstance(content, AspectsContent)
    content.aspects["barn"] = AspectEntry(
        assessment="beskriv", text="Eleverna får fler platser i fritidsverksamheten."
    )
    content.aspects["arbetsmiljo"] = AspectEntry(assessment="inga")
    save_arende(path, arende, template)
    return path


def highlighted(radio_set: RadioSet) -> str | None:
    marked = [b.id for b in radio_set.query(RadioButton) if b.has_class("-selected")]
    return marked[0] if len(marked) == 1 else None


async def test_aspect_highlight_is_the_chosen_answer(tmp_path: Path) -> None:
    path = with_barn_described(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        screen.open_step("konsekvensbeskrivningar")
        await settle(pilot)
        barn = screen.query_one("#val-barn", RadioSet)
        assert highlighted(barn) == "beskriv-barn"
        assert highlighted(screen.query_one("#val-arbetsmiljo", RadioSet)) == "inga-arbetsmiljo"
        # Focus the set and press Enter: the chosen answer stays chosen.
        barn.focus()
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert barn.pressed_button is not None and barn.pressed_button.id == "beskriv-barn"
        # Choose "inga", then move the highlight back without choosing and leave the set.
        await pilot.press("up", "enter")
        await settle(pilot)
        assert highlighted(barn) == "inga-barn"
        await pilot.press("down", "tab")
        await settle(pilot)
        assert highlighted(barn) == "inga-barn"
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    assert saved["konsekvensbeskrivningar"]["aspekter"]["barn"]["bedomning"] == "inga"
    app.release_lock()


# --------------------------------------------------------------------------- 6: theme


async def test_theme_list_is_swedish_and_the_choice_is_remembered(tmp_path: Path) -> None:
    path = clean_example(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Byt tema")
        await wait_for_workers(app)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await wait_for_workers(app)
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        assert palette.query_one(Input).placeholder == "Sök tema …"
        results = palette.query_one(CommandList)
        shown = " | ".join(
            str(results.get_option_at_index(i).prompt) for i in range(results.option_count)
        )
        assert "Mörkt (valt)" in shown and "Ljust" in shown
        assert "textual-light" not in shown and "Search" not in shown
        await pilot.press(*"Ljust")
        await wait_for_workers(app)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "textual-light"
    app.release_lock()
    again = app_for(path)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "textual-light"
    again.release_lock()


async def test_a_broken_settings_file_does_not_stop_the_app(tmp_path: Path) -> None:
    settings = settings_path()
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_bytes(b'tema = "textual-light\n\xff\xfe[[[')
    app = app_for(clean_example(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        app.choose_theme("nord")
        await pilot.pause()
    app.release_lock()
    assert tomllib.loads(settings.read_text(encoding="utf-8")) == {"tema": "nord"}


# --------------------------------------------------------------------------- 11: F1 at 80×24


async def test_f1_close_button_is_inside_the_screen_at_80x24(tmp_path: Path) -> None:
    app = app_for(clean_example(tmp_path))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        close = app.screen.query_one("#close", Widget)
        assert inside_screen(app, close), close.region
        dialog = app.screen.query_one(".help-dialog", Widget)
        assert dialog.region.contains_region(close.region)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    app.release_lock()


# --------------------------------------------------------------------------- 10: sizes


def one_line(text: str) -> str:
    return " ".join(text.split())


async def test_help_line_is_cut_after_a_word_with_f1_and_f1_shows_it_whole(tmp_path: Path) -> None:
    app = app_for(clean_example(tmp_path))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        screen.open_step("konsekvensbeskrivningar")
        await settle(pilot)
        screen.query_one("#text", Widget).focus()
        await pilot.pause()
        help_line = screen.query_one("#help", Static)
        full = one_line(getattr(help_line, "full_text", ""))
        assert len(full) > 3 * help_line.size.width  # too long for three lines
        shown = shown_text(help_line).splitlines()
        assert len(shown) <= 3
        assert shown[-1].endswith("… (F1)")
        start = one_line(" ".join(shown)).removesuffix("… (F1)").strip()
        assert full.startswith(start) and full[len(start)] == " "  # cut after a whole word
        # F1 shows all of it
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        body = one_line(shown_text(app.screen.query_one(".help-body Static", Static)))
        assert one_line(full.split(": ", 1)[-1]) in body
        await pilot.press("escape")
    app.release_lock()


async def test_ctrl_l_gives_the_findings_most_of_the_height(tmp_path: Path) -> None:
    path = tmp_path / "vanguard.toml"
    shutil.copy(EXAMPLE, path)
    app = app_for(path)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        screen.open_step("arendet")
        await settle(pilot)
        findings = screen.query_one("#findings", Widget)
        editor = screen.query_one("#steps-switcher", Widget)
        small = findings.region.height
        assert 0 < small <= 7 and editor.region.height > small
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert findings.region.height > small + 4
        assert findings.region.height >= 3 * editor.region.height > 0  # the editor keeps a few
        assert inside_screen(app, findings)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert findings.region.height == small
    app.release_lock()


async def test_ctrl_l_is_in_the_key_help_and_the_palette(tmp_path: Path) -> None:
    from drafter.tui.commands import DrafterCommands
    from drafter.tui.keys import key_help

    assert "Ctrl+L / F11 större anmärkningar" in key_help(MainScreen)
    app = app_for(clean_example(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [title for title, _, _ in DrafterCommands(app.screen).commands()]
        assert "Visa: Större anmärkningar" in titles
    app.release_lock()


# --------------------------------------------------------------------------- 3: numbers


async def test_finding_numbers_the_point_as_the_export_and_opens_its_row(
    tmp_path: Path,
) -> None:
    from drafter.model import DecisionContent
    from drafter.tui.widgets.panels import FindingsList

    path = clean_example(tmp_path)
    loaded = load_arende(path)
    arende, template = loaded.arende, loaded.template.template
    decision = arende.content(template.section("forslag_till_beslut"))
    assert isinstance(decision, DecisionContent)
    point = "Region Gävleborg avslutar projektet samt att rapporten arkiveras."
    decision.points = ["", point]
    save_arende(path, arende, template)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        screen.open_step("forslag_till_beslut")
        await settle(pilot)
        findings = screen.query_one("#findings", FindingsList)
        prompts = [
            str(findings.get_option_at_index(i).prompt) for i in range(findings.option_count)
        ]
        numbered = [p for p in prompts if "Punkt " in p]
        assert numbered and all("Punkt 1 " in p for p in numbered), prompts
        assert "1. " + point in screen.session.markdown()
        findings.focus()
        findings.highlighted = prompts.index(numbered[0])
        await pilot.press("enter")
        await settle(pilot)
        focused = app.focused
        shown = getattr(focused, "value", None) or getattr(focused, "text", None)
        assert shown == point  # the row that holds the point, not the empty first row
    app.release_lock()
