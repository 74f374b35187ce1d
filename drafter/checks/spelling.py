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

from pydantic import Field

from drafter.checks.abbreviations import KNOWN
from drafter.checks.klarsprak import ALL_TEXT_KINDS, SectionsParams, rule_sections, section_texts
from drafter.checks.registry import CheckContext, check_kind
from drafter.errors import DrafterError
from drafter.findings import Finding, Severity
from drafter.model import SignaturesContent
from drafter.spelling.dictionary import MISSING_MESSAGE, Speller, State, speller_for_check
from drafter.spelling.lists import arende_words, read_user_words
from drafter.spelling.words import (
    Token,
    WordSet,
    is_abbreviation,
    is_capitalised,
    name_words,
    recurring_names,
    tokens,
)

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
        for fld in ctx.template.falt:
            value = ctx.arende.field_value(fld.id)
            if fld.typ == "text" and value.strip():
                found.append((None, fld.id, value))
    for section in rule_sections(ctx, params.sektioner, ALL_TEXT_KINDS):
        for field, text in section_texts(ctx, section):
            found.append((section.id, field, text))
    return found


def _vouched(ctx: CheckContext, all_tokens: list[tuple[Token, ...]]) -> WordSet:
    accepted = WordSet(recurring_names(all_tokens))
    for section in ctx.template.sektioner:
        content = ctx.arende.sektioner.get(section.id)
        if isinstance(content, SignaturesContent):
            for person in content.personer:
                for word in name_words(person.namn):
                    accepted.add(word)
    for field_id in VOUCHING_FIELDS:
        for word in name_words(ctx.arende.field_value(field_id)):
            if is_capitalised(word):
                accepted.add(word)
    return accepted


def _allowed_abbreviations(ctx: CheckContext) -> frozenset[str]:
    allowed: set[str] = set(KNOWN)
    for rule in ctx.template.regler:
        if rule.typ == "forkortningar" and not rule.av:
            extra = rule.params.get("tillatna", ())
            if isinstance(extra, list | tuple):
                allowed.update(str(a).upper() for a in extra)
    return frozenset(allowed)


def _parts(token: Token) -> Iterator[Token]:
    """A hyphenated word's parts ("HR-avdelningen": "HR", "avdelningen")."""
    offset = token.start
    for part in token.word.split("-"):
        if len(part) >= 2:
            yield Token(part, offset, offset + len(part), False)
        offset += len(part) + 1


@check_kind("stavningskontroll", SpellingParams, severity=Severity.INFO)
def check_spelling(ctx: CheckContext, params: SpellingParams) -> Iterator[Finding]:
    """Words the Swedish dictionary and the word lists do not know, with suggestions."""
    speller = speller_for_check()
    if speller is None:
        return
    if speller is State.MISSING or not isinstance(speller, Speller):
        yield ctx.finding(MISSING_MESSAGE, section=None)
        return
    accepted = WordSet(ctx.template.stavning.extra)
    for word in arende_words(ctx.arende):
        accepted.add(word)
    try:
        for word in read_user_words():
            accepted.add(word)
    except DrafterError as exc:
        yield ctx.finding(
            f"Din ordlista används inte: {exc.message}. Rätta eller ta bort filen.", section=None
        )
    texts = _texts(ctx, params)
    all_tokens = [tokens(text) for _, _, text in texts]
    vouched = _vouched(ctx, all_tokens)
    abbreviations = _allowed_abbreviations(ctx)

    def unknown(token: Token) -> bool:
        word = token.word
        return not (
            word in accepted
            or word in vouched
            or word.upper() in abbreviations
            or speller.check(word)
        )

    reported = 0
    more = 0
    new_suggestions = 0
    for (section_id, field, _), toks in zip(texts, all_tokens, strict=True):
        for token in toks:
            if not unknown(token):
                continue
            bad = [token]
            if "-" in token.word:
                bad = [p for p in _parts(token) if not is_abbreviation(p.word) and unknown(p)]
            for item in bad:
                if reported >= params.max_fynd:
                    more += 1
                    continue
                reported += 1
                suggestions = speller.cached_suggestions(item.word)
                if suggestions is None and new_suggestions < NEW_SUGGESTIONS_PER_RUN:
                    new_suggestions += 1
                    suggestions = speller.suggest(item.word)
                suggestions = (suggestions or ())[:3]
                yield Finding(
                    ctx.rule_id,
                    ctx.severity,
                    spelling_message(item.word, suggestions),
                    section_id,
                    field,
                    word=item.word,
                    span=(item.start, item.end),
                    suggestions=suggestions,
                )
    if more:
        yield ctx.finding(
            f"Ytterligare {more} ord finns inte i ordlistan och visas inte här. Är texten på "
            "svenska? Stavningskontrollen kan stängas av i mallen (av = true).",
            section=None,
        )
