"""STAV-1: words the Swedish dictionary does not know, with up to three suggestions.

Looks at the header's text fields, every prose, decision (lead-in and points), aspect and
list section (or those in ``sektioner``). Signatures are not checked. A word is accepted
when Hunspell accepts it (compounds included), when one of the three word lists has it
(:mod:`drafter.spelling.lists`), or when the document vouches for it:

* every word of a name in the signatures;
* capitalised words in the header fields organisation, förvaltning, beredande organ and
  beslutsinstans (:data:`VOUCHING_FIELDS`);
* a capitalised word that stands at least twice in the document where it does not start
  a sentence (a proper noun the writer uses consistently: "Vanguard").

Which words are looked at is documented in :mod:`drafter.spelling.words`. The dictionary is
used as the process's :class:`~drafter.spelling.Mode` says: with the mode off, or
non-blocking before the dictionary is loaded, this check finds nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from pydantic import Field

from drafter.checks.common import ALL_TEXT_KINDS, SectionsParams, rule_sections, section_texts
from drafter.checks.registry import CheckContext, check_kind
from drafter.errors import DrafterError
from drafter.findings import Finding, Severity
from drafter.model import SignaturesContent
from drafter.spelling.mode import Mode, get_mode
from drafter.text import printable

if TYPE_CHECKING:
    from drafter.spelling.dictionary import Speller
    from drafter.spelling.words import FieldTokens, Token, WordSet

#: Header fields whose capitalised words are names the document vouches for.
VOUCHING_FIELDS = ("organisation", "forvaltning", "beredande_organ", "beslutsinstans")

#: At most this many words not yet seen in this process get suggestions per check run
#: (about 10–100 ms each); the others are reported without them until the next run.
NEW_SUGGESTIONS_PER_RUN = 40


class SpellingParams(SectionsParams):
    falt: bool = True
    """Check the header's text fields too."""
    max_fynd: int = Field(default=200, ge=1)
    """Report at most this many words, then one line saying how many more there are."""


def _hint() -> str:
    return (
        " Stavat rätt? Lägg till ordet under [stavning] ord = […] i ärendefilen eller i din "
        "ordlista stavning.txt i drafters inställningsmapp."
    )


def spelling_message(word: str, suggestions: tuple[str, ...]) -> str:
    """The Swedish finding text for an unknown word."""
    if not suggestions:
        return f"”{word}” finns inte i ordlistan och det finns inget förslag." + _hint()
    quoted = [f"”{s}”" for s in suggestions]
    options = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} eller {quoted[-1]}"
    return f"”{word}” finns inte i ordlistan. Menade du {options}?" + _hint()


def _texts(ctx: CheckContext, params: SpellingParams) -> list[tuple[str | None, str, str]]:
    """(section id or None, field, text) for everything the rule checks."""
    found: list[tuple[str | None, str, str]] = []
    if params.falt:
        for fld in ctx.template.fields:
            value = ctx.arende.field_value(fld.id)
            if fld.kind == "text" and value.strip():
                found.append((None, fld.id, value))
    for section in rule_sections(ctx, params.sektioner, ALL_TEXT_KINDS):
        for field, text in section_texts(ctx, section):
            found.append((section.id, field, text))
    return found


def _vouched(ctx: CheckContext, all_tokens: list[tuple[Token, ...]]) -> WordSet:
    from drafter.spelling.words import WordSet, is_capitalised, name_words, recurring_names

    accepted = WordSet(recurring_names(all_tokens))
    for section in ctx.template.sections:
        content = ctx.arende.sections.get(section.id)
        if isinstance(content, SignaturesContent):
            for person in content.people:
                for word in name_words(person.name):
                    accepted.add(word)
    for field_id in VOUCHING_FIELDS:
        for word in name_words(ctx.arende.field_value(field_id)):
            if is_capitalised(word):
                accepted.add(word)
    return accepted


def _allowed_abbreviations(ctx: CheckContext) -> frozenset[str]:
    from drafter.checks.abbreviations import KNOWN

    allowed: set[str] = set(KNOWN)
    for rule in ctx.template.rules:
        if rule.kind == "forkortningar" and not rule.disabled:
            extra = rule.params.get("tillatna", ())
            if isinstance(extra, list | tuple):
                allowed.update(str(a).upper() for a in extra)
    return frozenset(allowed)


def _parts(token: Token) -> Iterator[Token]:
    """A hyphenated word's parts ("HR-avdelningen": "HR", "avdelningen")."""
    from drafter.spelling.words import Token

    offset = token.start
    for part in token.word.split("-"):
        if len(part) >= 2:
            yield Token(part, offset, offset + len(part), False)
        offset += len(part) + 1


@check_kind("stavningskontroll", SpellingParams, severity=Severity.INFO)
def check_spelling(ctx: CheckContext, params: SpellingParams) -> Iterator[Finding]:
    """Words the Swedish dictionary and the word lists do not know, with suggestions."""
    if get_mode() is Mode.OFF:
        return  # nothing of the dictionary is loaded for a check run without spelling
    from drafter.spelling.dictionary import (
        MISSING_MESSAGE,
        Speller,
        mark_broken,
        speller_for_check,
    )
    from drafter.spelling.lists import arende_words, read_user_words
    from drafter.spelling.words import WordSet

    speller = speller_for_check()
    if speller is None:
        return
    if not isinstance(speller, Speller):
        yield ctx.finding(MISSING_MESSAGE, section=None)
        return
    accepted = WordSet(ctx.template.spelling.extra)
    for word in arende_words(ctx.arende):
        accepted.add(word)
    try:
        for word in read_user_words():
            accepted.add(word)
    except DrafterError as exc:
        yield ctx.finding(
            f"Din ordlista används inte: {printable(exc.message)}. Rätta eller ta bort filen.",
            section=None,
        )
    from drafter.spelling.remote import EngineError  # loaded with the helper it reports on

    try:
        found = _unknown_words(ctx, params, speller, accepted)
    except EngineError:
        mark_broken()
        yield ctx.finding(MISSING_MESSAGE, section=None)
        return
    yield from found


_Place = tuple[str | None, str, "Token"]


@cache
def _field_tokens() -> FieldTokens:
    """The tokens of each field, kept for the next run while its text is unchanged."""
    from drafter.spelling.words import FieldTokens

    return FieldTokens()


def _unknown_words(
    ctx: CheckContext, params: SpellingParams, speller: Speller, accepted: WordSet
) -> list[Finding]:
    """The findings, with the dictionary asked in batches (one round trip each)."""
    texts = _texts(ctx, params)
    from drafter.spelling.words import is_abbreviation

    field_tokens = _field_tokens()
    all_tokens = [field_tokens.get(section_id, field, text) for section_id, field, text in texts]
    vouched = _vouched(ctx, all_tokens)
    abbreviations = _allowed_abbreviations(ctx)

    decided: dict[str, bool] = {}  # a text repeats its words: decide each once

    def candidate(word: str) -> bool:
        known = decided.get(word)
        if known is None:
            known = decided[word] = not (
                word in accepted or word in vouched or word.upper() in abbreviations
            )
        return known

    places: list[_Place] = [
        (section_id, field, token)
        for (section_id, field, _), toks in zip(texts, all_tokens, strict=True)
        for token in toks
        if candidate(token.word)
    ]
    unknown = speller.unknown(token.word for _, _, token in places)
    parts = {
        id(token): [p for p in _parts(token) if not is_abbreviation(p.word) and candidate(p.word)]
        for _, _, token in places
        if token.word in unknown and "-" in token.word
    }
    unknown_parts = speller.unknown(p.word for found in parts.values() for p in found)
    bad: list[_Place] = []
    for section_id, field, token in places:
        if token.word not in unknown:
            continue
        if id(token) in parts:
            bad += [(section_id, field, p) for p in parts[id(token)] if p.word in unknown_parts]
        else:
            bad.append((section_id, field, token))
    shown, more = bad[: params.max_fynd], len(bad) - params.max_fynd
    words = list(dict.fromkeys(token.word for _, _, token in shown))
    new = [w for w in words if speller.cached_suggestions(w) is None]
    later = set(new[NEW_SUGGESTIONS_PER_RUN:])  # their suggestions come in a later run
    suggestions = speller.suggest_many([w for w in words if w not in later])
    findings = []
    for section_id, field, token in shown:
        offered = suggestions.get(token.word, ())[:3]
        findings.append(
            Finding(
                ctx.rule_id,
                ctx.severity,
                spelling_message(token.word, offered),
                section_id,
                field,
                word=token.word,
                span=(token.start, token.end),
                suggestions=offered,
            )
        )
    if more > 0:
        findings.append(
            ctx.finding(
                f"Ytterligare {more} ord finns inte i ordlistan och visas inte här. Är texten "
                "på svenska? Stavningskontrollen kan stängas av i mallen (av = true).",
                section=None,
            )
        )
    return findings
