"""Klarspråk checks: LIX, long sentences, officialese words, decision points and summary
(numbers and dates are in :mod:`drafter.checks.numbers`).

Språklagen (2009:600) 11 § asks for public Swedish that is "vårdat, enkelt och
begripligt". These kinds put the sourced rules of ``shared/docs/domain.md`` §2–3 into
code. Precision comes before recall: each pattern leaves out the cases where it could
misfire (years, diarienummer, phone numbers, "i detta avseende" …), because a false alarm
teaches users to ignore warnings. Every message says what to write instead and names its
source.

The text-wide kinds are document rules (``[[regler]]``) that look at every section of the
right kind, or only those listed in ``sektioner``; their findings carry the section id and
field, so they show up under the section they concern. Tokenisation is documented in
:mod:`drafter.checks.lix` and :mod:`drafter.checks.textstats`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from typing import Literal

from pydantic import Field

from drafter.checks.common import SectionsParams, rule_sections, section_texts
from drafter.checks.lazyre import lazy_compile
from drafter.checks.lix import (
    MIN_WORDS,
    PROSE_KINDS,
    LixResult,
    content_texts,
    document_lix,
    section_lix,
)
from drafter.checks.ordlista import WordEntry, WordHit, matcher_for
from drafter.checks.registry import CheckContext, Params, check_kind
from drafter.checks.textstats import analyse
from drafter.findings import Finding, Severity
from drafter.model import IMPORTED_KEY, DecisionContent, ProseContent
from drafter.templates import SectionDef
from drafter.text import join_list_sv, numbered_points


def quote_start(text: str, n_words: int = 8) -> str:
    """The first words of a text for quoting in a message: "Vanguard främjar så …"."""
    parts = text.split()
    head = " ".join(parts[:n_words])
    return head if len(parts) <= n_words else head.rstrip(",;:") + " …"


def _first_field(section: SectionDef) -> str:
    if section.id == IMPORTED_KEY:
        return "0"
    return "punkter.0" if section.kind == "beslut" else "text"


# --------------------------------------------------------------------------- LIX-1, LIX-2

_LIX_SOURCE = "Källa: Tillväxtverkets klarspråksråd (LIX under 50)."


class LixParams(SectionsParams):
    grans: float = Field(default=50, gt=0)
    min_ord: int = Field(default=MIN_WORDS, ge=1)
    korta_meningar: float = Field(default=0, ge=0)
    """No finding when the sentences average at most this many words (0: always report).

    Then a high LIX comes only from long words: in short sentences those are mostly fixed
    terms and compounds (names of bodies, places, "stadsbiblioteket") that the writer cannot
    shorten. Only a LIX at most ``korta_meningar_marginal`` above the limit is let pass: far
    above it the long words make the text hard whatever they are. Tuned on tests/data/real/
    (see judgement.md): 15 words, 10 LIX points."""
    korta_meningar_marginal: float = Field(default=10, ge=0)


def _short_sentences(result: LixResult, params: LixParams) -> bool:
    return (
        params.korta_meningar > 0
        and result.words <= params.korta_meningar * max(1, result.sentences)
        and result.value <= params.grans + params.korta_meningar_marginal
    )


@check_kind("lix", LixParams)
def check_lix(ctx: CheckContext, params: LixParams) -> Iterator[Finding]:
    """LIX per section above the template's limit (sections under min_ord words skipped)."""
    for section in rule_sections(ctx, params.sektioner, PROSE_KINDS):
        result = section_lix(ctx.arende, section, params.min_ord)
        if result is None or result.value <= params.grans or _short_sentences(result, params):
            continue
        yield ctx.finding(
            f"”{section.heading}” har {result.describe()}: {result.words} ord, "
            f"{result.sentences} meningar och {result.long_words} långa ord. Sikta på högst "
            f"{params.grans:g}: dela långa meningar och byt krångliga långa ord mot vanliga "
            f"ord där det går. LIX mäter bara ord- och meningslängd. {_LIX_SOURCE}",
            field=_first_field(section),
            section=section.id,
        )


class DocumentLixParams(LixParams):
    alltid: bool = False
    """Report the document's LIX even when a section above the limit is already reported."""


@check_kind("lix_dokument", DocumentLixParams)
def check_document_lix(ctx: CheckContext, params: DocumentLixParams) -> Iterator[Finding]:
    """LIX of the whole document above the limit (by default only when no single section
    is long enough and hard enough to be reported on its own)."""
    result = document_lix(ctx.arende, ctx.template, params.min_ord)
    if result is None or result.value <= params.grans or _short_sentences(result, params):
        return
    if not params.alltid:
        for section in rule_sections(ctx, params.sektioner, PROSE_KINDS):
            own = section_lix(ctx.arende, section, params.min_ord)
            if own is not None and own.value > params.grans:
                return
    yield ctx.finding(
        f"Hela texten har {result.describe()}: {result.words} ord, {result.sentences} "
        f"meningar och {result.long_words} långa ord. Sikta på högst {params.grans:g}: dela "
        f"långa meningar och byt krångliga långa ord mot vanliga ord. {_LIX_SOURCE}",
        section=None,
    )


# --------------------------------------------------------------------------- MEN-1


class SentenceParams(SectionsParams):
    max_ord: int = Field(default=25, ge=5)


@check_kind("langa_meningar", SentenceParams)
def check_long_sentences(ctx: CheckContext, params: SentenceParams) -> Iterator[Finding]:
    """Sentences longer than max_ord words, quoting the start of each."""
    for section in rule_sections(ctx, params.sektioner, PROSE_KINDS):
        for field, text in section_texts(ctx, section, lead_in=False):
            stats = analyse(text)
            if not stats.sentence_words or max(stats.sentence_words) <= params.max_ord:
                continue
            places = sentence_places(text, stats.sentences)
            for sentence, count, place in zip(
                stats.sentences, stats.sentence_words, places, strict=True
            ):
                if count <= params.max_ord:
                    continue
                found = ctx.finding(
                    f"Meningen ”{quote_start(sentence)}” har {count} ord. Dela den i två "
                    f"eller fler, till exempel vid ”och”, ”men”, ”eftersom” eller ”vilket”; "
                    f"sikta på högst {params.max_ord} ord per mening. "
                    "Källa: Funka, ”Skriv lagom korta meningar”.",
                    field=field,
                    section=section.id,
                )
                if place is not None:  # the sentence as written (line breaks and all)
                    found = replace(found, word=text[place[0] : place[1]], span=place)
                yield found


def sentence_places(text: str, sentences: tuple[str, ...]) -> list[tuple[int, int] | None]:
    """Where each of ``text``'s sentences (as :func:`analyse` gives them, spaces made
    single) stands in ``text``: from its first word to the end of its last."""
    places: list[tuple[int, int] | None] = []
    pos = 0
    for sentence in sentences:
        start = end = -1
        for word in sentence.split():
            at = text.find(word, max(pos, end))
            if at < 0:
                start = -1
                break
            start = at if start < 0 else start
            end = at + len(word)
        if start < 0:
            places.append(None)
            continue
        places.append((start, end))
        pos = end
    return places


# --------------------------------------------------------------------------- ORD-1


class WordListParams(SectionsParams):
    extra: tuple[WordEntry, ...] = ()
    """Words the template adds to the shipped list (they win over shipped entries)."""
    ignorera: tuple[str, ...] = ()
    """Headwords of the shipped list that this template accepts."""


def _quoted_alternatives(words: tuple[str, ...]) -> str:
    return join_list_sv([f"”{w}”" for w in words], "eller")


def word_message(entry: WordEntry, found: str, count: int) -> str:
    """The Swedish message for a listed word found ``count`` times."""
    times = f" (på {count} ställen)" if count > 1 else ""
    if entry.ersattning:
        advice = f"skriv {_quoted_alternatives(entry.ersattning)} i stället för ”{found}”{times}."
        if entry.rad:
            advice += f" {entry.rad}"
    else:
        advice = f"undvik ”{found}”{times}. {entry.rad or 'Skriv om meningen med vanliga ord.'}"
    source = f" Källa: {entry.kallnamn}." if entry.kallnamn else ""
    if entry.verifierad:
        return advice[0].upper() + advice[1:] + source
    return f"Förslag: {advice} Det passar inte alltid; välj det som är tydligast.{source}"


@check_kind("ordlista", WordListParams)
def check_word_list(ctx: CheckContext, params: WordListParams) -> Iterator[Finding]:
    """Officialese words from the word list, with plain replacements and their source."""
    matcher = matcher_for(params.extra, params.ignorera)
    for section in rule_sections(ctx, params.sektioner, PROSE_KINDS):
        seen: dict[str, tuple[str, WordHit, int]] = {}
        for field, text in section_texts(ctx, section):
            for hit in matcher.find(text):
                key = hit.entry.ord
                if key in seen:
                    first_field, first_hit, count = seen[key]
                    seen[key] = (first_field, first_hit, count + 1)
                else:
                    seen[key] = (field, hit, 1)
        for field, hit, count in seen.values():
            severity = ctx.severity if hit.entry.verifierad else Severity.INFO
            yield Finding(
                ctx.rule_id,
                severity,
                word_message(hit.entry, hit.found.lower(), count),
                section.id,
                field,
                word=hit.found,
                span=(hit.start, hit.start + len(hit.found)),
                suggestions=_replacements(hit),
            )


def _replacements(hit: WordHit) -> tuple[str, ...]:
    """The list's replacements where they fit as written: for the headword itself ("skall"
    → "ska"), not for an inflected form ("erforderliga" is not "nödvändig")."""
    if " ".join(hit.found.lower().split()) != " ".join(hit.entry.ord.lower().split()):
        return ()
    return hit.entry.ersattning


# --------------------------------------------------------------------------- FTB-3, FTB-5

_NUMBERING = lazy_compile(r"^\s*\d+\s*[.)]\s*")
_JUSTERING = lazy_compile(
    r"\bförklara[rs]?\s+(?:beslutet|paragrafen|besluten|punkten)\s+omedelbart\s+justera[dt]?\b",
    re.IGNORECASE,
)

#: Present-tense verbs that start a new action in a decision point ("… samt uppdrar …").
DECISION_VERBS = (
    "antar",
    "anvisar",
    "avsätter",
    "avslutar",
    "avslår",
    "beslutar",
    "besvarar",
    "beviljar",
    "bifaller",
    "delegerar",
    "entledigar",
    "fastställer",
    "finansierar",
    "förklarar",
    "ger",
    "godkänner",
    "hänvisar",
    "inrättar",
    "lägger",
    "noterar",
    "omfördelar",
    "remitterar",
    "reviderar",
    "tillstyrker",
    "avstyrker",
    "tilldelar",
    "uppdrar",
    "upphäver",
    "utser",
    "väljer",
    "återremitterar",
    "överför",
    "överlämnar",
)


def is_justering_point(point: str) -> bool:
    """True for the standard point "… förklarar beslutet omedelbart justerat" (FTB-11)."""
    return bool(_JUSTERING.search(point))


def _point_body(point: str) -> str:
    return _NUMBERING.sub("", point.strip(), count=1)


class OneActionParams(Params):
    verb: tuple[str, ...] = DECISION_VERBS
    """Verbs that after "samt" start a second action."""


@lru_cache(maxsize=32)
def _one_action_pattern(verb: tuple[str, ...]) -> re.Pattern[str]:
    verbs = "|".join(re.escape(v) for v in verb)
    return re.compile(rf"\b(?:samt\s+(?:att|{verbs})|och\s+att)\b", re.IGNORECASE)


@check_kind("en_atgard_per_punkt", OneActionParams, sections={"beslut"})
def check_one_action(ctx: CheckContext, params: OneActionParams) -> Iterator[Finding]:
    """A decision point joins two actions with "samt <verb>", "samt att" or "och att"."""
    assert ctx.section is not None
    content = ctx.arende.content(ctx.section)
    assert isinstance(content, DecisionContent)
    pattern = _one_action_pattern(params.verb)
    for i, number, point in numbered_points(content.points):
        body = _point_body(point)
        if not body:
            continue
        match = pattern.search(body)
        if match is None:
            continue
        before = body[: match.start()].split()[-3:]
        after = body[match.end() :].split()[:3]
        excerpt = " ".join(["…", *before, match.group(0), *after, "…"])
        yield ctx.finding(
            f"Punkt {number} innehåller två åtgärder (”{excerpt}”). Dela upp den i två punkter: "
            "en åtgärd per punkt gör beslutet lättare att fatta, protokollföra och följa upp. "
            "Källa: handbok för ärendehantering (5dok), ”Vad ska jag skriva under de olika "
            "rubrikerna”.",
            field=f"punkter.{i}",
        )


class PointStyleParams(Params):
    stil: Literal["huvudsats", "att-sats"] = "huvudsats"
    """huvudsats: each point is a full sentence ("Regionstyrelsen godkänner …"), points
    starting with "att" are flagged; att-sats: every point starts with "att" (house style
    of bodies that write "X beslutar att …"), other points are flagged."""


_STARTS_WITH_ATT = lazy_compile(r"^att\b", re.IGNORECASE)


@check_kind("beslutspunkternas_form", PointStyleParams, sections={"beslut"})
def check_point_style(ctx: CheckContext, params: PointStyleParams) -> Iterator[Finding]:
    """Decision points follow the template's style: full sentences, or att-clauses."""
    assert ctx.section is not None
    content = ctx.arende.content(ctx.section)
    assert isinstance(content, DecisionContent)
    for i, number, point in numbered_points(content.points):
        body = _point_body(point)
        if not body or is_justering_point(body):
            continue
        starts_with_att = bool(_STARTS_WITH_ATT.match(body))
        if params.stil == "huvudsats" and starts_with_att:
            yield ctx.finding(
                f"Punkt {number} börjar med ”att”. Skriv en fullständig mening med vem som gör "
                "vad, i presens, så att den kan flyttas direkt till protokollet: ”Region "
                "Gävleborg avslutar …” i stället för ”att avsluta …”. Källa: Nacka kommuns "
                "mall för tjänsteskrivelse; Malmö stadsbyggnadsnämnds lathund.",
                field=f"punkter.{i}",
            )
        elif params.stil == "att-sats" and not starts_with_att:
            yield ctx.finding(
                f"Punkt {number} börjar inte med ”att”, men mallen skriver beslutspunkterna "
                "som att-satser (”att godkänna …”). Skriv alla punkter på samma sätt.",
                field=f"punkter.{i}",
            )


# --------------------------------------------------------------------------- SAM-3, SAM-5


class SummaryParams(Params):
    fraser: tuple[str, ...] = (
        "förslaget är",
        "förvaltningens förslag",
        "vårt förslag",
        "mitt förslag",
        "det föreslås",
    )
    """Phrases that always state the proposal."""
    verb: tuple[str, ...] = ("föreslår", "rekommenderar", "förordar")
    """Verbs that state the proposal when the writer is the subject ("förvaltningen
    föreslår", "vi rekommenderar"), not when someone else is ("regeringen föreslår")."""


_LETTERS = lazy_compile(r"[^\W\d_]+")
_PROPOSER_WORDS = frozenset({"vi", "jag", "förvaltningen", "kontoret", "avdelningen", "enheten"})
_PROPOSER_ENDINGS = ("förvaltningen", "kontoret", "avdelningen", "direktören", "handläggaren")


def _is_proposer(word: str, own_names: set[str]) -> bool:
    word = word.lower()
    return word in _PROPOSER_WORDS or word in own_names or word.endswith(_PROPOSER_ENDINGS)


@lru_cache(maxsize=32)
def _summary_phrase_pattern(fraser: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(p) for p in fraser) + r")(?!\w)", re.IGNORECASE
    )


@check_kind("sammanfattning_utan_forslag", SummaryParams, sections={"prosa"})
def check_summary_neutral(ctx: CheckContext, params: SummaryParams) -> Iterator[Finding]:
    """The summary states what happened and why, not what the writer proposes."""
    assert ctx.section is not None
    content = ctx.arende.content(ctx.section)
    assert isinstance(content, ProseContent)
    own_names = set()
    for field_id in ("forvaltning", "beredande_organ"):
        value_words = ctx.arende.field_value(field_id).lower().split()
        if value_words:
            own_names.add(value_words[-1])
    phrase = _summary_phrase_pattern(params.fraser)
    verbs = {v.lower() for v in params.verb}
    found = analyse(content.text).sentences
    # Two exact shortcuts. A phrase found in one sentence is found in all sentences joined
    # by newlines, so when the joined text has none, no sentence needs a search. A token
    # whose lower case is a verb leaves that verb in the sentence's lower case (lower() is
    # per character except for Greek capital sigma, hence the guard).
    any_phrase = bool(params.fraser) and phrase.search("\n".join(found)) is not None
    verb_filter = not any("σ" in v or "ς" in v for v in verbs)
    for sentence in found:
        quoted: str | None = None
        match = phrase.search(sentence) if any_phrase else None
        if match is not None:
            quoted = match.group(0)
        elif verb_filter and not any(v in sentence.lower() for v in verbs):
            continue
        else:
            tokens = _LETTERS.findall(sentence)
            for i, token in enumerate(tokens):
                if token.lower() not in verbs:
                    continue
                window = tokens[max(0, i - 3) : i] + tokens[i + 1 : i + 3]
                if any(_is_proposer(w, own_names) for w in window):
                    quoted = quote_start(sentence, 6)
                    break
        if quoted is None:
            continue
        yield ctx.finding(
            f"Sammanfattningen anger förslaget (”{quoted}”). Beskriv sakligt vad som har hänt "
            "och varför; förslaget står under Förslag till beslut. Källa: handbok för "
            "ärendehantering (5dok).",
            field="text",
        )


class WordLimitParams(Params):
    max_ord: int = Field(default=150, ge=1)
    kalla: str = "Malmö stadsbyggnadskontors rutin för sammanfattningar i Platina"


@check_kind("max_ord", WordLimitParams, sections={"prosa", "aspekter"})
def check_word_limit(ctx: CheckContext, params: WordLimitParams) -> Iterator[Finding]:
    """A section is at most max_ord words long."""
    assert ctx.section is not None
    content = ctx.arende.content(ctx.section)
    count = sum(analyse(t).words for _, t in content_texts(content))
    if count <= params.max_ord:
        return
    yield ctx.finding(
        f"”{ctx.section.heading}” har {count} ord. Korta den till högst {params.max_ord} ord: "
        "texten kopieras ofta till kallelsen och protokollet och ska gå snabbt att läsa. "
        "Flytta detaljer till Ärendet. "
        f"Källa: {params.kalla}.",
        field="text",
    )
