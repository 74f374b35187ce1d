"""Helpers shared by the rule modules that look at the text of several sections."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from drafter.checks.lix import IMPORTED_SECTION, PROSE_KINDS, content_texts
from drafter.checks.registry import CheckContext, Params
from drafter.model import IMPORTED_KEY

if TYPE_CHECKING:
    from drafter.templates import SectionDef, SectionKind

ALL_TEXT_KINDS: frozenset[SectionKind] = PROSE_KINDS | {"lista"}


class SectionsParams(Params):
    sektioner: tuple[str, ...] = ()
    """Section ids to check; empty means every section of a suitable kind."""


def rule_sections(
    ctx: CheckContext, ids: tuple[str, ...], kinds: frozenset[SectionKind]
) -> Iterator[SectionDef]:
    """The template's sections a rule looks at: those in ``ids`` (all when empty) that are
    of one of ``kinds``; text an import kept aside counts as a prose section."""
    for section in ctx.template.sektioner:
        if section.typ in kinds and (not ids or section.id in ids):
            yield section
    if (not ids or IMPORTED_KEY in ids) and "prosa" in kinds and ctx.arende.imported_texts():
        yield IMPORTED_SECTION  # text an import kept aside is checked too


def section_texts(
    ctx: CheckContext, section: SectionDef, *, lead_in: bool = True
) -> tuple[tuple[str, str], ...]:
    """(field, text) pairs of a section that have text (worked out once per check run)."""
    key = ("klarsprak-texts", section.id, lead_in)
    found: tuple[tuple[str, str], ...] | None = ctx.memo.get(key)
    if found is None:
        if section.id == IMPORTED_KEY:  # field: the text's position, as check_imported
            kept = ctx.arende.imported_texts().values()
            found = tuple((str(i), text) for i, text in enumerate(kept) if text.strip())
            ctx.memo[key] = found
            return found
        content = ctx.arende.sektioner.get(section.id)
        found = tuple(
            (field, text)
            for field, text in (content_texts(content) if content is not None else ())
            if text.strip() and (lead_in or field != "inledning")
        )
        ctx.memo[key] = found
    return found
