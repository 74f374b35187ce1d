"""Lock files: a second drafter learns the ärende is open; abandoned locks are taken over."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from drafter import lock
from drafter.lock import acquire_lock, lock_owner, lock_path, release_lock


@pytest.fixture(autouse=True)
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    state = tmp_path / "state"
    monkeypatch.setenv("DRAFTER_STATE_DIR", str(state))
    return state


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "ärende.toml"
    path.write_text("format = 1\n", encoding="utf-8")
    return path


def _write_lock(target: Path, **fields: object) -> None:
    record: dict[str, object] = {
        "drafter_lås": 1,
        "pid": 1,
        "host": lock._host(),
        "started": datetime.now().astimezone().isoformat(),
        "target": str(target),
    }
    record.update(fields)
    path = lock_path(target)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.write_text(json.dumps(record), encoding="utf-8")


@pytest.fixture
def other_drafter() -> Iterator[subprocess.Popen[bytes]]:
    """A live process standing in for another drafter."""
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield proc
    proc.kill()
    proc.wait()


def test_first_open_gets_the_lock_with_private_file(target: Path) -> None:
    result = acquire_lock(target)
    assert result.status == "ok" and result.acquired
    assert result.message == ""
    data = json.loads(result.path.read_text(encoding="utf-8"))
    assert data["pid"] == os.getpid()
    assert data["host"] == lock._host()
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(result.path.parent.stat().st_mode) == 0o700


def test_reacquiring_own_lock_is_ok(target: Path) -> None:
    assert acquire_lock(target).status == "ok"
    assert acquire_lock(target).status == "ok"


def test_live_other_drafter_holds_the_lock(
    target: Path, other_drafter: subprocess.Popen[bytes]
) -> None:
    _write_lock(target, pid=other_drafter.pid)
    result = acquire_lock(target)
    assert result.status == "held" and not result.acquired
    assert result.pid == other_drafter.pid
    assert str(other_drafter.pid) in result.message
    assert "redan öppen" in result.message
    owner = lock_owner(target)
    assert owner is not None and owner.pid == other_drafter.pid
    # Releasing from here does not remove somebody else's lock.
    release_lock(target)
    assert lock_path(target).exists()


def test_other_drafter_process_sees_our_lock(target: Path, state_dir: Path) -> None:
    assert acquire_lock(target).status == "ok"
    code = (
        "import sys; from pathlib import Path; from drafter.lock import acquire_lock;"
        "r = acquire_lock(Path(sys.argv[1])); print(r.status, r.pid)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(target)],
        capture_output=True,
        text=True,
        env={**os.environ, "DRAFTER_STATE_DIR": str(state_dir)},
        check=True,
    ).stdout.split()
    assert out == ["held", str(os.getpid())]


def test_lock_of_dead_process_is_taken_over(target: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    _write_lock(target, pid=proc.pid)
    result = acquire_lock(target)
    assert result.status == "stale" and result.acquired
    assert result.pid == proc.pid
    assert "tagits över" in result.message
    assert json.loads(lock_path(target).read_text(encoding="utf-8"))["pid"] == os.getpid()


def test_reused_pid_is_detected_as_stale(
    target: Path, other_drafter: subprocess.Popen[bytes]
) -> None:
    if not Path(f"/proc/{os.getpid()}/stat").exists():
        pytest.skip("needs /proc")
    _write_lock(target, pid=other_drafter.pid, process_start="1")  # a different process
    assert acquire_lock(target).status == "stale"


def test_broken_lock_file_is_taken_over(target: Path) -> None:
    path = lock_path(target)
    path.parent.mkdir(parents=True, mode=0o700)
    path.write_text("{inte json", encoding="utf-8")
    assert acquire_lock(target).status == "stale"
    assert json.loads(path.read_text(encoding="utf-8"))["pid"] == os.getpid()


def test_fresh_lock_from_other_host_holds_and_old_one_is_stale(target: Path) -> None:
    _write_lock(target, pid=os.getpid(), host="annan-dator")
    result = acquire_lock(target)
    assert result.status == "held"
    assert "annan-dator" in result.message
    old = datetime.now().astimezone() - lock.FOREIGN_STALE_AFTER - timedelta(minutes=1)
    _write_lock(target, pid=os.getpid(), host="annan-dator", started=old.isoformat())
    assert acquire_lock(target).status == "stale"


def test_release_removes_own_lock_and_next_open_is_ok(target: Path) -> None:
    acquire_lock(target)
    release_lock(target)
    assert not lock_path(target).exists()
    assert lock_owner(target) is None
    release_lock(target)  # twice is fine
    assert acquire_lock(target).status == "ok"


def test_unwritable_state_folder_reports_unavailable(
    target: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "fil-inte-mapp"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("DRAFTER_STATE_DIR", str(blocker))
    result = acquire_lock(target)
    assert result.status == "unavailable" and not result.acquired
    assert "Kunde inte låsa" in result.message


def test_different_files_have_different_locks(target: Path, tmp_path: Path) -> None:
    other = tmp_path / "annat.toml"
    assert acquire_lock(target).status == "ok"
    assert acquire_lock(other).status == "ok"
    assert lock_path(target) != lock_path(other)


def test_lock_of_a_zombie_process_is_stale(target: Path) -> None:
    """A drafter that died but was not yet reaped by its parent no longer holds the file."""
    zombie = subprocess.Popen([sys.executable, "-c", "pass"])
    deadline = time.monotonic() + 30  # a limit for a stuck machine, not a timing assertion
    while lock._process_state(zombie.pid) != "Z" and time.monotonic() < deadline:
        time.sleep(0.01)  # until it has exited (it stays a zombie: nobody waits for it)
    try:
        assert lock._process_state(zombie.pid) == "Z"
        _write_lock(target, pid=zombie.pid)
        assert lock_owner(target) is None
        result = acquire_lock(target)
        assert result.status == "stale" and result.pid == zombie.pid
    finally:
        zombie.wait()


def test_lock_from_before_the_last_boot_is_stale(
    target: Path, other_drafter: subprocess.Popen[bytes]
) -> None:
    """After a restart, the pid in an old lock belongs to some other process."""
    _write_lock(target, pid=other_drafter.pid, boot_id="en-annan-uppstart")
    if lock._boot_id() is None:
        pytest.skip("no boot id on this system")
    assert lock_owner(target) is None
    assert acquire_lock(target).status == "stale"


def test_lock_started_before_boot_time_is_stale(
    target: Path, other_drafter: subprocess.Popen[bytes]
) -> None:
    if lock._boot_time() is None:
        pytest.skip("no boot time on this system")
    _write_lock(target, pid=other_drafter.pid, started="2001-01-01T00:00:00+00:00")
    assert lock_owner(target) is None


def test_live_lock_of_this_boot_is_held(
    target: Path, other_drafter: subprocess.Popen[bytes]
) -> None:
    _write_lock(target, pid=other_drafter.pid, boot_id=lock._boot_id())
    owner = lock_owner(target)
    assert owner is not None and owner.pid == other_drafter.pid


def test_break_lock_takes_a_held_lock(target: Path, other_drafter: subprocess.Popen[bytes]) -> None:
    _write_lock(target, pid=other_drafter.pid)
    assert acquire_lock(target).status == "held"
    result = lock.break_lock(target)
    assert result.acquired
    owner = lock_owner(target)
    assert owner is not None and owner.pid == os.getpid()
