"""The klarspråk word list: officialese words and plain replacements, kept as data.

The shipped list is ``drafter/data/ordlista.toml``; a template adds words with the
``ordlista`` rule's ``extra`` parameter and drops shipped ones with ``ignorera``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from drafter.errors import DrafterError, describe_validation_error


class WordEntry(BaseModel):
    """One word of the list: the forms to find, what to write instead, and the source."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ord: str = Field(min_length=1)
    former: tuple[str, ...] = ()
    ersattning: tuple[str, ...] = ()
    rad: str = ""
    inte_efter: tuple[str, ...] = ()
    kalla: str = ""
    kallnamn: str = ""
    verifierad: bool = True

    @field_validator("former", "inte_efter")
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
    return resources.files("drafter").joinpath("data", "ordlista.toml").read_text("utf-8")


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


@dataclass(frozen=True)
class WordHit:
    """One occurrence of a listed word in a text."""

    entry: WordEntry
    found: str
    """The text as written ("Skall")."""
    start: int


class WordMatcher:
    """Finds the words of a list in texts (one compiled pattern for all forms)."""

    def __init__(self, entries: tuple[WordEntry, ...]) -> None:
        self._by_form: dict[str, WordEntry] = {}
        for entry in entries:
            for form in entry.forms:
                self._by_form.setdefault(form, entry)
        forms = sorted(self._by_form, key=len, reverse=True)
        alternatives = "|".join(r"\s+".join(re.escape(w) for w in f.split()) for f in forms)
        self._pattern = (
            re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE) if forms else None
        )

    def find(self, text: str) -> list[WordHit]:
        """Every listed word in ``text``, in order."""
        if self._pattern is None:
            return []
        hits: list[WordHit] = []
        for match in self._pattern.finditer(text):
            form = " ".join(match.group(0).lower().split())
            entry = self._by_form[form]
            if entry.inte_efter:
                before = re.findall(r"[\w-]+", text[: match.start()][-40:])
                if before and before[-1].lower() in entry.inte_efter:
                    continue
            hits.append(WordHit(entry, match.group(0), match.start()))
        return hits


@lru_cache(maxsize=64)
def matcher_for(extra: tuple[WordEntry, ...] = (), ignore: tuple[str, ...] = ()) -> WordMatcher:
    """A matcher for the shipped list plus ``extra``, without the headwords in ``ignore``.

    Words a template adds come first, so a template can override a shipped entry.
    """
    dropped = {w.lower() for w in ignore}
    entries = tuple(extra) + tuple(e for e in builtin_words() if e.ord.lower() not in dropped)
    return WordMatcher(entries)
