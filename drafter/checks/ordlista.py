"""The klarspråk word list: officialese words and plain replacements, kept as data.

The shipped list is ``drafter/data/ordlista.toml``; a template adds words with the
``ordlista`` rule's ``extra`` parameter and drops shipped ones with ``ignorera``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from drafter import tomlparse as tomllib  # tomli's compiled parser when installed
from drafter.checks.lazyre import lazy_compile
from drafter.errors import DrafterError, describe_validation_error

_WORD = lazy_compile(r"[\w-]+")
_PUNCTUATION = "\"”“’‘'»«()[]{}.,;:!?…–—*•/"


class WordEntry(BaseModel):
    """One word of the list: the forms to find, what to write instead, and the source."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ord: str = Field(min_length=1)
    former: tuple[str, ...] = ()
    ersattning: tuple[str, ...] = ()
    rad: str = ""
    inte_efter: tuple[str, ...] = ()
    inte_fore: tuple[str, ...] = ()
    """Words that, right after the form, show another sense ("besvär som …": ailments)."""
    kalla: str = ""
    kallnamn: str = ""
    verifierad: bool = True

    @field_validator("former", "inte_efter", "inte_fore")
    @classmethod
    def _lower(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(" ".join(v.lower().split()) for v in value if v.strip())

    @property
    def forms(self) -> tuple[str, ...]:
        """The forms matched; the headword when none are listed."""
        return self.former or (" ".join(self.ord.lower().split()),)


class _WordFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    ord: tuple[WordEntry, ...]


def _data_text() -> str:
    # beside the package's modules, like the templates (drafter.paths)
    return (Path(__file__).resolve().parent.parent / "data" / "ordlista.toml").read_text("utf-8")


@lru_cache(maxsize=1)
def builtin_words() -> tuple[WordEntry, ...]:
    """The shipped word list (validated; a broken file is a packaging error)."""
    try:
        data = tomllib.loads(_data_text())
        return _WordFile.model_validate(data).ord
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DrafterError(f"ordlistan drafter/data/ordlista.toml kan inte läsas: {exc}") from exc
    except ValidationError as exc:
        raise DrafterError(
            f"ordlistan drafter/data/ordlista.toml är felaktig: {describe_validation_error(exc)}"
        ) from exc


class WordHit(NamedTuple):
    """One occurrence of a listed word in a text."""

    entry: WordEntry
    found: str
    """The text as written ("Skall")."""
    start: int


def _key_word(form: str) -> str:
    """The word a form is looked up by: its longest word ("enlighet" in "i enlighet med")."""
    return max(form.split(), key=len)


class WordMatcher:
    """Finds the words of a list in texts.

    Fast path first: the text's words are put in a set and compared with each form's key
    word, so a text with no listed word costs one split. Only key words that occur get
    their (small, literal-prefixed) pattern run over the lower-cased text.
    """

    def __init__(self, entries: tuple[WordEntry, ...]) -> None:
        self._by_form: dict[str, WordEntry] = {}
        for entry in entries:
            for form in entry.forms:
                self._by_form.setdefault(form, entry)
        by_key: dict[str, list[str]] = {}
        for form in self._by_form:
            by_key.setdefault(_key_word(form), []).append(form)
        self._sources: dict[str, str] = {}
        for key, forms in by_key.items():
            alternatives = "|".join(
                r"\s+".join(re.escape(w) for w in f.split())
                for f in sorted(forms, key=len, reverse=True)
            )
            self._sources[key] = rf"(?:{alternatives})(?![\w-])"
        self._patterns: dict[str, re.Pattern[str]] = {}
        """Compiled when their key word first occurs: most never do in one run."""
        self._keys = frozenset(self._sources)

    def _pattern(self, key: str) -> re.Pattern[str]:
        pattern = self._patterns.get(key)
        if pattern is None:
            pattern = self._patterns[key] = re.compile(self._sources[key])
        return pattern

    def find(self, text: str) -> tuple[WordHit, ...]:
        """Every listed word in ``text``, in order (cached per text)."""
        return _find_cached(self, text)

    def _find(self, text: str) -> tuple[WordHit, ...]:
        keys = self._keys.intersection(_words_present(text))
        if not keys:
            return ()
        lowered = text.lower()
        same_length = len(lowered) == len(text)
        hits: list[WordHit] = []
        for key in keys:
            for match in self._pattern(key).finditer(lowered):
                start = match.start()
                if start and (lowered[start - 1].isalnum() or lowered[start - 1] in "_-"):
                    continue  # inside a word ("överskall")
                entry = self._by_form[" ".join(match.group(0).split())]
                if entry.inte_efter:
                    before = _WORD.findall(lowered[max(0, start - 40) : start])
                    if before and before[-1] in entry.inte_efter:
                        continue
                if entry.inte_fore:
                    after = _WORD.findall(lowered[match.end() : match.end() + 40])
                    if after and after[0] in entry.inte_fore:
                        continue
                found = text[start : match.end()] if same_length else match.group(0)
                hits.append(WordHit(entry, found, start))
        hits.sort(key=lambda hit: hit.start)
        return tuple(hits)


#: Each whitespace-separated piece seen in this process, lower-cased and stripped of
#: punctuation (a batch's files share most pieces); cleared past :data:`_PIECE_LIMIT`.
_piece_words: dict[str, str] = {}
_PIECE_LIMIT = 20_000


def _words_present(text: str) -> Iterator[str]:
    """The lower-cased words of ``text`` with punctuation stripped (each distinct piece
    once): what the list's key words are looked up in."""
    from drafter.checks.textstats import per_piece

    return per_piece(text, _piece_words, _PIECE_LIMIT, _stripped_lower)


def _stripped_lower(piece: str) -> str:
    return piece.lower().strip(_PUNCTUATION)


@lru_cache(maxsize=1024)
def _find_cached(matcher: WordMatcher, text: str) -> tuple[WordHit, ...]:
    return matcher._find(text)


@lru_cache(maxsize=64)
def matcher_for(extra: tuple[WordEntry, ...] = (), ignore: tuple[str, ...] = ()) -> WordMatcher:
    """A matcher for the shipped list plus ``extra``, without the headwords in ``ignore``.

    Words a template adds come first, so a template can override a shipped entry.
    """
    dropped = {w.lower() for w in ignore}
    entries = tuple(extra) + tuple(e for e in builtin_words() if e.ord.lower() not in dropped)
    return WordMatcher(entries)
