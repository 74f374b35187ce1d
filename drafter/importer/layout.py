"""Reading the layout of text extracted from PDF or Word before it is split into blocks.

What real documents look like (issue 13) and what this module does about it, in order:

1. ``pdftotext -layout`` columns: a run of lines with cells separated by four or more
   spaces (header fields right-aligned, two signatures side by side) is read column by
   column, so "Datum" is followed by its value and each name by its title.
2. Page furniture: page counters ("Sida 2 av 4", "2 (3)", "TJÄNSTESKRIVELSE 1 (2)") and lines
   repeated near them on every page (organisation, address footer, "Datum Vår beteckning")
   are dropped; the first occurrence before the first heading stays (it is the letterhead).
   Every dropped line is returned so the report can list it.
3. Hyphenated line ends ("för-" / "skola") are rejoined; a real hyphen stays ("Kultur-" /
   "och fritidsnämnden", "EU-" / "kommissionen").
4. A known heading glued to the text after it ("Sammanfattning Fyra motioner har …") or inside
   a long line (a page flattened to one line) gets a line of its own.

Everything here is linear in the input: line and token scans, dictionary look-ups and
patterns without nested or overlapping quantifiers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from drafter.wrapping import join_hyphens

HeadingTest = Callable[[str], bool]

_TOKEN = re.compile(r"\S+")
_COLUMN_GAP = 4
_FAR_INDENT = 25
_COUNTER_LINE = re.compile(
    r"^(?:sida\s)?\s*\d{1,3}\s?(?:\(\s?\d{1,3}\s?\)|av\s\d{1,3}|/\s?\d{1,3})$", re.IGNORECASE
)
_COUNTER_END = re.compile(r"\s(?:sida\s)?\d{1,3}\s?(?:\(\d{1,3}\)|av\s\d{1,3})$", re.IGNORECASE)
_NEAR = 3
_SCAN = 12
_LETTERHEAD_WORDS = 6
_MAX_HEADING_WORDS = 7
_LONG_LINE_WORDS = 25


@dataclass
class Layout:
    """Text ready for block splitting, and what was dropped on the way."""

    text: str
    furniture: list[str] = field(default_factory=list)
    """Dropped lines (page counters, headers and footers), each once, in order."""
    furniture_count: int = 0
    """How many lines were dropped in all."""
    hyphens_joined: int = 0
    headings_split: int = 0


def read_layout(text: str, is_heading: HeadingTest) -> Layout:
    """Apply the four steps above to ``text`` (line ends already ``\\n``)."""
    lines = split_columns(text.split("\n"))
    lines, dropped = drop_furniture(lines, is_heading)
    lines, joined = join_hyphens(lines)
    lines, split = split_glued_headings(lines, is_heading)
    unique = list(dict.fromkeys(dropped))
    return Layout("\n".join(lines), unique, len(dropped), joined, split)


# ------------------------------------------------------------------ columns


def _cells(raw: str) -> list[tuple[int, str]]:
    """(start column, text) of each cell: tokens separated by fewer than four spaces."""
    line = raw.replace("\t", "    ")
    cells: list[tuple[int, str]] = []
    start = end = -1
    for match in _TOKEN.finditer(line):
        if start >= 0 and match.start() - end >= _COLUMN_GAP:
            cells.append((start, " ".join(line[start:end].split())))
            start = -1
        if start < 0:
            start = match.start()
        end = match.end()
    if start >= 0:
        cells.append((start, " ".join(line[start:end].split())))
    return cells


def split_columns(lines: list[str]) -> list[str]:
    """Read runs of two-column lines column by column (see the module docstring)."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        cells = _cells(lines[i])
        if not _is_layout(cells):
            out.append(lines[i])
            i += 1
            continue
        run: list[list[tuple[int, str]]] = []
        while i < len(lines) and lines[i].strip():
            cells = _cells(lines[i])
            if not _is_layout(cells) and not run:
                break
            if not _is_layout(cells) and cells and cells[0][0] < _FAR_INDENT:
                break
            run.append(cells)
            i += 1
        if not any(len(c) == 2 for c in run):
            out += [" ".join(t for _, t in c) for c in run]
            continue
        split = min(c[1][0] for c in run if len(c) == 2)
        left = [t for c in run for s, t in c if s < split - 2]
        right = [t for c in run for s, t in c if s >= split - 2]
        out += left
        if left and right:
            out.append("")
        out += right
        out.append("")
    return out


def _is_layout(cells: list[tuple[int, str]]) -> bool:
    return len(cells) == 2 or (len(cells) == 1 and cells[0][0] >= _FAR_INDENT)


# ------------------------------------------------------------------ page furniture


def _key(line: str) -> str:
    return " ".join(line.split()).casefold()


def drop_furniture(lines: list[str], is_heading: HeadingTest) -> tuple[list[str], list[str]]:
    """Drop page counters and the lines repeated near them; return (lines, dropped)."""
    dropped: list[str] = []
    kept: list[str] = []
    counters: list[int] = []  # indexes in ``kept`` where a counter stood
    for raw in lines:
        line = raw.strip()
        if line and _COUNTER_LINE.match(line):
            dropped.append(line)
            counters.append(len(kept))
            kept.append("")
            continue
        match = _COUNTER_END.search(line) if line else None
        if match and any(c.isalpha() for c in line[: match.start()]):
            dropped.append(line[match.start() :].strip())
            counters.append(len(kept))
            kept.append(line[: match.start()].rstrip())
            continue
        kept.append(raw)
    if not counters:
        return kept, dropped
    counts = Counter(_key(x) for x in kept if x.strip())
    near: set[str] = set()
    for index in counters:  # at most _SCAN lines each way: linear whatever the blank lines
        seen = 0
        for j in range(index, max(-1, index - _SCAN), -1):  # just before (a footer)
            if kept[j].strip():
                near.add(_key(kept[j]))
                seen += 1
                if seen > _NEAR:
                    break
        seen = 0
        for j in range(index, min(len(kept), index + _SCAN)):  # just after (the next header)
            if kept[j].strip():
                near.add(_key(kept[j]))
                seen += 1
                if seen > _NEAR:
                    break
    furniture = {k for k in near if counts[k] >= 2 and not is_heading(k)}
    out: list[str] = []
    seen_heading = False
    kept_once: set[str] = set()
    for line in kept:
        key = _key(line)
        if key in furniture:
            if not seen_heading and key not in kept_once and len(key.split()) <= _LETTERHEAD_WORDS:
                kept_once.add(key)  # the letterhead on page 1 (a footer line is longer)
                out.append(line)
            else:
                dropped.append(line.strip())
            continue
        if key and is_heading(line.strip()):
            seen_heading = True
        out.append(line)
    return out, dropped


# ------------------------------------------------------------------ hyphens


# ------------------------------------------------------------------ glued headings


def _heading_at(words: list[str], start: int, is_heading: HeadingTest) -> int:
    """Words from ``start`` that form a known heading followed by the start of a sentence
    (the longest such heading), or 0."""
    best = 0
    for size in range(1, min(_MAX_HEADING_WORDS, len(words) - start - 1) + 1):
        if _starts_sentence(words[start + size]) and is_heading(
            " ".join(words[start : start + size])
        ):
            best = size
    return best


def _starts_sentence(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit() or word[:1] in "–-•"


def split_glued_headings(lines: list[str], is_heading: HeadingTest) -> tuple[list[str], int]:
    """Give a known heading at the start of a line, or inside a long line, a line of its own."""
    out: list[str] = []
    count = 0
    for line in lines:
        words = line.split()
        if len(words) < 2 or is_heading(line.strip()):
            out.append(line)
            continue
        cuts: list[tuple[int, int]] = []  # (start, size) of each heading in the line
        size = _heading_at(words, 0, is_heading)
        if size:
            cuts.append((0, size))
        if len(words) >= _LONG_LINE_WORDS:
            i = max(1, cuts[0][1] if cuts else 1)
            while i < len(words) - 1:
                if words[i][:1].isupper():
                    size = _heading_at(words, i, is_heading)
                    if size:
                        cuts.append((i, size))
                        i += size
                        continue
                i += 1
        if not cuts:
            out.append(line)
            continue
        position = 0
        for start, size in cuts:
            if start > position:
                out.append(" ".join(words[position:start]))
            out.append(" ".join(words[start : start + size]))
            position = start + size
            count += 1
        out.append(" ".join(words[position:]))
    return out, count
