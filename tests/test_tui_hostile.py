"""Hostile and odd input in the writing program: text from a file is shown as data.

An ärende, a template or an imported document comes from other people; its text must
never drive Textual markup (``[@click=…]`` runs an action, ``[/]`` crashed the app) or the
terminal (control characters), and an odd file name must not cost what was typed.
"""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, Static, TextArea
from tui_helpers import wait_for_workers

from drafter import recovery
from drafter.paths import builtin_templates_dir
from drafter.tui import prepare_session
from drafter.tui.app import DrafterApp
from drafter.tui.screens.dialogs import ChoiceScreen
from drafter.tui.screens.main import MainScreen
from drafter.tui.widgets.field import Field

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "vanguard.toml"
SIZE = (110, 36)
CLICK = "[@click=app.screenshot('x.txt','.')]Bilaga 1[/]"


def app_for(path: Path | None, mall: str | None = None) -> DrafterApp:
    session, _, _ = prepare_session(path, mall)
    return DrafterApp(session)


def shown_texts(widget: Widget) -> list[str]:
    """What the user reads in ``widget`` and below: labels, inputs, text areas, lists."""
    texts: list[str] = []
    for node in widget.query("*"):
        if isinstance(node, Input):
            texts += [node.value, str(node.placeholder)]
        elif isinstance(node, TextArea):
            texts.append(node.text)
        elif isinstance(node, OptionList):
            texts += [str(node.get_option_at_index(i).prompt) for i in range(node.option_count)]
        elif isinstance(node, Static | Label):
            texts.append(str(node.render()))
    return texts


async def finished(app: DrafterApp, pilot: Pilot[int]) -> None:
    await pilot.pause()
    app.main_screen.run_pending()
    await wait_for_workers(app)
    await pilot.pause()


def with_imported(tmp_path: Path, headings: dict[str, str]) -> Path:
    path = tmp_path / "vanguard.toml"
    text = EXAMPLE.read_text(encoding="utf-8") + "\n[importerat]\n"
    for heading, body in headings.items():
        key = heading.replace("\\", "\\\\").replace('"', '\\"')
        text += f'"{key}" = "{body}"\n'
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- markup


async def test_imported_headings_are_shown_as_text_not_markup(tmp_path: Path) -> None:
    path = with_imported(tmp_path, {CLICK: "Text ett.", "[/]": "Text två.", "[b]Fet[/b]": "x"})
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.main_screen
        screen.open_step("importerat")
        await pilot.pause()
        labels = [str(label.render()) for label in screen.query(".field-label").results(Static)]
        assert CLICK in labels and "[/]" in labels and "[b]Fet[/b]" in labels
        await pilot.click(".field-label")  # a click on the heading runs nothing
        await pilot.pause()
        assert app.is_running
    assert not (tmp_path / "x.txt").exists()
    assert not Path("x.txt").exists()


async def test_template_labels_are_shown_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = (builtin_templates_dir() / "tjansteskrivelse.toml").read_text(encoding="utf-8")
    hostile = template.replace(
        'etikett = "Ärendemening (titel)"', 'etikett = "[b]Titel[/b] [/] [@click=app.quit]x[/]"'
    )
    assert hostile != template
    (tmp_path / "k.toml").write_text(hostile, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    app = app_for(Path("ny.toml"), "k.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.main_screen
        screen.open_step("__uppgifter", "titel")
        await pilot.pause()
        assert any("[b]Titel[/b] [/] [@click=app.quit]x[/]" in t for t in shown_texts(screen))
        await pilot.press("f1")  # the full help repeats the label as its title
        await pilot.pause()
        assert any("[/]" in t for t in shown_texts(app.screen))
        assert app.is_running


# --------------------------------------------------------------------------- file names

ODD_NAME = "Möte [tid=10:00].toml"


async def test_odd_file_name_in_the_draft_list_does_not_crash(tmp_path: Path) -> None:
    odd = tmp_path / ODD_NAME
    shutil.copy(EXAMPLE, odd)
    recovery.write_draft(odd, odd.read_text(encoding="utf-8"), "s1")
    app = app_for(None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.is_running
        notes = list(app._notifications)
        assert any(ODD_NAME in n.message for n in notes)
        assert not any(n.markup for n in notes)  # "[tid=10:00]" is not read as markup


async def test_failing_save_of_odd_file_name_keeps_the_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from drafter.errors import DrafterError

    odd = tmp_path / ODD_NAME
    shutil.copy(EXAMPLE, odd)

    def full_disk(path: Path, text: str, mode: int | None = None) -> None:
        raise DrafterError("kan inte spara: disken är full", path)

    monkeypatch.setattr("drafter.tui.saving.atomic_write_text", full_disk)
    app = app_for(odd)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.main_screen
        screen.open_step("__uppgifter", "titel")
        await pilot.pause()
        await pilot.press("end", *" [b]viktigt[/]")
        await pilot.press("ctrl+s")
        await finished(app, pilot)
        assert app.is_running and isinstance(app.screen, MainScreen)
        assert screen.session.arende.field_value("titel").endswith(" [b]viktigt[/]")
        messages = [n.message for n in app._notifications]
        assert any(ODD_NAME in m and "disken är full" in m for m in messages)
        assert ODD_NAME in screen.header.text


# --------------------------------------------------------------------------- locks


async def test_lock_prompt_offers_the_draft_like_vim(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    path = tmp_path / "vanguard.toml"
    shutil.copy(EXAMPLE, path)
    draft = path.read_text(encoding="utf-8").replace(
        'titel = "Avsluta medlemskap i Vanguard"', 'titel = "Från utkastet"'
    )
    recovery.write_draft(path, draft, "annan")
    code = (
        "import sys, time\nfrom pathlib import Path\nfrom drafter.lock import acquire_lock\n"
        "print(acquire_lock(Path(sys.argv[1])).status, flush=True)\ntime.sleep(60)\n"
    )
    other = subprocess.Popen(
        [sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True, env=os.environ
    )
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "ok"
        app = app_for(path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, ChoiceScreen)
            assert [label for _, label in dialog.choices] == [
                "Öppna skrivskyddad",
                "Redigera ändå",
                "Återställ utkast",
                "Ta bort låset",
                "Avsluta",
            ]
            box = dialog.query_one(".dialog").region
            for button in dialog.query(Button):  # every answer can be seen and clicked
                assert box.contains_region(button.region), (button.label, button.region, box)
            dialog.dismiss("recover")
            await finished(app, pilot)
            screen = app.main_screen
            assert screen.session.arende.field_value("titel") == "Från utkastet"
            assert not screen.session.read_only and screen.session.dirty
    finally:
        other.kill()
        other.wait()


async def test_lock_prompt_can_delete_a_left_over_lock(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    from drafter.lock import lock_owner, lock_path

    path = tmp_path / "vanguard.toml"
    shutil.copy(EXAMPLE, path)
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        lock_path(path).parent.mkdir(parents=True, exist_ok=True)
        record = {"drafter_lås": 1, "pid": other.pid, "host": __import__("socket").gethostname()}
        lock_path(path).write_text(json.dumps(record), encoding="utf-8")
        app = app_for(path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, ChoiceScreen)
            assert "Återställ utkast" not in [label for _, label in dialog.choices]
            dialog.dismiss("delete")
            await finished(app, pilot)
            owner = lock_owner(path)
            assert owner is not None and owner.pid == __import__("os").getpid()
    finally:
        other.kill()
        other.wait()


# --------------------------------------------------------------------------- autosave


async def test_failing_autosave_is_shown_in_the_header_until_it_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from drafter.errors import DrafterError

    path = tmp_path / "vanguard.toml"
    shutil.copy(EXAMPLE, path)
    real = recovery.write_draft
    failing = True

    def write_draft(target: Path | None, text: str, session_id: str) -> Path:
        if failing:
            raise DrafterError("kan inte skriva: disken är full")
        return real(target, text, session_id)

    monkeypatch.setattr(recovery, "write_draft", write_draft)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.main_screen
        screen.open_step("__uppgifter", "titel")
        await pilot.pause()
        await pilot.press("end", "x")
        await finished(app, pilot)
        assert "ingen återställningsfil" in screen.header.text
        await pilot.press("y")  # still failing: still shown
        await finished(app, pilot)
        assert "ingen återställningsfil" in screen.header.text
        failing = False
        await pilot.press("z")
        await finished(app, pilot)
        assert "ingen återställningsfil" not in screen.header.text
        assert "ändrat" in screen.header.text
    assert recovery.find_draft(path) is not None


# --------------------------------------------------------------------------- fast typing


async def _type_fast(app: DrafterApp, keys: list[str]) -> None:
    """Keys 15 ms apart, as a fast typist sends them (the app is not waited for)."""
    driver = app._driver
    assert driver is not None
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        driver.send_message(event)
        await asyncio.sleep(0.015)


async def test_fast_typing_in_list_rows_keeps_every_letter_in_its_row(tmp_path: Path) -> None:
    path = tmp_path / "vanguard.toml"
    shutil.copy(EXAMPLE, path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.main_screen
        screen.open_step("forslag_till_beslut", "punkter.0")
        await pilot.pause()
        keys = ["end", "enter", *"Alfa", "enter", *"Beta", "enter", *"Gamma", "backspace"]
        keys += ["backspace", *"ma", "enter", "backspace"]
        await _type_fast(app, keys)
        await finished(app, pilot)
        section = screen.session.template.section("forslag_till_beslut")
        points = screen.session.arende.content(section).model_dump()["punkter"]
        assert points == [
            "Region Gävleborg avslutar sitt medlemskap i Vanguardinitiativet.",
            "Alfa",
            "Beta",
            "Gamma",
        ]
        focused = app.focused
        assert isinstance(focused, Field) and focused.value == "Gamma"


async def test_preview_and_title_show_control_characters_visibly(tmp_path: Path) -> None:
    path = tmp_path / "vanguard.toml"
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        'titel = "Avsluta medlemskap i Vanguard"',
        'titel = "Avsluta \\u001b]52;c;aGVq\\u0007 \\u009b2J [b]Vanguard[/b]"',
    )
    path.write_text(text, encoding="utf-8")
    app = app_for(path)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        screen = app.main_screen
        assert screen.preview.display
        screen.open_step("__uppgifter", "titel")
        await finished(app, pilot)
        texts = shown_texts(app.screen)
        title = screen.query_one("#falt-titel", Field).value
        assert "␛]52;c;aGVq␇" in title and "[b]Vanguard[/b]" in title
        markdown = [getattr(w, "source", "") for w in screen.preview.query(".preview-part")]
        assert any("␛" in m and "␇" in m for m in markdown), markdown[:2]
        for shown in [*texts, *markdown, screen.header.text]:
            assert "\x1b" not in shown and "\x9b" not in shown and "\x07" not in shown


async def test_save_as_offers_a_control_character_file_name_visibly(tmp_path: Path) -> None:
    from drafter.tui.screens.dialogs import PathScreen

    odd = tmp_path / "möte\x1b]0;x\x07.toml"
    shutil.copy(EXAMPLE, odd)
    app = app_for(odd)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f12")  # Spara som …
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PathScreen)
        shown = dialog.query_one("#path", Input).value
        assert "\x1b" not in shown and "␛]0;x␇" in shown
        await pilot.press("enter")  # taken as shown: the same file
        await finished(app, pilot)
        assert app.main_screen.session.path == odd
        assert not app.main_screen.session.dirty
