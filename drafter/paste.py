"""Pasted text made fit for a field: hard-wrapped lines joined as the importer joins them.

Text copied from a PDF keeps the line breaks of its page. Prose wants paragraphs, a
one-line field one line, and a list one item per line without its markers. No Textual
import: the TUI's fields call these.
"""

from __future__ import annotations

import re

from drafter.wrapping import clean_line, join_hyphens, join_wrapped

LIST_MARKER = re.compile(r"^\s*(?:[-*•–]|\d{1,3}[.)])\s")
"""A line that starts a list item ("- x", "• x", "1. x", "2) x"); up to three digits, so a
year ("2025. …") is no marker."""


def join_pasted(text: str) -> str:
    """Pasted text with its hard-wrapped lines joined into paragraphs.

    Blank lines stay paragraph breaks (one blank line between paragraphs); a line that
    looks like a list item ("- x", "1. x") keeps a line of its own; a word split by a
    hyphen at a line end is rejoined the way the importer does it ("fritids-" /
    "förvaltningen"), a real hyphen ("Kultur-" / "och fritidsnämnden") is kept.
    """
    paragraphs: list[list[str]] = []
    units: list[list[str]] = []  # the lines of each item or run of prose in a paragraph
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = clean_line(raw)
        if not line:
            if units:
                paragraphs.append([_join(unit) for unit in units])
                units = []
            continue
        if not units or LIST_MARKER.match(line):
            units.append([line])
        else:
            units[-1].append(line)
    if units:
        paragraphs.append([_join(unit) for unit in units])
    return "\n\n".join("\n".join(paragraph) for paragraph in paragraphs)


def _join(lines: list[str]) -> str:
    joined, _count = join_hyphens(lines)
    return join_wrapped([line for line in (clean_line(x) for x in joined) if line])


def one_line(text: str) -> str:
    """Pasted text as one line: its lines joined (hyphenated words rejoined); text
    without a line break is kept as it is."""
    if "\n" not in text and "\r" not in text:
        return text
    return " ".join(line for line in join_pasted(text).split("\n") if line)


def list_items(text: str) -> list[str]:
    """Pasted text as list items: one per line, markers dropped, empty lines skipped, a
    word split by a hyphen at a line end rejoined."""
    lines = [LIST_MARKER.sub("", line).strip() for line in text.splitlines()]
    joined, _count = join_hyphens([line for line in lines if line])
    return [line.strip() for line in joined if line.strip()]
