"""FORM-5: abbreviations written in capitals are explained the first time they are used.

In-house abbreviations (MAS, RUS, HSN …) are the readers' most common complaint about
tjänsteskrivelser; the writer no longer sees them. An abbreviation counts as explained
where it stands in parentheses after the words ("medicinskt ansvarig sjuksköterska
(MAS)") or is followed by them in parentheses ("MAS (medicinskt ansvarig
sjuksköterska)"). Abbreviations every reader knows are allowed (:data:`KNOWN`), and a
template adds its own with ``tillatna``.

Not abbreviations: roman numerals ("etapp II"), a prefix before a number ("RS 2025/123",
"SFS 2017:725"), a capital word joined to another by a hyphen ("HR-avdelningen"), and
words next to other words in capitals ("VIKTIGT ATT VETA").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from drafter.checks.common import ALL_TEXT_KINDS, SectionsParams, rule_sections, section_texts
from drafter.checks.lazyre import lazy_compile
from drafter.checks.registry import CheckContext, check_kind
from drafter.findings import Finding

#: Abbreviations every reader knows, allowed unexplained.
KNOWN = frozenset(
    {
        "EU",
        "FN",
        "USA",
        "EES",
        "OECD",
        "WHO",
        "NATO",
        "IT",
        "TV",
        "AB",
        "VD",
        "PDF",
        "SMS",
        "ID",
        "OK",
        "OBS",
        "SEK",
        "EUR",
        "USD",
        "GBP",
        "NOK",
        "DKK",
        # kkr, MSEK and the like have their own rule (FORM-3b: write tkr, mnkr, mdkr)
        "KSEK",
        "TSEK",
        "MSEK",
        "MNSEK",
        "MDSEK",
    }
)

# Capitals first, so the regex engine skips fast to the next capital; the character
# before is checked in Python (a look-behind first would make every position a try).
_CAPITALS = lazy_compile(r"[A-ZÅÄÖ][A-ZÅÄÖ]{1,5}(?![\w-])")
_ROMAN = lazy_compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_BEFORE_NUMBER = lazy_compile(r"\s?\d")
_WORDS_IN_PARENTHESES = lazy_compile(r"\s*\([^)]*[a-zåäö][^)]*\)")
_CAPITAL_WORD_AFTER = lazy_compile(r"\s+[A-ZÅÄÖ]{2,}(?![\w-])")
_CAPITAL_WORD_BEFORE = lazy_compile(r"(?<![\w-])[A-ZÅÄÖ]{2,}\s+$")

_SOURCE = (
    "Källa: Skellefteå kommuns språkhandbok, ”Förkortningar”; Klarspråkstestet "
    "(”Använd aldrig interna förkortningar”)."
)


class AbbreviationParams(SectionsParams):
    tillatna: tuple[str, ...] = ()
    """The organisation's abbreviations that every reader of its documents knows."""


def abbreviations(text: str) -> Iterator[tuple[str, bool]]:
    """(abbreviation, explained here) for each abbreviation in ``text``, in order."""
    for word, explained, _start in abbreviation_places(text):
        yield word, explained


def abbreviation_places(text: str) -> Iterator[tuple[str, bool, int]]:
    """(abbreviation, explained here, offset) for each abbreviation in ``text``, in order."""
    for match in _CAPITALS.finditer(text):
        start, end = match.span()
        if start and (text[start - 1].isalnum() or text[start - 1] in "_-"):
            continue  # the end of a longer word ("VIKTIGT", "3D-PRINT")
        word = match.group(0)
        if _ROMAN.fullmatch(word) or _BEFORE_NUMBER.match(text, end):
            continue
        if _CAPITAL_WORD_AFTER.match(text, end) or _CAPITAL_WORD_BEFORE.search(
            text, max(0, start - 40), start
        ):
            continue  # words written in capitals ("VIKTIGT ATT VETA"), not abbreviations
        explained = (start > 0 and text[start - 1] == "(" and text[end : end + 1] == ")") or (
            _WORDS_IN_PARENTHESES.match(text, end) is not None
        )
        yield word, explained, start


@check_kind("forkortningar", AbbreviationParams)
def check_abbreviations(ctx: CheckContext, params: AbbreviationParams) -> Iterator[Finding]:
    """Abbreviations in capitals (MAS, RUS) are explained where first used."""
    allowed = KNOWN | {a.upper() for a in params.tillatna}
    first: dict[str, tuple[str, str, bool, int]] = {}  # → (section, field, explained, offset)
    explained_later: dict[str, str] = {}  # abbreviation → rubrik where it is explained
    for section in rule_sections(ctx, params.sektioner, ALL_TEXT_KINDS):
        for field, text in section_texts(ctx, section):
            for word, explained, start in abbreviation_places(text):
                if word in allowed:
                    continue
                if word not in first:
                    first[word] = (section.id, field, explained, start)
                elif explained and word not in explained_later:
                    explained_later[word] = section.heading
    for word, (section_id, field, explained, start) in first.items():
        if explained:
            continue
        if word in explained_later:
            message = (
                f"Förkortningen ”{word}” förklaras först längre fram (i "
                f"”{explained_later[word]}”). Förklara den första gången den används. "
            )
        else:
            message = (
                f"Förkortningen ”{word}” förklaras inte. Skriv ut vad den står för första "
                "gången den används, till exempel ”medicinskt ansvarig sjuksköterska (MAS)”, "
                "eller skriv orden i stället: interna förkortningar förstår inte alla läsare. "
            )
        found = ctx.finding(message + _SOURCE, field=field, section=section_id)
        yield replace(found, word=word, span=(start, start + len(word)))
