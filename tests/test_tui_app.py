"""Pilot tests of the writing program: what a handläggare does with the keyboard."""

from __future__ import annotations

import datetime as dt
import shutil
import tomllib
from pathlib import Path

import docx
import pytest
from keyboard import key_event, type_text
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Footer, Input, OptionList, TextArea
from tui_helpers import focused, main_screen, toasts, wait_for_workers

from drafter.checks import run_checks
from drafter.findings import Severity
from drafter.model import AspectsContent
from drafter.render import render_markdown
from drafter.storage import load_arende
from drafter.tui import prepare_session
from drafter.tui.app import DrafterApp
from drafter.tui.screens.dialogs import ConfirmScreen, PathScreen, QuitScreen
from drafter.tui.screens.export_dialog import ExportDialog
from drafter.tui.screens.main import MainScreen
from drafter.tui.session import REVIEW_STEP, Session, StepState
from drafter.tui.widgets.field import Field

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "vanguard.toml"
SIZE = (100, 32)
TODAY = dt.date.today().isoformat()


def new_app(path: Path | None) -> DrafterApp:
    session, _, _ = prepare_session(path, None)
    return DrafterApp(session)


def example_app(tmp_path: Path) -> tuple[DrafterApp, Path]:
    path = tmp_path / "vanguard.toml"
    shutil.copy(EXAMPLE, path)
    session, _, _ = prepare_session(path, None)
    return DrafterApp(session), path


async def settle(pilot: Pilot[int]) -> None:
    """Do now what waits for a pause in typing (checks, preview), and wait for it."""
    await pilot.pause()
    main_screen(pilot.app).run_pending()  # type: ignore[arg-type]
    await wait_for_workers(pilot.app)
    await pilot.pause()


# --------------------------------------------------------------------------- whole ärende


@pytest.mark.slow
async def test_fill_whole_arende_with_keys_save_and_export(tmp_path: Path) -> None:
    target = tmp_path / "ny.toml"
    app = new_app(target)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        await pilot.pause()
        # The cursor starts in the title, ready for typing.
        assert isinstance(app.focused, Field) and app.focused.id == "falt-titel"
        await type_text(pilot, "Avsluta medlemskap i Vanguard")
        await pilot.press("enter", "enter")  # keep the default dokumenttyp
        await type_text(pilot, "Region Gävleborg")
        await pilot.press("enter")
        await type_text(pilot, "Regionala utvecklingsförvaltningen")
        await pilot.press("enter")
        await type_text(pilot, "RS 2025/123")
        await pilot.press("enter")
        # A new ärende starts with today's date; the user writes another one over it.
        today = dt.date.today().isoformat()
        assert isinstance(app.focused, Field) and app.focused.value in (today, TODAY)
        await pilot.press("ctrl+a", "backspace")  # select all, then delete it
        await type_text(pilot, "2025-03-14")
        await pilot.press("enter")
        await type_text(pilot, "Utvecklingsutskottet")
        await pilot.press("enter")
        await type_text(pilot, "Regionstyrelsen")
        await settle(pilot)
        assert screen.session.state("__uppgifter") is StepState.DONE

        await pilot.press("f8")  # Förslag till beslut: lead-in comes from the header
        await pilot.pause()
        assert screen.current == "forslag_till_beslut"
        await pilot.press("enter")  # the cursor starts in Inledning: left empty, on to point 1
        await type_text(pilot, "Region Gävleborg avslutar sitt medlemskap i Vanguardinitiativet.")
        await pilot.press("enter")
        await type_text(pilot, "Regionstyrelsen informerar Region Dalarna om beslutet.")

        await pilot.press("f8")  # Sammanfattning
        await pilot.pause()
        await type_text(pilot, "Region Gävleborg lämnar nätverket Vanguard.")
        await pilot.press("f8")  # Ärendet
        await pilot.pause()
        await type_text(pilot, "Region Gävleborg har varit medlem sedan 2018.")
        await pilot.press("f8")  # Kostnader och finansiering
        await pilot.pause()
        await type_text(pilot, "Minskade kostnader med 12 500 euro/år.")

        await pilot.press("f8")  # Konsekvensbeskrivningar
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "val-arbetsmiljo"
        await pilot.press("enter")  # arbetsmiljö: inga konsekvenser
        await pilot.press("tab", "right", "enter")  # barn och unga: beskriv konsekvenserna
        await pilot.press("tab")
        area = focused(app)
        assert isinstance(area, TextArea) and area.id == "text-barn"
        await type_text(pilot, "Elever påverkas inte.")
        await pilot.press("tab", "enter")  # hälsa: inga
        await pilot.press("tab", "enter")  # miljö: inga

        await pilot.press("f8")  # Beslutsunderlag
        await pilot.pause()
        await type_text(pilot, "Tjänsteskrivelse 2025-03-14")
        await pilot.press("f8")  # Expedieras till
        await pilot.pause()
        await type_text(pilot, "Regionstyrelsen")
        await pilot.press("enter")
        await type_text(pilot, "Ekonomifunktionen")
        await pilot.press("f8")  # Underskrifter
        await pilot.pause()
        await type_text(pilot, "Katrien Vanhaverbeke")
        await pilot.press("enter")
        await type_text(pilot, "Regional utvecklingsdirektör")
        await pilot.press("enter")
        await type_text(pilot, "Niclas Cronsell")
        await pilot.press("enter")
        await type_text(pilot, "Handläggare")

        await pilot.press("f8")  # Granska och exportera
        await settle(pilot)
        assert screen.current == REVIEW_STEP
        assert screen.session.error_count == 0
        assert "9 av 9 klara" in str(screen.query_one("#progress").render())

        await pilot.press("ctrl+s")
        await wait_for_workers(app)
        await pilot.pause()
        assert not screen.session.dirty

        preview_shown = screen.preview.display
        await pilot.press("f3")  # export: format and file in the dialog
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("tab")  # the file name (selected: typing replaces it)
        await type_text(pilot, str(tmp_path / "utskick.md"))
        await pilot.press("enter")
        await wait_for_workers(app)
        await pilot.pause()
        assert main_screen(app) is screen
        assert screen.preview.display == preview_shown  # F3 does not open the preview
        assert any("Exporterade Markdown till" in m for m in toasts(app))

    data = tomllib.loads(target.read_text(encoding="utf-8"))
    assert data["arende"]["titel"] == "Avsluta medlemskap i Vanguard"
    assert data["arende"]["dokumenttyp"] == "Tjänsteskrivelse"
    assert data["arende"]["datum"] == "2025-03-14"
    assert data["forslag_till_beslut"]["punkter"] == [
        "Region Gävleborg avslutar sitt medlemskap i Vanguardinitiativet.",
        "Regionstyrelsen informerar Region Dalarna om beslutet.",
    ]
    assert data["sammanfattning"]["text"] == "Region Gävleborg lämnar nätverket Vanguard."
    aspects = data["konsekvensbeskrivningar"]["aspekter"]
    assert aspects["arbetsmiljo"]["bedomning"] == "inga"
    assert aspects["barn"] == {"bedomning": "beskriv", "text": "Elever påverkas inte."}
    assert aspects["halsa"]["bedomning"] == "inga" and aspects["miljo"]["bedomning"] == "inga"
    assert data["expedieras_till"]["poster"] == ["Regionstyrelsen", "Ekonomifunktionen"]
    assert data["underskrifter"] == [
        {"namn": "Katrien Vanhaverbeke", "titel": "Regional utvecklingsdirektör"},
        {"namn": "Niclas Cronsell", "titel": "Handläggare"},
    ]
    loaded = load_arende(target)
    findings = run_checks(loaded.arende, loaded.template.template)
    assert not [f for f in findings if f.severity is Severity.ERROR]

    markdown = (tmp_path / "ny.md").read_text(encoding="utf-8")
    assert markdown == render_markdown(loaded.arende, loaded.template.template)
    assert markdown.startswith("# Tjänsteskrivelse – Avsluta medlemskap i Vanguard")
    assert "Utvecklingsutskottet föreslår Regionstyrelsen att besluta följande:" in markdown
    assert "1. Region Gävleborg avslutar sitt medlemskap i Vanguardinitiativet." in markdown
    assert "inte ha några konsekvenser för arbetsmiljö, hälsa eller miljö." in markdown
    assert "### Barn och unga\n\nElever påverkas inte." in markdown
    assert (tmp_path / "utskick.md").read_text(encoding="utf-8") == markdown


async def test_export_to_word_with_keys_and_the_next_export_starts_on_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app, path = example_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        preview_shown = main_screen(app).preview.display
        await pilot.press("f3")
        await pilot.pause()
        if isinstance(app.screen, ConfirmScreen):  # errors remain: export anyway
            await pilot.press("enter")
            await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.format == "md"  # nothing remembered yet
        await pilot.press("down", "tab")  # Word, then the file name
        await type_text(pilot, "till-namnden")  # the suffix follows the format
        await pilot.press("enter")
        await wait_for_workers(app)
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert main_screen(app).preview.display == preview_shown
        assert any("Exporterade Word (DOCX) till till-namnden.docx" in m for m in toasts(app))

        await pilot.press("ctrl+e")  # the second export starts on Word
        await pilot.pause()
        if isinstance(app.screen, ConfirmScreen):
            await pilot.press("enter")
            await pilot.pause()
        second = app.screen
        assert isinstance(second, ExportDialog)
        assert second.format == "docx"
        assert second.query_one("#export-path", Input).value == str(path.with_suffix(".docx"))
        await pilot.press("escape")  # cancelled: nothing written
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    app.release_lock()
    document = docx.Document(str(tmp_path / "till-namnden.docx"))
    texts = [p.text for p in document.paragraphs]
    assert any("Avsluta medlemskap i Vanguard" in t for t in texts)
    assert any(p.style is not None and p.style.name == "Heading 1" for p in document.paragraphs)
    assert not path.with_suffix(".docx").exists()


async def test_export_error_is_a_swedish_toast_shown_as_plain_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from drafter.errors import DrafterError
    from drafter.tui.flows import export as export_flow

    def refuse(*args: object, **kwargs: object) -> object:
        raise DrafterError("[b]ut.pdf[/b]: typst saknas\x1b[31m; installera om drafter")

    monkeypatch.setattr(export_flow, "publish", refuse)
    monkeypatch.chdir(tmp_path)
    app, _ = example_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        if isinstance(app.screen, ConfirmScreen):
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("down", "down", "enter")  # PDF/A
        await wait_for_workers(app)
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)  # the app goes on
        errors = [n for n in app._notifications if n.severity == "error"]
        assert [n.title for n in errors] == ["Kunde inte exportera"]
        assert errors[0].message == "[b]ut.pdf[/b]: typst saknas␛[31m; installera om drafter"
        assert errors[0].markup is False
    app.release_lock()
    assert not (tmp_path / "vanguard.pdf").exists()


# --------------------------------------------------------------------------- live findings


async def test_finding_appears_when_aspect_removed_and_disappears_when_written_back(
    tmp_path: Path,
) -> None:
    app, _ = example_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        screen.open_step("konsekvensbeskrivningar", "text")
        await pilot.pause()
        area = screen.query_one("#ed-konsekvensbeskrivningar #text", TextArea)
        assert app.focused is area
        assert screen.session.state("konsekvensbeskrivningar") is not StepState.ERRORS

        area.move_cursor(area.document.end)
        await pilot.press(*["backspace"] * len(" och miljö."))
        await type_text(pilot, ".")
        await settle(pilot)
        kon = [
            f for f in screen.session.findings_for("konsekvensbeskrivningar") if f.rule == "KON-1"
        ]
        assert [(f.field, f.severity) for f in kon] == [("aspekter.miljo", Severity.ERROR)]
        findings_list = screen.query_one("#findings", OptionList)
        assert "tar inte upp miljö" in str(findings_list.get_option_at_index(0).prompt)
        assert screen.session.state("konsekvensbeskrivningar") is StepState.ERRORS
        steps = screen.query_one("#steps", OptionList)
        index = steps.get_option_index("konsekvensbeskrivningar")
        assert "✗" in str(steps.get_option_at_index(index).prompt)

        await pilot.press("backspace")
        await type_text(pilot, " och miljö.")
        await settle(pilot)
        assert not [
            f for f in screen.session.findings_for("konsekvensbeskrivningar") if f.rule == "KON-1"
        ]
        assert "✗" not in str(steps.get_option_at_index(index).prompt)
        prompts = [
            str(findings_list.get_option_at_index(i).prompt)
            for i in range(findings_list.option_count)
        ]
        assert not any("tar inte upp miljö" in p for p in prompts)


async def test_typing_does_not_wait_for_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checks run once after a pause, not on every keystroke, on a copy of the ärende."""
    from drafter.tui import session as session_module

    app, _ = example_app(tmp_path)
    checked: list[object] = []
    real = run_checks

    def counting(arende: object, template: object) -> list[object]:
        checked.append(arende)
        return list(real(arende, template))  # type: ignore[arg-type]

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        monkeypatch.setattr(session_module, "run_checks", counting)
        # However slow the machine, the typing below is one burst without a pause.
        monkeypatch.setattr("drafter.tui.screens.main.CHECK_DELAY", 3600)
        screen.open_step("sammanfattning", "text")
        await pilot.pause()
        await type_text(pilot, "Ytterligare en mening.")
        assert checked == []
        await settle(pilot)
        assert len(checked) == 1
        # The thread checked a copy: editing on the UI thread cannot change it meanwhile.
        assert checked[0] is not screen.session.arende
        assert screen.checks_current


@pytest.mark.slow
async def test_steps_are_built_when_first_opened_and_keep_what_was_typed(
    tmp_path: Path,
) -> None:
    """Only the first step is built for the first frame; F8 builds each step as it opens,
    focuses its first field, and F7 back finds what was typed there."""
    from drafter.tui.widgets.editors import StepEditor

    app, _ = example_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        first = screen.current
        assert [e.step_id for e in screen.query(StepEditor)] == [first]
        seen = [first]
        steps = [step.id for step in screen.session.steps]
        # to the first step, then to the last
        keys = ["f7"] * steps.index(first) + ["f8"] * (len(steps) - 1)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            if screen.current not in seen:
                seen.append(screen.current)
            if screen.current == REVIEW_STEP:
                break
            editor = screen.editor(screen.current)
            assert editor is not None and editor.display
            assert app.focused is not None and editor in app.focused.ancestors
        assert len(seen) == len(screen.session.steps)
        await pilot.press("f7")  # Underskrifter: built once, still there
        await pilot.pause()
        assert screen.current == "underskrifter"
        await pilot.press("end", *" d.y.")
        await pilot.press("f8", "f7")
        await pilot.pause()
        focused = app.focused
        assert isinstance(focused, Field) and focused.value.endswith(" d.y.")
        assert len(screen.query(StepEditor)) == len(seen) - 1  # every step but the review


# --------------------------------------------------------------------------- quitting


async def test_quit_with_unsaved_changes_asks(tmp_path: Path) -> None:
    app, path = example_app(tmp_path)
    before = path.read_text(encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        screen.open_step("__uppgifter", "diarienummer")
        await pilot.pause()
        await type_text(pilot, "RS 2025/1")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("escape")  # Avbryt: back to writing, nothing lost
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.is_running
        await pilot.press("f10")  # the second key asks too
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("enter")  # "Spara och avsluta" has the focus
        await pilot.pause()
    assert app.return_code == 0
    assert path.read_text(encoding="utf-8") != before
    assert tomllib.loads(path.read_text(encoding="utf-8"))["arende"]["diarienummer"] == "RS 2025/1"


async def test_quit_without_changes_does_not_ask(tmp_path: Path) -> None:
    app, _ = example_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_quit_discarding_changes_leaves_file_alone(tmp_path: Path) -> None:
    app, path = example_app(tmp_path)
    before = path.read_text(encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "x")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("tab", "enter")  # "Avsluta utan att spara"
        await pilot.pause()
        assert not app.is_running
    assert path.read_text(encoding="utf-8") == before


# --------------------------------------------------------------------------- review


async def test_enter_on_finding_in_review_opens_section_with_field_focused(
    tmp_path: Path,
) -> None:
    app, _ = example_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        content = screen.session.arende.content(
            screen.session.template.section("konsekvensbeskrivningar")
        )
        assert isinstance(content, AspectsContent)
        content.text = "Beslutet bedöms inte ha några konsekvenser för arbetsmiljö eller miljö."
        screen.run_checks()
        screen.open_step(REVIEW_STEP)
        await pilot.pause()
        review = screen.query_one("#review-findings", OptionList)
        assert app.focused is review
        target = None
        for _ in range(20):
            option = review.highlighted_option
            if option is not None and "barn och unga" in str(option.prompt):
                target = option
                break
            await pilot.press("down")
        assert target is not None, "the KON-1 finding for barn is listed"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.current == "konsekvensbeskrivningar"
        assert app.focused is not None and app.focused.id == "val-barn"


async def test_review_lists_findings_grouped_and_export_with_errors_asks(tmp_path: Path) -> None:
    target = tmp_path / "tom.toml"
    app = new_app(target)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        screen.open_step(REVIEW_STEP)
        await pilot.pause()
        review = screen.query_one("#review-findings", OptionList)
        prompts = [str(review.get_option_at_index(i).prompt) for i in range(review.option_count)]
        assert prompts[0] == "Uppgifter om ärendet"
        assert "Förslag till beslut" in prompts
        errors = sum(1 for f in screen.session.findings if f.severity is Severity.ERROR)
        assert errors > 0
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert not (tmp_path / "tom.md").exists()


async def test_review_buttons_save_with_enter_and_export_with_a_click(tmp_path: Path) -> None:
    app, path = example_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        screen.session.arende.header["titel"] = "Ändrad titel"
        screen.session.mark_changed()
        screen.open_step(REVIEW_STEP)
        await pilot.pause()
        await pilot.press("tab")  # from the findings to "Spara (F2)"
        save = focused(app)
        assert save is not None and save.id == "review-save"
        await pilot.press("enter")
        await wait_for_workers(app)
        await pilot.pause()
        assert 'titel = "Ändrad titel"' in path.read_text(encoding="utf-8")
        assert save.has_class("-active")  # the press is shown
        assert await pilot.click("#review-export")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)


# --------------------------------------------------------------------------- files


async def test_new_arende_without_file_asks_for_name_at_first_save(tmp_path: Path) -> None:
    app = new_app(None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Ny skrivelse")
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, PathScreen)
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, str(tmp_path / "skrivelse"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert main_screen(app).session.path == tmp_path / "skrivelse.toml"
    data = tomllib.loads((tmp_path / "skrivelse.toml").read_text(encoding="utf-8"))
    assert data["arende"]["titel"] == "Ny skrivelse"
    assert (
        (tmp_path / "skrivelse.md")
        .read_text(encoding="utf-8")
        .startswith("# Tjänsteskrivelse – Ny skrivelse")
    )


async def test_save_error_is_shown_and_nothing_is_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from drafter.errors import DrafterError

    def full_disk(path: Path, text: str, mode: int | None = None) -> None:
        raise DrafterError("kan inte spara: disken är full; frigör utrymme och spara igen", path)

    monkeypatch.setattr("drafter.tui.saving.atomic_write_text", full_disk)
    app, _ = example_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        screen.open_step("__uppgifter", "titel")
        await pilot.pause()
        await pilot.press("end")
        await type_text(pilot, " (reviderad)")
        await pilot.press("ctrl+s")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("disken är full" in m for m in messages)
        assert screen.session.dirty
        assert screen.session.arende.field_value("titel").endswith("(reviderad)")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)


def test_run_tui_load_error_prints_swedish_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from drafter.tui import run_tui

    broken = tmp_path / "trasig.toml"
    broken.write_text('[arende]\ntitel = "utan slut\n', encoding="utf-8")
    assert run_tui(broken, None) == 2
    err = capsys.readouterr().err
    assert "trasig.toml" in err and "inte giltig TOML" in err
    assert "Traceback" not in err


def test_run_tui_runs_the_app_with_quick_thread_switches_and_restores_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key pressed while a save runs in a thread waits at most ~1 ms for Python's lock;
    after the app, the process's own interval is back."""
    import sys

    from drafter.tui import SWITCH_INTERVAL, run_tui

    path = tmp_path / "arende.toml"
    shutil.copy(EXAMPLE, path)
    during: list[float] = []

    def run(self: DrafterApp) -> int:
        during.append(sys.getswitchinterval())
        return 0

    monkeypatch.setattr(DrafterApp, "run", run)
    before = sys.getswitchinterval()
    assert before != SWITCH_INTERVAL
    assert run_tui(path, None, spelling=False) == 0
    assert during == [SWITCH_INTERVAL]
    assert sys.getswitchinterval() == before


def test_importing_drafter_tui_does_not_import_textual() -> None:
    import subprocess
    import sys

    code = "import sys, drafter.tui; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --------------------------------------------------------------------------- editors


async def test_paste_into_prose_joins_wrapped_lines_and_undo_gives_them_back(
    tmp_path: Path,
) -> None:
    from textual import events

    app, _ = example_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        screen.open_step("kostnader_och_finansiering", "text")
        await pilot.pause()
        area = app.focused
        assert isinstance(area, TextArea)
        area.move_cursor(area.document.end)
        await pilot.press("enter")
        app.post_message(events.Paste("Rad ett.\nRad två.\n\nRad fyra."))
        await settle(pilot)
        section = screen.session.template.section("kostnader_och_finansiering")
        text = screen.session.arende.content(section).model_dump()["text"]
        assert text.endswith("\nRad ett. Rad två.\n\nRad fyra.")  # blank line kept
        await pilot.press("ctrl+z")  # the paste as it was pasted
        await settle(pilot)
        text = screen.session.arende.content(section).model_dump()["text"]
        assert text.endswith("\nRad ett.\nRad två.\n\nRad fyra.")


async def test_decision_points_add_move_remove_with_keys(tmp_path: Path) -> None:
    app, _ = example_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        screen.open_step("forslag_till_beslut", "punkter.0")
        await pilot.pause()
        await pilot.press("end", "enter")
        await type_text(pilot, "Andra punkten.")
        await pilot.press("alt+up")  # move it first
        await pilot.pause()
        section = screen.session.template.section("forslag_till_beslut")

        def points() -> list[str]:
            return list(screen.session.arende.content(section).model_dump()["punkter"])

        assert points() == [
            "Andra punkten.",
            "Region Gävleborg avslutar sitt medlemskap i Vanguardinitiativet.",
        ]
        assert isinstance(app.focused, Field) and app.focused.value == "Andra punkten."
        await pilot.press("alt+delete")
        await pilot.pause()
        assert points() == ["Region Gävleborg avslutar sitt medlemskap i Vanguardinitiativet."]
        await pilot.press("end", "enter", "x", "backspace", "backspace")  # empty row goes away
        await pilot.pause()
        assert points() == ["Region Gävleborg avslutar sitt medlemskap i Vanguardinitiativet."]
        assert screen.session.dirty


async def test_pasting_lines_into_a_list_makes_one_row_each(tmp_path: Path) -> None:
    from textual import events

    app, _ = example_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        screen.open_step("expedieras_till")
        await pilot.pause()
        focused = app.focused
        assert isinstance(focused, Field)
        app.post_message(events.Paste("- Regionstyrelsen\n- Ekonomifunktionen\n"))
        await pilot.pause()
        section = screen.session.template.section("expedieras_till")
        assert screen.session.arende.content(section).model_dump()["poster"] == [
            "Regionstyrelsen",
            "Ekonomifunktionen",
        ]


async def test_help_f1_shows_full_help_for_focused_field(tmp_path: Path) -> None:
    from textual.widgets import Static

    from drafter.tui.screens.dialogs import HelpScreen

    app = new_app(tmp_path / "ny.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab", "tab", "tab", "tab")  # to Diarienummer
        assert app.focused is not None and app.focused.id == "falt-diarienummer"
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        body = str(app.screen.query_one(".help-body Static", Static).render())
        assert "prefix, år och löpnummer" in body
        assert body.count("Ctrl+Z ångra") == 1 and "Ctrl+A markera allt" in body
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_command_palette_offers_actions_in_swedish(tmp_path: Path) -> None:
    from drafter.tui.commands import DrafterCommands

    app, _ = example_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        provider = DrafterCommands(app.screen)
        titles = [title for title, _, _ in provider.commands()]
        for expected in ("Fil: Spara", "Fil: Exportera", "Fil: Avsluta", "Rad: Flytta upp"):
            assert expected in titles
        assert not any(t in titles for t in ("Quit", "Keys", "Screenshot"))
        steps = [t.removeprefix("Gå till: ") for t in titles if t.startswith("Gå till: ")]
        assert steps == [s.title for s in main_screen(app).session.steps]  # in step order
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "Gå till: Underskrifter")
        await wait_for_workers(app)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert main_screen(app).current == "underskrifter"


async def test_key_help_is_written_from_the_bindings(tmp_path: Path) -> None:
    from textual.widgets import Static

    from drafter.tui.screens.dialogs import HelpScreen

    app, _ = example_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        body = str(app.screen.query_one(".help-body Static", Static).render())
        for binding in MainScreen.BINDINGS:
            assert isinstance(binding, Binding)
            assert binding.description.lower() in body
        assert "F2 / Ctrl+S spara" in body and "Alt+↑ / Ctrl+↑ flytta upp" in body


# --------------------------------------------------------------------------- preview


async def test_preview_updates_only_the_changed_section(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Markdown

    app, _ = example_app(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        assert screen.preview.display  # wide terminal: shown from the start
        updated: list[str | None] = []
        original = Markdown.update

        def spy(self: Markdown, markdown: str) -> object:
            updated.append(self.id)
            return original(self, markdown)

        monkeypatch.setattr(Markdown, "update", spy)
        # However slow the machine, the typing below is one burst without a pause.
        monkeypatch.setattr("drafter.tui.screens.main.PREVIEW_DELAY", 3600)
        screen.open_step("sammanfattning", "text")
        await pilot.pause()
        await type_text(pilot, "Ny inledande mening. ")
        await settle(pilot)
        assert set(updated) == {"pv-sammanfattning"}  # the other sections are left alone
        assert len(updated) < len("Ny inledande mening. ")
        # A burst of changes (faster than a person types) renders once.
        updated.clear()
        area = app.focused
        assert isinstance(area, TextArea)
        for word in ("Ett ", "två ", "tre "):
            area.insert(word)
        await settle(pilot)
        assert updated == ["pv-sammanfattning"]
        widget = screen.query_one("#pv-sammanfattning", Markdown)
        assert widget.source.startswith("## Sammanfattning\n\nNy inledande mening.")
        await pilot.press("f4")
        await pilot.pause()
        assert not screen.preview.display


async def test_an_empty_step_scrolls_the_preview_to_where_its_text_will_appear(
    tmp_path: Path,
) -> None:
    """Beslutsunderlag is empty in the example, so it has no part in the preview: opening it
    shows the part after it (Expedieras till), not what the step before left in view."""
    from textual.widgets import Markdown

    app, _ = example_app(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        preview = screen.preview
        assert not screen.query_one("#pv-beslutsunderlag").display
        screen.open_step("sammanfattning", "text")
        await settle(pilot)
        top = preview.scroll_y
        screen.open_step("beslutsunderlag")
        await settle(pilot)
        after = screen.query_one("#pv-expedieras_till", Markdown).virtual_region.y
        assert preview.scroll_y == min(after, preview.max_scroll_y) > top


async def test_keys_typed_right_before_f2_are_saved_and_typing_goes_on(tmp_path: Path) -> None:
    """A fast typist's keys and F2 arrive at once: what was typed before F2 is in the saved
    file, the keys after it are typed on, and the header knows whether they were saved."""
    from textual import events

    app, path = example_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        screen.open_step("sammanfattning", "text")
        await settle(pilot)
        area = focused(app)
        assert isinstance(area, TextArea)
        area.move_cursor(area.document.end)
        for character in " Före":
            app.post_message(key_event(character))
        app.post_message(events.Key("f2", None))
        for character in " efter":
            app.post_message(key_event(character))
        await settle(pilot)
        shown = area.text
        assert shown.endswith(" Före efter")
        saved = tomllib.loads(path.read_text(encoding="utf-8"))["sammanfattning"]["text"]
        # the save's copy was taken once the keys before F2 were in; some after it may be too
        assert shown.startswith(saved) and len(saved) >= len(shown) - len(" efter")
        assert screen.session.dirty == (saved != shown)
    app.release_lock()


# --------------------------------------------------------------------------- recovery hook


async def test_offers_to_restore_a_recovery_draft(tmp_path: Path) -> None:
    from drafter import recovery

    path = tmp_path / "vanguard.toml"
    shutil.copy(EXAMPLE, path)
    draft_text = path.read_text(encoding="utf-8").replace(
        'diarienummer = ""', 'diarienummer = "RS 2025/77"'
    )
    recovery.write_draft(path, draft_text, "krasch")
    session, _, _ = prepare_session(path, None)
    app = DrafterApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # Återställ
        await wait_for_workers(app)
        await pilot.pause()
        screen = main_screen(app)
        assert screen.session.arende.field_value("diarienummer") == "RS 2025/77"
        assert screen.session.dirty
        # The restored value is what the user sees in the header step (built when opened).
        screen.open_step("__uppgifter", "diarienummer")
        await pilot.pause()
        assert screen.query_one("#falt-diarienummer", Field).value == "RS 2025/77"
        await pilot.press("ctrl+s")
        await wait_for_workers(app)
        await pilot.pause()
    assert recovery.find_draft(path) is None  # saved: the draft is gone
    assert 'diarienummer = "RS 2025/77"' in path.read_text(encoding="utf-8")


def test_session_progress_counts_steps() -> None:
    session, _, _ = prepare_session(None, None)
    assert isinstance(session, Session)
    done, total = session.progress()
    assert total == 1 + len(session.template.sections)
    assert done == 1  # only the optional Beslutsunderlag needs nothing


async def test_the_footer_shows_the_keys_once_started(tmp_path: Path) -> None:
    """The Footer is mounted after the first frame, in the row kept for it: once the app
    has started, the bottom line shows the keys."""
    app, _ = example_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        footer = app.screen.query_one(Footer)
        assert footer.region.y == 29  # the bottom line
        shown = " ".join(str(key.render()) for key in footer.query("FooterKey"))
        assert "Spara" in shown and "Avsluta" in shown
        assert not app.screen.query("#footer-room")


async def test_the_footer_follows_the_focus_and_is_rebuilt_only_when_its_keys_change(
    tmp_path: Path,
) -> None:
    from drafter.tui.widgets.footer import shown_keys

    def keys_shown() -> list[str]:
        return [str(key.render()) for key in app.screen.query_one(Footer).query("FooterKey")]

    def keys_expected() -> list[str]:
        return [shown[2] for shown in shown_keys(app.screen)]

    app, _ = example_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        screen.open_step("__uppgifter", "titel")
        await pilot.pause()
        await pilot.pause()
        before = list(app.screen.query_one(Footer).query("FooterKey"))
        assert before and all(d in " ".join(keys_shown()) for d in keys_expected())
        await pilot.press("enter")  # the next header field: the same keys, not rebuilt
        await pilot.pause()
        assert list(app.screen.query_one(Footer).query("FooterKey")) == before
        screen.query_one("#findings", OptionList).focus()  # other keys: rebuilt
        await pilot.pause()
        await pilot.pause()
        shown = " ".join(keys_shown())
        assert all(d in shown for d in keys_expected())
        assert list(app.screen.query_one(Footer).query("FooterKey")) != before
