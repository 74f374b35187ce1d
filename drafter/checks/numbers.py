"""Klarspråk checks on numbers, amounts and dates: FORM-2a (thousands), FORM-3b (currency
abbreviations), FORM-1c (two-digit years) and FORM-1d (ordinal dates).

Each pattern leaves out what it could misread (years, diarienummer, phone numbers, ids), and
every text's problems are worked out once and cached, so a run over a long ärende stays
linear.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import lru_cache

from drafter.checks.common import ALL_TEXT_KINDS, SectionsParams, rule_sections, section_texts
from drafter.checks.lazyre import lazy_compile
from drafter.checks.registry import CheckContext, check_kind
from drafter.findings import Finding
from drafter.templates import SectionDef

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
_WRONG_GROUPING = lazy_compile(
    r"(?<![\w.,/:\-–])(?P<num>\d{1,3}(?P<sep>[.,])\d{3}(?:(?P=sep)\d{3})*)(?![\w]|[.,:/\-–]\d)"
)
_UNGROUPED = lazy_compile(r"(?<![\w.,/:\-–+])(?P<num>\d{5,})(?P<dec>,\d+)?(?![\w]|[.:/\-–]\d)")
_MONEY_AFTER = lazy_compile(rf"^\s?(?:{_MONEY_UNITS})(?!\w)", re.IGNORECASE)


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
_THOUSANDS_PREFILTER = lazy_compile(r"\d(?:[.,]\d{3}|\d{4})")
_DATE_PREFILTER = lazy_compile(r"\d\d[-./]\d\d[-./]\d\d")
#: Either of the two above (every alternative starts with the digit both start with).
_ANY_NUMBER_SHAPE = lazy_compile(r"\d(?:[.,]\d{3}|\d{4}|\d[-./]\d\d[-./]\d\d)")


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


class Problem(str):
    """A Swedish message about one place in a text (a ``str``), with that place: the words
    as written, where they start, and what to write instead when there is one answer."""

    word: str
    start: int
    fix: str | None

    def __new__(cls, message: str, word: str, start: int, fix: str | None = None) -> Problem:
        problem = super().__new__(cls, message)
        problem.word, problem.start, problem.fix = word, start, fix
        return problem


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
        yield Problem(
            f"Skriv ”{fixed}” med mellanslag mellan tusentalen, inte ”{num}”{alternative}. "
            "Källa: Svenska skrivregler för EU:s publikationer, 4.1.",
            num,
            match.start("num"),
            None if alternative else fixed,
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
        yield Problem(
            f"Skriv ”{fixed}” med mellanslag mellan tusentalen, inte ”{written}”. "
            "Källa: Svenska skrivregler för EU:s publikationer, 4.1.",
            written,
            match.start("num"),
            fixed,
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
                # a plain str in the finding: findings travel between processes (pickle)
                finding = ctx.finding(str(message), field=field, section=section.id)
                if isinstance(message, Problem):
                    span = (message.start, message.start + len(message.word))
                    fixes = (message.fix,) if message.fix else ()
                    finding = replace(finding, word=message.word, span=span, suggestions=fixes)
                yield finding


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

_CURRENCY_ABBREVIATIONS = lazy_compile(
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
        yield Problem(
            f"Skriv ”{good}” ({meaning}) eller ordet utskrivet, inte ”{abbr}”. "
            "Källa: Språkrådets frågelåda (Isof).",
            abbr,
            match.start("abbr"),
            good,
        )


currency_problems = _cached_per_text(_currency_problems)


@check_kind("beloppsforkortningar", SectionsParams)
def check_currency(ctx: CheckContext, params: SectionsParams) -> Iterator[Finding]:
    """tkr, mnkr and mdkr rather than kkr, mkr, MSEK, "milj kr" or "mdr kr"."""
    yield from _problems_by_section(ctx, params.sektioner, currency_problems, _may_hold_currency)


# --------------------------------------------------------------------------- FORM-1c, 1d

_TWO_DIGIT_YEAR = lazy_compile(
    r"(?<![\w\-./:])(?P<a>\d{2})(?P<sep>[-./])(?P<b>\d{2})(?P=sep)(?P<c>\d{2})(?![\w]|[-./:]\d)"
)
_MONTHS = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
_ORDINAL_DATE = lazy_compile(
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
        yield Problem(
            f"”{match.group(0)}” har tvåsiffrigt årtal och kan läsas på flera sätt. Skriv hela "
            "årtalet, till exempel 2022-11-10 eller 10 november 2022. Källa: "
            "Webbriktlinjer (Digg), riktlinje 66; Klartext.",
            match.group(0),
            match.start(),
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
        yield Problem(
            f"Skriv ”{day} {month}”, inte ”{match.group(0)}”: datum skrivs utan ordningstal. "
            "Källa: Klartext, ”Hur ska man skriva datum”.",
            match.group(0),
            match.start(),
            f"{day} {month}",
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
