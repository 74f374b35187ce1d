"""The tokenisation shared by the klarspråk checks: words, sentences and their counts.

LIX (:mod:`drafter.checks.lix`), the sentence-length check and the word list all count
with it, so they agree on what a word and a sentence are:

Words
    The text is split at whitespace and at "/" ("euro/år" is two words). Punctuation at
    the start and end of a piece is dropped. A piece is a word when it contains at least
    one letter, so numbers ("2025", "12 500", "9.00–15.30") are not words, while
    "3D-printingpiloten" and "e-post" are one word each: hyphenated compounds are one
    word, and so is "barn-" in "barn- och ungdomar". Only letters are counted for the
    length, never digits, hyphens or dots ("t.ex." has three letters).

Sentences
    A sentence ends at ".", "!", "?" or "…" followed by whitespace (or the end of the
    text), at a blank line, and at a line that starts a list item ("- ", "* ", "• ",
    "1. ", "1) "). A full stop does not end a sentence

    * after a known abbreviation ("t.ex.", "bl.a.", "ca.", "kl.", "dvs.", "s.k." …);
      abbreviations that usually close a list ("m.m.", "m.fl.", "osv.", "etc.") end a
      sentence only when the next word starts with a capital letter;
    * after a single capital letter (an initial: "K. Vanhaverbeke");
    * when the next word starts with a lower-case letter (an unknown abbreviation);
    * inside a number ("12.30").

    Pieces of text without any word (a lone number, a dash) are not sentences.

A text with words but no full stop is one sentence. Headings and the header block are not
part of a section's text, so they are never counted. Each decision point and each
konsekvens aspect is its own text, so a point without a full stop is still one sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import repeat
from typing import NamedTuple, TypeVar

from drafter.checks.lazyre import lazy_compile

T = TypeVar("T")

#: Abbreviations whose full stop never ends a sentence (lower case, with their dots).
ABBREVIATIONS = frozenset(
    {
        "t.ex.",
        "bl.a.",
        "ca.",
        "kl.",
        "dvs.",
        "d.v.s.",
        "s.k.",
        "p.g.a.",
        "pga.",
        "t.o.m.",
        "fr.o.m.",
        "f.o.m.",
        "o.d.",
        "resp.",
        "jfr.",
        "jmf.",
        "nr.",
        "enl.",
        "inkl.",
        "exkl.",
        "ev.",
        "f.d.",
        "st.",
        "kap.",
        "s.",
        "sid.",
        "tel.",
        "tfn.",
        "ang.",
        "avd.",
        "dnr.",
        "forts.",
        "obs.",
        "prof.",
        "dr.",
        "mån.",
        "tis.",
        "ons.",
        "tors.",
        "fre.",
        "jan.",
        "feb.",
        "aug.",
        "sept.",
        "okt.",
        "nov.",
        "dec.",
        "milj.",
        "mdr.",
        "proc.",
        "org.nr.",
        "e.d.",
        "t.v.",
        "t.h.",
        "f.n.",
        "p.s.",
        "o.",
    }
)

#: Abbreviations that often close a list: they end a sentence before a capital letter.
LIST_END_ABBREVIATIONS = frozenset({"m.m.", "m.fl.", "osv.", "o.s.v.", "etc.", "etc", "m.m"})

_LIST_ITEM = lazy_compile(r"^\s*(?:[-*•–]\s+|\d+[.)]\s+)")
_BLOCK_SPLIT = lazy_compile(r"\n[ \t]*\n|\n(?=\s*(?:[-*•–]\s|\d+[.)]\s))")
# "[.!?…][.!?…]*" is "[.!?…]+", written so that the regex engine scans for it fast
_TERMINATOR = lazy_compile(r"[.!?…][.!?…]*[\"”’'»)\]]*(?=\s|$)")
_STRIP = "\"”“’‘'»«()[]{}.,;:!?…–—-*•"
_STRIP_END = "\"”“’‘'»«()[]{}.,;:!?…–—*•"


def _strip_piece(piece: str) -> str:
    # A trailing hyphen stays ("barn-"); leading hyphens and dashes go.
    return piece.lstrip(_STRIP).rstrip(_STRIP_END)


def _pieces(text: str) -> list[str]:
    return text.replace("/", " ").split()


@lru_cache(maxsize=64)
def distinct_pieces(text: str) -> frozenset[str]:
    """The distinct whitespace-separated pieces of ``text`` (cached: the word list and the
    spelling check both start from them)."""
    return frozenset(text.split())


def per_piece(text: str, memo: dict[str, T], limit: int, make: Callable[[str], T]) -> Iterator[T]:
    """``make(piece)`` for each distinct piece of ``text``, each worked out once per process
    and kept in ``memo`` (a batch's files share most pieces); ``memo`` is emptied when it
    would grow past ``limit``."""
    pieces = distinct_pieces(text)
    new = pieces.difference(memo)
    if new:
        if len(memo) + len(new) > limit:
            memo.clear()
            new = pieces
        for piece in new:
            memo[piece] = make(piece)
    return map(memo.__getitem__, pieces)


def word_tokens(text: str) -> list[str]:
    """The words of ``text`` as written (see the module docstring for what is a word)."""
    found: list[str] = []
    for piece in _pieces(text):
        token = piece if piece.isalpha() else _strip_piece(piece)
        if any(ch.isalpha() for ch in token):
            found.append(token)
    return found


def letter_count(word: str) -> int:
    """Letters in a word; digits, hyphens and dots are not counted."""
    return len(word) if word.isalpha() else sum(1 for ch in word if ch.isalpha())


def _blocks(text: str) -> list[str]:
    return [_LIST_ITEM.sub("", b, count=1) for b in _BLOCK_SPLIT.split(text) if b.strip()]


_SPACES = lazy_compile(r"\s*")
_CLOSERS = "\"”’'»)]"
_STRIP_NO_DOT = _STRIP.replace(".", "")


def _ends_sentence(block: str, match: re.Match[str]) -> bool:
    end = match.end()
    rest_start = end + 1  # the terminator is followed by whitespace or the end
    if rest_start < len(block) and block[rest_start].isspace():
        spaces = _SPACES.match(block, rest_start)
        rest_start = spaces.end() if spaces else rest_start
    if rest_start >= len(block):
        return True
    marks = match.group(0)
    if marks != "." and marks.rstrip(_CLOSERS) != ".":
        return True  # "!", "?", "…" or "..." always end a sentence
    next_char = block[rest_start]
    if next_char.islower():
        return False  # an abbreviation, known or not (every rule below agrees)
    dot = match.start()
    start = max(block.rfind(" ", 0, dot), block.rfind("\n", 0, dot)) + 1
    if dot - start > 7 and block[start] not in _STRIP_NO_DOT:
        return True  # longer than any abbreviation and not an initial
    return _short_piece_ends(block, start, dot, next_char)


class TextStats(NamedTuple):
    """A text split into sentences, with the counts LIX and the sentence checks need."""

    sentences: tuple[str, ...]
    """Sentences with at least one word, whitespace-normalised."""
    sentence_words: tuple[int, ...]
    """Words per sentence."""
    long_words: int

    @property
    def words(self) -> int:
        """Words in the whole text."""
        return sum(self.sentence_words)


def _block_parts(block: str, parts: list[str]) -> None:
    """Append ``block``'s sentences, whitespace-normalised, to ``parts`` (any block)."""
    start = 0
    for match in _TERMINATOR.finditer(block):
        if _ends_sentence(block, match):
            parts.append(" ".join(block[start : match.end()].split()))
            start = match.end()
    parts.append(" ".join(block[start:].split()))


def _normal_block_parts(block: str, parts: list[str]) -> None:
    """:func:`_block_parts` for a block whose only whitespace is single spaces.

    The same decisions as :func:`_ends_sentence`, cheaper: the character after a
    terminator is a space or the end, the next one the next word's first character, and a
    piece starts after the last space.
    """
    start = 0
    size = len(block)
    for match in _TERMINATOR.compiled.finditer(block):
        end = match.end()
        if end < size:
            marks = match.group()
            if marks == "." or marks.rstrip(_CLOSERS) == ".":
                next_char = block[end + 1]
                if next_char.islower():
                    continue  # an abbreviation, known or not
                dot = match.start()
                piece = block.rfind(" ", 0, dot) + 1
                if (dot - piece <= 7 or block[piece] in _STRIP_NO_DOT) and not _short_piece_ends(
                    block, piece, dot, next_char
                ):
                    continue
        parts.append(block[start:end])
        start = end + 1
    if start < size:
        parts.append(block[start:])


#: Characters that only the regular expression handles: besides these, a normalised
#: block's sentence ends are runs of full stops before a space or the end.
_MARKS_BUT_DOT = ("!", "?", "…", '"', "”", "’", "'", "»", ")", "]")


def _dotted_block_parts(block: str, parts: list[str]) -> None:
    """:func:`_normal_block_parts` for a block with none of :data:`_MARKS_BUT_DOT`: the
    terminators are found with ``str.find`` instead of a regular-expression scan."""
    start = 0
    size = len(block)
    find = block.find
    pos = find(". ")
    while pos >= 0:
        dot = pos
        while dot > 0 and block[dot - 1] == ".":
            dot -= 1  # the run of full stops starts here ("slut.. Nästa")
        end = pos + 1
        if dot == pos:
            next_char = block[end + 1]
            if next_char.islower():
                pos = find(". ", end)
                continue  # an abbreviation, known or not
            piece = block.rfind(" ", 0, dot) + 1
            if (dot - piece <= 7 or block[piece] in _STRIP_NO_DOT) and not _short_piece_ends(
                block, piece, dot, next_char
            ):
                pos = find(". ", end)
                continue
        parts.append(block[start:end])
        start = end + 1
        pos = find(". ", start)
    if start < size:
        parts.append(block[start:])


def _short_piece_ends(block: str, start: int, dot: int, next_char: str) -> bool:
    """Whether the full stop at ``dot`` after the piece from ``start`` ends a sentence."""
    token = block[start : dot + 1].lstrip(_STRIP_NO_DOT).lower()
    if token in ABBREVIATIONS:
        return False
    if token in LIST_END_ABBREVIATIONS:
        return next_char.isupper()
    # an initial ("K. Vanhaverbeke") does not end a sentence
    return not (len(token) == 2 and token[0].isalpha() and block[start].isupper())


@lru_cache(maxsize=1)
def _letter_table() -> tuple[bytes, bytes]:
    """A bytes.translate table for Latin-1: a letter becomes "a", "/" a space, the
    sentence separator "\\n" stays, and every other character is deleted."""
    table = bytearray(range(256))
    delete = bytearray()
    for code in range(256):
        char = chr(code)
        if char.isalpha():
            table[code] = ord("a")
        elif char in " /":
            table[code] = ord(" ")
        elif char != "\n":
            delete.append(code)
    return bytes(table), bytes(delete)


_NOT_LATIN1 = lazy_compile(r"[^\x00-\xff]+")


def _word_counts(parts: list[str]) -> tuple[list[int], int]:
    """Words in each of ``parts`` (whitespace-normalised) and long words in all of them.

    Counted in bulk, without a Python loop per word: the parts are joined, one per line,
    each after a space; as Latin-1 bytes, letters become "a" and what is neither a letter
    nor a separator is deleted, so a word is " a" and a long word " aaaaaaa".
    """
    joined = " " + "\n ".join(parts)
    try:
        data = joined.encode("latin-1")
    except UnicodeEncodeError:
        for char in set("".join(_NOT_LATIN1.findall(joined))):
            if char.isalpha():  # "ł", "ő", "α": a letter, whatever it becomes
                joined = joined.replace(char, "a")
        data = joined.encode("latin-1", "replace")  # the rest: "?", not a letter
    table, delete = _letter_table()
    data = data.translate(table, delete)
    counts = list(map(bytes.count, data.split(b"\n"), repeat(b" a")))
    return counts, data.count(b" aaaaaaa")


#: Latin-1 whitespace other than " " and "\n" (and NUL) become NUL.
_ODD_SPACES = bytes.maketrans(b"\t\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0", b"\x00" * 10)


def _only_spaces_and_newlines(text: str) -> bool:
    """Whether the only whitespace in ``text`` is " " and "\n" (False when unsure)."""
    try:
        data = text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return b"\x00" not in data.translate(_ODD_SPACES)


def _normal_parts(normal: str, parts: list[str]) -> None:
    """Append the sentences of a whitespace-normalised block to ``parts``, with the
    ``str.find`` scan when its only end marks are full stops."""
    if any(mark in normal for mark in _MARKS_BUT_DOT):
        _normal_block_parts(normal, parts)
    else:
        _dotted_block_parts(normal, parts)


@lru_cache(maxsize=512)
def analyse(text: str) -> TextStats:
    """Sentences and word counts of ``text`` (cached: the checks share one analysis)."""
    parts: list[str] = []
    plain = _only_spaces_and_newlines(text)
    for block in _blocks(text):
        if plain and "\n" not in block and "  " not in block:
            _normal_parts(block.strip(" "), parts)  # normalised but for spaces at the ends
            continue
        pieces = block.split()
        normal = " ".join(pieces)
        # only " " and "\n" between the pieces: the normalised block splits the same way
        if len(block) - block.count(" ") - block.count("\n") == len(normal) - len(pieces) + 1:
            _normal_parts(normal, parts)
        else:
            _block_parts(block, parts)
    if not parts:
        return TextStats((), (), 0)
    counts, n_long = _word_counts(parts)
    found = tuple(part for part, count in zip(parts, counts, strict=True) if count)
    return TextStats(found, tuple(count for count in counts if count), n_long)


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` that contain at least one word, whitespace-normalised."""
    return list(analyse(text).sentences)
