"""Which words of a text the spelling check looks at, and which the document vouches for.

Tokens
    The text is cut at whitespace into pieces. A piece with "@", "://" or starting with
    "www." (an e-mail or web address) is skipped whole. In the rest, a word is a run of
    letters that may be joined by "-", "'" or "’" ("e-post", "HR-avdelningen"); "/" and
    other punctuation separate words ("euro/år" is two).

Skipped
    Words with a digit ("3D-printingpiloten", "12:e"), with a dot inside ("t.ex.", "bl.a.",
    "region.se"), single letters, words longer than
    :data:`~drafter.spelling.dictionary.MAX_WORD_CHARS`, abbreviations written in
    capitals of two to six letters (FORM-5 checks those), the abbreviations FORM-5 knows
    and the template allows (``tillatna``), and a lower-case word followed by a full stop
    that the sentence splitter knows as an abbreviation ("dnr.").

Sentence start
    A word starts a sentence when it is the first word of a text (a paragraph, decision
    point, list item or header field), or when the text between it and the word before
    holds a line break or one of ``. ! ? … :``.

Everything here is linear in the text: one pass of two simple regular expressions.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

from drafter.spelling.dictionary import MAX_WORD_CHARS

_PIECE = re.compile(r"\S+")
_DIGIT = re.compile(r"\d")

#: The number of letters at most in a capital-letter abbreviation (as FORM-5).
MAX_ABBREVIATION = 6


@dataclass(frozen=True, slots=True)
class Token:
    """One word to check: the word and where it stands."""

    word: str
    start: int
    end: int


def _is_address(piece: str) -> bool:
    lowered = piece.lower()
    return "@" in piece or "://" in piece or lowered.lstrip("(<[\"'”«").startswith("www.")


def _address_spans(text: str) -> list[tuple[int, int]]:
    """Where the e-mail and web addresses are (pieces between whitespace)."""
    if "@" not in text and "://" not in text and "www." not in text.lower():
        return []
    return [m.span() for m in _PIECE.finditer(text) if _is_address(m.group())]


def is_abbreviation(word: str) -> bool:
    """A word in capitals of two to six letters: FORM-5's business, not spelling's."""
    return 2 <= len(word) <= MAX_ABBREVIATION and word.isupper() and word.isalpha()


_BLANK_LINE = re.compile(r"\n[ \t]*\n")

#: One word of a paragraph: (word, start, end, starts a sentence), offsets counted from
#: the paragraph's start.
RawToken = tuple[str, int, int, bool]

#: The words of a text, paragraph by paragraph: (where the paragraph starts in the text,
#: its words). Offsets are applied only to the few words a finding is made for.
TextWords = tuple[tuple[int, tuple[RawToken, ...]], ...]


def tokens(text: str) -> tuple[Token, ...]:
    """The words of ``text`` that the spelling check looks at (about 1 MB for 50 KB)."""
    return tuple(
        Token(word, start + offset, end + offset)
        for offset, raw in text_words(text)
        for word, start, end, _ in raw
    )


def text_words(text: str, holding: Collection[str] | None = None) -> TextWords:
    """The words of ``text``, paragraph by paragraph (see :data:`TextWords`).

    Worked out per paragraph (text between blank lines), and a paragraph's words are
    remembered, so after a keystroke only the paragraph that changed is read again. With
    ``holding``, only the paragraphs in which one of those strings stands are read (the
    others cannot have one of them among their words).
    """
    if holding is not None and not any(word in text for word in holding):
        return ()
    found: list[tuple[int, tuple[RawToken, ...]]] = []
    start = 0
    for blank in _BLANK_LINE.finditer(text):
        if blank.start() > start:
            paragraph = text[start : blank.start()]
            if holding is None or any(word in paragraph for word in holding):
                found.append((start, _paragraph_tokens(paragraph)))
        start = blank.end()
    if start < len(text):
        paragraph = text[start:]
        if holding is None or any(word in paragraph for word in holding):
            found.append((start, _paragraph_tokens(paragraph)))
    return tuple(found)


#: A word: letters (or digits, "_") joined by "-", "'", "’" or ".". Possessive: a word
#: character never matches a joiner, so giving back could not change a match, only slow
#: it down.
_WORD_PATTERN = r"\w++(?:['’\-.]\w++)*+"
_WORD = re.compile(_WORD_PATTERN)

#: Split at its words, a paragraph is gap, word, gap, word, …, gap. A gap holds no word
#: character (a word runs on while there are any).
_WORD_SPLIT = re.compile(f"({_WORD_PATTERN})")

#: What in the gap before a word makes it start a sentence.
_SENTENCE_ENDS = frozenset(".!?…:\n")

#: What :func:`_verdict` says about a word on its own.
_SKIP, _KEEP, _KEEP_UNLESS_DOT = 0, 1, 2

#: Verdicts of words seen in this process (words repeat across texts and files); words
#: longer than :data:`~drafter.spelling.dictionary.MAX_WORD_CHARS` are not kept.
_verdicts: dict[str, int] = {}
_VERDICTS_LIMIT = 20_000


def _verdict(word: str) -> int:
    """Whether a word is looked at, from the word alone: :data:`_SKIP` (too short or long,
    an abbreviation in capitals, a digit, a dot or "_" in it), :data:`_KEEP_UNLESS_DOT`
    (a known abbreviation when a full stop follows: "dnr") or :data:`_KEEP`."""
    from drafter.checks.textstats import ABBREVIATIONS

    size = len(word)
    if size > MAX_WORD_CHARS:
        return _SKIP
    if size < 2:
        verdict = _SKIP
    elif word.isalpha():
        verdict = _SKIP if size <= MAX_ABBREVIATION and word.isupper() else _KEEP
    elif "." in word or "_" in word or _DIGIT.search(word) is not None:
        verdict = _SKIP
    else:
        verdict = _KEEP
    if verdict == _KEEP and f"{word.lower()}." in ABBREVIATIONS:
        verdict = _KEEP_UNLESS_DOT
    if len(_verdicts) >= _VERDICTS_LIMIT:
        _verdicts.clear()
    _verdicts[word] = verdict
    return verdict


def looked_at(word: str) -> bool:
    """Whether ``word`` may be one of :func:`tokens`' words (going by the word alone)."""
    verdict = _verdicts.get(word)
    return (verdict if verdict is not None else _verdict(word)) != _SKIP


#: The words of whitespace-separated pieces seen in this process (a batch's files share
#: most of their pieces); cleared when it grows past :data:`_PIECE_WORDS_LIMIT`.
_piece_words: dict[str, tuple[str, ...]] = {}
_PIECE_WORDS_LIMIT = 20_000


def word_forms(text: str) -> frozenset[str]:
    """Every word in ``text``, skipped or not: the words of :func:`tokens` are among them.

    Without places: enough to ask the dictionary whether the text has any word it does not
    know. A word never spans whitespace, so the text's words are those of its distinct
    pieces, and only pieces not seen before in this process are searched.
    """
    from drafter.checks.textstats import per_piece

    found: Iterator[tuple[str, ...]] = per_piece(text, _piece_words, _PIECE_WORDS_LIMIT, _words_of)
    return frozenset(chain.from_iterable(found))


def _words_of(piece: str) -> tuple[str, ...]:
    return (piece,) if piece.isalpha() else tuple(_WORD.findall(piece))


@lru_cache(maxsize=1024)
def _paragraph_tokens(text: str) -> tuple[RawToken, ...]:
    """The words of one paragraph (see :data:`RawToken`): one pass of one regular
    expression, cut into gap, word, gap, word, …, gap."""
    pieces = _WORD_SPLIT.split(text)
    addresses = _address_spans(text)
    next_address = 0
    verdicts = _verdicts
    size = len(text)
    found: list[RawToken] = []
    position = len(pieces[0])
    first = True
    for i in range(1, len(pieces), 2):
        word = pieces[i]
        start = position
        end = start + len(word)
        position = end + len(pieces[i + 1])
        if first:
            starts = True
            first = False
        else:
            gap = pieces[i - 1]
            starts = gap != " " and not _SENTENCE_ENDS.isdisjoint(gap)
        verdict = verdicts.get(word)
        if verdict is None:
            verdict = _verdict(word)
        if not verdict:
            continue
        if verdict == _KEEP_UNLESS_DOT and end < size and text[end] == ".":
            continue
        if addresses:
            while next_address < len(addresses) and addresses[next_address][1] <= start:
                next_address += 1
            if next_address < len(addresses) and addresses[next_address][0] <= start:
                continue
        found.append((word, start, end, starts))
    return tuple(found)


class FieldTokens:
    """The word forms of the latest text of each field: a re-check after a keystroke
    reads only the field that changed, and memory holds one version per field."""

    def __init__(self, max_fields: int = 512) -> None:
        self._latest: dict[tuple[str | None, str], tuple[str, frozenset[str]]] = {}
        self._max = max_fields

    def forms(self, section: str | None, field: str, text: str) -> frozenset[str]:
        """:func:`word_forms` of ``text``, the text of ``field`` in ``section`` (``None``:
        the header)."""
        key = (section, field)
        cached = self._latest.get(key)
        if cached is not None and cached[0] == text:
            return cached[1]
        found = word_forms(text)
        if len(self._latest) >= self._max:
            self._latest.clear()
        self._latest[key] = (text, found)
        return found


def is_capitalised(word: str) -> bool:
    """A capital first letter and at least one small letter after it ("Vanguard")."""
    return word[:1].isupper() and any(c.islower() for c in word[1:])


#: Capitalised words are taken as proper nouns when they stand this many times in the
#: document at places that are not the start of a sentence.
RECURRING_NAME = 2


def recurring_names(texts: Iterable[TextWords]) -> frozenset[str]:
    """Capitalised words that stand at least :data:`RECURRING_NAME` times mid-sentence."""
    counts: dict[str, int] = {}
    for paragraphs in texts:
        for _, raw in paragraphs:
            for word, _, _, starts in raw:
                if not starts and word[0].isupper():
                    counts[word] = counts.get(word, 0) + 1
    return frozenset(w for w, n in counts.items() if n >= RECURRING_NAME and is_capitalised(w))


class WordSet:
    """Words that are accepted as written.

    An entry in small letters also accepts the word capitalised or in capitals
    ("tekniknära": "Tekniknära", "TEKNIKNÄRA"); an entry with capitals accepts that form
    and its capitals form. Every entry also accepts its genitive with "s" ("Vanguards").
    """

    def __init__(self, words: Iterable[str] = ()) -> None:
        self._exact: set[str] = set()
        self._folded: set[str] = set()
        for word in words:
            self.add(word)

    def add(self, word: str) -> None:
        """Accept ``word`` (surrounding whitespace is ignored)."""
        word = word.strip()
        if not word:
            return
        self._exact.add(word)
        self._exact.add(word.upper())
        if word.islower():
            self._folded.add(word)

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        return self._accepts(word) or (
            len(word) > 2 and word[-1] in "sS" and self._accepts(word[:-1])
        )

    def _accepts(self, word: str) -> bool:
        return word in self._exact or word.lower() in self._folded

    def __len__(self) -> int:
        return len(self._exact)


def name_words(text: str) -> list[str]:
    """The words of a name or an organisation's name ("Region Gävleborg")."""
    return [t.word for t in tokens(text)]
