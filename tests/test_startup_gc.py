"""The collector pause of start-up (drafter.startup) ends with start-up, on every path."""

from __future__ import annotations

import gc
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from drafter import cli, cli_check
from drafter.startup import pause_gc, resume_gc
from drafter.tui import prepare_session
from drafter.tui.app import DrafterApp

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "vanguard.toml"


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    assert gc.isenabled()
    yield
    resume_gc()
    gc.enable()


def test_check_of_a_batch_runs_the_collector_from_the_second_file_past_the_frozen_startup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    files = []
    for name in ("a.toml", "b.toml", "c.toml"):
        shutil.copy(EXAMPLE, tmp_path / name)
        files.append(str(tmp_path / name))
    seen: list[tuple[bool, bool]] = []
    check_one = cli_check._check_one
    frozen_before = gc.get_freeze_count()

    def spy(task: cli_check._CheckTask) -> cli_check._CheckResult:
        seen.append((gc.isenabled(), gc.get_freeze_count() > frozen_before))
        return check_one(task)

    monkeypatch.setattr(cli_check, "_check_one", spy)
    code = cli.main(["check", "--utan-stavning", "--processer", "1", *files])
    assert code in (0, 1)
    out = capsys.readouterr().out
    assert all(f"{name}: " in out for name in files)  # each file reported
    # paused for the first file; then on, with the start-up's objects frozen
    assert seen == [(False, False), (True, True), (True, True)]
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen_before  # thawed again when main returns


def test_collector_is_back_on_after_a_failed_start(tmp_path: Path) -> None:
    broken = tmp_path / "trasig.toml"
    broken.write_text("rubrik = \n", encoding="utf-8")
    assert cli.main(["check", str(broken)]) == 2
    assert cli.main([str(broken)]) == 2  # the writing program's start, stopped by the error
    assert gc.isenabled()


def test_other_commands_keep_the_collector(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[bool] = []
    monkeypatch.setattr(cli, "_out", lambda text: seen.append(gc.isenabled()))
    assert cli.main(["new", str(tmp_path / "nytt.toml")]) == 0
    assert seen and all(seen)


async def test_the_writing_program_runs_the_collector_from_its_first_frame() -> None:
    # The pause leaves every start-up object in the youngest generation: the first pass
    # after it must find them frozen, or it walks them all right after the first frame.
    frozen_at_each_pass: list[bool] = []
    frozen_before = gc.get_freeze_count()

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            frozen_at_each_pass.append(gc.get_freeze_count() > frozen_before)

    pause_gc()  # as `drafter FILE` does before it loads the file
    session, _, _ = prepare_session(EXAMPLE, None, check=False)
    app = DrafterApp(session)
    gc.callbacks.append(note)
    try:
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
            gc.collect(0)  # at least one pass to look at
            gc.callbacks.remove(note)  # before the app thaws the objects as it ends
    finally:
        if note in gc.callbacks:
            gc.callbacks.remove(note)
    assert frozen_at_each_pass and all(frozen_at_each_pass)


def test_the_command_exits_with_its_code_its_output_and_its_atexit_handlers(
    tmp_path: Path,
) -> None:
    # exit_process leaves the live objects out of the shutdown's collection pass; the
    # rest of an ordinary exit must stay: buffered output, atexit handlers, the code.
    marker = tmp_path / "atexit-ran"
    script = (
        "import atexit, gc, sys\n"
        "from drafter.startup import exit_process\n"
        "def note(): open(sys.argv[1], 'w').write(str(gc.get_freeze_count() > 0))\n"
        "atexit.register(note)\n"
        "sys.stdout.write('utan radslut')\n"
        "exit_process(3)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(marker)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 3
    assert done.stdout == "utan radslut"
    assert marker.read_text() == "True"
