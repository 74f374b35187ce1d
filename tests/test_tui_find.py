"""Find (Ctrl+F), replace all (Ctrl+H), jump to a finding, quick fix (F5) and their undo."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path
from typing import Any

from keyboard import type_text
from textual.pilot import Pilot
from textual.widgets import Input, TextArea
from tui_helpers import focused, main_screen, toasts, wait_for_workers

from drafter.replace import find_all, get_text
from drafter.storage import load_arende
from drafter.tui import prepare_session
from drafter.tui.app import DrafterApp
from drafter.tui.keys import key_help
from drafter.tui.messages import UndoUnavailable
from drafter.tui.screens.find_dialog import FindDialog, ReplaceDialog
from drafter.tui.screens.main import MainScreen
from drafter.tui.selection import cursor_offset, field_text
from drafter.tui.widgets.panels import FindingsList

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "vanguard.toml"
SIZE = (100, 32)


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    screen = pilot.app.screen
    if isinstance(screen, MainScreen):
        screen.run_pending()
    await wait_for_workers(pilot.app)
    await pilot.pause()


async def until(pilot: Pilot[Any], condition: Any) -> None:
    """Wait (frame by frame, a bounded number of frames) until ``condition()`` holds."""
    for _ in range(20):
        if condition():
            return
        await pilot.pause()
    assert condition()


async def save(pilot: Pilot[Any], path: Path) -> dict[str, Any]:
    await pilot.press("ctrl+s")
    await settle(pilot)
    with path.open("rb") as f:
        return tomllib.load(f)


def selected(app: DrafterApp) -> str:
    widget = focused(app)
    if isinstance(widget, TextArea):
        return widget.selected_text
    if isinstance(widget, Input):
        start, end = sorted(widget.selection)
        return widget.value[start:end]
    return ""


def example_app(tmp_path: Path) -> tuple[DrafterApp, Path]:
    path = tmp_path / "vanguard.toml"
    shutil.copy(EXAMPLE, path)
    session, _, _ = prepare_session(path, None)
    return DrafterApp(session), path


SKALL = "Nämnden beslutar nu. Projektet skall redovisas i maj."


async def type_summary(app: DrafterApp, pilot: Pilot[Any], text: str) -> TextArea:
    screen = main_screen(app)
    screen.open_step("sammanfattning")
    await settle(pilot)
    area = screen.query_one("#ed-sammanfattning #text", TextArea)
    area.focus()
    await pilot.pause()
    await type_text(pilot, text)
    await settle(pilot)
    return area


async def highlight_rule(app: DrafterApp, pilot: Pilot[Any], rule: str) -> FindingsList:
    """Move to the findings list with the keys and down to the first finding of ``rule``."""
    findings = main_screen(app).query_one("#findings", FindingsList)
    findings.focus()
    await pilot.pause()
    for _ in range(findings.option_count + 1):
        current = findings.highlighted_finding()
        if current is not None and current.rule == rule:
            return findings
        await pilot.press("down")
    raise AssertionError(f"no {rule} finding in the list: {main_screen(app).session.findings}")


# --------------------------------------------------------------------------- quick fix


async def test_quick_fix_for_skall_saves_ska_and_ctrl_z_brings_skall_back(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ny.toml"
    session, _, _ = prepare_session(path, None)
    app = DrafterApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await type_summary(app, pilot, SKALL)
        await highlight_rule(app, pilot, "ORD-1")
        await pilot.pause()
        # the footer offers the key for this finding
        shown = app.screen.active_bindings["f5"]
        assert shown.enabled and shown.binding.show and shown.binding.description == "Byt ordet"
        await pilot.press("f5")
        await settle(pilot)
        saved = await save(pilot, path)
        assert saved["sammanfattning"]["text"] == SKALL.replace("skall", "ska")
        assert any("Bytte ”skall” mot ”ska”" in t for t in toasts(app))
        assert not any(f.rule == "ORD-1" for f in main_screen(app).session.findings)
        assert isinstance(focused(app), FindingsList)  # ready for the next finding

        await pilot.press("ctrl+z")
        await settle(pilot)
        saved = await save(pilot, path)
        assert saved["sammanfattning"]["text"] == SKALL

        await pilot.press("ctrl+y")  # and redo
        await settle(pilot)
        saved = await save(pilot, path)
        assert saved["sammanfattning"]["text"] == SKALL.replace("skall", "ska")


async def test_f5_right_after_typing_the_word(tmp_path: Path) -> None:
    path = tmp_path / "ny.toml"
    session, _, _ = prepare_session(path, None)
    app = DrafterApp(session)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        screen.open_step("sammanfattning")
        await settle(pilot)
        await pilot.press(*"Vi skall", "f5")  # before the checks have run
        await settle(pilot)
        assert screen.session.arende.sections["sammanfattning"].text == "Vi ska"  # type: ignore[union-attr]


async def test_f5_with_the_cursor_in_the_flagged_word(tmp_path: Path) -> None:
    path = tmp_path / "ny.toml"
    session, _, _ = prepare_session(path, None)
    app = DrafterApp(session)
    async with app.run_test(size=SIZE) as pilot:
        area = await type_summary(app, pilot, SKALL)
        area.move_cursor((0, SKALL.index("skall") + 2))
        await pilot.press("f5")
        await settle(pilot)
        area = main_screen(app).query_one("#ed-sammanfattning #text", TextArea)
        assert focused(app) is area and area.cursor_location == (0, SKALL.index("skall") + 2)
        assert main_screen(app).session.arende.sections["sammanfattning"].text == (  # type: ignore[union-attr]
            SKALL.replace("skall", "ska")
        )
        area = main_screen(app).query_one("#ed-sammanfattning #text", TextArea)
        area.move_cursor((0, 0))  # no flagged word here: F5 says what to do
        await pilot.press("f5")
        await settle(pilot)
        assert any("tryck F5" in t for t in toasts(app))


# --------------------------------------------------------------------------- jump


async def test_enter_on_a_finding_selects_the_flagged_word(tmp_path: Path) -> None:
    path = tmp_path / "ny.toml"
    session, _, _ = prepare_session(path, None)
    app = DrafterApp(session)
    async with app.run_test(size=SIZE) as pilot:
        area = await type_summary(app, pilot, SKALL)
        area.move_cursor((0, 0))
        await highlight_rule(app, pilot, "ORD-1")
        await pilot.press("enter")
        await until(pilot, lambda: selected(app) == "skall")
        assert focused(app) is main_screen(app).query_one("#ed-sammanfattning #text")
        # the cursor stands at the end of the word: typing replaces it
        await pilot.press(*"ska")
        await settle(pilot)
        assert main_screen(app).session.arende.sections["sammanfattning"].text == (  # type: ignore[union-attr]
            SKALL.replace("skall", "ska")
        )


async def test_enter_on_a_finding_in_a_one_line_field_selects_the_word(tmp_path: Path) -> None:
    path = tmp_path / "ny.toml"
    session, _, _ = prepare_session(path, None)
    app = DrafterApp(session)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        screen.open_step("forslag_till_beslut")
        await settle(pilot)
        await type_text(pilot, "Regionstyrelsen skall fastställa planen.")
        await settle(pilot)
        await highlight_rule(app, pilot, "ORD-1")
        await pilot.press("enter")
        await until(pilot, lambda: selected(app) == "skall")
        assert field_text(focused(app)) == "Regionstyrelsen skall fastställa planen."


# --------------------------------------------------------------------------- find


async def test_ctrl_f_finds_in_every_step_and_ctrl_g_goes_to_the_next(tmp_path: Path) -> None:
    app, _ = example_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        session = main_screen(app).session
        hits = find_all(session.arende, session.template, "vanguard")
        assert len({h.section for h in hits}) >= 3
        await pilot.press("ctrl+f")
        await until(pilot, lambda: isinstance(app.screen, FindDialog))
        await type_text(pilot, "VANGUARD")
        await pilot.pause()
        count = str(app.screen.query_one("#find-count").render())
        assert count == f"{len(hits)} träffar"
        await pilot.press("enter")
        await settle(pilot)
        await until(pilot, lambda: selected(app).lower() == "vanguard")
        first = (main_screen(app).current, focused(app), cursor_offset(focused(app)))
        await pilot.press("ctrl+g")
        await settle(pilot)
        await until(pilot, lambda: selected(app).lower() == "vanguard")
        assert any("Träff" in t and f"av {len(hits)}" in t for t in toasts(app))
        second = (main_screen(app).current, focused(app), cursor_offset(focused(app)))
        assert second != first  # another place

        await pilot.press("ctrl+f")
        await until(pilot, lambda: isinstance(app.screen, FindDialog))
        await pilot.press("ctrl+u", *"finns inte alls")  # (the old text is selected)
        await pilot.pause()
        assert str(app.screen.query_one("#find-count").render()) == "Inga träffar"
        await pilot.press("escape")


# --------------------------------------------------------------------------- replace


async def test_replace_all_across_sections_is_one_undoable_step(tmp_path: Path) -> None:
    app, path = example_app(tmp_path)
    original = load_arende(EXAMPLE).arende
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        session = main_screen(app).session
        hits = find_all(session.arende, session.template, "Vanguard")
        sections = {h.section for h in hits}
        assert len(sections) >= 3
        await pilot.press("ctrl+h")
        await until(pilot, lambda: isinstance(app.screen, ReplaceDialog))
        await type_text(pilot, "Vanguard")
        await pilot.press("enter")
        await type_text(pilot, "Avantgarde")
        await pilot.press("enter")
        await settle(pilot)
        assert any(
            f"Ersatte {len(hits)} förekomster i {len(sections)} avsnitt." in t for t in toasts(app)
        )
        await save(pilot, path)
        saved_text = path.read_text("utf-8")
        assert "vanguard" not in saved_text.lower().replace("vanguard.toml", "")
        assert saved_text.count("Avantgarde") + saved_text.count("avantgarde") >= len(sections)

        await pilot.press("ctrl+z")  # one Ctrl+Z undoes all of it
        await settle(pilot)
        await save(pilot, path)
        restored = load_arende(path).arende
        for hit in hits:
            assert get_text(restored, hit.section, hit.field) == get_text(
                original, hit.section, hit.field
            )


async def test_typing_after_a_replace_is_undone_first(tmp_path: Path) -> None:
    path = tmp_path / "ny.toml"
    session, _, _ = prepare_session(path, None)
    app = DrafterApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await type_summary(app, pilot, "Kommunen bygger.")
        await pilot.press("ctrl+r")  # the second key of replace (Ctrl+H is Backspace in
        await until(pilot, lambda: isinstance(app.screen, ReplaceDialog))  # some terminals)
        await type_text(pilot, "kommunen")
        await pilot.press("enter")
        await type_text(pilot, "regionen")
        await pilot.press("enter")
        await settle(pilot)
        area = main_screen(app).query_one("#ed-sammanfattning #text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        await pilot.press(*" Nu")
        await settle(pilot)
        await pilot.press("ctrl+z")  # the field's own undo: the typing goes, not the replace
        await settle(pilot)
        text = main_screen(app).session.arende.sections["sammanfattning"].text  # type: ignore[union-attr]
        assert text == "Regionen bygger."
        # the field has nothing more to undo: the next Ctrl+Z undoes the replace
        await pilot.press("ctrl+z")
        await settle(pilot)
        text = main_screen(app).session.arende.sections["sammanfattning"].text  # type: ignore[union-attr]
        assert text == "Kommunen bygger."


async def test_a_field_with_nothing_left_to_undo_hands_over_to_the_history(
    tmp_path: Path,
) -> None:
    # The contract with the field widgets: a field whose own history is empty posts
    # UndoUnavailable; the replace is undone then even after typing elsewhere.
    path = tmp_path / "ny.toml"
    session, _, _ = prepare_session(path, None)
    app = DrafterApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await type_summary(app, pilot, "Kommunen bygger.")
        await pilot.press("ctrl+h")
        await until(pilot, lambda: isinstance(app.screen, ReplaceDialog))
        await type_text(pilot, "kommunen")
        await pilot.press("enter")
        await type_text(pilot, "regionen")
        await pilot.press("enter")
        await settle(pilot)
        screen = main_screen(app)
        screen.open_step("arendet")
        await settle(pilot)
        await pilot.press(*"Annat")
        await settle(pilot)
        widget = focused(app)
        assert widget is not None
        widget.post_message(UndoUnavailable())
        await settle(pilot)
        assert screen.session.arende.sections["sammanfattning"].text == "Kommunen bygger."  # type: ignore[union-attr]
        widget = focused(app)
        assert widget is not None
        widget.post_message(UndoUnavailable(redo=True))
        await settle(pilot)
        assert screen.session.arende.sections["sammanfattning"].text == "Regionen bygger."  # type: ignore[union-attr]
        assert screen.session.arende.sections["arendet"].text == "Annat"  # type: ignore[union-attr]


def test_key_help_lists_the_new_keys() -> None:
    help_text = key_help(MainScreen)
    for part in (
        "Ctrl+F sök",
        "Ctrl+G nästa träff",
        "Ctrl+H / Ctrl+R sök och ersätt",
        "F5 byt ordet",
        "Ctrl+Z ångra",
        "Ctrl+Y gör om",
    ):
        assert part in help_text


async def test_find_selects_a_hit_in_a_signature_title(tmp_path: Path) -> None:
    path = tmp_path / "ny.toml"
    session, _, _ = prepare_session(path, None)
    app = DrafterApp(session)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        screen.open_step("underskrifter")
        await settle(pilot)
        await type_text(pilot, "Anna Berg")
        await pilot.press("enter")
        await type_text(pilot, "Kulturchef")
        await settle(pilot)
        screen.open_step("sammanfattning")
        await settle(pilot)
        await pilot.press("ctrl+f")
        await until(pilot, lambda: isinstance(app.screen, FindDialog))
        await pilot.press(*"chef", "enter")
        await settle(pilot)
        await until(pilot, lambda: selected(app) == "chef")
        assert field_text(focused(app)) == "Kulturchef"
        # in the name column (the row opens in the title when a name is written)
        await pilot.press("ctrl+f")
        await until(pilot, lambda: isinstance(app.screen, FindDialog))
        await pilot.press(*"BERG", "enter")
        await settle(pilot)
        await until(pilot, lambda: selected(app) == "Berg")
        assert field_text(focused(app)) == "Anna Berg"


async def test_the_dialogs_fit_at_80x24(tmp_path: Path) -> None:
    app, _ = example_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key, dialog in (("ctrl+f", FindDialog), ("ctrl+h", ReplaceDialog)):
            await pilot.press(key)
            await until(pilot, lambda d=dialog: isinstance(app.screen, d))
            await pilot.pause()
            screen_region = app.screen.region
            for widget in app.screen.query("Button, Input, Label"):
                assert screen_region.contains_region(widget.region), widget
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, MainScreen))


async def test_read_only_finds_but_does_not_replace(tmp_path: Path) -> None:
    app, path = example_app(tmp_path)
    before = path.read_text("utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        screen.set_read_only()
        await pilot.press("ctrl+h")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)  # no dialog
        assert any("skrivskyddad" in t for t in toasts(app))
        await pilot.press("ctrl+f")
        await until(pilot, lambda: isinstance(app.screen, FindDialog))
        await type_text(pilot, "Vanguard")
        await pilot.press("enter")
        await settle(pilot)
        # finding still works (a disabled one-line field cannot take the cursor, though)
        assert any(t.startswith("Träff ") for t in toasts(app))
        hits = find_all(screen.session.arende, screen.session.template, "Vanguard")
        assert screen.current in {h.section or "__uppgifter" for h in hits}
    assert path.read_text("utf-8") == before


async def test_searched_text_with_markup_is_shown_literally_in_the_toasts(tmp_path: Path) -> None:
    path = tmp_path / "ny.toml"
    session, _, _ = prepare_session(path, None)
    app = DrafterApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await type_summary(app, pilot, "Vi har [b]fet[/b] text.")
        await pilot.press("ctrl+r")
        await until(pilot, lambda: isinstance(app.screen, ReplaceDialog))
        await type_text(pilot, "[b]fet[/b]")
        await pilot.press("enter")
        await type_text(pilot, "[red]röd[/]")
        await pilot.press("enter")
        await settle(pilot)
        text = main_screen(app).session.arende.sections["sammanfattning"].text  # type: ignore[union-attr]
        assert text == "Vi har [red]röd[/] text."
        await pilot.press("ctrl+r")
        await until(pilot, lambda: isinstance(app.screen, ReplaceDialog))
        await type_text(pilot, "[i]saknas[/i]")  # the dialog selects the last search text
        await pilot.press("enter", "enter")
        await settle(pilot)
        notes = list(app._notifications)
        assert any(n.message == "Inga träffar för ”[i]saknas[/i]”." for n in notes)
        assert not any(n.markup for n in notes)  # the searched text is not read as markup
        assert app.is_running
