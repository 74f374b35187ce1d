"""The Textual front end (skrivprogrammet). Importing this package does not import Textual."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafter.tui.session import Session

__all__ = ["run_tui"]

SWITCH_INTERVAL = 0.001
"""Seconds a thread holding Python's global lock keeps it while another waits (Python's
default is 0.005). Textual writes each frame from its own thread: while the UI thread
works on (the checks run right after the first frame), the frame waited up to ~12 ms for
the lock before it reached the terminal; with 1 ms, ~1.5 ms. The same goes for a key
pressed while a save or the spelling runs in a thread."""


@contextmanager
def quick_thread_switches() -> Iterator[None]:
    """Run the block with :data:`SWITCH_INTERVAL`, then restore the previous interval. The
    app runs inside it (:func:`run_tui`; the typing benchmark does the same)."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL)
    try:
        yield
    finally:
        sys.setswitchinterval(previous)


def run_tui(path: Path | None, mall: str | None, *, spelling: bool = True) -> int:
    """Open ``path`` (or a new ärende) in the app; returns the exit code. ``spelling``:
    check Swedish spelling as the user types (the dictionary loads after the first frame).

    Load errors are printed in Swedish to stderr (exit code 2) before the app starts.
    """
    from drafter.errors import DrafterError

    try:
        prepared = prepare_session(path, mall, check=False)  # checked after the first frame
    except DrafterError as exc:
        print(f"drafter: fel: {exc.message}", file=sys.stderr)
        return 2
    from drafter.tui.app import DrafterApp

    session, overwrite_prompt, report = prepared
    app = DrafterApp(
        session, overwrite_prompt=overwrite_prompt, import_report=report, spelling=spelling
    )
    try:
        with quick_thread_switches():
            result = app.run()
    finally:
        app.release_lock()
    return int(result or 0)


def prepare_session(
    path: Path | None, mall: str | None, *, check: bool = True
) -> tuple[Session, Path | None, str | None]:
    """The session to edit: the file, an import of it, or a new ärende.

    ``check=False`` leaves the checks to the app, which runs them right after its first
    frame (see :class:`Session`).

    Returns (session, a TOML path to ask about overwriting or None, import report or None).
    Raises :class:`~drafter.errors.DrafterError` for files that cannot be opened.
    """
    from drafter.errors import DrafterError
    from drafter.paths import stored_template_path
    from drafter.storage import load_arende, new_arende
    from drafter.templates import DEFAULT_TEMPLATE, find_template
    from drafter.tui.session import Session, file_stamp

    importable = _importable(path)
    if path is not None and importable and path.is_file():
        return _import(path, mall, check)
    if path is not None and importable and not path.exists():
        raise DrafterError(
            "filen finns inte. Ange ett befintligt dokument (.docx, .pdf, .txt eller .md) att "
            "importera, "
            "eller ett namn som slutar på .toml för ett nytt ärende",
            path,
        )
    if path is not None and path.exists():
        loaded = load_arende(path, mall)
        session = Session(
            loaded.arende,
            loaded.template,
            path,
            has_comments=loaded.has_comments,
            disk_stamp=file_stamp(path),
            check=check,
        )
        return session, None, None
    loaded_template = find_template(mall or DEFAULT_TEMPLATE, near=path)
    arende = new_arende(loaded_template.template)
    if loaded_template.origin == "fil":
        # Without a path yet the first save stores it (see Session.snapshot).
        arende.template_ref = (
            stored_template_path(loaded_template.path, path)
            if path is not None
            else str(loaded_template.path.resolve())
        )
    return Session(arende, loaded_template, path, check=check), None, None


def _importable(path: Path | None) -> bool:
    """Whether ``path`` names a document to import (rather than an ärende file)."""
    if path is None or path.suffix.lower() == ".toml":
        return False  # an ärende: the importer and its libraries are not loaded at start
    from drafter.importer import IMPORTABLE_SUFFIXES

    return path.suffix.lower() in IMPORTABLE_SUFFIXES


def _import(path: Path, mall: str | None, check: bool) -> tuple[Session, Path | None, str | None]:
    """Import a document; saved beside it as .toml unless that file exists.

    Without ``mall`` the importer picks the template that fits the document best.
    """
    from drafter.importer import import_file
    from drafter.paths import stored_template_path
    from drafter.storage import save_arende
    from drafter.templates import DEFAULT_TEMPLATE, find_template
    from drafter.tui.session import Session, file_stamp

    target = path.with_suffix(".toml")
    chosen = find_template(mall, near=path) if mall else None
    result = import_file(path, chosen, near=target)
    used = chosen or result.template_loaded or find_template(DEFAULT_TEMPLATE, near=target)
    if used.origin == "fil":
        result.arende.template_ref = stored_template_path(used.path, target)
    session = Session(result.arende, used, target, dirty=True, source=path, check=check)
    report = str(result.report)
    if target.exists():
        return session, target, report
    save_arende(target, session.arende, session.template)
    session.dirty = False
    session.disk_stamp = file_stamp(target)
    return session, None, f"{report}\n\nSparat som {target}."
