"""Small text helpers shared by checks, rendering and import (no I/O, no Textual)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*-?", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-cased words; hyphenated compounds stay one word, "barn-" keeps its hyphen."""
    return [w.lower() for w in _WORD.findall(text)]


def paragraphs(text: str) -> list[str]:
    """Non-empty paragraphs (blocks separated by blank lines), stripped."""
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


@dataclass(frozen=True)
class LeadIn:
    """A decision lead-in split into who proposes and who decides."""

    proposer: str
    body: str


_LEAD_IN = re.compile(
    r"^\s*(?P<proposer>.+?)\s+föreslår\s+(?:att\s+)?(?P<body>.+?)\s+"
    r"(?:att\s+)?(?:besluta|beslutar)\b(?:\s+följande)?\s*(?:att\s*)?[:.]?\s*$",
    re.IGNORECASE | re.DOTALL,
)


def parse_lead_in(text: str) -> LeadIn | None:
    """Parse "<Organ> föreslår <Organ> att besluta följande:" and its usual variants."""
    match = _LEAD_IN.match(text)
    if not match:
        return None
    return LeadIn(match.group("proposer").strip(), match.group("body").strip())


def default_lead_in(proposer: str, body: str) -> str:
    """The lead-in drafter writes when the user leaves it empty (the seed's wording)."""
    return f"{proposer.strip()} föreslår {body.strip()} att besluta följande:"


def join_list_sv(items: list[str], conjunction: str = "och") -> str:
    """ "a, b och c"."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"
