"""Likely corrections of a misspelt Swedish word, nearest first.

Hunspell's own suggestions take seconds per word with the Swedish dictionary, so drafter
generates candidates itself (keys next to each other on a Swedish keyboard, swapped and
missing letters, a missing vowel, then every single edit) and only asks Hunspell which of
them are words. Each generator is lazy, so a budget bounds the work.
"""

from __future__ import annotations

from collections.abc import Iterator

_ALPHABET = "aerndtislogmkpbhfjuväcöåyéqxzw"
_ROWS = ("qwertyuiopå", "asdfghjklöä", "zxcvbnm")


def _neighbour_table() -> dict[str, str]:
    """Letters next to each letter on a Swedish keyboard, and å/ä/ö/é for a/o/e."""
    table: dict[str, str] = {}
    for row in _ROWS:
        for i, letter in enumerate(row):
            table[letter] = table.get(letter, "") + row[max(0, i - 1) : i] + row[i + 1 : i + 2]
    for a, b in (("a", "å"), ("a", "ä"), ("å", "ä"), ("o", "ö"), ("e", "é"), ("e", "ä")):
        table[a] = table.get(a, "") + b
        table[b] = table.get(b, "") + a
    return table


_NEIGHBOURS = _neighbour_table()


def near_edits(word: str) -> Iterator[str]:
    """The most likely typing errors first: swaps, doubled or lost letters, near keys."""
    n = len(word)
    for i in range(n - 1):
        if word[i] != word[i + 1]:
            yield word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    for i in range(n):
        if i == 0 or word[i] != word[i - 1]:
            yield word[:i] + word[i + 1 :]
    for i in range(n):
        yield word[: i + 1] + word[i] + word[i + 1 :]
    for i in range(n):
        for near in _NEIGHBOURS.get(word[i], ""):
            yield word[:i] + near + word[i + 1 :]


_VOWELS = "aeiouyåäö"


def vowel_insertions(word: str) -> Iterator[str]:
    """A lost vowel ("handläggre")."""
    for i in range(1, len(word) + 1):
        for vowel in _VOWELS:
            yield word[:i] + vowel + word[i:]


def wide_edits(word: str) -> Iterator[str]:
    """Any letter inserted or replaced."""
    n = len(word)
    for i in range(n + 1):
        for letter in _ALPHABET:
            if letter not in _VOWELS or i == 0:
                yield word[:i] + letter + word[i:]
    for i in range(n):
        for letter in _ALPHABET:
            if letter != word[i]:
                yield word[:i] + letter + word[i + 1 :]
