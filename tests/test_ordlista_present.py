"""The word list's fast path: the words it looks key words up in are exactly the text's
lower-cased words with punctuation stripped, however often pieces repeat across texts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import drafter.checks.ordlista as ordlista
from drafter.checks.ordlista import _PUNCTUATION, _words_present, matcher_for


def _reference(text: str) -> set[str]:
    return {token.strip(_PUNCTUATION) for token in set(text.lower().split())}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aSkl ,.;”(\n\tİÅä-")), max_size=40))
def test_words_present_equal_the_reference(text: str) -> None:
    assert set(_words_present(text)) == _reference(text)


def test_memory_is_bounded_and_listed_words_still_found(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ordlista, "_PIECE_LIMIT", 3)
    monkeypatch.setattr(ordlista, "_piece_words", {})
    matcher = matcher_for()
    first = "Nämnden beslutar, i enlighet med planen, att avsluta."
    second = "I ENLIGHET MED beslutet (skall) vi gå vidare."
    assert [hit.found for hit in matcher._find(first)] == ["i enlighet med"]
    assert [hit.found for hit in matcher._find(second)] == ["I ENLIGHET MED", "skall"]
    assert len(ordlista._piece_words) <= len(set(second.split()))
