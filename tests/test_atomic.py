"""Saving never leaves a half-written file, keeps permissions, and fails with a clear message.

Also: hand edits (unknown keys and tables) survive a save, and comments, which the TOML
writer cannot keep, are detected on load so the TUI can warn before they are dropped.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from drafter.errors import DrafterError
from drafter.storage import (
    Loaded,
    atomic_write_text,
    dumps_arende,
    has_toml_comments,
    load_arende,
    save_arende,
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "vanguard.toml"
OLD = "format = 1\n# gammal version, rör inte\n"


@pytest.fixture
def loaded() -> Loaded:
    return load_arende(EXAMPLE)


@pytest.fixture
def existing(tmp_path: Path) -> Path:
    folder = tmp_path / "ärenden"
    folder.mkdir()
    path = folder / "vanguard.toml"
    path.write_text(OLD, encoding="utf-8")
    return path


def _save(path: Path, loaded: Loaded) -> None:
    save_arende(path, loaded.arende, loaded.template.template)


def _assert_untouched(path: Path) -> None:
    assert path.read_bytes() == OLD.encode("utf-8")
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temp file left


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --------------------------------------------------------------------------- permissions


def test_save_keeps_permissions_of_existing_file(existing: Path, loaded: Loaded) -> None:
    existing.chmod(0o640)
    _save(existing, loaded)
    assert _mode(existing) == 0o640
    assert load_arende(existing).arende.field_value("titel") == loaded.arende.field_value("titel")


def test_new_file_follows_umask(tmp_path: Path, loaded: Loaded) -> None:
    old = os.umask(0o027)
    try:
        _save(tmp_path / "ny.toml", loaded)
    finally:
        os.umask(old)
    assert _mode(tmp_path / "ny.toml") == 0o640


def test_explicit_mode_is_used(tmp_path: Path) -> None:
    atomic_write_text(tmp_path / "privat.toml", "x = 1\n", mode=0o600)
    assert _mode(tmp_path / "privat.toml") == 0o600


# --------------------------------------------------------------------------- failing saves


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into read-only folders")
def test_read_only_folder_real(existing: Path, loaded: Loaded) -> None:
    existing.parent.chmod(0o555)
    try:
        with pytest.raises(DrafterError, match="skrivskyddad"):
            _save(existing, loaded)
    finally:
        existing.parent.chmod(0o755)
    _assert_untouched(existing)


def test_read_only_folder(existing: Path, loaded: Loaded, monkeypatch: pytest.MonkeyPatch) -> None:
    """As the real test above, for root too: creating the temp file is refused (EACCES)."""

    real_open = os.open

    def refuse(file: str, flags: int, *args: int, **kwargs: int) -> int:
        if flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(DrafterError, match="skrivskyddad") as info:
        _save(existing, loaded)
    assert info.value.message.startswith(str(existing))
    monkeypatch.undo()
    _assert_untouched(existing)


def test_path_is_a_folder(existing: Path, loaded: Loaded) -> None:
    folder = existing.parent / "mapp.toml"
    folder.mkdir()
    (folder / "inne.txt").write_text("kvar", encoding="utf-8")
    with pytest.raises(DrafterError, match="mapp"):
        _save(folder, loaded)
    assert (folder / "inne.txt").read_text(encoding="utf-8") == "kvar"
    assert sorted(p.name for p in existing.parent.iterdir()) == ["mapp.toml", "vanguard.toml"]


def test_missing_folder(tmp_path: Path, loaded: Loaded) -> None:
    with pytest.raises(DrafterError, match="mappen finns inte"):
        _save(tmp_path / "finns-inte" / "a.toml", loaded)


@pytest.mark.parametrize("where", ["write", "fsync"])
def test_full_disk(
    where: str, existing: Path, loaded: Loaded, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def full(*args: object) -> int:
        calls.append(1)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, where, full)
    with pytest.raises(DrafterError, match="disken är full") as info:
        _save(existing, loaded)
    monkeypatch.undo()
    assert calls  # the simulated failure was reached
    assert "kan inte spara" in info.value.message
    _assert_untouched(existing)


def test_short_writes_are_completed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = os.write

    def dribble(fd: int, data: bytes) -> int:
        return real_write(fd, bytes(data[:7]))

    monkeypatch.setattr(os, "write", dribble)
    text = 'titel = "Förskola – ny"\n' * 50
    atomic_write_text(tmp_path / "a.toml", text)
    monkeypatch.undo()
    assert (tmp_path / "a.toml").read_text(encoding="utf-8") == text


def test_failing_replace_leaves_old_file(
    existing: Path, loaded: Loaded, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(DrafterError, match="kan inte spara"):
        _save(existing, loaded)
    monkeypatch.undo()
    _assert_untouched(existing)


_SAVER = """
import sys
from pathlib import Path
from drafter.storage import atomic_write_text
path = Path(sys.argv[1])
texts = [("A" * 2_000_000) + "\\n", ("B" * 3_000_000) + "\\n"]
i = 0
print("start", flush=True)
while True:
    atomic_write_text(path, texts[i % 2])
    i += 1
"""


def test_killed_during_saves_leaves_a_whole_file(tmp_path: Path) -> None:
    """SIGKILL a process that saves in a loop: the file is always one version, whole."""
    path = tmp_path / "a.toml"
    whole = {("A" * 2_000_000) + "\n", ("B" * 3_000_000) + "\n"}
    for delay in (0.05, 0.13, 0.21, 0.3, 0.37):
        proc = subprocess.Popen(
            [sys.executable, "-c", _SAVER, str(path)], stdout=subprocess.PIPE, cwd=ROOT
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == b"start"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if path.exists():
            assert path.read_text(encoding="utf-8") in whole
    assert path.exists()
    # At least one kill hit a save half-way (its temp file is left); the file was still whole.
    assert any(p.name.endswith(".tmp") for p in tmp_path.iterdir())


# --------------------------------------------------------------------------- hand edits


def test_hand_added_keys_and_tables_survive_a_save(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("[arende]\n", '[arende]\negen_nyckel = "behåll mig"\n', 1)
    text += '\n[min_tabell]\nanteckning = "egen"\nlista = [1, 2]\n'
    path = tmp_path / "handredigerad.toml"
    path.write_text(text, encoding="utf-8")
    loaded = load_arende(path)
    _save(path, loaded)
    saved = path.read_text(encoding="utf-8")
    assert 'egen_nyckel = "behåll mig"' in saved
    assert "[min_tabell]" in saved and 'anteckning = "egen"' in saved
    again = load_arende(path)
    assert dumps_arende(again.arende, again.template.template) == saved


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ("a = 1\n# en kommentar\n", True),
        ("  # indragen kommentar\na = 1\n", True),
        ('a = "x" # efter värdet\n', True),
        ("[arende] # efter rubriken\n", True),
        ('a = "x # inte kommentar"\n', False),
        ("a = 'c:\\\\sökväg#1'\n", False),
        ('a = "citat \\" # fortfarande text"\n', False),
        ('a = """\n# inne i flerradstext\n"""\n', False),
        ("a = '''\n# inne i flerradstext\n'''\n", False),
        ('a = """slutar med citat"""""\nb = "#"\n', False),
        ('a = """slutar med citat"""""\nb = 1 # kommentar\n', True),
        ('"#nyckel" = 1\n', False),
        ("a = 1\n", False),
    ],
)
def test_comment_detection(toml: str, expected: bool) -> None:
    import tomllib

    tomllib.loads(toml)  # every case is valid TOML
    assert has_toml_comments(toml) is expected


def test_loaded_reports_comments(tmp_path: Path) -> None:
    path = tmp_path / "k.toml"
    path.write_text("# Utkast från Anna\n" + EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    assert load_arende(path).has_comments
    assert not load_arende(EXAMPLE).has_comments
    _save(path, load_arende(path))
    assert not load_arende(path).has_comments  # they are gone after a save, as warned


def test_comment_scan_is_linear() -> None:
    """Four times the text takes about four times the CPU time, not sixteen (a ratio
    within one run, fastest of three rounds: a busy machine slows both alike)."""

    def seconds(copies: int) -> float:
        body = 'Text med # tecken, "citat" och \\\\ snedstreck. ' * copies
        text = f'a = """\n{body}\n"""\n# slut\n'
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            assert has_toml_comments(text)
            best = min(best, time.process_time() - start)
        return best

    small, large = seconds(25_000), seconds(100_000)
    assert large < 10 * max(small, 1e-4), (small, large)


def test_hand_added_array_of_nested_tables_stays_top_level(tmp_path: Path) -> None:
    """tomli-w writes such an array inline; it must not end up inside the last section."""
    path = tmp_path / "a.toml"
    extra = '\nbilagor = [{ fil = { namn = "karta.pdf" } }]\ntomma = [{ x = {} }]\n'
    text = extra + EXAMPLE.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    _save(path, load_arende(path))
    import tomllib

    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    assert saved["bilagor"] == [{"fil": {"namn": "karta.pdf"}}]
    assert saved["tomma"] == [{"x": {}}]
    assert "bilagor" not in saved["expedieras_till"]


def test_save_removes_temp_files_left_by_an_interrupted_save(
    existing: Path, loaded: Loaded
) -> None:
    """A save killed before its rename leaves ``.NAME.xxxxxxxx.tmp``; the next save of
    the same file removes it once it is clearly abandoned, and nothing else."""
    folder = existing.parent
    hour_ago = time.time() - 3600
    stale = folder / ".vanguard.toml.k3j_x9q2.tmp"
    fresh = folder / ".vanguard.toml.a1b2c3d4.tmp"  # perhaps a save running right now
    other = folder / ".annat.toml.k3j_x9q2.tmp"  # another file's
    mine = folder / ".vanguard.toml.egen.tmp"  # not a name drafter makes
    for leftover in (stale, fresh, other, mine):
        leftover.write_text("format = 1\n", encoding="utf-8")
    for leftover in (stale, other, mine):
        os.utime(leftover, (hour_ago, hour_ago))
    _save(existing, loaded)
    assert not stale.exists()
    assert fresh.exists() and other.exists() and mine.exists()
    assert load_arende(existing).arende == loaded.arende
