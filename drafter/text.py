"""Small text helpers shared by checks, rendering and import (no I/O, no Textual)."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: C0 controls except tab and newline become their Unicode "control picture" (ESC → ␛),
#: DEL becomes ␡, and C1 controls and bidirectional overrides become U+FFFD, so a file's
#: text can never drive a terminal, a JSON reader's terminal or a viewer of an export.
_UNPRINTABLE: dict[int, str] = {
    **{c: chr(0x2400 + c) for c in range(0x20) if c not in (0x09, 0x0A)},
    0x7F: "\u2421",
    **{c: "\ufffd" for c in range(0x80, 0xA0)},
    **{c: "\ufffd" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
}


def printable(text: str) -> str:
    """``text`` with every control character except tab and newline made visible.

    Use it on any text from a file (an ärende, a template, an imported document, a file
    name) before it reaches a terminal, a JSON report or an export. Linear in the input.
    """
    return text.translate(_UNPRINTABLE)


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
