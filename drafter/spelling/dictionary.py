"""The Swedish Hunspell dictionary: finding it, loading it once per process, asking it.

The dictionary is ``sv_SE.aff``/``sv_SE.dic`` from the ``hunspell-sv`` package (installed
under the Python environment's ``share/hunspell``), read by the C Hunspell library that
``chunspell`` ships in binary wheels. Loading takes a few tenths of a second and about
30 MB, so it happens lazily and at most once per process:

* :func:`load` loads it in the calling thread (the CLI), and returns the
  :class:`Speller`, or ``None`` when the dictionary is missing (a broken install);
* :func:`load_async` starts a background thread for it (the TUI, after its first frame);
  :func:`get_if_loaded` returns the speller once it is ready and ``None`` before.

Whether the STAV-1 check may wait for the dictionary is a per-process :class:`Mode`:
:data:`Mode.OFF` (the default: library callers and tests get no spelling findings unless
they ask for them), :data:`Mode.NON_BLOCKING` (the check yields nothing until the
dictionary is loaded) and :data:`Mode.BLOCKING` (the check loads it first).

Hunspell is C code: every word given to it here is at most :data:`MAX_WORD_CHARS`
characters of letters, digits and word joiners (never a control character), and every call
into it holds one lock, so the speller can be shared by threads.
"""

from __future__ import annotations

import contextlib
import os
import site
import sys
import sysconfig
import threading
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Protocol

#: Words longer than this are never given to Hunspell (and never reported).
MAX_WORD_CHARS = 60

#: Suggestions are looked for only for words up to this length.
MAX_SUGGEST_CHARS = 40

DICTIONARY_NAME = "sv_SE"

#: Environment variable naming the only folder to look for ``sv_SE.aff``/``.dic`` in.
DICTIONARY_DIR_ENV = "DRAFTER_HUNSPELL_DIR"

MISSING_MESSAGE = (
    "Stavningskontrollen är avstängd: den svenska ordlistan (paketet hunspell-sv) eller "
    "stavningsmotorn (paketet chunspell) saknas eller går inte att läsa. Installera om "
    "drafter, till exempel med ”pip install --force-reinstall drafter”."
)

_CACHE_LIMIT = 50_000


class Mode(StrEnum):
    """Whether the STAV-1 check runs, and whether it may wait for the dictionary."""

    OFF = "av"
    NON_BLOCKING = "bakgrund"
    BLOCKING = "direkt"


class State(StrEnum):
    """Where loading the dictionary stands in this process."""

    NOT_LOADED = "ej laddad"
    LOADING = "laddas"
    READY = "klar"
    MISSING = "saknas"


class _Engine(Protocol):
    def spell(self, word: str) -> bool: ...


def dictionary_dirs() -> list[Path]:
    """Folders searched for ``sv_SE.aff`` and ``sv_SE.dic``, first match wins.

    ``$DRAFTER_HUNSPELL_DIR`` alone when it is set; otherwise the environment's data
    folder (where pip puts ``hunspell-sv``), the user's ``--user`` data folder, and the
    system's Hunspell folders.
    """
    override = os.environ.get(DICTIONARY_DIR_ENV)
    if override:
        return [Path(override)]
    found: list[Path] = []
    candidates = [
        sysconfig.get_path("data"),
        sys.prefix,
        sys.base_prefix,
        site.getuserbase(),
        "/usr/local",
        "/usr",
        "/opt/homebrew",
    ]
    for base in candidates:
        folder = Path(base) / "share" / "hunspell"
        if folder not in found:
            found.append(folder)
    return found


def find_dictionary() -> Path | None:
    """The folder holding both dictionary files as regular files, or ``None``."""
    for folder in dictionary_dirs():
        aff = folder / f"{DICTIONARY_NAME}.aff"
        dic = folder / f"{DICTIONARY_NAME}.dic"
        try:
            if aff.is_file() and dic.is_file():
                return folder
        except OSError:
            continue
    return None


class Speller:
    """A loaded dictionary: spelling and suggestions, cached and thread-safe."""

    def __init__(self, engine: _Engine) -> None:
        self._engine = engine
        self._lock = threading.Lock()
        self._known: dict[str, bool] = {}
        self._suggested: dict[str, tuple[str, ...]] = {}

    def _spell(self, word: str) -> bool:
        # Every word is checked before it gets here: bounded and letters only.
        with self._lock:
            return bool(self._engine.spell(word))

    def check(self, word: str) -> bool:
        """Whether Hunspell accepts ``word`` (including the compounds it accepts)."""
        known = self._known.get(word)
        if known is None:
            if len(word) > MAX_WORD_CHARS or not _safe(word):
                return True  # never given to Hunspell, never reported
            known = self._spell(word)
            if len(self._known) >= _CACHE_LIMIT:
                self._known.clear()
            self._known[word] = known
        return known

    def cached_suggestions(self, word: str) -> tuple[str, ...] | None:
        """The suggestions already worked out for ``word``, or ``None``."""
        return self._suggested.get(word)

    def suggest(self, word: str, limit: int = 3, budget: int = 600) -> tuple[str, ...]:
        """Up to ``limit`` words Hunspell accepts that are one edit away from ``word``.

        Hunspell's own ``suggest`` takes seconds per word on this compounding dictionary
        (it scans the whole word list), so drafter tries the usual typing errors itself,
        most likely first, and asks Hunspell only whether each candidate is a word: two
        letters swapped ("medlemskpa"), a letter doubled or dropped, a neighbouring key or
        å/ä/ö for a/o, a lost vowel ("handläggre"), and only when none of those gives a
        word, any letter inserted or replaced. At most ``budget`` candidates are tried
        (each costs Hunspell 2–300 µs).
        """
        cached = self._suggested.get(word)
        if cached is not None:
            return cached[:limit]
        found: tuple[str, ...] = ()
        if 2 <= len(word) <= MAX_SUGGEST_CHARS and _safe(word):
            found = tuple(self._edits(word, limit, budget))
        if len(self._suggested) >= _CACHE_LIMIT:
            self._suggested.clear()
        self._suggested[word] = found
        return found

    def _edits(self, word: str, limit: int, budget: int) -> Iterator[str]:
        capital = word[:1].isupper() and word[1:].islower()
        base = word.lower() if capital else word
        seen = {base}
        found = 0
        tried = 0
        stages = (_near_edits(base), _vowel_insertions(base), _wide_edits(base))
        for stage, candidates in enumerate(stages):
            if found and stage >= 2:
                return  # the likelier errors gave words: no wild guesses after them
            for candidate in candidates:
                if candidate in seen:
                    continue
                seen.add(candidate)
                tried += 1
                if tried > budget:
                    return
                if capital:
                    candidate = candidate[:1].upper() + candidate[1:]
                if self.check(candidate):
                    yield candidate
                    found += 1
                    if found >= limit:
                        return


def _safe(word: str) -> bool:
    return bool(word) and word.isprintable() and not any(c.isspace() for c in word)


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


def _near_edits(word: str) -> Iterator[str]:
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


def _vowel_insertions(word: str) -> Iterator[str]:
    """A lost vowel ("handläggre")."""
    for i in range(1, len(word) + 1):
        for vowel in _VOWELS:
            yield word[:i] + vowel + word[i:]


def _wide_edits(word: str) -> Iterator[str]:
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


# --------------------------------------------------------------------------- loading

_state = State.NOT_LOADED
_speller: Speller | None = None
_mode = Mode.OFF
_load_lock = threading.Lock()
_thread_lock = threading.Lock()
_thread: threading.Thread | None = None


def _open_engine() -> _Engine | None:
    folder = find_dictionary()
    if folder is None:
        return None
    try:
        import hunspell  # type: ignore[import-untyped]  # chunspell ships no type hints
    except ImportError:
        return None
    try:
        engine: _Engine = hunspell.Hunspell(DICTIONARY_NAME, hunspell_data_dir=str(folder))
    except (OSError, MemoryError, UnicodeError, hunspell.HunspellFilePathError):
        return None
    return engine


def _settled() -> bool:
    return _state is State.READY or _state is State.MISSING


def load() -> Speller | None:
    """The dictionary, loaded in this thread unless it already is; ``None`` when missing.

    Thread-safe: a second caller waits for a load under way instead of loading again.
    """
    global _state, _speller
    if _settled():
        return _speller
    with _load_lock:
        if not _settled():  # another thread may have loaded it meanwhile
            engine = _open_engine()
            _speller = Speller(engine) if engine is not None else None
            _state = State.READY if engine is not None else State.MISSING
    return _speller


def load_async(on_done: Callable[[Speller | None], None] | None = None) -> None:
    """Start loading the dictionary in a background thread (once per process).

    ``on_done`` is called in that thread with the result when loading ends, or at once
    in this thread when it already has. Note: the C library holds Python's global lock
    while it reads the files, so other threads pause for that time (see
    ``docs/stavning.md``); call this after the first frame is drawn.
    """
    global _thread, _state
    if _settled():
        if on_done is not None:
            on_done(_speller)
        return

    def run() -> None:
        speller = load()
        if on_done is not None:
            on_done(speller)

    with _thread_lock:
        if _thread is not None and on_done is None:
            return
        if _state is State.NOT_LOADED:
            _state = State.LOADING
        thread = threading.Thread(target=run, name="drafter-stavning", daemon=True)
        if _thread is None:
            _thread = thread
        thread.start()


def get_if_loaded() -> Speller | None:
    """The speller when the dictionary is loaded, else ``None`` (never waits)."""
    return _speller if _state is State.READY else None


def state() -> State:
    """Where loading the dictionary stands."""
    return _state


def get_mode() -> Mode:
    """This process's spelling mode (see :class:`Mode`)."""
    return _mode


def set_mode(mode: Mode) -> Mode:
    """Set this process's spelling mode; returns the one it replaces."""
    global _mode
    previous, _mode = _mode, mode
    return previous


@contextlib.contextmanager
def using_mode(mode: Mode) -> Iterator[None]:
    """Run a block with ``mode``, restoring the previous mode after it."""
    previous = set_mode(mode)
    try:
        yield
    finally:
        set_mode(previous)


def speller_for_check() -> Speller | State | None:
    """What the STAV-1 check uses: a speller, ``State.MISSING``, or ``None`` (no findings).

    ``None`` when the mode is off, or non-blocking and the dictionary is not loaded yet.
    """
    if _mode is Mode.OFF:
        return None
    speller = load() if _mode is Mode.BLOCKING else get_if_loaded()
    if speller is None and _state is State.MISSING:
        return State.MISSING
    return speller
