"""The Swedish Hunspell dictionary: finding it, loading it once per process, asking it.

The dictionary is ``sv_SE.aff``/``sv_SE.dic`` from the ``hunspell-sv`` package (installed
under the Python environment's ``share/hunspell``), read by the C Hunspell library that
``chunspell`` ships in binary wheels. Loading takes about half a second of CPU, during
which the C library holds Python's global lock, so on POSIX it loads in a helper process
(:mod:`drafter.spelling.server`) that answers over a pipe, on the other core; elsewhere,
or when no helper can be started, in this process. Either way it loads lazily and at most
once per process:

* :func:`start_loading` lets the helper start loading now, without waiting (the CLI calls
  it first thing, so the dictionary loads while drafter reads the files);
* :func:`load` waits for the dictionary and returns the :class:`Speller`, or ``None``
  when the dictionary is missing (a broken install);
* :func:`load_async` waits in a background thread (the TUI, after its first frame);
  :func:`get_if_loaded` returns the speller once it is ready and ``None`` before.

Whether the STAV-1 check may wait for the dictionary is a per-process
:class:`~drafter.spelling.mode.Mode` (kept in its own small module):
:data:`Mode.OFF` (the default: library callers and tests get no spelling findings unless
they ask for them), :data:`Mode.NON_BLOCKING` (the check yields nothing until the
dictionary is loaded) and :data:`Mode.BLOCKING` (the check loads it first).

Hunspell is C code: every word given to it is 1–:data:`MAX_WORD_CHARS` printable
characters without spaces (:func:`safe_word`, checked again in the helper), and every call
into it holds one lock, so the speller can be shared by threads.
"""

from __future__ import annotations

import os
import site
import sys
import sysconfig
import threading
from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from drafter.spelling.candidates import near_edits, vowel_insertions, wide_edits
from drafter.spelling.mode import Mode, get_mode

if TYPE_CHECKING:  # the helper's module (subprocess, json) is imported when it starts
    from drafter.spelling.remote import RemoteEngine

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


class Engine(Protocol):
    """What answers spelling questions: Hunspell here, or in a helper process."""

    def spell_many(self, words: list[str]) -> list[bool]:
        """Whether each word is spelled right (every word passed :func:`safe_word`)."""
        ...

    def suggest_many(self, words: list[str], limit: int, budget: int) -> list[tuple[str, ...]]:
        """Suggestions for each word (see :meth:`LocalEngine.suggest`)."""
        ...


class LocalEngine:
    """Hunspell in this process. Every call into it holds one lock."""

    def __init__(self, hunspell: _Engine) -> None:
        self._hunspell = hunspell
        self._lock = threading.Lock()
        self._known: dict[str, bool] = {}

    def spell(self, word: str) -> bool:
        """Whether Hunspell accepts ``word``; words that fail :func:`safe_word` pass."""
        known = self._known.get(word)
        if known is None:
            if not safe_word(word):
                return True  # never given to Hunspell, never reported
            with self._lock:
                known = bool(self._hunspell.spell(word))
            if len(self._known) >= _CACHE_LIMIT:
                self._known.clear()
            self._known[word] = known
        return known

    def spell_many(self, words: list[str]) -> list[bool]:
        return [self.spell(w) for w in words]

    def suggest_many(self, words: list[str], limit: int, budget: int) -> list[tuple[str, ...]]:
        return [self.suggest(w, limit, budget) for w in words]

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
        if not 2 <= len(word) <= MAX_SUGGEST_CHARS or not safe_word(word):
            return ()
        return tuple(self._edits(word, limit, budget))

    def _edits(self, word: str, limit: int, budget: int) -> Iterator[str]:
        capital = word[:1].isupper() and word[1:].islower()
        base = word.lower() if capital else word
        seen = {base}
        found = 0
        tried = 0
        stages = (near_edits(base), vowel_insertions(base), wide_edits(base))
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
                if self.spell(candidate):
                    yield candidate
                    found += 1
                    if found >= limit:
                        return


class Speller:
    """A loaded dictionary: spelling and suggestions, cached and thread-safe.

    Ask in batches (:meth:`unknown`, :meth:`suggest_many`): when the engine is a helper
    process, each batch is one round trip.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._known: dict[str, bool] = {}
        self._suggested: dict[str, tuple[str, ...]] = {}

    def unknown(self, words: Iterable[str]) -> set[str]:
        """The words Hunspell does not accept (compounds it accepts are accepted)."""
        distinct = list(dict.fromkeys(words))
        ask = [w for w in distinct if w not in self._known and safe_word(w)]
        if ask:
            answers = self.engine.spell_many(ask)
            if len(self._known) + len(ask) >= _CACHE_LIMIT:
                self._known.clear()
            self._known.update(zip(ask, answers, strict=True))
        return {w for w in distinct if self._known.get(w) is False}

    def cached_suggestions(self, word: str) -> tuple[str, ...] | None:
        """The suggestions already worked out for ``word``, or ``None``."""
        return self._suggested.get(word)

    def suggest_many(
        self, words: Iterable[str], limit: int = 3, budget: int = 600
    ) -> dict[str, tuple[str, ...]]:
        """Up to ``limit`` suggestions for each word, best first (see
        :meth:`LocalEngine.suggest`)."""
        wanted = list(dict.fromkeys(words))
        ask = [w for w in wanted if w not in self._suggested]
        if ask:
            answers = self.engine.suggest_many(ask, limit, budget)
            if len(self._suggested) + len(ask) >= _CACHE_LIMIT:
                self._suggested.clear()
            self._suggested.update(zip(ask, answers, strict=True))
        return {w: self._suggested.get(w, ())[:limit] for w in wanted}

    def suggest(self, word: str, limit: int = 3) -> tuple[str, ...]:
        """Up to ``limit`` suggestions for one word."""
        return self.suggest_many([word], limit)[word]


def safe_word(word: str) -> bool:
    """Whether ``word`` may be given to Hunspell: 1–60 printable characters, no spaces."""
    return (
        0 < len(word) <= MAX_WORD_CHARS
        and word.isprintable()
        and not any(c.isspace() for c in word)
    )


# --------------------------------------------------------------------------- loading

_state = State.NOT_LOADED
_speller: Speller | None = None
_load_lock = threading.Lock()
_thread_lock = threading.Lock()
_thread: threading.Thread | None = None
_starting: RemoteEngine | None = None
_separate_process = os.name == "posix"


def _open_local(folder: Path) -> LocalEngine | None:
    try:
        import hunspell  # type: ignore[import-untyped]  # chunspell ships no type hints
    except ImportError:
        return None
    try:
        return LocalEngine(hunspell.Hunspell(DICTIONARY_NAME, hunspell_data_dir=str(folder)))
    except Exception:  # any failure (another "hunspell" module, bad files): no dictionary
        return None


def _start_remote(folder: Path) -> RemoteEngine | None:
    from drafter.spelling.remote import RemoteEngine

    try:
        return RemoteEngine(folder)
    except OSError:
        return None


def _open_engine() -> Engine | None:
    global _starting
    folder = find_dictionary()
    if folder is None:
        return None
    if not _separate_process:
        return _open_local(folder)
    remote, _starting = _starting or _start_remote(folder), None
    if remote is not None and remote.wait_ready():
        return remote
    # No helper process here (a frozen program, no fork/exec): load in this one. The
    # files were found, so a helper that failed says little about them.
    return _open_local(folder)


def start_loading(*, separate_process: bool = True) -> None:
    """Let the dictionary load from now on, without waiting for it.

    With ``separate_process`` (POSIX only) the helper process starts now and loads on
    another core while this process goes on; :func:`load` then only waits for it. With
    ``separate_process=False`` the dictionary will load in this process when first
    needed (a batch that forks worker processes afterwards shares it with them).
    """
    global _separate_process, _starting
    _separate_process = separate_process and os.name == "posix"
    if not _separate_process or _settled() or _starting is not None:
        return
    with _load_lock:
        if not _settled() and _starting is None:
            folder = find_dictionary()
            if folder is not None:
                _starting = _start_remote(folder)


def _settled() -> bool:
    return _state is State.READY or _state is State.MISSING


def load() -> Speller | None:
    """The dictionary, loaded unless it already is; ``None`` when missing.

    Waits for the load. Thread-safe: a second caller waits for a load under way instead
    of loading again.
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


def mark_broken() -> None:
    """The engine failed (the helper died): spelling is unavailable from now on."""
    global _state, _speller
    _speller = None
    _state = State.MISSING


def _after_fork_in_child() -> None:
    # A forked worker must not share the parent's pipe to the helper process: it loads
    # the dictionary itself if it needs it (a batch loads it in-process before forking).
    global _state, _speller, _starting, _thread, _load_lock, _thread_lock, _separate_process
    _load_lock = threading.Lock()
    _thread_lock = threading.Lock()
    _thread = None
    _starting = None
    remote = sys.modules.get("drafter.spelling.remote")  # (no helper was started without it)
    if (
        _speller is not None
        and remote is not None
        and isinstance(_speller.engine, remote.RemoteEngine)
    ):
        _speller = None
        _state = State.NOT_LOADED
        _separate_process = False
    elif _state is State.LOADING:
        _state = State.NOT_LOADED


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


def load_async(on_done: Callable[[Speller | None], None] | None = None) -> None:
    """Start loading the dictionary in a background thread (once per process).

    ``on_done`` is called in that thread with the result when loading ends, or at once
    in this thread when it already has. On POSIX the dictionary loads in a helper
    process, so the thread only waits; elsewhere it loads in the thread, and the C
    library then holds Python's global lock for that time (see ``docs/stavning.md``).
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


def speller_for_check() -> Speller | State | None:
    """What the STAV-1 check uses: a speller, ``State.MISSING``, or ``None`` (no findings).

    ``None`` when the mode is off, or non-blocking and the dictionary is not loaded yet.
    """
    mode = get_mode()
    if mode is Mode.OFF:
        return None
    speller = load() if mode is Mode.BLOCKING else get_if_loaded()
    if speller is None and _state is State.MISSING:
        return State.MISSING
    return speller
