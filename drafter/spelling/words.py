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
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from drafter.spelling.dictionary import MAX_WORD_CHARS

_PIECE = re.compile(r"\S+")
_WORD = re.compile(r"\w+(?:['’\-.]\w+)*")
_SENTENCE_END = re.compile(r"[.!?…:\n]")
_DIGIT = re.compile(r"\d")

#: The number of letters at most in a capital-letter abbreviation (as FORM-5).
MAX_ABBREVIATION = 6


@dataclass(frozen=True, slots=True)
class Token:
    """One word to check: the word, where it stands, and whether it starts a sentence."""

    word: str
    start: int
    end: int
    sentence_start: bool


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

_Raw = tuple[str, int, int, bool]


def tokens(text: str) -> tuple[Token, ...]:
    """The words of ``text`` that the spelling check looks at (about 1 MB for 50 KB).

    Worked out per paragraph (text between blank lines), and a paragraph's words are
    remembered, so after a keystroke only the paragraph that changed is read again.
    """
    found: list[Token] = []
    start = 0
    for blank in _BLANK_LINE.finditer(text):
        found += _shifted(text[start : blank.start()], start)
        start = blank.end()
    found += _shifted(text[start:], start)
    return tuple(found)


def _shifted(paragraph: str, offset: int) -> list[Token]:
    if not paragraph:
        return []
    return [Token(w, s + offset, e + offset, b) for w, s, e, b in _paragraph_tokens(paragraph)]


@lru_cache(maxsize=1024)
def _paragraph_tokens(text: str) -> tuple[_Raw, ...]:
    """(word, start, end, starts a sentence) in one paragraph; one pass, and the common
    word (letters only, after one space) takes the fast path."""
    from drafter.checks.lix import ABBREVIATIONS

    addresses = _address_spans(text)
    next_address = 0
    found: list[_Raw] = []
    previous_end = 0
    first = True
    for match in _WORD.finditer(text):
        start, end = match.span()
        word = match.group()
        if first:
            starts = True
        else:
            gap = text[previous_end:start]
            starts = gap != " " and _SENTENCE_END.search(gap) is not None
        previous_end = end
        first = False
        if addresses:
            while next_address < len(addresses) and addresses[next_address][1] <= start:
                next_address += 1
            if next_address < len(addresses) and addresses[next_address][0] <= start:
                continue
        size = len(word)
        if size < 2 or size > MAX_WORD_CHARS:
            continue
        if word.isalpha():
            if size <= MAX_ABBREVIATION and word.isupper():
                continue  # an abbreviation: FORM-5's
        elif "." in word or "_" in word or _DIGIT.search(word) is not None:
            continue
        if end < len(text) and text[end] == "." and f"{word.lower()}." in ABBREVIATIONS:
            continue
        found.append((word, start, end, starts))
    return tuple(found)


class FieldTokens:
    """The tokens of the latest text of each field: a re-check after a keystroke reads
    only the field that changed, and memory holds one version per field."""

    def __init__(self, max_fields: int = 512) -> None:
        self._latest: dict[tuple[str | None, str], tuple[str, tuple[Token, ...]]] = {}
        self._max = max_fields

    def get(self, section: str | None, field: str, text: str) -> tuple[Token, ...]:
        """The tokens of ``text``, the text of ``field`` in ``section`` (``None``: header)."""
        key = (section, field)
        cached = self._latest.get(key)
        if cached is not None and cached[0] == text:
            return cached[1]
        found = tokens(text)
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


def recurring_names(texts: Iterable[tuple[Token, ...]]) -> frozenset[str]:
    """Capitalised words that stand at least :data:`RECURRING_NAME` times mid-sentence."""
    counts: dict[str, int] = {}
    for toks in texts:
        for token in toks:
            if not token.sentence_start and is_capitalised(token.word):
                counts[token.word] = counts.get(token.word, 0) + 1
    return frozenset(w for w, n in counts.items() if n >= RECURRING_NAME)


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
