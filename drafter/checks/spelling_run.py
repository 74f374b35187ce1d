"""STAV-1's work (:mod:`drafter.checks.spelling` registers the kind): which words to
look at, what the document and the word lists vouch for, and the dictionary's answers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain

from drafter.checks.abbreviations import KNOWN
from drafter.checks.common import ALL_TEXT_KINDS, rule_sections, section_texts
from drafter.checks.registry import CheckContext
from drafter.checks.spelling import SpellingParams, spelling_message
from drafter.errors import DrafterError
from drafter.findings import Finding
from drafter.model import SignaturesContent
from drafter.spelling.dictionary import (
    MISSING_MESSAGE,
    Speller,
    mark_broken,
    speller_for_check,
)
from drafter.spelling.lists import arende_words, read_user_words
from drafter.spelling.words import (
    FieldTokens,
    Token,
    WordSet,
    is_abbreviation,
    is_capitalised,
    looked_at,
    name_words,
    recurring_names,
    text_words,
)
from drafter.text import printable

#: Header fields whose capitalised words are names the document vouches for.
VOUCHING_FIELDS = ("organisation", "forvaltning", "beredande_organ", "beslutsinstans")

#: At most this many words not yet seen in this process get suggestions per check run
#: (about 10–100 ms each); the others are reported without them until the next run.
NEW_SUGGESTIONS_PER_RUN = 40


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


def _queries(unknown: set[str]) -> set[str]:
    """The words the check may ask the vouched names about: the unknown words and the
    parts of hyphenated ones."""
    found = set(unknown)
    for word in unknown:
        if "-" in word:
            found.update(part for part in word.split("-") if len(part) >= 2)
    return found


def _recurring(texts: list[tuple[str | None, str, str]], queries: set[str]) -> frozenset[str]:
    """The :func:`~drafter.spelling.words.recurring_names` that may accept one of
    ``queries``, reading only the fields that can hold them.

    A name accepts a word that is the name, the name in capitals, or either with a
    genitive "s" (:class:`~drafter.spelling.words.WordSet`). So the names that matter are
    the queries themselves and their stems without "s", and only the paragraphs holding
    one are read; a query in capitals (which any spelling of the name in capitals gives)
    needs every paragraph read.
    """
    names: set[str] = set()
    for query in queries:
        stems = (query, query[:-1]) if len(query) > 2 and query[-1] in "sS" else (query,)
        for stem in stems:
            if stem == stem.upper():
                return recurring_names(text_words(text) for _, _, text in texts)
            if is_capitalised(stem):
                names.add(stem)
    if not names:
        return frozenset()
    return recurring_names(text_words(text, names) for _, _, text in texts) & names


def _vouched(ctx: CheckContext, names: frozenset[str]) -> WordSet:
    accepted = WordSet(names)
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
    allowed: set[str] = set(KNOWN)
    for rule in ctx.template.rules:
        if rule.kind == "forkortningar" and not rule.disabled:
            extra = rule.params.get("tillatna", ())
            if isinstance(extra, list | tuple):
                allowed.update(str(a).upper() for a in extra)
    return frozenset(allowed)


def _parts(token: Token) -> Iterator[Token]:
    """A hyphenated word's parts ("HR-avdelningen": "HR", "avdelningen")."""
    offset = token.start
    for part in token.word.split("-"):
        if len(part) >= 2:
            yield Token(part, offset, offset + len(part))
        offset += len(part) + 1


def check(ctx: CheckContext, params: SpellingParams) -> Iterator[Finding]:
    """STAV-1's findings (the kind's function, with spelling on)."""
    speller = speller_for_check()
    if speller is None:
        return
    if not isinstance(speller, Speller):
        yield ctx.finding(MISSING_MESSAGE, section=None)
        return
    word_lists: list[Iterable[str]] = [ctx.template.spelling.extra, arende_words(ctx.arende)]
    try:
        word_lists.append(read_user_words())
    except DrafterError as exc:
        yield ctx.finding(
            f"Din ordlista används inte: {printable(exc.message)}. Rätta eller ta bort filen.",
            section=None,
        )
    from drafter.spelling.remote import EngineError  # loaded with the helper it reports on

    try:
        found = _unknown_words(ctx, params, speller, word_lists)
    except EngineError:
        mark_broken()
        yield ctx.finding(MISSING_MESSAGE, section=None)
        return
    yield from found


_Place = tuple[str | None, str, Token]
_FIELD_TOKENS = FieldTokens()


class _SettledForms:
    """Word forms that need no second look in this process: the dictionary knows them,
    or they are never looked at (:func:`~drafter.spelling.words.looked_at`). Only the
    forms a document has beyond them go to the speller (a batch's files share most)."""

    def __init__(self, limit: int = 50_000) -> None:
        self._speller: Speller | None = None
        self._forms: set[str] = set()
        self._limit = limit

    def unknown(self, speller: Speller, forms: set[str]) -> set[str]:
        """The forms among ``forms`` that the dictionary does not know and may be looked
        at; the others are left out or settled."""
        if speller is not self._speller:
            self._speller = speller
            self._forms = set()
        forms -= self._forms
        if not forms:
            return set()
        unknown = speller.unknown(forms)
        if len(self._forms) + len(forms) > self._limit:
            self._forms.clear()
        self._forms |= forms - unknown
        looked = {word for word in unknown if looked_at(word)}
        self._forms |= unknown - looked
        return looked


_SETTLED = _SettledForms()


def _unknown_words(
    ctx: CheckContext, params: SpellingParams, speller: Speller, word_lists: list[Iterable[str]]
) -> list[Finding]:
    """The findings, with the dictionary asked in batches (one round trip each).

    The dictionary is asked first, about each word form of the document once (and not
    about forms already settled in this process). It usually knows every word that is
    looked at, and then the words' places, the word lists and the names the document
    vouches for are not worked out at all; otherwise only the paragraphs that can hold an
    unknown word, or a name that vouches for one, are cut into words.
    """
    texts = _texts(ctx, params)
    forms: set[str] = set()
    for section_id, field, text in texts:
        forms |= _FIELD_TOKENS.forms(section_id, field, text)
    unknown = _SETTLED.unknown(speller, forms)
    if not unknown:
        return []
    accepted = WordSet(chain.from_iterable(word_lists))
    vouched = _vouched(ctx, _recurring(texts, _queries(unknown)))
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
        (section_id, field, Token(word, start + offset, end + offset))
        for section_id, field, text in texts
        for offset, raw in text_words(text, unknown)  # only paragraphs holding one
        for word, start, end, _ in raw
        if word in unknown and candidate(word)
    ]
    parts = {
        id(token): [p for p in _parts(token) if not is_abbreviation(p.word) and candidate(p.word)]
        for _, _, token in places
        if "-" in token.word
    }
    unknown_parts = speller.unknown(p.word for found in parts.values() for p in found)
    bad: list[_Place] = []
    for section_id, field, token in places:
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
