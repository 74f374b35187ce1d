"""Putting a chosen suggestion into the ärende at a spelling finding's place.

A STAV-1 finding carries its section (``None`` for the header), its field (as in
:class:`~drafter.findings.Finding`: ``"titel"``, ``"text"``, ``"inledning"``,
``"punkter.0"``, ``"aspekter.barn"``, ``"poster.2"``), the word and the word's ``span``
(character offsets in that field's text). The text may have changed since the check ran:
the replacement is made only when the word still stands at that place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.findings import Finding

if TYPE_CHECKING:
    from drafter.model import Arende


def replace_word(text: str, start: int, end: int, word: str, replacement: str) -> str | None:
    """``text`` with ``word`` at ``start:end`` replaced, or ``None`` when it is not there."""
    if not 0 <= start <= end <= len(text) or text[start:end] != word:
        return None
    return text[:start] + replacement + text[end:]


def field_text(arende: Arende, section: str | None, field: str | None) -> str | None:
    """The text of a section's field, or of a header field (``section`` ``None``)."""
    from drafter.model import AspectsContent, DecisionContent, ListContent, ProseContent

    if field is None:
        return None
    if section is None:
        value = arende.arende.get(field)
        return value if isinstance(value, str) else None
    content = arende.sektioner.get(section)
    name, _, key = field.partition(".")
    if isinstance(content, ProseContent | AspectsContent) and field == "text":
        return content.text
    if isinstance(content, DecisionContent):
        if field == "inledning":
            return content.inledning
        if name == "punkter":
            return _item(content.punkter, key)
    if isinstance(content, AspectsContent) and name == "aspekter":
        entry = content.aspekter.get(key)
        return entry.text if entry is not None else None
    if isinstance(content, ListContent) and name == "poster":
        return _item(content.poster, key)
    return None


def _item(items: list[str], key: str) -> str | None:
    if not key.isdigit() or int(key) >= len(items):
        return None
    return items[int(key)]


def set_field_text(arende: Arende, section: str | None, field: str, text: str) -> bool:
    """Set the text that :func:`field_text` reads; ``False`` when there is no such field."""
    from drafter.model import AspectsContent, DecisionContent, ListContent, ProseContent

    if field_text(arende, section, field) is None:
        return False
    if section is None:
        arende.arende[field] = text
        return True
    content = arende.sektioner[section]
    name, _, key = field.partition(".")
    if isinstance(content, ProseContent | AspectsContent) and field == "text":
        content.text = text
    elif isinstance(content, DecisionContent) and field == "inledning":
        content.inledning = text
    elif isinstance(content, DecisionContent) and name == "punkter":
        content.punkter[int(key)] = text
    elif isinstance(content, AspectsContent) and name == "aspekter":
        content.aspekter[key].text = text
    elif isinstance(content, ListContent) and name == "poster":
        content.poster[int(key)] = text
    else:  # pragma: no cover - field_text found it above
        return False
    return True


def apply_suggestion(arende: Arende, finding: Finding, replacement: str) -> bool:
    """Replace the finding's word with ``replacement`` in the ärende, in place.

    Returns ``False`` (and changes nothing) when the finding has no word and span, or the
    word no longer stands there (the text changed since the check).
    """
    if finding.span is None or finding.word is None or finding.field is None:
        return False
    text = field_text(arende, finding.section, finding.field)
    if text is None:
        return False
    start, end = finding.span
    new = replace_word(text, start, end, finding.word, replacement)
    if new is None:
        return False
    return set_field_text(arende, finding.section, finding.field, new)


# --------------------------------------------------------------------------- for editors


def word_marks(
    findings: list[Finding], section: str | None, field: str
) -> list[tuple[int, int, Finding]]:
    """(start, end, finding) of the words to mark in one field's editor, in text order."""
    marks = [
        (f.span[0], f.span[1], f)
        for f in findings
        if f.span is not None and f.word is not None and (f.section, f.field) == (section, field)
    ]
    marks.sort(key=lambda mark: mark[0])
    return marks


def finding_at(
    findings: list[Finding], section: str | None, field: str, offset: int
) -> Finding | None:
    """The word finding whose word holds the cursor at ``offset`` (or ends right at it)."""
    for start, end, finding in word_marks(findings, section, field):
        if start <= offset <= end:
            return finding
    return None


def location(text: str, offset: int) -> tuple[int, int]:
    """(row, column) of a character offset, as Textual's ``TextArea`` counts them."""
    offset = max(0, min(offset, len(text)))
    row = text.count("\n", 0, offset)
    column = offset - (text.rfind("\n", 0, offset) + 1)
    return row, column
