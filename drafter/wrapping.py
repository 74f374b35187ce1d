"""Hard-wrapped lines: cleaning a line, joining lines into a paragraph, rejoining a word
split by a hyphen at a line end.

Shared by the importer (text from PDF and Word) and pasting into a field
(:mod:`drafter.paste`), so that a pasted paragraph is joined as an imported one is. Kept
small and free of the importer's own imports: the TUI loads it to open an ärende.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_SPACES = re.compile(r"[ \t]+")
_JOINING_WORDS = frozenset(["och", "eller", "samt", "till", "som", "resp", "respektive"])


def clean_line(raw: str) -> str:
    """Strip a line (every kind of space at the ends) and collapse inner runs of spaces.

    Non-breaking spaces inside the line are kept: they hold amounts like "1 250 000 kronor"
    together.
    """
    return _SPACES.sub(" ", raw.replace("\ufeff", "").strip())


def join_wrapped(lines: Sequence[str]) -> str:
    """Join hard-wrapped lines into one paragraph; a soft hyphen at a line end joins tight."""
    parts: list[str] = []  # joined once at the end: linear in the total length
    for line in lines:
        if not parts:
            parts.append(line)
        elif parts[-1].endswith("\u00ad"):
            parts[-1] = parts[-1][:-1]
            parts.append(line)
        else:
            parts.append(" ")
            parts.append(line)
    return "".join(parts)


def join_hyphens(lines: list[str]) -> tuple[list[str], int]:
    """Move the rest of a word split by a hyphen at a line end up to the line; returns the
    lines and how many words were rejoined.

    A real hyphen stays: "Kultur-" / "och fritidsnämnden" (a joining word follows), and
    "EU-" / "kommissionen" keeps its hyphen (a capital or digit before it).
    """
    out = list(lines)
    joined = 0
    for i in range(len(out) - 1):
        line = out[i].rstrip()
        if len(line) < 3 or not line.endswith("-") or not line[-2].isalpha():
            continue
        nxt = out[i + 1].lstrip()
        if not nxt[:1].islower():
            continue
        head, _, rest = nxt.partition(" ")
        word = head.rstrip(".,;:!?)")
        if word.casefold() in _JOINING_WORDS:
            continue  # "Kultur-" / "och fritidsnämnden": a real hyphen
        if line[-2].isupper() or line[-2].isdigit():
            out[i] = line + head  # "EU-" / "kommissionen" keeps its hyphen
        else:
            out[i] = line[:-1] + head
        out[i + 1] = rest
        joined += 1
    return out, joined
