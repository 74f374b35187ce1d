"""Pilot tests of the text fields: they wrap and grow, undo and redo everywhere (typing and
row edits), select all, start and end, paste of hard-wrapped text, and no key lost at start
or after Tab."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

from keyboard import type_text
from textual import events
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from tui_helpers import focused, main_screen, wait_for_workers

from drafter.paste import join_pasted
from drafter.tui import prepare_session
from drafter.tui.app import DrafterApp
from drafter.tui.messages import UndoUnavailable
from drafter.tui.widgets.add_row import AddRowButton
from drafter.tui.widgets.field import Field
from drafter.tui.widgets.marked import MarkedTextArea
from drafter.tui.widgets.rows import RowInput

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "vanguard.toml"
DECISION = "forslag_till_beslut"
LONG_POINT = (
    "Regionstyrelsen ger regiondirektören i uppdrag att tillsammans med Kultur- och "
    "fritidsförvaltningen utreda hur öppettiderna kan förlängas till kl. 20.00 "
    "måndag–torsdag från och med hösten 2026 utan ökade kostnader."
)


def app_for(path: Path) -> DrafterApp:
    session, _, _ = prepare_session(path, None)
    return DrafterApp(session)


def example(tmp_path: Path) -> Path:
    path = tmp_path / "vanguard.toml"
    shutil.copy(EXAMPLE, path)
    return path


def points(app: DrafterApp) -> list[str]:
    session = main_screen(app).session
    dumped = session.arende.content(session.template.section(DECISION)).model_dump()
    return list(dumped["punkter"])


async def open_step(pilot: Pilot[int], step_id: str) -> None:
    main_screen(pilot.app).open_step(step_id)  # type: ignore[arg-type]
    await pilot.pause()
    await pilot.pause()


def shown_lines(field: Field) -> list[str]:
    """The lines of ``field`` as painted on the screen."""
    return [
        "".join(segment.text for segment in field.render_line(y)).rstrip()
        for y in range(field.size.height)
    ]


# --------------------------------------------------------------------------- wrapping


async def test_a_long_decision_point_is_read_whole_at_80x24(tmp_path: Path) -> None:
    app = app_for(example(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step(pilot, DECISION)
        main_screen(app).query_one("#punkter RowInput", RowInput).focus()
        await pilot.press("ctrl+a")
        app.post_message(events.Paste(LONG_POINT))
        await pilot.pause()
        assert points(app) == [LONG_POINT]
        await pilot.press("shift+tab")  # leave the row: it shows its text from the start
        await pilot.pause()
        row = main_screen(app).query_one("#punkter RowInput", RowInput)
        assert 1 < row.size.height <= 7  # grows with the text (up to max-height)
        shown = " ".join(shown_lines(row))
        assert shown.startswith("Regionstyrelsen ger")
        assert " ".join(shown.split()) == LONG_POINT  # every word, none cut off


async def test_enter_in_a_field_goes_on_and_never_breaks_the_line(tmp_path: Path) -> None:
    app = app_for(tmp_path / "ny.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        title = main_screen(app).query_one("#falt-titel", Field)
        assert focused(app) is title
        await pilot.press(*"Ny", "enter")
        assert focused(app) is not title and "\n" not in title.text
        title.focus()
        await pilot.pause()
        app.post_message(events.Paste("Utredning om\nfritids-\nförvaltningen"))
        await pilot.pause()
        assert title.text == "NyUtredning om fritidsförvaltningen"
        assert title.size.height == 1  # short text: one line
        app.copy_to_clipboard("som\nbeslut")
        await pilot.press("space", "ctrl+v")  # the program's own paste: one line as well
        await pilot.pause()
        assert main_screen(app).session.arende.field_value("titel") == (
            "NyUtredning om fritidsförvaltningen som beslut"
        )


# --------------------------------------------------------------------------- keys


async def test_ctrl_z_and_ctrl_y_in_a_header_field(tmp_path: Path) -> None:
    app = app_for(example(tmp_path))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_step(pilot, "__uppgifter")
        screen = main_screen(app)
        field = screen.query_one("#falt-diarienummer", Field)
        before = field.text
        field.focus()
        await pilot.pause()
        await pilot.press(*" ny")
        await pilot.pause()
        assert screen.session.arende.field_value("diarienummer") == before + " ny"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert field.text == before
        assert screen.session.arende.field_value("diarienummer") == before
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert screen.session.arende.field_value("diarienummer") == before + " ny"
        await pilot.press("ctrl+z", "ctrl+z")  # nothing more to undo here: no change, no error
        await pilot.pause()
        assert screen.session.arende.field_value("diarienummer") == before


async def test_select_all_and_start_and_end_of_a_field(tmp_path: Path) -> None:
    app = app_for(tmp_path / "ny.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        await pilot.press(*"Abc", "ctrl+home", "X", "ctrl+end", "Y")
        await pilot.pause()
        assert screen.session.arende.field_value("titel") == "XAbcY"
        await pilot.press("ctrl+a", "Z")
        await pilot.pause()
        assert screen.session.arende.field_value("titel") == "Z"


# --------------------------------------------------------------------------- row undo


async def test_removed_point_comes_back_with_ctrl_z_and_is_saved(tmp_path: Path) -> None:
    path = tmp_path / "ny.toml"
    app = app_for(path)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_step(pilot, DECISION)
        assert isinstance(focused(app), Field) and focused(app).id == "inledning"  # type: ignore[union-attr]
        await pilot.press("enter", *"Första punkten.", "enter", *"Andra punkten.")
        await pilot.press("shift+tab")  # to point 1: Alt+Delete removes a filled row
        await pilot.press("alt+delete")
        await pilot.pause()
        assert points(app) == ["Andra punkten."]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert points(app) == ["Första punkten.", "Andra punkten."]
        row = focused(app)
        assert isinstance(row, RowInput) and row.text == "Första punkten."
        await pilot.press("ctrl+y")  # redo: removed again
        await pilot.pause()
        assert points(app) == ["Andra punkten."]
        await pilot.press("ctrl+z", "ctrl+s")
        await pilot.pause()
        await wait_for_workers(app)
        await pilot.pause()
        saved = tomllib.loads(path.read_text(encoding="utf-8"))
        assert saved[DECISION]["punkter"] == ["Första punkten.", "Andra punkten."]


async def test_moving_adding_and_pasting_rows_are_undone_one_by_one(tmp_path: Path) -> None:
    app = app_for(example(tmp_path))
    first = "Region Gävleborg avslutar sitt medlemskap i Vanguardinitiativet."
    async with app.run_test(size=(100, 32)) as pilot:
        await open_step(pilot, DECISION)  # the lead-in is filled: the cursor is in point 1
        assert isinstance(focused(app), RowInput)
        await pilot.press("ctrl+end", "enter", *"Ny.")
        await pilot.press("alt+up")
        await pilot.pause()
        assert points(app) == ["Ny.", first]
        app.post_message(events.Paste("- Alfa\n- Beta\n"))
        await pilot.pause()
        await pilot.pause()
        assert points(app) == ["Ny.Alfa", "Beta", first]
        await pilot.press("ctrl+z")  # the paste, all of it
        await pilot.pause()
        assert points(app) == ["Ny.", first]
        await pilot.press("ctrl+z")  # the move
        await pilot.pause()
        assert points(app) == [first, "Ny."]
        await pilot.press("ctrl+z")  # the new row (with what was typed in it)
        await pilot.pause()
        assert points(app) == [first]


async def test_backspace_on_an_empty_row_is_undone_too(tmp_path: Path) -> None:
    app = app_for(example(tmp_path))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_step(pilot, "expedieras_till")
        screen = main_screen(app)
        section = screen.session.template.section("expedieras_till")
        await pilot.press("ctrl+end", *"Kansliet", "enter", *"Ekonomi", "enter")
        await pilot.pause()
        before = list(screen.session.arende.content(section).model_dump()["poster"])
        assert before[-2:] == ["Ekonomi", ""]
        await pilot.press("backspace")  # the empty row goes
        await pilot.pause()
        before = before[:-1]
        await pilot.pause()
        assert screen.session.arende.content(section).model_dump()["poster"] == before
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen.session.arende.content(section).model_dump()["poster"] == [*before, ""]
        await pilot.press("backspace", "ctrl+z", *"Arkivet")  # no pause: the row is back
        await pilot.pause()
        assert screen.session.arende.content(section).model_dump()["poster"] == [
            *before,
            "Arkivet",
        ]


# --------------------------------------------------------------------------- paste


def test_pasted_pdf_text_is_joined_like_the_importer_joins_it() -> None:
    pasted = (
        "Kultur- och fritids-\nförvaltningen ansvarar\nför driften. Kultur-\noch "
        "fritidsnämnden beslutar.\n\nFöljande gäller:\n- öppet\n  kvällstid\n1. punkt ett\n"
    )
    assert join_pasted(pasted) == (
        "Kultur- och fritidsförvaltningen ansvarar för driften. Kultur- och "
        "fritidsnämnden beslutar.\n\nFöljande gäller:\n- öppet kvällstid\n1. punkt ett"
    )


async def test_paste_into_prose_is_joined_and_one_undo_gives_the_raw_paste(
    tmp_path: Path,
) -> None:
    app = app_for(example(tmp_path))
    raw = "Kultur- och fritids-\nförvaltningen ansvarar\nför driften.\n\n- ett\n- två"
    async with app.run_test(size=(100, 32)) as pilot:
        await open_step(pilot, "kostnader_och_finansiering")
        area = main_screen(app).query_one("#ed-kostnader_och_finansiering #text", MarkedTextArea)
        area.focus()
        await pilot.press("ctrl+a")
        app.post_message(events.Paste(raw))
        await pilot.pause()
        assert area.text == (
            "Kultur- och fritidsförvaltningen ansvarar för driften.\n\n- ett\n- två"
        )
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert area.text == raw


# --------------------------------------------------------------------------- focus


async def test_keys_typed_right_at_start_go_to_the_first_field(tmp_path: Path) -> None:
    app = app_for(tmp_path / "ny.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await type_text(pilot, "Avtal")  # no pause: the first keys after start
        await pilot.pause()
        assert main_screen(app).session.arende.field_value("titel") == "Avtal"


async def test_tab_from_the_only_point_then_typing_makes_a_new_point(tmp_path: Path) -> None:
    app = app_for(tmp_path / "ny.toml")
    async with app.run_test(size=(100, 32)) as pilot:
        await open_step(pilot, DECISION)
        assert isinstance(focused(app), Field) and focused(app).id == "inledning"  # type: ignore[union-attr]
        await pilot.press("enter", *"Ett.", "tab")
        await pilot.pause()
        assert isinstance(focused(app), AddRowButton)
        await type_text(pilot, "Två punkter.")
        await pilot.pause()
        assert points(app) == ["Ett.", "Två punkter."]
        row = focused(app)
        assert isinstance(row, RowInput) and row.row == 1
        await pilot.press("shift+tab", "tab")  # point 1, then Tab: point 2
        await pilot.pause()
        row = focused(app)
        assert isinstance(row, RowInput) and row.row == 1
        await pilot.press("up")  # ↑ on a row's first line: the row above
        row = focused(app)
        assert isinstance(row, RowInput) and row.row == 0
        await pilot.press("down")
        row = focused(app)
        assert isinstance(row, RowInput) and row.row == 1


async def test_the_add_button_adds_a_row_on_enter_and_click_but_not_read_only(
    tmp_path: Path,
) -> None:
    app = app_for(example(tmp_path))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_step(pilot, DECISION)
        before = len(points(app))
        rows = "#punkter RowInput"
        button = main_screen(app).query_one("#punkter AddRowButton", AddRowButton)
        button.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert len(main_screen(app).query(rows)) == before + 1
        row = focused(app)
        assert isinstance(row, RowInput) and row.row == before  # the new, last row
        await pilot.click(button)
        await pilot.pause()
        assert len(main_screen(app).query(rows)) == before + 2
        main_screen(app).set_read_only()
        await pilot.pause()
        assert button.disabled and not button.focusable
        await pilot.click(button)
        await pilot.pause()
        assert len(main_screen(app).query(rows)) == before + 2


async def test_rows_of_a_read_only_file_cannot_be_removed_or_moved(tmp_path: Path) -> None:
    app = app_for(example(tmp_path))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_step(pilot, DECISION)
        main_screen(app).set_read_only()
        await pilot.pause()
        before = points(app)
        main_screen(app).query_one("#punkter RowInput", RowInput).focus()
        await pilot.press("alt+delete", "ctrl+n", "enter", "alt+down", "ctrl+z")
        await pilot.pause()
        assert points(app) == before
        assert len(main_screen(app).query("#punkter RowInput")) == len(before)


async def test_undoing_a_removed_row_keeps_what_was_typed_since_in_other_rows(
    tmp_path: Path,
) -> None:
    app = app_for(tmp_path / "ny.toml")
    async with app.run_test(size=(100, 32)) as pilot:
        await open_step(pilot, DECISION)
        await pilot.press("enter", *"A", "enter", *"B", "enter", *"C", "shift+tab")
        await pilot.press("alt+delete")  # B goes; the cursor is in C
        await pilot.pause()
        assert points(app) == ["A", "C"]
        await pilot.press(*" x", "shift+tab", "ctrl+z")  # undo in A: B comes back
        await pilot.pause()
        assert points(app) == ["A", "B", "C x"]


class OneField(App[None]):
    """A field alone, recording the UndoUnavailable messages that reach the screen."""

    def __init__(self) -> None:
        super().__init__()
        self.unavailable: list[bool] = []

    def compose(self) -> ComposeResult:
        yield Field("", field="titel", id="titel")

    def on_undo_unavailable(self, event: UndoUnavailable) -> None:
        self.unavailable.append(event.redo)


async def test_a_field_with_nothing_to_undo_tells_the_owners_above_it() -> None:
    app = OneField()
    async with app.run_test() as pilot:
        app.query_one(Field).focus()
        await pilot.press("a", "ctrl+z")  # undoes the typing: nothing posted
        await pilot.pause()
        assert app.query_one(Field).text == "" and app.unavailable == []
        await pilot.press("ctrl+y", "ctrl+y", "ctrl+z", "ctrl+z")
        await pilot.pause()
        assert app.query_one(Field).text == ""
        assert app.unavailable == [True, False]  # the second redo, the second undo
