"""Pilot tests: locks, conflicts, comments and failing saves in the writing program."""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyboard import type_text
from textual.pilot import Pilot
from textual.widgets import Input, TextArea
from tui_helpers import wait_for_workers

from drafter import recovery
from drafter.lock import lock_owner, lock_path
from drafter.tui import prepare_session
from drafter.tui.app import DrafterApp
from drafter.tui.screens.dialogs import ChoiceScreen, ConfirmScreen, PathScreen, QuitScreen
from drafter.tui.screens.main import MainScreen
from drafter.tui.widgets.field import Field

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "vanguard.toml"
SIZE = (100, 32)
TITLE = 'titel = "Avsluta medlemskap i Vanguard"'


@pytest.fixture
def example(tmp_path: Path) -> Path:
    folder = tmp_path / "arenden"
    folder.mkdir()
    path = folder / "vanguard.toml"
    shutil.copy(EXAMPLE, path)
    return path


def app_for(path: Path | None) -> DrafterApp:
    session, _, _ = prepare_session(path, None)
    return DrafterApp(session)


def main_screen(app: DrafterApp) -> MainScreen:
    return app.main_screen


def unsaved(screen: MainScreen) -> bool:
    """The ärende has unsaved changes (a call: mypy must not keep an earlier narrowing)."""
    return screen.session.dirty


def messages(app: DrafterApp) -> list[str]:
    return [n.message for n in app._notifications]


def header_line(app: DrafterApp) -> str:
    """The header as the user reads it (the top line of the main screen)."""
    return main_screen(app).header.text


async def finished(app: DrafterApp, pilot: Pilot[int]) -> None:
    """Wait for what the last keys started (a save, the checks) to finish."""
    await pilot.pause()
    main_screen(app).run_pending()
    await wait_for_workers(app)
    await pilot.pause()


async def edit_title(app: DrafterApp, pilot: Pilot[int], suffix: str) -> None:
    main_screen(app).open_step("__uppgifter", "titel")
    await pilot.pause()
    await pilot.press("end")
    await type_text(pilot, suffix)


@pytest.fixture
def other_drafter(example: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the lock on ``example`` (as a second drafter would)."""
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from drafter.lock import acquire_lock\n"
        "print(acquire_lock(Path(sys.argv[1])).status, flush=True)\n"
        "time.sleep(120)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(example)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ok"
    yield proc
    proc.kill()
    proc.wait()


# --------------------------------------------------------------------------- locks


async def test_opening_takes_the_lock_and_quitting_releases_it(example: Path) -> None:
    app = app_for(example)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        owner = lock_owner(example)
        assert owner is not None and owner.pid == os.getpid()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    assert lock_owner(example) is None
    assert not lock_path(example).exists()


async def test_second_drafter_is_told_and_can_open_read_only(
    example: Path, other_drafter: subprocess.Popen[str]
) -> None:
    before = example.read_bytes()
    # The other drafter has unsaved changes in a recovery draft: it must survive.
    recovery.write_draft(example, before.decode("utf-8"), "annan-session")
    app = app_for(example)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChoiceScreen)
        assert f"Filen är redan öppen i en annan drafter (process {other_drafter.pid}" in (
            dialog.message
        )
        assert " sedan " in dialog.message
        await pilot.click("#choice-read_only")
        await pilot.pause()
        screen = main_screen(app)
        assert app.screen is screen
        assert "skrivskyddad" in header_line(app)
        screen.open_step("__uppgifter")  # built when first opened: read-only too
        await pilot.pause()
        title = screen.query_one("#falt-titel", Field)
        assert title.read_only
        title.focus()  # readable and focusable, but typing changes nothing
        await pilot.press("x", "y", "z")
        assert "xyz" not in title.value
        screen.open_step("arendet")
        await pilot.pause()
        area = screen.query_one("#ed-arendet TextArea", TextArea)
        assert area.read_only
        area.focus()
        await pilot.press("q", "w")
        assert "qw" not in area.text
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("skrivskyddad" in m for m in messages(app))
        assert not screen.session.dirty, (
            messages(app),
            example.read_text(encoding="utf-8")[:120],
            screen.query_one("#falt-titel", Field).value,
        )
        await pilot.press("ctrl+q")  # nothing changed: quits without asking
        await pilot.pause()
    assert app.return_code == 0
    assert example.read_bytes() == before
    owner = lock_owner(example)
    assert owner is not None and owner.pid == other_drafter.pid
    assert recovery.find_draft(example) is not None


async def test_second_drafter_can_quit_instead(
    example: Path, other_drafter: subprocess.Popen[str]
) -> None:
    app = app_for(example)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_code == 0
    owner = lock_owner(example)
    assert owner is not None and owner.pid == other_drafter.pid


async def test_stale_lock_is_taken_over(example: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    lock_path(example).parent.mkdir(parents=True, exist_ok=True)
    lock_path(example).write_text(
        f'{{"drafter_lås": 1, "pid": {dead.pid}, "host": "{os.uname().nodename}", '
        '"started": "2025-03-14T09:30:00+01:00"}',
        encoding="utf-8",
    )
    app = app_for(example)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        owner = lock_owner(example)
        assert owner is not None and owner.pid == os.getpid()
        assert any("gammalt lås" in m.lower() for m in messages(app))
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert lock_owner(example) is None


async def test_first_save_of_new_arende_takes_the_lock_for_the_new_path(tmp_path: Path) -> None:
    app = app_for(None)
    target = tmp_path / "ny.toml"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Ny skrivelse")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PathScreen)
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert target.exists()
        owner = lock_owner(target)
        assert owner is not None and owner.pid == os.getpid()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert lock_owner(target) is None


async def test_save_as_onto_a_file_open_in_another_drafter_is_refused(
    tmp_path: Path, example: Path, other_drafter: subprocess.Popen[str]
) -> None:
    before = example.read_bytes()
    app = app_for(None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Ny skrivelse")
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(example)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)  # "Filen finns redan"
        await pilot.press("enter")
        await pilot.pause()
        assert any("öppen i en annan drafter" in m for m in messages(app))
        assert main_screen(app).session.dirty
    assert example.read_bytes() == before


async def test_unwritable_state_folder_only_warns(
    tmp_path: Path, example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "inte-en-mapp"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("DRAFTER_STATE_DIR", str(blocker))
    app = app_for(example)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("Kunde inte låsa filen" in m for m in messages(app))
        await edit_title(app, pilot, " (ny)")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert 'titel = "Avsluta medlemskap i Vanguard (ny)"' in example.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- conflicts


async def test_file_changed_on_disk_asks_before_overwriting(example: Path) -> None:
    app = app_for(example)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await edit_title(app, pilot, " (min)")
        theirs = example.read_text(encoding="utf-8").replace(TITLE, 'titel = "Deras titel"')
        example.write_text(theirs, encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChoiceScreen)
        assert "Filen har ändrats på disken sedan du öppnade den. Skriv över?" in dialog.message
        focused = app.focused
        assert focused is not None and focused.id == "choice-save_as"  # Enter never overwrites
        await pilot.click("#choice-cancel")
        await pilot.pause()
        screen = main_screen(app)
        # Nothing lost either way: their file is intact, our text is still in the editor.
        assert example.read_text(encoding="utf-8") == theirs
        assert screen.query_one("#falt-titel", Field).value.endswith("(min)")
        assert screen.session.dirty
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.click("#choice-overwrite")
        await finished(app, pilot)
        assert not unsaved(screen), messages(app)
        # Saved once: the next save does not ask again.
        await pilot.press("end", "!")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert 'titel = "Avsluta medlemskap i Vanguard (min)!"' in example.read_text(encoding="utf-8")


async def test_conflict_save_as_keeps_their_file(example: Path) -> None:
    app = app_for(example)
    mine = example.with_name("min-version.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await edit_title(app, pilot, " (min)")
        theirs = example.read_text(encoding="utf-8") + '\n[egen]\nanteckning = "git pull"\n'
        example.write_text(theirs, encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#choice-save_as")
        await pilot.pause()
        assert isinstance(app.screen, PathScreen)
        app.screen.query_one("#path", Input).value = str(mine)
        await pilot.press("enter")
        await pilot.pause()
        assert main_screen(app).session.path == mine
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert example.read_text(encoding="utf-8") == theirs
    assert "(min)" in mine.read_text(encoding="utf-8")
    assert lock_owner(example) is None and lock_owner(mine) is None


async def test_touched_file_with_same_content_is_not_a_conflict(example: Path) -> None:
    app = app_for(example)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await edit_title(app, pilot, " (min)")
        os.utime(example, (1_000_000_000, 1_000_000_000))  # e.g. git checkout of the same
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert "(min)" in example.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- comments


async def test_comments_warning_once_per_session(example: Path) -> None:
    text = example.read_text(encoding="utf-8")
    example.write_text("# Anteckning: fråga ekonomen\n" + text, encoding="utf-8")
    app = app_for(example)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await edit_title(app, pilot, " A")
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChoiceScreen)
        assert "Filen innehåller kommentarer (#) som försvinner när du sparar" in dialog.message
        await pilot.press("escape")  # Avbryt
        await pilot.pause()
        assert example.read_text(encoding="utf-8").startswith("# Anteckning")
        assert main_screen(app).session.dirty
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)  # asked again: not accepted yet
        await pilot.click("#choice-save")
        await pilot.pause()
        assert not example.read_text(encoding="utf-8").startswith("# Anteckning")
        await pilot.press("end", "B")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert 'titel = "Avsluta medlemskap i Vanguard AB"' in example.read_text(encoding="utf-8")


async def test_comments_save_as_keeps_the_commented_original(example: Path) -> None:
    original = "# Anteckning\n" + example.read_text(encoding="utf-8")
    example.write_text(original, encoding="utf-8")
    copy = example.with_name("kopia.toml")
    app = app_for(example)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await edit_title(app, pilot, " A")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#choice-save_as")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(copy)
        await pilot.press("enter")
        await pilot.pause()
    assert example.read_text(encoding="utf-8") == original
    assert "Vanguard A" in copy.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- failing saves


def _fail_in(folder: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    """Make writes into ``folder`` fail like a read-only folder or a full disk."""
    real_open = os.open
    real_write = os.write
    doomed: set[int] = set()

    def create(file: str, flags: int, *args: int, **kwargs: int) -> int:
        # a save creates its temporary file in the folder with O_CREAT
        target = Path(file).parent.resolve() if flags & os.O_CREAT else None
        if target == folder.resolve() and how == "read_only":
            raise PermissionError(errno.EACCES, "Permission denied")
        fd = real_open(file, flags, *args, **kwargs)
        if target == folder.resolve():
            doomed.add(fd)
        return fd

    def write(fd: int, data: bytes) -> int:
        if fd in doomed:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "open", create)
    monkeypatch.setattr(os, "write", write)


@pytest.mark.parametrize(
    ("how", "expected"),
    [
        ("read_only", "skrivskyddad"),
        ("disk_full", "disken är full"),
        ("folder", "sökvägen är en mapp"),
    ],
)
async def test_failing_save_keeps_text_and_draft(
    example: Path, monkeypatch: pytest.MonkeyPatch, how: str, expected: str
) -> None:
    app = app_for(example)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await edit_title(app, pilot, " (viktigt)")
        await finished(app, pilot)  # the autosave writes the recovery draft
        draft = recovery.find_draft(example)
        assert draft is not None and "(viktigt)" in draft.text
        if how == "folder":
            example.unlink()
            example.mkdir()
        else:
            _fail_in(example.parent, monkeypatch, how)
        await pilot.press("ctrl+s")
        await pilot.pause()
        found = [m for m in messages(app) if expected in m]
        assert found, messages(app)
        assert "Inget av det du skrivit har försvunnit" in found[0]
        screen = main_screen(app)
        assert app.screen is screen and app.is_running
        assert screen.query_one("#falt-titel", Field).value.endswith("(viktigt)")
        assert screen.session.dirty
        draft = recovery.find_draft(example)
        assert draft is not None and "(viktigt)" in draft.text
        # No half-written temporary file is left behind.
        leftovers = [p.name for p in example.parent.iterdir() if p.name.endswith(".tmp")]
        assert leftovers == []
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)  # still unsaved: asks
    if how != "folder":
        assert "(viktigt)" not in example.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- drafts at start


async def test_restore_prompt_shows_the_draft_time(example: Path) -> None:
    text = example.read_text(encoding="utf-8").replace(TITLE, 'titel = "Från utkastet"')
    recovery.write_draft(example, text, "krasch")
    draft = recovery.find_draft(example)
    assert draft is not None
    when = f"{draft.saved_at.astimezone():%Y-%m-%d %H:%M}"
    app = app_for(example)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        assert dialog.title_text == "Återställ osparade ändringar?"
        assert when in dialog.message
        await pilot.press("enter")
        await finished(app, pilot)
        assert main_screen(app).session.arende.field_value("titel") == "Från utkastet"


async def test_no_file_offers_the_never_saved_draft(tmp_path: Path) -> None:
    session, _, _ = prepare_session(None, None)
    session.arende.header["titel"] = "Halvfärdig skrivelse"
    recovery.write_draft(None, session.toml(), "gammal-session")
    draft = recovery.list_drafts()[0]
    when = f"{draft.saved_at.astimezone():%Y-%m-%d %H:%M}"
    target = tmp_path / "halvfardig.toml"
    app = app_for(None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        assert when in dialog.message and "aldrig sparades" in dialog.message
        await pilot.press("enter")
        await finished(app, pilot)
        screen = main_screen(app)
        assert screen.session.arende.field_value("titel") == "Halvfärdig skrivelse"
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
    assert 'titel = "Halvfärdig skrivelse"' in target.read_text(encoding="utf-8")
    assert recovery.list_drafts() == []  # saved: the draft is gone


async def test_no_file_declining_the_draft_starts_empty(tmp_path: Path) -> None:
    session, _, _ = prepare_session(None, None)
    session.arende.header["titel"] = "Halvfärdig skrivelse"
    recovery.write_draft(None, session.toml(), "gammal-session")
    app = app_for(None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#no")
        await pilot.pause()
        assert main_screen(app).session.arende.field_value("titel") == ""
    assert len(recovery.list_drafts()) == 1  # kept: it can still be restored later


async def test_no_file_mentions_drafts_of_files(example: Path) -> None:
    recovery.write_draft(example, example.read_text(encoding="utf-8"), "s1")
    draft = recovery.find_draft(example)
    assert draft is not None
    app = app_for(None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)  # nothing to restore into a new ärende
        note = "\n".join(messages(app))
        assert f"{example.resolve()} ({draft.saved_at.astimezone():%Y-%m-%d %H:%M})" in note
        assert "drafter FIL" in note


def test_drafter_alone_lists_drafts_with_times_first(
    example: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import drafter.tui
    from drafter.cli import main

    recovery.write_draft(example, example.read_text(encoding="utf-8"), "s1")
    draft = recovery.find_draft(example)
    assert draft is not None
    started: list[object] = []

    def run_tui(path: Path | None, mall: str | None, *, spelling: bool = True) -> int:
        started.append(path)
        return 0

    monkeypatch.setattr(drafter.tui, "run_tui", run_tui)
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "Osparade ändringar som kan återställas:" in out
    assert f"{example.resolve()}  (sparat {draft.saved_at:%Y-%m-%d %H:%M})" in out
    assert started == [None]


# --------------------------------------------------------------- typed, then saved at once


async def test_keys_typed_right_before_save_are_saved(example: Path) -> None:
    from textual import events

    app = app_for(example)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await edit_title(app, pilot, "")
        # A paste or a fast typist: the keys and Ctrl+S arrive in one burst.
        for key in [*"XYZ", "ctrl+s"]:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await finished(app, pilot)
        screen = main_screen(app)
        assert not screen.session.dirty
        assert "ändrat" not in header_line(app)
        # The same in a prose section and in a list row.
        screen.open_step("arendet")
        await pilot.pause()
        screen.query_one("#ed-arendet TextArea", TextArea).focus()
        await pilot.press("ctrl+home")
        for key in [*"Nytt. ", "ctrl+s"]:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await finished(app, pilot)
        assert not screen.session.dirty
        screen.open_step("expedieras_till")
        await pilot.pause()
        for key in [*"Ekonomi", "ctrl+s"]:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await finished(app, pilot)
        assert not screen.session.dirty
    saved = example.read_text(encoding="utf-8")
    assert 'titel = "Avsluta medlemskap i VanguardXYZ"' in saved
    assert "Nytt. " in saved and '"Ekonomi"' in saved


# --------------------------------------------------------------- saving in the background


@pytest.fixture
def slow_disk(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, list[Path]]:
    """Saves wait for the returned event before writing (a slow network share)."""
    from drafter.storage import atomic_write_text as real
    from drafter.tui import saving

    gate = threading.Event()
    written: list[Path] = []

    def slow(path: Path, text: str, *args: object, **kwargs: object) -> None:
        assert gate.wait(10)
        real(path, text, *args, **kwargs)  # type: ignore[arg-type]
        written.append(path)

    monkeypatch.setattr(saving, "atomic_write_text", slow)
    return gate, written


async def start_saving_an_edit(app: DrafterApp, pilot: Pilot[int]) -> None:
    """Type " A" at the end of the title and press Ctrl+S (a slow disk holds the write)."""
    await pilot.pause()
    await edit_title(app, pilot, " A")
    await pilot.press("ctrl+s")
    await pilot.pause()


async def saves_done(pilot: Pilot[int], screen: MainScreen, count: int, done: list[Path]) -> None:
    await finished(screen.app, pilot)  # type: ignore[arg-type]
    assert len(done) >= count


async def test_a_save_is_confirmed_in_the_header(example: Path) -> None:
    app = app_for(example)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        await edit_title(app, pilot, " A")
        assert "ändrat" in header_line(app)
        await pilot.press("ctrl+s")
        await saves_done(pilot, screen, 0, [])
        saved = r"Sparat \d\d:\d\d – vanguard\.toml och vanguard\.md( · \d+ fel kvar)?"
        assert re.search(saved, header_line(app))  # bold, beside the (elided) path
        assert "ändrat" not in header_line(app)
        assert messages(app) == []  # no toast: it would lay out the screen while typing
        # Too narrow for the path: the confirmation stays readable, the path goes first.
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        await pilot.pause()
        assert re.search(r"Sparat \d\d:\d\d – vanguard\.toml och vanguard", header_line(app))
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        await pilot.press("B")
        await pilot.pause()
        assert re.search(r"ändrat, sparat senast \d\d:\d\d", header_line(app))


async def test_the_save_confirmation_tells_the_errors_left(example: Path) -> None:
    app = app_for(example)
    async with app.run_test(size=(160, 32)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        screen.open_step("__uppgifter", "titel")
        await pilot.pause()
        screen.query_one("#falt-titel", Field).value = ""  # a required field left empty
        await pilot.pause()
        await pilot.press("ctrl+s")
        await saves_done(pilot, screen, 0, [])
        errors = screen.session.error_count
        assert errors >= 1, header_line(app)
        assert re.search(
            rf"Sparat \d\d:\d\d – vanguard\.toml och vanguard\.md · {errors} fel kvar",
            header_line(app),
        )


async def test_typing_goes_on_while_a_save_is_written(
    example: Path, slow_disk: tuple[threading.Event, list[Path]]
) -> None:
    gate, written = slow_disk
    app = app_for(example)
    async with app.run_test(size=SIZE) as pilot:
        await start_saving_an_edit(app, pilot)
        screen = main_screen(app)
        await pilot.press(*" B")  # typed while the disk is busy: the UI is not blocked
        title = screen.query_one("#falt-titel", Field)
        assert title.value.endswith(" A B") and not written
        gate.set()
        await saves_done(pilot, screen, 2, written)
        # The save is confirmed in the header, not in a notification; " B" came after the
        # copy was saved: still unsaved, and the header says both.
        assert not any(m.startswith("Sparade") for m in messages(app))
        assert screen.session.dirty
        assert re.search(r"ändrat, sparat senast \d\d:\d\d$", header_line(app))
        assert "ändrat, sparat senast" in header_line(app)
        assert screen.session.arende.field_value("titel").endswith(" A B")
        assert 'titel = "Avsluta medlemskap i Vanguard A"' in example.read_text(encoding="utf-8")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)  # unsaved: asks


async def test_a_save_asked_for_during_a_save_writes_the_newest_text_after_it(
    example: Path, slow_disk: tuple[threading.Event, list[Path]]
) -> None:
    gate, written = slow_disk
    app = app_for(example)
    async with app.run_test(size=SIZE) as pilot:
        await start_saving_an_edit(app, pilot)
        screen = main_screen(app)
        await pilot.press(*" B", "ctrl+s")
        await pilot.pause()
        gate.set()
        await saves_done(pilot, screen, 4, written)
        assert len(written) == 4  # two saves of TOML and Markdown, one after the other
        assert not screen.session.dirty and "ändrat" not in header_line(app)
    saved = example.read_text(encoding="utf-8")
    assert 'titel = "Avsluta medlemskap i Vanguard A B"' in saved


async def test_quit_right_after_a_save_waits_for_it_instead_of_asking(
    example: Path, slow_disk: tuple[threading.Event, list[Path]]
) -> None:
    gate, written = slow_disk
    app = app_for(example)
    async with app.run_test(size=SIZE) as pilot:
        await start_saving_an_edit(app, pilot)
        await pilot.press("ctrl+q")  # the disk is still busy with the save
        await pilot.pause()
        assert not isinstance(app.screen, QuitScreen)  # nothing is unsaved once it is done
        gate.set()
        await wait_for_workers(app)
        await pilot.pause()
    assert app.return_code == 0
    assert example in written
    assert ' A"' in example.read_text(encoding="utf-8")  # the title as it was saved
