"""Findings: what the checks say about an ärende."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How serious a finding is. Values are the stable English ids used in JSON output."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        """The Swedish word shown to users (fel, varning, info)."""
        return _LABELS[self]

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for info: sort key, most serious first."""
        return _RANKS[self]

    @classmethod
    def from_swedish(cls, name: str) -> Severity:
        """Map a template's Swedish severity name (fel, varning, info) to a Severity."""
        return _FROM_SWEDISH[name]


_LABELS = {Severity.ERROR: "fel", Severity.WARNING: "varning", Severity.INFO: "info"}
_RANKS = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_FROM_SWEDISH = {"fel": Severity.ERROR, "varning": Severity.WARNING, "info": Severity.INFO}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem or hint about an ärende.

    Attributes:
        rule: Stable rule id, e.g. ``"KON-1"``.
        severity: How serious it is.
        message: Swedish text saying what is wrong and how to fix it.
        section: Section id, or ``None`` for the header and the whole document.
        field: Where in the section (or header) the problem is, for focusing an editor:
            a header field id (``"titel"``), ``"text"``, ``"inledning"``, ``"punkter.0"``,
            ``"aspekter.barn"``, ``"poster.2"`` or ``"personer.0"``.
        word: For a finding about one word (STAV-1): the word as written.
        span: Where ``word`` stands in the field's text (start, end character offsets).
        suggestions: Words to put in its place, best first.
    """

    rule: str
    severity: Severity
    message: str
    section: str | None = None
    field: str | None = None
    word: str | None = None
    span: tuple[int, int] | None = None
    suggestions: tuple[str, ...] = ()

    def as_json(self) -> dict[str, str | None]:
        """The public JSON shape used by ``drafter check --format json``."""
        return {
            "section": self.section,
            "severity": self.severity.value,
            "rule": self.rule,
            "message": self.message,
        }
