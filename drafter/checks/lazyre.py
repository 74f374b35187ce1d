"""Regular expressions compiled the first time they are used, not at import.

``re.compile`` parses a pattern in pure Python (0.1–1 ms each); the check modules hold
about thirty module-level patterns, so compiling them at import put ~10 ms before the TUI's
first frame and into every ``drafter check``, also for patterns a check run never reaches.
:func:`lazy_compile` is a drop-in for ``re.compile`` at module level: the object it returns
compiles the pattern on first use and then answers as the compiled pattern.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

_END = 2**63 - 1


class LazyPattern:
    """A ``re.Pattern[str]`` compiled on first use (see :func:`lazy_compile`)."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source: str = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it was not yet)."""
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self._source, self._flags)
        return compiled

    @property
    def pattern(self) -> str:
        return self._source

    def search(self, string: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        return self.compiled.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        return self.compiled.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        return self.compiled.fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = _END) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = _END) -> list[Any]:
        return self.compiled.findall(string, pos, endpos)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled.split(string, maxsplit)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled.sub(repl, string, count)

    def __repr__(self) -> str:
        return f"lazy_compile({self._source!r}, {self._flags})"


def lazy_compile(source: str, flags: int = 0) -> LazyPattern:
    """``re.compile(source, flags)``, done the first time the pattern is used."""
    return LazyPattern(source, flags)
