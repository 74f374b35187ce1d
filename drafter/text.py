"""Small text helpers shared by checks, rendering and import (no I/O, no Textual)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

#: C0 controls except tab and newline become their Unicode "control picture" (ESC → ␛),
#: DEL becomes ␡, and C1 controls and bidirectional overrides become U+FFFD, so a file's
#: text can never drive a terminal, a JSON reader's terminal or a viewer of an export.
_UNPRINTABLE: dict[int, str] = {
    **{c: chr(0x2400 + c) for c in range(0x20) if c not in (0x09, 0x0A)},
    0x7F: "\u2421",
    **{c: "\ufffd" for c in range(0x80, 0xA0)},
    **{c: "\ufffd" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
}


_ANY_UNPRINTABLE = re.compile("[" + "".join(re.escape(chr(c)) for c in _UNPRINTABLE) + "]")


def printable(text: str) -> str:
    """``text`` with every control character except tab and newline made visible.

    Use it on any text from a file (an ärende, a template, an imported document, a file
    name) before it reaches a terminal, a JSON report or an export. Linear in the input;
    text without such characters (nearly all) is returned as it is after one regex scan,
    about 15 times faster than translating it (3.6 against 57 ms at 500 KB), which matters
    because the editors compare against it on every key.
    """
    if _ANY_UNPRINTABLE.search(text) is None:
        return text
    return text.translate(_UNPRINTABLE)


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*-?", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-cased words; hyphenated compounds stay one word, "barn-" keeps its hyphen."""
    return [w.lower() for w in _WORD.findall(text)]


def paragraphs(text: str) -> list[str]:
    """Non-empty paragraphs (blocks separated by blank lines), stripped."""
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


class LeadIn(NamedTuple):
    """A decision lead-in split into who proposes and who decides
    (a NamedTuple: a frozen dataclass compiles its methods when the module loads)."""

    proposer: str
    body: str


_LEAD_IN_END = ("att", "följande", "följande:", ":", "besluta:", "beslutar:")
_DECIDE = frozenset(["besluta", "beslutar", "besluta:", "beslutar:"])
_RECOMMEND = frozenset(["tillstyrka", "föreslå", "hos"])
_MAX_ORGAN_WORDS = 10


def _organ(tokens: list[str]) -> str:
    """Tokens of an organ's name, or "" when they cannot be one (empty, too long)."""
    if not tokens or len(tokens) > _MAX_ORGAN_WORDS:
        return ""
    return " ".join(tokens).strip(" ,")


def parse_lead_in(text: str) -> LeadIn | None:
    """Parse a decision lead-in into who proposes and who decides.

    The usual forms (case-insensitive, with or without "att", "följande" and a colon):
    "<A> föreslår <B> att besluta följande:", "<A> föreslår <B> besluta att",
    "<B> föreslås besluta", "<A> föreslås tillstyrka <B> besluta", "<B> beslutar att",
    "<B>s beslut". ``proposer`` is "" when the lead-in names only the deciding body.
    Linear in the text (a token scan, no backtracking pattern).
    """
    tokens = text.split()
    if not tokens or len(tokens) > 3 * _MAX_ORGAN_WORDS:
        return None
    folded = [t.casefold() for t in tokens]
    while folded and folded[-1] in _LEAD_IN_END:
        folded.pop()
        tokens.pop()
    if len(folded) >= 2 and folded[-1].rstrip(":.") == "beslut" and folded[-2].endswith("s"):
        body = _organ(tokens[:-1])  # "Socialnämndens beslut"
        return LeadIn("", body[:-1]) if len(tokens) <= 6 and body else None
    if not folded or folded[-1].rstrip(":.") not in _DECIDE:
        return None
    folded[-1] = folded[-1].rstrip(":.")
    head = tokens[:-1]
    low = folded[:-1]
    if low and low[-1] == "att":
        head, low = head[:-1], low[:-1]
    if "föreslår" in low:
        i = low.index("föreslår")
        proposer, rest = head[:i], head[i + 1 :]
        if rest and rest[0].casefold() == "att":
            rest = rest[1:]
        body = _organ(rest)
        return LeadIn(_organ(proposer), body) if _organ(proposer) and body else None
    if "föreslås" in low:
        i = low.index("föreslås")
        first, rest = _organ(head[:i]), head[i + 1 :]
        if rest and rest[0].casefold() in _RECOMMEND:
            body = _organ(rest[1:])
            return LeadIn(first, body) if first and body else None
        return LeadIn("", first) if first and not rest else None
    if folded[-1] == "beslutar":
        body = _organ(head)
        return LeadIn("", body) if body and not any(t in _VERBS for t in low) else None
    return None


_VERBS = frozenset(["att", "som", "inte", "ska", "har", "kan"])


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


def count_sv(count: int, singular: str, plural: str | None = None) -> str:
    """A count with the Swedish noun in the right number: "1 varning", "2 varningar",
    "0 varningar". ``plural`` defaults to ``singular`` (words such as "fel", "ord")."""
    return f"{count} {singular if count == 1 else (plural or singular)}"


def numbered_points(points: list[str]) -> Iterator[tuple[int, int, str]]:
    """(row index, number, text) of the decision points that have text.

    The export numbers only the points with text (an empty row gets no number), so a
    message says "Punkt <number>" while a finding's field keeps the row index.
    """
    number = 0
    for index, point in enumerate(points):
        if point.strip():
            number += 1
            yield index, number, point
