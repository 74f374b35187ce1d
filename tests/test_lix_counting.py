"""LIX's bulk counting equals the documented tokenisation, counted word by word.

:func:`drafter.checks.textstats.analyse` counts without a Python loop per word (normalised
blocks, Latin-1 bytes). Here a plain reference, written from the module docstring one
piece at a time, must give the same sentences and counts for hand-picked edge cases and
for generated texts full of them.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.checks.lix import lix
from drafter.checks.textstats import (
    ABBREVIATIONS,
    LIST_END_ABBREVIATIONS,
    TextStats,
    analyse,
)

_TERMINATOR = re.compile(r"[.!?…]+[\"”’'»)\]]*(?=\s|$)")
_BLOCK_SPLIT = re.compile(r"\n[ \t]*\n|\n(?=\s*(?:[-*•–]\s|\d+[.)]\s))")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•–]\s+|\d+[.)]\s+)")
_NOT_FIRST = "\"”“’‘'»«()[]{},;:!?…–—-*•"


def _reference_ends(block: str, match: re.Match[str]) -> bool:
    rest = block[match.end() :].lstrip()
    if not rest:
        return True
    if match.group().rstrip("\"”’'»)]") != ".":
        return True
    next_char = rest[0]
    if next_char.islower():
        return False
    dot = match.start()
    start = max(block.rfind(" ", 0, dot), block.rfind("\n", 0, dot)) + 1
    token = block[start : dot + 1].lstrip(_NOT_FIRST).lower()
    if token in ABBREVIATIONS:
        return False
    if token in LIST_END_ABBREVIATIONS:
        return next_char.isupper()
    return not (len(token) == 2 and token[0].isalpha() and block[start].isupper())


def _reference(text: str) -> TextStats:
    found: list[str] = []
    counts: list[int] = []
    n_long = 0
    for raw in _BLOCK_SPLIT.split(text):
        if not raw.strip():
            continue
        block = _LIST_ITEM.sub("", raw, count=1)
        parts: list[str] = []
        start = 0
        for match in _TERMINATOR.finditer(block):
            if _reference_ends(block, match):
                parts.append(block[start : match.end()])
                start = match.end()
        parts.append(block[start:])
        for part in parts:
            words = 0
            for piece in part.replace("/", " ").split():
                letters = sum(1 for ch in piece if ch.isalpha())
                if letters:
                    words += 1
                    n_long += letters > 6
            if words:
                found.append(" ".join(part.split()))
                counts.append(words)
    return TextStats(tuple(found), tuple(counts), n_long)


@pytest.mark.parametrize(
    "text",
    [
        "Regionen betalar t.ex. 12 500 euro per år. Medlemskapet i EU-nätverket avslutas 2025.",
        "Avgiften är 40 euro/år och 3D-printingpiloten startar. Nästa steg följer.",
        "Det gäller barn- och ungdomsnämnden – och skolan. Sedan kommer resten.",
        "Beslutet fattades av K. Vanhaverbeke i mars. Han skrev under.",
        "Vi köpte pennor, papper m.m. Sedan gick vi hem. Vi köpte stolar m.m. och bord.",
        "Mötet är kl. 9.00–15.30 i sal 2. Alla är välkomna!",
        "Ytan är 120 m² och kostar ½ miljon. Beslutet gäller.",  # "²", "½": not letters
        "Łódź och Ørsted samarbetar med Αθήνα. Avtalet löper ut.",  # letters beyond Latin-1
        "Hon sa: ”Det här är bra.” Sedan gick hon. (Det var sent.) Nästa dag kom hon.",
        "Kostnaden\tär hög.\u00a0Nästa år blir den lägre. Det\u2009gäller t.ex.\tskolan.",
        "- Första punkten är klar.\n- Andra punkten väntar\n\n1. Ett beslut. 2) Två beslut.",
        "Slutet kommer nu...  Eller? Nej!! Kanske…",
        "Vi väntade.. Sedan kom de. Det var a.. b och c. d. Klart. .. Slut..",  # only dots
        "Beslut fattas av K. Andersson, ca. 10 personer m.fl. Nästa möte. Avd. 3",
        " Ett stycke med mellanslag först. Och sist. \n\n1. \n\n- Punkt. Två. ",
        "Ett\x85konstigt radslut. Och\x1fen\x0ckontrolltecken. Slut.",
        "En mening utan punkt\nsom fortsätter på nästa rad",
        "Org.nr. 212000-2411 och dnr. RS 2025/123 anges. Se s. 4 och sid. 12.",
        "   \n\n  ",
        "2025 – 12 500",
        "ABC. Def. G. H. Ijk. Lmnop qrstuvw.",
        "Se www.example.se. Skriv till info@example.se. Klart.",
    ],
)
def test_counts_equal_reference(text: str) -> None:
    analyse.cache_clear()
    assert analyse(text) == _reference(text)


def test_letters_beyond_latin1_are_counted() -> None:
    # Łódź(4) och(3) Gdańsk(6) Wrocław(7, L) Αθήνα(5): 5 words, 1 long
    result = lix("Łódź och Gdańsk, Wrocław, Αθήνα.")
    assert result is not None
    assert (result.words, result.sentences, result.long_words) == (5, 1, 1)


def test_superscripts_and_fractions_are_not_letters() -> None:
    # "m²" is one letter, "½" no word at all: Ytan(4) är(2) m²(1) och(3) kostar(6)
    result = lix("Ytan är 120 m² och kostar ½.")
    assert result is not None
    assert (result.words, result.long_words) == (5, 0)


_TOKENS = [
    "Regionen",
    "kommunen",
    "i",
    "EU-nätverket",
    "barn-",
    "t.ex.",
    "bl.a.",
    "m.m.",
    "osv.",
    "K.",
    "ca.",
    "12",
    "500",
    "2025.",
    "9.00–15.30",
    "–",
    "-",
    "euro/år",
    "/",
    "Łódź",
    "Αθήνα",
    "m²",
    "½",
    "”Citat.”",
    "(parentes)",
    "slut.",
    "Slut!",
    "fråga?",
    "vänta…",
    "...",
    "www.x.se",
    "ABC.",
    "långtråkigt",
    "ordning,",
    "3D-printingpiloten",
    "a..",
    "..",
    "x.",
]
_GAPS = [" ", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\n- ", "\n1. ", " / "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_TOKENS), st.sampled_from(_GAPS)), max_size=40))
def test_generated_texts_equal_reference(pieces: list[tuple[str, str]]) -> None:
    text = "".join(token + gap for token, gap in pieces)
    analyse.cache_clear()
    assert analyse(text) == _reference(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aÅé ./-–\n\t1²Łα!?…”)(K")), max_size=60))
def test_random_characters_equal_reference(text: str) -> None:
    analyse.cache_clear()
    assert analyse(text) == _reference(text)
