"""Lock files: tell a second drafter that an ärende is already open.

A lock lives in ``user_state_dir() / "locks"`` (folder 0700, file 0600), named by a hash of
the ärende's absolute path, and holds JSON with the owner's pid, host, start time and the
path. A lock is *stale* when its process no longer exists on this host (on Linux also when
the process is a zombie, when the pid now belongs to a process that started later, i.e.
the pid was reused, or when the lock was written before this machine last booted), when
it cannot be read, or when it comes from another host and is older than
:data:`FOREIGN_STALE_AFTER`. A stale lock is taken over.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from drafter.paths import user_state_dir
from drafter.recovery import canonical_path, ensure_private_dir, path_key

#: A lock written on another host is considered abandoned after this long.
FOREIGN_STALE_AFTER = timedelta(hours=24)

LockStatus = Literal["ok", "held", "stale", "unavailable"]


@dataclass(frozen=True)
class LockResult:
    """The outcome of :func:`acquire_lock`.

    ``status``: ``ok`` (we hold the lock), ``held`` (another live drafter holds it: open
    read-only or refuse), ``stale`` (an abandoned lock was taken over; we hold it now) or
    ``unavailable`` (no lock could be written, e.g. a read-only state folder; editing may
    go on but without protection).
    """

    status: LockStatus
    path: Path
    """The lock file."""
    pid: int | None = None
    """For ``held``/``stale``: the other (or former) owner's pid."""
    host: str | None = None
    started: datetime | None = None
    detail: str = ""

    @property
    def acquired(self) -> bool:
        """True when this process now holds the lock."""
        return self.status in ("ok", "stale")

    @property
    def message(self) -> str:
        """A Swedish sentence for the user (empty for ``ok``)."""
        when = f" sedan {self.started:%Y-%m-%d %H:%M}" if self.started else ""
        where = f" på datorn {self.host}" if self.host and self.host != _host() else ""
        if self.status == "held":
            return (
                f"Filen är redan öppen i en annan drafter (process {self.pid}{where}{when}). "
                "Stäng den först, eller öppna filen skrivskyddad."
            )
        if self.status == "stale":
            owner = f"process {self.pid}{where}" if self.pid else "okänd process"
            return f"Ett gammalt lås från {owner}{when} fanns kvar; det har tagits över."
        if self.status == "unavailable":
            return f"Kunde inte låsa filen ({self.detail}); andra kan öppna den samtidigt."
        return ""


def _host() -> str:
    return socket.gethostname()


def lock_dir() -> Path:
    """The folder of lock files."""
    return user_state_dir() / "locks"


def lock_path(target: Path) -> Path:
    """The lock file for the ärende ``target``."""
    return lock_dir() / f"{path_key(target)}.lock"


def _process_start(pid: int) -> str | None:
    """The kernel's start time of ``pid`` (Linux /proc), to detect a reused pid."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            data = handle.read().decode("ascii", "replace")
    except OSError:
        return None
    fields = data.rpartition(")")[2].split()
    return fields[19] if len(fields) > 19 else None


def _process_state(pid: int) -> str | None:
    """The one-letter state of ``pid`` from /proc ("Z": zombie), ``None`` when unknown."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            data = handle.read(4096).decode("ascii", "replace")
    except OSError:
        return None
    fields = data.rpartition(")")[2].split()
    return fields[0] if fields else None


def _boot_id() -> str | None:
    """This boot of the machine (Linux), to tell a lock written before a reboot."""
    try:
        with open("/proc/sys/kernel/random/boot_id", "rb") as handle:
            return handle.read(64).decode("ascii", "replace").strip() or None
    except OSError:
        return None


def _boot_time() -> datetime | None:
    """When this machine booted (Linux /proc/stat ``btime``)."""
    try:
        with open("/proc/stat", "rb") as handle:
            data = handle.read(256 * 1024).decode("ascii", "replace")
    except OSError:
        return None
    for line in data.splitlines():
        if line.startswith("btime "):
            with contextlib.suppress(ValueError):
                return datetime.fromtimestamp(int(line.split()[1])).astimezone()
    return None


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _owner_record(target: Path) -> dict[str, Any]:
    now = datetime.now().astimezone()
    return {
        "drafter_lås": 1,
        "pid": os.getpid(),
        "host": _host(),
        "started": now.isoformat(timespec="seconds"),
        "process_start": _process_start(os.getpid()),
        "boot_id": _boot_id(),
        "target": str(canonical_path(target)),
    }


def _raw(path: Path) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read(64 * 1024)
    except OSError:
        return None


def _read(path: Path) -> dict[str, Any] | None:
    return _parse(_raw(path))


def _parse(raw: bytes | None) -> dict[str, Any] | None:
    if raw is None:
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("drafter_lås") != 1:
        return None
    pid, host = data.get("pid"), data.get("host")
    if not isinstance(pid, int) or isinstance(pid, bool) or not isinstance(host, str):
        return None
    return data


def _started(data: dict[str, Any]) -> datetime | None:
    try:
        value = datetime.fromisoformat(str(data.get("started")))
    except ValueError:
        return None
    return value if value.tzinfo else value.astimezone()


def _is_ours(data: dict[str, Any] | None) -> bool:
    return data is not None and data["pid"] == os.getpid() and data["host"] == _host()


def _is_live(data: dict[str, Any]) -> bool:
    """Whether the owner recorded in ``data`` may still be running."""
    if data["host"] != _host():
        started = _started(data)
        if started is None:
            return False
        return datetime.now().astimezone() - started < FOREIGN_STALE_AFTER
    pid: int = data["pid"]
    if not _pid_alive(pid) or _process_state(pid) in ("Z", "X"):
        return False  # gone, or gone but not yet reaped by its parent
    recorded_boot, boot = data.get("boot_id"), _boot_id()
    if isinstance(recorded_boot, str) and boot is not None and recorded_boot != boot:
        return False  # written before the machine restarted: that pid is someone else
    booted, started = _boot_time(), _started(data)
    if booted is not None and started is not None and started < booted:
        return False
    recorded = data.get("process_start")
    current = _process_start(pid)
    return not (isinstance(recorded, str) and current is not None and current != recorded)


def _write_new(path: Path, record: dict[str, Any]) -> None:
    """Create the lock file exclusively; a half-written file is removed again."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, json.dumps(record, ensure_ascii=False).encode("utf-8"))
        os.fsync(fd)
    except OSError:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
    os.close(fd)


def acquire_lock(target: Path) -> LockResult:
    """Try to take the lock for the ärende ``target``. Never raises for file problems."""
    path = lock_path(target)
    try:
        ensure_private_dir(lock_dir())
    except Exception as exc:  # DrafterError: state folder not writable
        return LockResult("unavailable", path, detail=str(getattr(exc, "detail", exc)))
    record = _owner_record(target)
    for _attempt in range(3):
        try:
            _write_new(path, record)
            return LockResult("ok", path, os.getpid(), record["host"], _started(record))
        except FileExistsError:
            pass
        except OSError as exc:
            return LockResult("unavailable", path, detail=exc.strerror or str(exc))
        raw = _raw(path)
        existing = _parse(raw)
        for _wait in range(10):  # a lock being written right now is empty for a moment
            if existing is not None or raw is None:
                break
            time.sleep(0.05)
            raw = _raw(path)
            existing = _parse(raw)
        if _is_ours(existing):
            return LockResult("ok", path, os.getpid(), _host(), _started(existing or {}))
        if existing is not None and _is_live(existing):
            return LockResult("held", path, existing["pid"], existing["host"], _started(existing))
        # Stale or unreadable: take it over. Rename the old lock away first so that two
        # drafters taking over at once cannot both win: only one rename succeeds.
        grave = path.with_name(f"{path.name}.{os.getpid()}.gammal")
        try:
            os.rename(path, grave)
        except FileNotFoundError:
            continue  # someone else took it over or released it; try again
        except OSError as exc:
            return LockResult("unavailable", path, detail=exc.strerror or str(exc))
        if _raw(grave) != raw:
            # Another drafter replaced the stale lock between our read and rename: put
            # its lock back (unless yet another one exists) and look again.
            with contextlib.suppress(OSError):
                os.link(grave, path)
            with contextlib.suppress(OSError):
                grave.unlink()
            continue
        with contextlib.suppress(OSError):
            grave.unlink()
        try:
            _write_new(path, record)
        except FileExistsError:
            continue
        except OSError as exc:
            return LockResult("unavailable", path, detail=exc.strerror or str(exc))
        old = existing or {}
        return LockResult(
            "stale",
            path,
            old.get("pid"),
            old.get("host"),
            _started(old) if old else None,
        )
    existing = _read(path) or {}
    return LockResult("held", path, existing.get("pid"), existing.get("host"), _started(existing))


def release_lock(target: Path) -> None:
    """Remove the lock for ``target`` if this process holds it; otherwise do nothing."""
    path = lock_path(target)
    if _is_ours(_read(path)):
        with contextlib.suppress(OSError):
            path.unlink()


def lock_owner(target: Path) -> LockResult | None:
    """Who holds the lock for ``target`` now (``None`` when nobody live does)."""
    path = lock_path(target)
    data = _read(path)
    if data is None or not _is_live(data):
        return None
    return LockResult("held", path, data["pid"], data["host"], _started(data))


def break_lock(target: Path) -> LockResult:
    """Remove the lock for ``target`` whoever holds it, then take it (vim's "delete it").

    For a lock the user knows is left over (the other drafter is not running any more);
    never raises for file problems.
    """
    try:
        lock_path(target).unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        return LockResult("unavailable", lock_path(target), detail=exc.strerror or str(exc))
    return acquire_lock(target)
