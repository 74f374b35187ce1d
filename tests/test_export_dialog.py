"""The export dialog (F3: format and file name) and the remembered format per ärende."""

from __future__ import annotations

import json
import os
import shutil
import stat
from functools import partial
from pathlib import Path
from typing import Any

import docx
import pytest
from keyboard import type_text
from textual import work
from textual.app import App
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, Static
from tui_helpers import wait_for_workers

from drafter.export_memory import last_format, memory_dir, memory_file, remember_format
from drafter.publish import FORMAT_NAMES, Format
from drafter.storage import load_arende
from drafter.text import printable
from drafter.tui import prepare_session
from drafter.tui.app import DrafterApp
from drafter.tui.flows.export import write_export
from drafter.tui.screens.export_dialog import ExportChoice, ExportDialog

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "vanguard.toml"
SMALL = (80, 24)


class Host(App[None]):
    """A bare app that opens one export dialog and keeps what it returns."""

    def __init__(self, dialog: ExportDialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.results: list[ExportChoice | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.results.append)


def arende_file(folder: Path, name: str = "vanguard.toml") -> Path:
    path = folder / name
    path.write_text('format = 1\nmall = "tjansteskrivelse"\n', encoding="utf-8")
    return path


def name_field(dialog: ExportDialog) -> Input:
    return dialog.query_one("#export-path", Input)


def chosen_line(dialog: ExportDialog) -> str:
    """The text of the format line that carries the radio mark (●)."""
    formats = dialog.query_one("#export-format", OptionList)
    marked = [
        str(formats.get_option_at_index(i).prompt)
        for i in range(formats.option_count)
        if str(formats.get_option_at_index(i).prompt).startswith("●")
    ]
    assert len(marked) == 1, marked
    return marked[0]


def format_of(dialog: ExportDialog) -> str:
    """The chosen format (a function: the type checker would narrow the attribute)."""
    return dialog.format


def note_text(dialog: ExportDialog) -> str:
    return str(dialog.query_one("#export-note", Static).render())


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in ``tmp_path``, so a typed file name can be short (each key costs a pause)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --------------------------------------------------------------------------- choosing


async def test_arrow_keys_choose_each_format_and_the_name_follows(tmp_path: Path) -> None:
    path = arende_file(tmp_path)
    app = Host(ExportDialog(path))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        dialog = app.dialog
        assert isinstance(app.focused, OptionList)  # the format list has the keys
        assert format_of(dialog) == "md" and chosen_line(dialog).startswith("● Markdown")
        assert name_field(dialog).value == str(tmp_path / "vanguard.md")
        steps: list[tuple[str, Format, str, str]] = [
            ("down", "docx", "● Word (DOCX)", "vanguard.docx"),
            ("down", "pdf", "● PDF/A", "vanguard.pdf"),
            ("up", "docx", "● Word (DOCX)", "vanguard.docx"),
            ("up", "md", "● Markdown", "vanguard.md"),
            ("down", "docx", "● Word (DOCX)", "vanguard.docx"),
        ]
        for key, fmt, line, name in steps:
            await pilot.press(key)
            await pilot.pause()
            assert format_of(dialog) == fmt
            assert chosen_line(dialog).startswith(line)
            assert name_field(dialog).value == str(tmp_path / name)
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [ExportChoice("docx", tmp_path / "vanguard.docx")]


async def test_dialog_starts_on_the_remembered_format(tmp_path: Path) -> None:
    path = arende_file(tmp_path)
    app = Host(ExportDialog(path, "pdf"))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert chosen_line(app.dialog).startswith("● PDF/A")
        assert name_field(app.dialog).value == str(tmp_path / "vanguard.pdf")
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [ExportChoice("pdf", tmp_path / "vanguard.pdf")]


async def test_a_new_arende_gets_a_default_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = Host(ExportDialog(None, "docx"))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert name_field(app.dialog).value == "arende.docx"
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [ExportChoice("docx", Path("arende.docx"))]


async def test_typing_a_pdf_name_switches_the_format(here: Path) -> None:
    path = arende_file(here)
    app = Host(ExportDialog(path))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("tab")  # to the file name: its text is selected, typing replaces it
        await type_text(pilot, "till-namnden.pdf")
        await pilot.pause()
        assert format_of(app.dialog) == "pdf"
        assert chosen_line(app.dialog).startswith("● PDF/A")
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [ExportChoice("pdf", Path("till-namnden.pdf"))]


async def test_an_edited_name_keeps_its_stem_when_the_format_changes(here: Path) -> None:
    path = arende_file(here)
    app = Host(ExportDialog(path))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        await type_text(pilot, "utskick.docx")
        await pilot.pause()
        assert format_of(app.dialog) == "docx"
        await pilot.press("shift+tab", "down")  # back to the list: PDF/A
        await pilot.pause()
        assert format_of(app.dialog) == "pdf"
        assert name_field(app.dialog).value == "utskick.pdf"
        await pilot.press("tab", "enter")
        await pilot.pause()
    assert app.results == [ExportChoice("pdf", Path("utskick.pdf"))]


async def test_a_name_without_suffix_gets_the_formats_suffix(here: Path) -> None:
    path = arende_file(here)
    app = Host(ExportDialog(path, "docx"))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        await type_text(pilot, "utskick")
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [ExportChoice("docx", Path("utskick.docx"))]


# --------------------------------------------------------------------------- cancelling


async def test_escape_returns_none(tmp_path: Path) -> None:
    app = Host(ExportDialog(arende_file(tmp_path), "pdf"))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("down", "tab")  # changed the format and moved on: still cancelled
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
    assert app.results == [None]
    assert [p.name for p in tmp_path.iterdir()] == ["vanguard.toml"]  # the dialog writes nothing


async def test_cancel_button_returns_none(tmp_path: Path) -> None:
    app = Host(ExportDialog(arende_file(tmp_path)))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("tab", "tab", "tab")  # list → name → Exportera → Avbryt
        assert isinstance(app.focused, Button) and app.focused.id == "export-cancel"
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [None]


# --------------------------------------------------------------------------- bad names


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("saknas/ut.pdf", "finns inte"),
        ("vanguard.toml", "”.toml” hör inte till något format"),
        ("", "Skriv ett filnamn"),
        ("mapp.pdf", "Det är en mapp"),
    ],
)
async def test_a_bad_name_keeps_the_dialog_open_with_a_reason(
    here: Path, typed: str, message: str
) -> None:
    path = arende_file(here)
    (here / "mapp.pdf").mkdir()
    app = Host(ExportDialog(path))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        if typed:
            await type_text(pilot, typed)
        else:
            await pilot.press("backspace")  # the selected name is removed
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert message in note_text(app.dialog)
        assert app.dialog.query_one("#export-note").has_class("-error")
    assert app.results == []


async def test_the_arende_file_itself_is_refused(tmp_path: Path) -> None:
    path = arende_file(tmp_path, "vanguard.md")  # an ärende named .md: its export is itself
    app = Host(ExportDialog(path.with_suffix(".md")))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "ärendets egen fil" in note_text(app.dialog)
    assert app.results == []


async def test_an_existing_file_is_named_as_replaced(tmp_path: Path) -> None:
    path = arende_file(tmp_path)
    (tmp_path / "vanguard.docx").write_bytes(b"old")
    app = Host(ExportDialog(path))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert note_text(app.dialog) == ""
        await pilot.press("down")
        await pilot.pause()
        assert note_text(app.dialog) == "Filen finns redan och ersätts."
        await pilot.press("down")
        await pilot.pause()
        assert note_text(app.dialog) == ""


# --------------------------------------------------------------------------- text is data


async def test_file_names_are_shown_as_typed_never_as_markup(here: Path) -> None:
    folder = here / "[bold]fet"
    folder.mkdir()
    path = arende_file(folder, "a\x1b[31mb.toml")  # an escape sequence in the file name
    app = Host(ExportDialog(path))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        shown = name_field(app.dialog).value
        assert "\x1b" not in shown and "a␛[31mb.md" in shown and "[bold]fet" in shown
        await pilot.press("tab")
        await type_text(pilot, "[red]nej/ut.pdf")
        await pilot.press("enter")
        await pilot.pause()
        assert "Mappen finns inte. Välj en befintlig mapp: [red]nej" in note_text(app.dialog)
    # The suggestion keeps the real file name (with its control character) for the export.
    app = Host(ExportDialog(path))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [ExportChoice("md", folder / "a\x1b[31mb.md")]


# --------------------------------------------------------------------------- layout


def assert_visible(app: App[Any], widget: Widget) -> None:
    """``widget`` is inside the terminal and nothing covers its middle."""
    region = widget.region
    assert region.area > 0
    assert app.screen.region.contains_region(region), (region, app.screen.region)
    under, _ = app.screen.get_widget_at(region.x + region.width // 2, region.y + region.height // 2)
    assert under is widget or widget in under.ancestors, (widget, under)


async def test_dialog_fits_at_80x24_in_a_bare_app(tmp_path: Path) -> None:
    app = Host(ExportDialog(arende_file(tmp_path)))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        dialog = app.dialog
        for selector in ("#export-format", "#export-path", "#export-ok", "#export-cancel"):
            assert_visible(app, dialog.query_one(selector))
        assert str(dialog.query_one("#export-ok", Button).label) == "Exportera (Enter)"
        assert str(dialog.query_one("#export-cancel", Button).label) == "Avbryt (Esc)"


async def test_dialog_fits_at_80x24_over_the_writing_program(tmp_path: Path) -> None:
    path = tmp_path / "vanguard.toml"
    shutil.copy(EXAMPLE, path)
    session, _, _ = prepare_session(path, None)
    app = DrafterApp(session)
    results: list[ExportChoice | None] = []
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        app.push_screen(ExportDialog(path, last_format(path)), results.append)
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        for selector in ("#export-format", "#export-path", "#export-ok", "#export-cancel"):
            assert_visible(app, dialog.query_one(selector))
        # A long missing folder: the reason wraps, the buttons stay on the screen.
        await pilot.press("tab")
        await type_text(pilot, "/saknas" * 30 + "/ut.pdf")
        await pilot.press("enter")
        await pilot.pause()
        assert "Mappen finns inte" in note_text(dialog)
        for selector in ("#export-note", "#export-ok", "#export-cancel"):
            assert_visible(app, dialog.query_one(selector))
        await pilot.press("shift+tab")
        # The app's keys (F8: next step) do not act under the dialog; Escape closes it.
        step = app.main_screen.current
        await pilot.press("f8", "escape")
        await pilot.pause()
        assert app.main_screen.current == step
        assert app.screen is app.main_screen
    assert results == [None]
    app.release_lock()


# --------------------------------------------------------------------------- memory


def test_remembered_format_round_trip(tmp_path: Path) -> None:
    path = arende_file(tmp_path)
    assert last_format(path) is None
    remember_format(path, "pdf")
    assert last_format(path) == "pdf"
    remember_format(path, "docx")
    assert last_format(path) == "docx"
    # The same ärende spelled another way (relative, through a symlink) shares the memory.
    link = tmp_path / "lank.toml"
    link.symlink_to(path)
    assert last_format(link) == "docx"
    assert last_format(Path(os.path.relpath(path))) == "docx"


def test_memory_is_private_to_the_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    state = tmp_path / "hem" / "state"  # not there yet: remembering creates it
    monkeypatch.setenv("DRAFTER_STATE_DIR", str(state))
    path = arende_file(tmp_path)
    remember_format(path, "md")
    assert stat.S_IMODE(state.stat().st_mode) == 0o700
    assert stat.S_IMODE(memory_dir().stat().st_mode) == 0o700
    assert stat.S_IMODE(memory_file(path).stat().st_mode) == 0o600
    memory_dir().chmod(0o755)  # loosened by someone: tightened on the next write
    remember_format(path, "pdf")
    assert stat.S_IMODE(memory_dir().stat().st_mode) == 0o700


def test_memory_is_per_arende(tmp_path: Path) -> None:
    first = arende_file(tmp_path, "forsta.toml")
    second = arende_file(tmp_path, "andra.toml")
    remember_format(first, "pdf")
    remember_format(second, "docx")
    assert last_format(first) == "pdf"
    assert last_format(second) == "docx"
    assert last_format(tmp_path / "tredje.toml") is None
    assert memory_file(first) != memory_file(second)


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe broken utf-8",
        b"[]",
        b'{"version": 1, "format": "odt", "arende": "%s"}',
        b'{"version": 2, "format": "pdf", "arende": "%s"}',
        b'{"version": 1, "format": "pdf", "arende": "/someone/else.toml"}',
        b"",
    ],
)
def test_a_broken_memory_file_is_ignored(tmp_path: Path, content: bytes) -> None:
    path = arende_file(tmp_path)
    remember_format(path, "docx")
    target = str(path.resolve()).encode()
    memory_file(path).write_bytes(content.replace(b"%s", target))
    assert last_format(path) is None
    remember_format(path, "pdf")  # and the next export replaces it
    assert last_format(path) == "pdf"


def test_a_memory_path_that_is_not_a_regular_file_is_ignored(tmp_path: Path) -> None:
    path = arende_file(tmp_path)
    memory_dir().mkdir(parents=True, exist_ok=True)
    os.mkfifo(memory_file(path))  # opening a FIFO would wait forever
    assert last_format(path) is None
    memory_file(path).unlink()
    memory_file(path).mkdir()
    assert last_format(path) is None
    remember_format(path, "pdf")  # cannot replace a folder: silently not remembered
    assert last_format(path) is None


def test_an_unwritable_state_folder_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "fil"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("DRAFTER_STATE_DIR", str(blocker / "state"))  # under a file
    path = arende_file(tmp_path)
    remember_format(path, "pdf")
    assert last_format(path) is None


def test_no_memory_for_an_arende_without_a_file() -> None:
    remember_format(None, "pdf")
    assert last_format(None) is None
    assert not memory_dir().exists()


def test_remembering_an_unknown_format_is_a_programming_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        remember_format(arende_file(tmp_path), "odt")  # type: ignore[arg-type]


def test_memory_file_holds_only_the_path_and_format(tmp_path: Path) -> None:
    path = arende_file(tmp_path)
    remember_format(path, "pdf")
    data = json.loads(memory_file(path).read_text(encoding="utf-8"))
    assert data == {"version": 1, "arende": str(path.resolve()), "format": "pdf"}


# --------------------------------------------------------------------------- the flow


class FlowHost(App[None]):
    """The export flow's parts in a bare app (the writing program runs them on F3, see
    drafter/tui/flows/export.py): dialog → export in a thread worker (the flow's
    ``write_export``) → remember the format → say what was written."""

    def __init__(self, arende_path: Path) -> None:
        super().__init__()
        self.loaded = load_arende(arende_path)
        self.arende_path = arende_path

    @work(exclusive=True, group="export-flow", exit_on_error=False)
    async def export_flow(self) -> None:
        path = self.arende_path
        choice = await self.push_screen_wait(ExportDialog(path, last_format(path)))
        if choice is None:
            return
        arende = self.loaded.arende.model_copy(deep=True)  # editing may go on meanwhile
        worker = self.run_worker(
            partial(write_export, arende, self.loaded.template, choice, path),
            thread=True,
            exclusive=True,
            group="export",
            exit_on_error=False,
        )
        outcome = await worker.wait()
        if isinstance(outcome, str):
            self.notify(outcome, title="Kunde inte exportera", severity="error", markup=False)
            return
        shown = printable(str(outcome.path))
        self.notify(f"Exporterade {FORMAT_NAMES[outcome.format]} till {shown}.", markup=False)
        for warning in outcome.warnings:
            self.notify(printable(warning), severity="warning", markup=False)


async def test_the_flow_exports_the_chosen_format_and_remembers_it(here: Path) -> None:
    path = here / "vanguard.toml"
    shutil.copy(EXAMPLE, path)
    app = FlowHost(path)
    async with app.run_test(size=SMALL) as pilot:
        app.export_flow()
        await pilot.pause()
        await pilot.press("down", "enter")  # Word
        await wait_for_workers(app)
        await pilot.pause()
    document = docx.Document(str(here / "vanguard.docx"))
    assert any("Avsluta medlemskap i Vanguard" in p.text for p in document.paragraphs)
    assert last_format(path) == "docx"
    assert not (here / "vanguard.md").exists()

    app = FlowHost(path)  # the next export starts on Word
    async with app.run_test(size=SMALL) as pilot:
        app.export_flow()
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert name_field(app.screen).value == str(here / "vanguard.docx")
        await pilot.press("up", "enter")  # Markdown this time
        await wait_for_workers(app)
        await pilot.pause()
    assert (here / "vanguard.md").read_text(encoding="utf-8").startswith("# Tjänsteskrivelse")
    assert last_format(path) == "md"
