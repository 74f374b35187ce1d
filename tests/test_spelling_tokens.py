"""Property: the spelling check's tokenizer finds exactly the words, places and sentence
starts of the plain one-word-at-a-time reference below (the tokenizer as it was before it
was made fast), for any text; and the word forms the check asks the dictionary about
first hold every word it looks at, so a text whose forms the dictionary all knows has no
finding to lose."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.checks.textstats import ABBREVIATIONS
from drafter.spelling.dictionary import MAX_WORD_CHARS
from drafter.spelling.words import (
    MAX_ABBREVIATION,
    is_capitalised,
    looked_at,
    recurring_names,
    text_words,
    tokens,
    word_forms,
)

# --------------------------------------------------------------------------- reference

_PIECE = re.compile(r"\S+")
_WORD = re.compile(r"\w+(?:['’\-.]\w+)*")
_SENTENCE_END = re.compile(r"[.!?…:\n]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")

Ref = tuple[str, int, int, bool]


def _ref_addresses(text: str) -> list[tuple[int, int]]:
    def is_address(piece: str) -> bool:
        lowered = piece.lower()
        return "@" in piece or "://" in piece or lowered.lstrip("(<[\"'”«").startswith("www.")

    return [m.span() for m in _PIECE.finditer(text) if is_address(m.group())]


def _ref_paragraph(text: str, offset: int) -> list[Ref]:
    addresses = _ref_addresses(text)
    found: list[Ref] = []
    previous_end = 0
    for index, match in enumerate(_WORD.finditer(text)):
        start, end = match.span()
        word = match.group()
        gap = text[previous_end:start]
        starts = index == 0 or _SENTENCE_END.search(gap) is not None
        previous_end = end
        if any(a <= start < b for a, b in addresses):
            continue
        if not 2 <= len(word) <= MAX_WORD_CHARS:
            continue
        if word.isalpha() and len(word) <= MAX_ABBREVIATION and word.isupper():
            continue
        if not word.isalpha() and ("." in word or "_" in word or re.search(r"\d", word)):
            continue
        if text[end : end + 1] == "." and f"{word.lower()}." in ABBREVIATIONS:
            continue
        found.append((word, start + offset, end + offset, starts))
    return found


def reference_tokens(text: str) -> list[Ref]:
    found: list[Ref] = []
    start = 0
    for blank in _BLANK_LINE.finditer(text):
        found += _ref_paragraph(text[start : blank.start()], start)
        start = blank.end()
    return found + _ref_paragraph(text[start:], start)


def reference_names(found: list[Ref]) -> frozenset[str]:
    counts: dict[str, int] = {}
    for word, _, _, starts in found:
        if not starts and is_capitalised(word):
            counts[word] = counts.get(word, 0) + 1
    return frozenset(w for w, n in counts.items() if n >= 2)


# --------------------------------------------------------------------------- texts

PIECES = [
    " ",
    "  ",
    "\n",
    "\n\n",
    "\n \t\n",
    "\t",
    ".",
    ". ",
    "!",
    "?",
    "…",
    ":",
    ",",
    "-",
    "'",
    "’",
    "/",
    "_",
    "@",
    "://",
    "www.",
    "(",
    "«",
    "”",
    "3",
    "12:e",
    "dnr",
    "dnr.",
    "Jfr.",
    "t.ex",
    "bl.a.",
    "HR",
    "EU",
    "ABCDEFG",
    "e-post",
    "Vanguard",
    "Region",
    "nätverket",
    "medlemskpa",
    "Ärendet",
    "ÅÄÖ",
    "x",
    "a" * 61,
]
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=40).map("".join)


def flattened(text: str) -> list[Ref]:
    return [
        (word, start + offset, end + offset, starts)
        for offset, raw in text_words(text)
        for word, start, end, starts in raw
    ]


@settings(max_examples=400, deadline=None)
@given(texts)
def test_tokens_are_exactly_the_reference_tokens(text: str) -> None:
    expected = reference_tokens(text)
    assert flattened(text) == expected
    assert [(t.word, t.start, t.end) for t in tokens(text)] == [e[:3] for e in expected]
    assert all(text[start:end] == word for word, start, end, _ in expected)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_every_word_looked_at_is_among_the_forms_asked_about(text: str) -> None:
    forms = word_forms(text)
    for word, _, _, _ in flattened(text):
        assert word in forms
        assert looked_at(word)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_word_forms_are_every_word_of_the_text(text: str) -> None:
    # word_forms works piece by piece with a per-process memory: still exactly the words
    assert word_forms(text) == frozenset(_WORD.findall(text))


def test_word_forms_memory_is_bounded_and_still_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    import drafter.spelling.words as words

    monkeypatch.setattr(words, "_PIECE_WORDS_LIMIT", 5)
    monkeypatch.setattr(words, "_piece_words", {})
    first = "Regionen, kommunen och e-post: 12:e t.ex. www.x.se"
    assert word_forms(first) == frozenset(_WORD.findall(first))
    assert len(words._piece_words) <= len(set(first.split()))
    second = "Nämnden beslutar. Regionen svarar"
    assert word_forms(second) == {"Nämnden", "beslutar", "Regionen", "svarar"}
    assert len(words._piece_words) <= 5


@settings(max_examples=200, deadline=None)
@given(st.lists(texts, max_size=4))
def test_recurring_names_as_the_reference_counts_them(parts: list[str]) -> None:
    expected = reference_names([t for text in parts for t in reference_tokens(text)])
    assert recurring_names(text_words(text) for text in parts) == expected


def test_sentence_starts_and_skips_in_a_plain_text() -> None:
    text = "Vanguard är bra. Vanguard: dnr. 12 och e-post till a@b.se\n\nVanguard igen"
    assert [(w, s) for w, _, _, s in flattened(text)] == [
        ("Vanguard", True),
        ("är", False),
        ("bra", False),
        ("Vanguard", True),
        ("och", False),
        ("e-post", False),
        ("till", False),
        ("Vanguard", True),
        ("igen", False),
    ]


NAME_PIECES = [" ", " ", " ", ". ", "\n\n", "och", "Vanguard", "Lund", "Lunds", "LUND", "Ärende"]
name_texts = st.lists(st.sampled_from(NAME_PIECES), max_size=16).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(name_texts | texts, min_size=1, max_size=4), st.data())
def test_names_read_from_some_fields_vouch_as_all_fields_would(
    parts: list[str], data: st.DataObject
) -> None:
    from drafter.checks.spelling_run import _recurring
    from drafter.spelling.words import WordSet

    places: list[tuple[str | None, str, str]] = [
        (None, f"falt{i}", text) for i, text in enumerate(parts)
    ]
    words = sorted({t.word for text in parts for t in tokens(text)}) or ["Ord"]
    variants = [v for w in words for v in (w, w.upper(), w + "s", w.upper() + "S", w.lower())]
    queries = set(data.draw(st.lists(st.sampled_from(variants), max_size=6)))
    everything = WordSet(recurring_names(text_words(text) for text in parts))
    some = WordSet(_recurring(places, queries))
    assert {q for q in queries if q in some} == {q for q in queries if q in everything}
    for query in variants:  # each alone, too
        assert (query in WordSet(_recurring(places, {query}))) == (query in everything)


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_paragraphs_holding_some_words_give_all_their_places(
    text: str, data: st.DataObject
) -> None:
    every = flattened(text)
    words = sorted({w for w, _, _, _ in every}) or ["ord"]
    holding = set(data.draw(st.lists(st.sampled_from(words), min_size=1, max_size=3)))
    some = [
        (word, start + offset, end + offset, starts)
        for offset, raw in text_words(text, holding)
        for word, start, end, starts in raw
    ]
    assert [t for t in some if t[0] in holding] == [t for t in every if t[0] in holding]
