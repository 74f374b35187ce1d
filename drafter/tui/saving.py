"""Writing a save: a copy of the ärende taken on the UI thread, written in a thread.

Apart from :mod:`drafter.tui.session` because only saving needs it (loaded with the
save flow, not to open an ärende).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from drafter.checks import run_checks
from drafter.findings import Severity
from drafter.model import Arende
from drafter.render import render_markdown
from drafter.storage import FileStamp, atomic_write_text, dumps_arende, file_stamp
from drafter.templates import Template


@dataclass(frozen=True)
class SaveSnapshot:
    """A copy of the ärende to save, taken on the UI thread (see :meth:`Session.snapshot`)."""

    arende: Arende
    template: Template
    target: Path
    md_path: Path
    edits: int
    errors: int | None
    """Errors in the document, ``None`` when the findings were not current."""


@dataclass(frozen=True)
class SaveResult:
    """What :func:`write_snapshot` wrote."""

    target: Path
    md_path: Path
    stamp: FileStamp | None
    edits: int
    errors: int
    """Errors in the saved document."""


def write_snapshot(snapshot: SaveSnapshot) -> SaveResult:
    """Write the TOML and the Markdown of a snapshot (safe off the UI thread).

    Raises :class:`~drafter.errors.DrafterError`; the TOML is written first, so a
    failure leaves either the old or the new file, never half of one.
    """
    toml_text = dumps_arende(snapshot.arende, snapshot.template)
    markdown = render_markdown(snapshot.arende, snapshot.template)
    atomic_write_text(snapshot.target, toml_text)
    atomic_write_text(snapshot.md_path, markdown)
    stamp = file_stamp(snapshot.target)
    errors = snapshot.errors
    if errors is None:  # checked after writing: the text is safe first
        findings = run_checks(snapshot.arende, snapshot.template)
        errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    return SaveResult(snapshot.target, snapshot.md_path, stamp, snapshot.edits, errors)
