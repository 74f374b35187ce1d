"""Recovery drafts: unsaved edits kept in the user state folder until saved or discarded.

A draft is one file in ``user_state_dir() / "recovery"`` (folder 0700, files 0600: drafts
can hold personal data). Its name is a hash of the absolute ärende path, or of the session
id for an ärende that has not been saved anywhere yet. The file is the ärende TOML with a
short comment header, so it is itself a loadable ärende file::

    # drafter-återställning 1
    # mål: "/home/anna/arenden/vanguard.toml"
    # sparad: "2026-11-27T10:42:13.512+01:00"
    # session: "3f2a…"
    format = 1
    …

The header values are JSON (so any path survives). A broken, foreign or oversized file in
the folder is skipped, never an error.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from drafter.paths import user_state_dir

MAGIC = "# drafter-återställning 1"
SUFFIX = ".toml"
#: Drafts larger than this are not read back (they cannot come from drafter, see storage).
_MAX_DRAFT_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Draft:
    """One recoverable draft."""

    target: Path | None
    """The ärende file the draft belongs to (``None``: not yet saved anywhere)."""
    path: Path
    """The recovery file."""
    saved_at: datetime
    """When it was written (local time, aware)."""
    text: str
    """The ärende as TOML (``dumps_arende`` output)."""
    session_id: str = ""
    """The session that wrote it."""


def canonical_path(target: Path) -> Path:
    """The absolute, symlink-resolved form of ``target`` used to key drafts and locks."""
    path = Path(target).expanduser()
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def path_key(target: Path) -> str:
    """A file-name-safe hash of the canonical ``target`` path."""
    return _hash("fil:" + str(canonical_path(target)))


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def recovery_dir(create: bool = False) -> Path:
    """The folder of recovery files; with ``create`` it is made (0700) if missing."""
    folder = user_state_dir() / "recovery"
    if create:
        ensure_private_dir(folder)
    return folder


def ensure_private_dir(folder: Path) -> None:
    """Create ``folder`` (and parents) readable only by the user; tighten it if it exists."""
    from drafter.errors import DrafterError

    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        # A symlink is the user's choice of place: never chmod its target (which may be
        # a shared or system folder), only a real folder of drafter's own, checked on the
        # open folder itself so that a link swapped in meanwhile is not followed.
        if not folder.is_symlink():
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
            try:
                if os.fstat(fd).st_mode & 0o077:
                    os.fchmod(fd, 0o700)
            finally:
                os.close(fd)
    except OSError as exc:
        raise DrafterError(
            f"kan inte skapa mappen för återställningsfiler ({exc.strerror or exc})", folder
        ) from exc


def _draft_file(target: Path | None, session_id: str) -> Path:
    key = path_key(target) if target is not None else _hash("ny:" + session_id)
    return recovery_dir() / f"{key}{SUFFIX}"


def write_draft(target: Path | None, toml_text: str, session_id: str) -> Path:
    """Write (or replace) the draft for ``target`` atomically; returns the recovery file.

    Raises :class:`~drafter.errors.DrafterError` with a Swedish message when it cannot be
    written (for example a full disk).
    """
    from drafter.storage import atomic_write_text

    recovery_dir(create=True)
    path = _draft_file(target, session_id)
    saved_at = datetime.now().astimezone()
    header = [
        MAGIC,
        "# mål: " + json.dumps(str(canonical_path(target)) if target is not None else None),
        "# sparad: " + json.dumps(saved_at.isoformat(timespec="milliseconds")),
        "# session: " + json.dumps(session_id),
    ]
    atomic_write_text(path, "\n".join(header) + "\n" + toml_text, mode=0o600)
    return path


def read_draft(path: Path) -> Draft | None:
    """Parse one recovery file; ``None`` when it is not a readable drafter draft."""
    try:
        info = path.lstat()
        if not _is_regular(info.st_mode) or info.st_size > _MAX_DRAFT_BYTES:
            return None
        raw = path.read_bytes()
        text = raw.decode("utf-8")
        lines = text.split("\n", 4)
        if len(lines) < 5 or lines[0] != MAGIC:
            return None
        fields = {}
        for line, key in zip(lines[1:4], ("mål", "sparad", "session"), strict=True):
            prefix = f"# {key}: "
            if not line.startswith(prefix):
                return None
            fields[key] = json.loads(line[len(prefix) :])
        target, saved, session = fields["mål"], fields["sparad"], fields["session"]
        if not (target is None or isinstance(target, str)) or not isinstance(saved, str):
            return None
        if not isinstance(session, str):
            return None
        saved_at = datetime.fromisoformat(saved)
        if saved_at.tzinfo is None:
            saved_at = saved_at.astimezone()
        return Draft(
            target=Path(target) if target else None,
            path=path,
            saved_at=saved_at.astimezone(),
            text=lines[4],
            session_id=session,
        )
    except (OSError, ValueError, UnicodeError, RecursionError):
        return None


def _is_regular(mode: int) -> bool:
    return stat.S_ISREG(mode)


def list_drafts() -> list[Draft]:
    """All recoverable drafts, newest first. Broken or foreign files are skipped."""
    folder = recovery_dir()
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    drafts = [
        draft
        for name in names
        if name.endswith(SUFFIX) and not name.startswith(".")
        if (draft := read_draft(folder / name)) is not None
    ]
    drafts.sort(key=lambda d: d.saved_at, reverse=True)
    return drafts


def find_draft(target: Path) -> Draft | None:
    """The newest draft for the ärende file ``target``, or ``None``."""
    wanted = canonical_path(target)
    draft = read_draft(_draft_file(target, ""))
    if draft is not None and draft.target == wanted:
        return draft
    return None


def discard_draft(target: Path | None, session_id: str) -> None:
    """Remove the draft of ``target`` (or of the unsaved session); missing is fine."""
    from drafter.errors import DrafterError

    path = _draft_file(target, session_id)
    try:
        path.unlink()
    except (FileNotFoundError, NotADirectoryError):
        pass
    except OSError as exc:
        raise DrafterError(
            f"kan inte ta bort återställningsfilen ({exc.strerror or exc})", path
        ) from exc
