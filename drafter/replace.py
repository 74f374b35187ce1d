"""Find and replace in a whole ärende: header fields, every section's texts and rows.

The search is plain text, case-insensitive (the user's text is escaped, never read as a
pattern). Replacing works on a copy: :func:`replace_all` returns a new :class:`Arende`
and says which fields it changed, so the caller can keep the old one for undo.

Fields are named as in :class:`~drafter.findings.Finding`: a header field id
(``"titel"``), ``"text"``, ``"inledning"``, ``"punkter.0"``, ``"aspekter.barn"``,
``"poster.2"``; signatures are ``"personer.0.namn"`` / ``"personer.0.titel"``, text an
import kept aside is its position (``"0"``) in the section ``"importerat"``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from drafter.findings import Finding
from drafter.model import (
    IMPORTED_KEY,
    Arende,
    AspectsContent,
    DecisionContent,
    ListContent,
    ProseContent,
    SignaturesContent,
)
from drafter.spelling.edit import field_text, set_field_text
from drafter.templates import Template

MAX_NEEDLE = 200
"""Longest search text (characters); longer texts are cut."""

SPELLING_RULE = "STAV-1"
"""Spelling findings have their own choice of suggestion (F9), no quick fix."""


@dataclass(frozen=True)
class TextField:
    """One text of the ärende: where it is and what it says."""

    section: str | None
    """Section id, ``None`` for a header field."""
    field: str
    text: str


@dataclass(frozen=True)
class Hit:
    """Where the search text stands: a field and character offsets in its text."""

    section: str | None
    field: str
    start: int
    end: int


@dataclass(frozen=True)
class FieldChange:
    """One field changed by a replace: its text before and after."""

    section: str | None
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class ReplaceResult:
    """What :func:`replace_all` did."""

    arende: Arende
    """The new ärende (the one passed in is unchanged)."""
    count: int
    """Occurrences replaced."""
    changes: tuple[FieldChange, ...]

    @property
    def sections(self) -> tuple[str | None, ...]:
        """The sections changed (``None``: the header), in document order."""
        return tuple(dict.fromkeys(c.section for c in self.changes))


def text_fields(arende: Arende, template: Template) -> Iterator[TextField]:
    """Every text a user can edit, in the order the steps show them."""
    for fld in template.fields:
        value = arende.header.get(fld.id)
        if isinstance(value, str):
            yield TextField(None, fld.id, value)
    for section in template.sections:
        content = arende.sections.get(section.id)
        if isinstance(content, ProseContent):
            yield TextField(section.id, "text", content.text)
        elif isinstance(content, DecisionContent):
            yield TextField(section.id, "inledning", content.lead_in)
            for i, point in enumerate(content.points):
                yield TextField(section.id, f"punkter.{i}", point)
        elif isinstance(content, AspectsContent):
            yield TextField(section.id, "text", content.text)
            for key, entry in content.aspects.items():
                if entry.assessment != "inga":  # the text is not shown then
                    yield TextField(section.id, f"aspekter.{key}", entry.text)
        elif isinstance(content, ListContent):
            for i, item in enumerate(content.items):
                yield TextField(section.id, f"poster.{i}", item)
        elif isinstance(content, SignaturesContent):
            for i, person in enumerate(content.people):
                yield TextField(section.id, f"personer.{i}.namn", person.name)
                yield TextField(section.id, f"personer.{i}.titel", person.title)
    for i, text in enumerate(arende.imported_texts().values()):
        yield TextField(IMPORTED_KEY, str(i), text)


def get_text(arende: Arende, section: str | None, field: str) -> str | None:
    """The text of one field (see the module doc for the names), ``None`` when absent."""
    if section == IMPORTED_KEY:
        texts = list(arende.imported_texts().values())
        return texts[int(field)] if field.isdigit() and int(field) < len(texts) else None
    person = _person_field(arende, section, field)
    if person is not None:
        content, row, attr = person
        return str(getattr(content.people[row], attr))
    return field_text(arende, section, field)


def set_text(arende: Arende, section: str | None, field: str, text: str) -> bool:
    """Set one field's text in place; ``False`` when there is no such field."""
    if get_text(arende, section, field) is None:
        return False
    if section == IMPORTED_KEY:
        heading = list(arende.imported_texts())[int(field)]
        arende.set_imported_text(heading, text)
        return True
    person = _person_field(arende, section, field)
    if person is not None:
        content, row, attr = person
        setattr(content.people[row], attr, text)
        return True
    return set_field_text(arende, section, field, text)


def _person_field(
    arende: Arende, section: str | None, field: str
) -> tuple[SignaturesContent, int, str] | None:
    name, _, rest = field.partition(".")
    row, _, column = rest.partition(".")
    content = arende.sections.get(section) if section is not None else None
    if name != "personer" or not isinstance(content, SignaturesContent):
        return None
    if not row.isdigit() or int(row) >= len(content.people) or column not in ("namn", "titel"):
        return None
    return content, int(row), "name" if column == "namn" else "title"


def _pattern(needle: str) -> re.Pattern[str] | None:
    """The search text as a literal, case-insensitive pattern (``None`` for no text)."""
    needle = needle[:MAX_NEEDLE]
    if not needle:
        return None
    return re.compile(re.escape(needle), re.IGNORECASE)


def find_all(arende: Arende, template: Template, needle: str) -> list[Hit]:
    """Every place ``needle`` stands (any case), in document order; none for ""."""
    pattern = _pattern(needle)
    if pattern is None:
        return []
    return [
        Hit(f.section, f.field, m.start(), m.end())
        for f in text_fields(arende, template)
        for m in pattern.finditer(f.text)
    ]


def matching_case(found: str, replacement: str) -> str:
    """``replacement`` starting with a capital where ``found`` does ("Skall" → "Ska"; not
    for a word all in capitals: "MSEK" → "mnkr")."""
    capitalised = found[:1].isupper() and not (len(found) > 1 and found.isupper())
    if capitalised and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def replace_all(arende: Arende, template: Template, needle: str, replacement: str) -> ReplaceResult:
    """Replace every occurrence of ``needle`` (any case) by ``replacement``, in a copy.

    A replacement keeps a capital first letter where the text had one (start of a sentence).
    """
    pattern = _pattern(needle)
    copy = arende.model_copy(deep=True)
    if pattern is None:
        return ReplaceResult(copy, 0, ())
    count = 0
    changes: list[FieldChange] = []
    for f in list(text_fields(arende, template)):
        new, n = pattern.subn(lambda m: matching_case(m.group(0), replacement), f.text)
        if n and new != f.text and set_text(copy, f.section, f.field, new):
            count += n
            changes.append(FieldChange(f.section, f.field, f.text, new))
    return ReplaceResult(copy, count, tuple(changes))


# --------------------------------------------------------------------------- quick fixes


def quick_fix(finding: Finding) -> str | None:
    """The text a finding's word can be replaced with in one key, or ``None``.

    Only a finding that names its word, the word's place and a replacement has one
    (spelling has several to choose from: F9).
    """
    if finding.rule == SPELLING_RULE or not finding.suggestions:
        return None
    if finding.word is None or finding.span is None or finding.field is None:
        return None
    return matching_case(finding.word, finding.suggestions[0])


def apply_quick_fix(arende: Arende, finding: Finding) -> FieldChange | None:
    """Put the finding's replacement in place of its word, in place.

    ``None`` (and nothing changed) when there is no quick fix or the word no longer stands
    at its place (the text was edited since the check).
    """
    replacement = quick_fix(finding)
    if replacement is None or finding.span is None or finding.field is None:
        return None
    before = get_text(arende, finding.section, finding.field)
    start, end = finding.span
    if before is None or before[start:end] != finding.word:
        return None
    after = before[:start] + replacement + before[end:]
    set_text(arende, finding.section, finding.field, after)
    return FieldChange(finding.section, finding.field, before, after)


def describe(count: int, sections: int) -> str:
    """ "Ersatte 5 förekomster i 3 avsnitt" (Swedish, with the singular for 1)."""
    if count == 0:
        return "Inga träffar: inget ersattes."
    noun = "förekomst" if count == 1 else "förekomster"
    return f"Ersatte {count} {noun} i {sections} avsnitt."


def hits_label(count: int) -> str:
    """ "Inga träffar", "1 träff", "3 träffar"."""
    if count == 0:
        return "Inga träffar"
    return "1 träff" if count == 1 else f"{count} träffar"
