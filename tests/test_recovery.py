"""Recovery drafts: where they live, who can read them, and that nothing breaks listing them."""

from __future__ import annotations

import os
import stat
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from drafter import cli
from drafter.recovery import (
    discard_draft,
    find_draft,
    list_drafts,
    read_draft,
    recovery_dir,
    write_draft,
)
from drafter.storage import load_arende

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "vanguard.toml"


@pytest.fixture(autouse=True)
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    state = tmp_path / "state"
    monkeypatch.setenv("DRAFTER_STATE_DIR", str(state))
    return state


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_draft_round_trip_keeps_text_target_and_time(tmp_path: Path) -> None:
    target = tmp_path / "arende.toml"
    text = 'format = 1\n[arende]\ntitel = "Ny förskola i Åby – \\"etapp 2\\""\n'
    before = datetime.now().astimezone()
    path = write_draft(target, text, "s1")
    draft = find_draft(target)
    assert draft is not None
    assert draft.text == text
    assert draft.target == target.resolve()
    assert draft.path == path
    assert draft.saved_at.tzinfo is not None
    assert before - timedelta(seconds=1) <= draft.saved_at <= datetime.now().astimezone()


def test_recovery_folder_and_files_are_private(tmp_path: Path, state_dir: Path) -> None:
    path = write_draft(tmp_path / "a.toml", "format = 1\n", "s1")
    assert path.parent == recovery_dir()
    assert path.parent.parent == state_dir
    assert _mode(path.parent) == 0o700
    assert _mode(path) == 0o600


def test_loose_recovery_folder_is_tightened(tmp_path: Path, state_dir: Path) -> None:
    folder = state_dir / "recovery"
    folder.mkdir(parents=True)
    folder.chmod(0o755)
    write_draft(tmp_path / "a.toml", "format = 1\n", "s1")
    assert _mode(folder) == 0o700


def test_newer_draft_replaces_older_for_same_target(tmp_path: Path) -> None:
    target = tmp_path / "a.toml"
    write_draft(target, "format = 1\n# first\n", "s1")
    write_draft(target, "format = 1\n# second\n", "s1")
    draft = find_draft(target)
    assert draft is not None and "second" in draft.text
    assert len(list_drafts()) == 1
    assert not [p for p in recovery_dir().iterdir() if p.name.startswith(".")]  # no temp files


def test_same_file_by_relative_path_and_symlink_finds_the_draft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.toml"
    target.write_text("format = 1\n", encoding="utf-8")
    link = tmp_path / "länk.toml"
    link.symlink_to(target)
    monkeypatch.chdir(tmp_path)
    write_draft(Path("a.toml"), "format = 1\n", "s1")
    assert find_draft(target) is not None
    assert find_draft(link) is not None
    assert find_draft(tmp_path / "annan.toml") is None


def test_unsaved_new_arenden_get_one_draft_per_session(tmp_path: Path) -> None:
    write_draft(None, "format = 1\n# a\n", "session-a")
    write_draft(None, "format = 1\n# b\n", "session-b")
    drafts = list_drafts()
    assert len(drafts) == 2
    assert all(d.target is None for d in drafts)
    discard_draft(None, "session-a")
    (left,) = list_drafts()
    assert "# b" in left.text


def test_list_is_newest_first(tmp_path: Path) -> None:
    write_draft(tmp_path / "old.toml", "format = 1\n", "s")
    time.sleep(0.01)
    write_draft(tmp_path / "new.toml", "format = 1\n", "s")
    names = [d.target.name for d in list_drafts() if d.target]
    assert names == ["new.toml", "old.toml"]


def test_discard_removes_only_that_draft_and_tolerates_missing(tmp_path: Path) -> None:
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    write_draft(a, "format = 1\n", "s")
    write_draft(b, "format = 1\n", "s")
    discard_draft(a, "s")
    discard_draft(a, "s")  # already gone: no error
    assert find_draft(a) is None
    assert find_draft(b) is not None


def test_discard_without_any_folder_is_fine(tmp_path: Path) -> None:
    discard_draft(tmp_path / "x.toml", "s")
    assert list_drafts() == []


def test_broken_and_foreign_files_are_skipped(tmp_path: Path) -> None:
    write_draft(tmp_path / "ok.toml", "format = 1\n", "s")
    folder = recovery_dir()
    (folder / "skräp.toml").write_bytes(b"\xff\xfe\x00 not a draft")
    (folder / "tom.toml").write_text("", encoding="utf-8")
    (folder / "halv.toml").write_text("# drafter-återställning 1\n# mål: [\n", encoding="utf-8")
    (folder / "fel-tid.toml").write_text(
        '# drafter-återställning 1\n# mål: "/x"\n# sparad: "igår"\n# session: "s"\nformat = 1\n',
        encoding="utf-8",
    )
    (folder / "mapp.toml").mkdir()
    (folder / "annat.txt").write_text("hej", encoding="utf-8")
    (folder / "pekare.toml").symlink_to("/dev/zero")
    drafts = list_drafts()
    assert [d.target.name for d in drafts if d.target] == ["ok.toml"]


def test_draft_file_is_itself_a_loadable_arende(tmp_path: Path) -> None:
    """Someone without drafter at hand can copy the recovery file and open it."""
    path = write_draft(tmp_path / "v.toml", EXAMPLE.read_text(encoding="utf-8"), "s")
    loaded = load_arende(path, mall="tjansteskrivelse")
    assert loaded.arende.field_value("titel") == load_arende(EXAMPLE).arende.field_value("titel")
    assert loaded.has_comments  # the header lines are comments


def test_read_draft_of_missing_file_is_none(tmp_path: Path) -> None:
    assert read_draft(tmp_path / "finns-inte.toml") is None


# --------------------------------------------------------------------------- CLI


def test_utkast_lists_drafts_in_swedish(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "förskola.toml"
    write_draft(target, "format = 1\n", "s")
    write_draft(None, "format = 1\n", "s2")
    assert cli.main(["utkast"]) == 0
    out = capsys.readouterr().out
    assert str(target.resolve()) in out
    assert "sparat" in out
    assert "drafter " in out  # how to restore
    assert "nytt ärende" in out


def test_utkast_without_drafts_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["utkast"]) == 0
    assert "Inga osparade" in capsys.readouterr().out


def test_plain_drafter_prints_drafts_before_the_tui(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import drafter.tui as tui

    seen: list[str] = []

    def fake_run_tui(path: Path | None, mall: str | None, *, spelling: bool = True) -> int:
        seen.append(capsys.readouterr().out)
        return 0

    monkeypatch.setattr(tui, "run_tui", fake_run_tui, raising=False)
    write_draft(tmp_path / "a.toml", "format = 1\n", "s")
    assert cli.main([]) == 0
    assert seen and str((tmp_path / "a.toml").resolve()) in seen[0]


def test_plain_drafter_with_a_file_does_not_list_drafts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import drafter.tui as tui

    monkeypatch.setattr(tui, "run_tui", lambda path, mall, spelling=True: 0, raising=False)
    write_draft(tmp_path / "a.toml", "format = 1\n", "s")
    assert cli.main([str(tmp_path / "b.toml")]) == 0
    assert "a.toml" not in capsys.readouterr().out


# --------------------------------------------------------------------------- crash and restore


class _Terminal:
    """drafter running in a pseudo-terminal, its output drained in a thread."""

    def __init__(self, argv: list[str], env: dict[str, str], cwd: Path) -> None:
        import fcntl
        import struct
        import subprocess
        import sys
        import termios
        import threading

        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 140, 0, 0))
        self.master = master
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "drafter", *argv],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=cwd,
            start_new_session=True,
        )
        os.close(slave)
        self.output = bytearray()
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        while True:
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            if not data:
                return
            self.output += data

    def wait_for(self, marker: str, timeout: float = 30) -> None:
        """Wait until ``marker`` has been drawn (the cursor blinks, so output never stops)."""
        end = time.monotonic() + timeout
        start = len(self.output)
        while time.monotonic() < end:
            if marker.encode("utf-8") in self.output[start:]:
                time.sleep(0.5)  # let the app settle (focus, timers)
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        tail = bytes(self.output[-1500:]).decode("utf-8", "replace")
        raise AssertionError(f"{marker!r} never appeared; last output: {tail!r}")

    def type(self, text: str, delay: float = 0.03) -> None:
        for char in text:
            os.write(self.master, char.encode("utf-8"))
            time.sleep(delay)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=10)
        os.close(self.master)


@pytest.mark.slow
def test_sigkill_after_typing_then_restore_keeps_every_character(
    tmp_path: Path, state_dir: Path
) -> None:
    """The issue's acceptance test: kill -9 a typing drafter, restart, restore, save."""
    import signal

    target = tmp_path / "ärende.toml"
    assert cli.main(["new", str(target)]) == 0
    env = {
        **os.environ,
        "DRAFTER_STATE_DIR": str(state_dir),
        "DRAFTER_CONFIG_DIR": str(tmp_path / "config"),
        "TERM": "xterm-256color",
        "COLUMNS": "140",
        "LINES": "40",
    }
    typed = "Nya förskoleplatser i Åby – 2026 (öppen) xq"
    term = _Terminal([str(target)], env, tmp_path)
    try:
        term.wait_for("steg 1 av")
        term.type(typed)
        end = time.monotonic() + 30  # a limit for a hung app, not a timing assertion
        while time.monotonic() < end:
            draft = find_draft(target)
            if draft is not None and typed in draft.text:
                break
            time.sleep(0.05)
        term.proc.send_signal(signal.SIGKILL)
        assert term.proc.wait(timeout=10) == -signal.SIGKILL
    finally:
        term.close()
    assert typed not in target.read_text(encoding="utf-8")  # never saved
    draft = find_draft(target)
    assert draft is not None, "no recovery file after the last keystroke"
    assert typed in draft.text

    term = _Terminal([str(target)], env, tmp_path)
    try:
        term.wait_for("Återställ osparade ändringar?")
        term.type("\r")  # "Återställ" has focus
        term.wait_for("återställda")
        term.type("\x13")  # ctrl+s
        end = time.monotonic() + 30  # a limit for a hung app, not a timing assertion
        while typed not in target.read_text(encoding="utf-8") and time.monotonic() < end:
            time.sleep(0.05)
        term.type("\x11")  # ctrl+q
        term.proc.wait(timeout=15)
    finally:
        term.close()
    saved = load_arende(target)
    assert typed in target.read_text(encoding="utf-8"), term.output[-2000:]
    assert typed in {saved.arende.field_value(f.id) for f in saved.template.template.fields}
    assert find_draft(target) is None  # a normal save removes the draft


def test_symlinked_recovery_folder_keeps_its_targets_mode(tmp_path: Path, state_dir: Path) -> None:
    """The user pointed the recovery folder elsewhere: drafter writes there but never
    chmods the link's target (a shared folder keeps its permissions)."""
    shared = tmp_path / "delad"
    shared.mkdir()
    shared.chmod(0o755)
    state_dir.mkdir(parents=True, exist_ok=True)
    (state_dir / "recovery").symlink_to(shared)
    path = write_draft(tmp_path / "a.toml", "format = 1\n", "s1")
    assert path.parent.resolve() == shared.resolve()
    assert _mode(shared) == 0o755
    assert _mode(path) == 0o600
