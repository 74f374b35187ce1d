"""What :func:`drafter.publish.export` returns (kept apart: see the package's ``__getattr__``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafter.publish import Format


@dataclass(frozen=True)
class ExportResult:
    """What :func:`drafter.publish.export` wrote."""

    path: Path
    format: Format
    warnings: tuple[str, ...] = field(default=())
    """Swedish notes about the result (a font that was not found, characters the PDF's
    fonts cannot show); the file was written all the same."""
