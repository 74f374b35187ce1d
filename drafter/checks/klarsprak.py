"""Klarspråk checks: LIX, long sentences, officialese words, decision points, summary,
numbers and dates.

Språklagen (2009:600) 11 § asks for public Swedish that is "vårdat, enkelt och
begripligt". These kinds put the sourced rules of ``shared/docs/domain.md`` §2–3 into
code. Precision comes before recall: each pattern leaves out the cases where it could
misfire (years, diarienummer, phone numbers, "i detta avseende" …), because a false alarm
teaches users to ignore warnings. Every message says what to write instead and names its
source.

The text-wide kinds are document rules (``[[regler]]``) that look at every section of the
right kind, or only those listed in ``sektioner``; their findings carry the section id and
field, so they show up under the section they concern. Tokenisation is documented in
:mod:`drafter.checks.lix`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Literal

from pydantic import Field

from drafter.checks.common import ALL_TEXT_KINDS, SectionsParams, rule_sections, section_texts
from drafter.checks.lix import (
    MIN_WORDS,
    PROSE_KINDS,
    LixResult,
    analyse,
    content_texts,
    document_lix,
    section_lix,
)
from drafter.checks.ordlista import WordEntry, WordHit, matcher_for
from drafter.checks.registry import CheckContext, Params, check_kind
from drafter.findings import Finding, Severity
from drafter.model import IMPORTED_KEY, DecisionContent, ProseContent
from drafter.templates import SectionDef
from drafter.text import join_list_sv


def quote_start(text: str, n_words: int = 8) -> str:
    """The first words of a text for quoting in a message: "Vanguard främjar så …"."""
    parts = text.split()
    head = " ".join(parts[:n_words])
    return head if len(parts) <= n_words else head.rstrip(",;:") + " …"


def _first_field(section: SectionDef) -> str:
    if section.id == IMPORTED_KEY:
        return "0"
    return "punkter.0" if section.typ == "beslut" else "text"


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
            f"”{section.rubrik}” har {result.describe()}: {result.words} ord, "
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
            for sentence, count in zip(stats.sentences, stats.sentence_words, strict=True):
                if count <= params.max_ord:
                    continue
                yield ctx.finding(
                    f"Meningen ”{quote_start(sentence)}” har {count} ord. Dela den i två "
                    f"eller fler, till exempel vid ”och”, ”men”, ”eftersom” eller ”vilket”; "
                    f"sikta på högst {params.max_ord} ord per mening. "
                    "Källa: Funka, ”Skriv lagom korta meningar”.",
                    field=field,
                    section=section.id,
                )


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
            )


# --------------------------------------------------------------------------- FTB-3, FTB-5

_NUMBERING = re.compile(r"^\s*\d+\s*[.)]\s*")
_JUSTERING = re.compile(
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
    for i, point in enumerate(content.punkter):
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
            f"Punkt {i + 1} innehåller två åtgärder (”{excerpt}”). Dela upp den i två punkter: "
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


_STARTS_WITH_ATT = re.compile(r"^att\b", re.IGNORECASE)


@check_kind("beslutspunkternas_form", PointStyleParams, sections={"beslut"})
def check_point_style(ctx: CheckContext, params: PointStyleParams) -> Iterator[Finding]:
    """Decision points follow the template's style: full sentences, or att-clauses."""
    assert ctx.section is not None
    content = ctx.arende.content(ctx.section)
    assert isinstance(content, DecisionContent)
    for i, point in enumerate(content.punkter):
        body = _point_body(point)
        if not body or is_justering_point(body):
            continue
        starts_with_att = bool(_STARTS_WITH_ATT.match(body))
        if params.stil == "huvudsats" and starts_with_att:
            yield ctx.finding(
                f"Punkt {i + 1} börjar med ”att”. Skriv en fullständig mening med vem som gör "
                "vad, i presens, så att den kan flyttas direkt till protokollet: ”Region "
                "Gävleborg avslutar …” i stället för ”att avsluta …”. Källa: Nacka kommuns "
                "mall för tjänsteskrivelse; Malmö stadsbyggnadsnämnds lathund.",
                field=f"punkter.{i}",
            )
        elif params.stil == "att-sats" and not starts_with_att:
            yield ctx.finding(
                f"Punkt {i + 1} börjar inte med ”att”, men mallen skriver beslutspunkterna "
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


_LETTERS = re.compile(r"[^\W\d_]+")
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
        f"”{ctx.section.rubrik}” har {count} ord. Korta den till högst {params.max_ord} ord: "
        "texten kopieras ofta till kallelsen och protokollet och ska gå snabbt att läsa. "
        "Flytta detaljer till Ärendet. "
        f"Källa: {params.kalla}.",
        field="text",
    )


# --------------------------------------------------------------------------- FORM-2a

_ID_WORDS = frozenset(
    {
        "nr",
        "nummer",
        "dnr",
        "diarienummer",
        "diarienr",
        "id",
        "tel",
        "telefon",
        "telefonnummer",
        "tfn",
        "mobil",
        "fax",
        "postnummer",
        "box",
        "bankgiro",
        "bg",
        "plusgiro",
        "pg",
        "konto",
        "kontonummer",
        "organisationsnummer",
        "orgnr",
        "ärendenummer",
        "referens",
        "ref",
        "projektnummer",
        "objekt",
        "personnummer",
        "sfs",
        "sid",
        "sida",
        "version",
    }
)
_MONEY_UNITS = r"kr|kronor|sek|euro|eur|€|dollar|usd"
_WRONG_GROUPING = re.compile(
    r"(?<![\w.,/:\-–])(?P<num>\d{1,3}(?P<sep>[.,])\d{3}(?:(?P=sep)\d{3})*)(?![\w]|[.,:/\-–]\d)"
)
_UNGROUPED = re.compile(r"(?<![\w.,/:\-–+])(?P<num>\d{5,})(?P<dec>,\d+)?(?![\w]|[.:/\-–]\d)")
_MONEY_AFTER = re.compile(rf"^\s?(?:{_MONEY_UNITS})(?!\w)", re.IGNORECASE)


def group_thousands(digits: str) -> str:
    """ "12500" → "12 500"."""
    out = ""
    while len(digits) > 3:
        out = " " + digits[-3:] + out
        digits = digits[:-3]
    return digits + out


def _token_around(text: str, start: int, end: int) -> str:
    left = text.rfind(" ", 0, start) + 1
    right = text.find(" ", end)
    return text[left : right if right >= 0 else len(text)]


def _previous_word(text: str, start: int) -> str:
    words_before = re.findall(r"[^\W\d_]+\.?", text[max(0, start - 30) : start])
    return words_before[-1].lower().rstrip(".") if words_before else ""


def _looks_like_date(digits: str) -> bool:
    formats = {6: "%y%m%d", 8: "%Y%m%d"}
    fmt = formats.get(len(digits))
    if fmt is None:
        return False
    try:
        dt.datetime.strptime(digits, fmt)
    except ValueError:
        return False
    return True


# "\d[.,]\d{3}|\d{5}" with the common "\d" first: the regex engine then skips to digits fast
_THOUSANDS_PREFILTER = re.compile(r"\d(?:[.,]\d{3}|\d{4})")
_DATE_PREFILTER = re.compile(r"\d\d[-./]\d\d[-./]\d\d")
#: Either of the two above (every alternative starts with the digit both start with).
_ANY_NUMBER_SHAPE = re.compile(r"\d(?:[.,]\d{3}|\d{4}|\d[-./]\d\d[-./]\d\d)")


@lru_cache(maxsize=1024)
def _number_shapes(text: str) -> tuple[bool, bool]:
    """Whether ``text`` may hold (a badly grouped number, a date with a two-digit year).

    One scan for both answers in the usual case of neither (the thousands and the date
    checks each look at every text)."""
    if _ANY_NUMBER_SHAPE.search(text) is None:
        return False, False
    return (
        _THOUSANDS_PREFILTER.search(text) is not None,
        _DATE_PREFILTER.search(text) is not None,
    )


def _cached_per_text(
    find: Callable[[str], Iterator[str]],
) -> Callable[[str], tuple[str, ...]]:
    """``find``'s messages as a tuple, cached per text: while the user types, only the
    changed text is scanned again."""
    return lru_cache(maxsize=1024)(lambda text: tuple(find(text)))


def _thousands_problems(text: str) -> Iterator[str]:
    """Swedish messages for numbers written without a space between thousands."""
    if not _number_shapes(text)[0]:
        return
    for match in _WRONG_GROUPING.finditer(text):
        num, sep = match.group("num"), match.group("sep")
        token = _token_around(text, match.start(), match.end())
        if re.search(r"[^\W\d_]|/|:", token) or _previous_word(text, match.start()) in _ID_WORDS:
            continue
        groups = num.split(sep)
        if sep == "," and (len(groups) == 2 and not _MONEY_AFTER.match(text[match.end() :])):
            continue  # "1,125 mnkr" is a decimal comma
        if groups[0] == "0":
            continue
        fixed = " ".join(groups)
        alternative = (
            f"; är det decimaler, skriv {groups[0]},{''.join(groups[1:])}"
            if (sep == "." and len(groups) == 2)
            else ""
        )
        yield (
            f"Skriv ”{fixed}” med mellanslag mellan tusentalen, inte ”{num}”{alternative}. "
            "Källa: Svenska skrivregler för EU:s publikationer, 4.1."
        )
    for match in _UNGROUPED.finditer(text):
        num = match.group("num")
        after = text[match.end() :]
        if num.startswith("0") or _previous_word(text, match.start()) in _ID_WORDS:
            continue
        money = bool(_MONEY_AFTER.match(after))
        if not money and _looks_like_date(num):
            continue
        if len(num) == 5 and re.match(r"^\s+[A-ZÅÄÖ]", after):
            continue  # a postal code: "80250 Gävle"
        fixed = group_thousands(num) + (match.group("dec") or "")
        written = num + (match.group("dec") or "")
        yield (
            f"Skriv ”{fixed}” med mellanslag mellan tusentalen, inte ”{written}”. "
            "Källa: Svenska skrivregler för EU:s publikationer, 4.1."
        )


thousands_problems = _cached_per_text(_thousands_problems)


def _joined_texts(ctx: CheckContext, section: SectionDef) -> str:
    """A section's texts joined by newlines (worked out once per check run)."""
    key = ("klarsprak-joined", section.id)
    joined: str | None = ctx.memo.get(key)
    if joined is None:
        joined = ctx.memo[key] = "\n".join(text for _, text in section_texts(ctx, section))
    return joined


def _problems_by_section(
    ctx: CheckContext,
    ids: tuple[str, ...],
    find: Callable[[str], tuple[str, ...]],
    maybe: Callable[[str], bool],
) -> Iterator[Finding]:
    """Findings of ``find`` for each text of the sections. ``maybe`` is a cheap test that is
    true for every text ``find`` has something to say about, and so for any text containing
    one: run on a section's texts joined, it skips sections of many short texts at once."""
    for section in rule_sections(ctx, ids, ALL_TEXT_KINDS):
        texts = section_texts(ctx, section)
        if len(texts) > 1 and not maybe(_joined_texts(ctx, section)):
            continue
        for field, text in texts:
            for message in find(text):
                yield ctx.finding(message, field=field, section=section.id)


def _may_hold_number_shape(text: str) -> bool:
    return _ANY_NUMBER_SHAPE.search(text) is not None


@check_kind("tusental", SectionsParams)
def check_thousands(ctx: CheckContext, params: SectionsParams) -> Iterator[Finding]:
    """Large numbers have a space between thousands (12 500, not 12500, 12,500 or 12.500);
    years, four-digit numbers, phone numbers and diarienummer are left alone."""
    yield from _problems_by_section(
        ctx, params.sektioner, thousands_problems, _may_hold_number_shape
    )


# --------------------------------------------------------------------------- FORM-3b

_CURRENCY_ABBREVIATIONS = re.compile(
    r"(?<![\w-])(?P<abbr>kkr|ksek|tsek|mkr|msek|mnsek|mdsek|milj\.?\s?kr|mdr\.?\s?kr)(?![\w-])",
    re.IGNORECASE,
)


def _currency_replacement(abbr: str) -> tuple[str, str]:
    key = re.sub(r"[\s.]", "", abbr.lower())
    if key in ("kkr", "ksek", "tsek"):
        return "tkr", "tusen kronor"
    if key in ("mdsek", "mdrkr"):
        return "mdkr", "miljarder kronor"
    return "mnkr", "miljoner kronor"


def _may_hold_currency(text: str) -> bool:
    lowered = text.lower()  # plain substring tests: a case-blind regex scans far slower
    return "kr" in lowered or "sek" in lowered


def _currency_problems(text: str) -> Iterator[str]:
    """Swedish messages for kkr, mkr, MSEK and similar abbreviations."""
    if not _may_hold_currency(text):
        return
    for match in _CURRENCY_ABBREVIATIONS.finditer(text):
        abbr = match.group("abbr")
        good, meaning = _currency_replacement(abbr)
        yield (
            f"Skriv ”{good}” ({meaning}) eller ordet utskrivet, inte ”{abbr}”. "
            "Källa: Språkrådets frågelåda (Isof)."
        )


currency_problems = _cached_per_text(_currency_problems)


@check_kind("beloppsforkortningar", SectionsParams)
def check_currency(ctx: CheckContext, params: SectionsParams) -> Iterator[Finding]:
    """tkr, mnkr and mdkr rather than kkr, mkr, MSEK, "milj kr" or "mdr kr"."""
    yield from _problems_by_section(ctx, params.sektioner, currency_problems, _may_hold_currency)


# --------------------------------------------------------------------------- FORM-1c, 1d

_TWO_DIGIT_YEAR = re.compile(
    r"(?<![\w\-./:])(?P<a>\d{2})(?P<sep>[-./])(?P<b>\d{2})(?P=sep)(?P<c>\d{2})(?![\w]|[-./:]\d)"
)
_MONTHS = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
_ORDINAL_DATE = re.compile(
    rf"(?<![\w])(?P<day>\d{{1,2}}):(?:e|a)\s+(?P<month>{_MONTHS})(?!\w)", re.IGNORECASE
)


def _date_problems(text: str) -> Iterator[str]:
    """Swedish messages for dates with two-digit years."""
    if not _number_shapes(text)[1]:
        return
    for match in _TWO_DIGIT_YEAR.finditer(text):
        a, b, c = (int(match.group(k)) for k in "abc")
        if not 1 <= b <= 12 or not (1 <= a <= 31 or 1 <= c <= 31):
            continue
        yield (
            f"”{match.group(0)}” har tvåsiffrigt årtal och kan läsas på flera sätt. Skriv hela "
            "årtalet, till exempel 2022-11-10 eller 10 november 2022. Källa: "
            "Webbriktlinjer (Digg), riktlinje 66; Klartext."
        )


date_problems = _cached_per_text(_date_problems)


def _may_hold_ordinal(text: str) -> bool:
    return ":" in text and (":e" in text or ":a" in text or ":E" in text or ":A" in text)


def _ordinal_date_problems(text: str) -> Iterator[str]:
    """Swedish messages for ordinal dates ("14:e mars")."""
    if not _may_hold_ordinal(text):
        return
    for match in _ORDINAL_DATE.finditer(text):
        day, month = match.group("day"), match.group("month")
        yield (
            f"Skriv ”{day} {month}”, inte ”{match.group(0)}”: datum skrivs utan ordningstal. "
            "Källa: Klartext, ”Hur ska man skriva datum”."
        )


ordinal_date_problems = _cached_per_text(_ordinal_date_problems)


@check_kind("tvasiffrigt_ar", SectionsParams)
def check_two_digit_years(ctx: CheckContext, params: SectionsParams) -> Iterator[Finding]:
    """Dates have a four-digit year (not 22-11-10)."""
    yield from _problems_by_section(ctx, params.sektioner, date_problems, _may_hold_number_shape)


@check_kind("ordningstal_i_datum", SectionsParams)
def check_ordinal_dates(ctx: CheckContext, params: SectionsParams) -> Iterator[Finding]:
    """Dates without ordinals ("14 mars", not "14:e mars")."""
    yield from _problems_by_section(ctx, params.sektioner, ordinal_date_problems, _may_hold_ordinal)
