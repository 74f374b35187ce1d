"""The three word lists the spelling check accepts besides the dictionary.

1. The template's: ``[stavning] extra = [...]`` (an organisation's own terms), see
   :class:`~drafter.spelling.settings.SpellingSettings`.
2. The user's own: ``stavning.txt`` in drafter's config folder (``$DRAFTER_CONFIG_DIR``
   or the platform's, see :func:`drafter.paths.user_config_dir`), one word a line, lines
   starting with ``#`` ignored. Read with a bounded, regular-file-only read; written
   atomically.
3. The ärende's own: a top-level table in the ärende file, kept in ``Arende.extra``::

       [stavning]
       ord = ["Vanhaverbeke", "tekniknära"]
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.errors import DrafterError
from drafter.spelling.dictionary import MAX_WORD_CHARS

if TYPE_CHECKING:
    from drafter.model import Arende

#: The user's list, inside the config folder.
USER_LIST_NAME = "stavning.txt"

#: Key of the ärende's own list in the file (and in ``Arende.extra``), and its words key.
ARENDE_KEY = "stavning"
ARENDE_WORDS_KEY = "ord"

#: The user's list is at most this large; a larger file is not read.
MAX_USER_LIST_BYTES = 2 * 1024 * 1024

_HEADER = (
    "# drafter: din egen ordlista för stavningskontrollen, ett ord per rad.\n"
    "# Rader som börjar med # räknas inte.\n"
)


class WordListError(DrafterError):
    """The user's word list cannot be read or written."""


def valid_word(word: str) -> bool:
    """Whether ``word`` can stand in a word list: one printable word, not too long."""
    word = word.strip()
    return (
        bool(word)
        and len(word) <= MAX_WORD_CHARS
        and word.isprintable()
        and not any(c.isspace() for c in word)
    )


#: The environment variables the config folder depends on: drafter's own, then those
#: platformdirs reads (XDG on Linux, the home folder, Windows' application data).
_CONFIG_ENV = ("DRAFTER_CONFIG_DIR", "XDG_CONFIG_HOME", "HOME", "APPDATA", "USERPROFILE")
_path_cache: dict[tuple[str | None, ...], Path] = {}


def user_list_path() -> Path:
    """Where the user's own word list is (it may not exist yet).

    Worked out once for each setting of :data:`_CONFIG_ENV`: asking platformdirs takes
    longer than the rest of looking at an unchanged list, and a batch looks once per file.
    """
    key = tuple(os.environ.get(name) for name in _CONFIG_ENV)
    found = _path_cache.get(key)
    if found is None:
        from drafter.paths import user_config_dir

        found = user_config_dir() / USER_LIST_NAME
        if len(_path_cache) >= 16:
            _path_cache.clear()
        _path_cache[key] = found
    return found


_user_cache: dict[Path, tuple[tuple[int, int], tuple[str, ...]]] = {}


def _parse(text: str) -> tuple[str, ...]:
    words: list[str] = []
    for line in text.splitlines():
        word = line.strip()
        if word and not word.startswith("#") and valid_word(word):
            words.append(word)
    return tuple(words)


def read_user_words(path: Path | None = None) -> tuple[str, ...]:
    """The words of the user's list; ``()`` when there is none.

    Raises :class:`WordListError` (Swedish, naming the file) when it is not a regular
    file, too large or not UTF-8. Re-read only when the file changes.
    """
    from drafter.storage import read_file_bytes

    path = user_list_path() if path is None else path
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return ()
    except OSError as exc:
        raise WordListError(f"ordlistan kan inte läsas ({exc.strerror})", path) from exc
    if not stat.S_ISREG(info.st_mode):
        raise WordListError("ordlistan är ingen vanlig fil; ta bort eller byt namn på den", path)
    if info.st_size > MAX_USER_LIST_BYTES:
        raise WordListError(
            f"ordlistan är större än {MAX_USER_LIST_BYTES // (1024 * 1024)} MB och läses inte",
            path,
        )
    key = (info.st_mtime_ns, info.st_size)
    cached = _user_cache.get(path)
    if cached is not None and cached[0] == key:
        return cached[1]
    raw = read_file_bytes(path, folder_hint="ordlistan ska vara en textfil", error=WordListError)
    if len(raw) > MAX_USER_LIST_BYTES:
        raise WordListError("ordlistan är för stor och läses inte", path)
    try:
        words = _parse(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise WordListError("ordlistan är inte sparad som UTF-8; spara om den", path) from exc
    _user_cache.clear()
    _user_cache[path] = (key, words)
    return words


def add_user_word(word: str, path: Path | None = None) -> Path:
    """Add ``word`` to the user's list (created with its folder if needed), atomically.

    Returns the list's path. Raises :class:`WordListError` for a word that cannot stand
    in a list, and :class:`DrafterError` when the file cannot be read or written.
    """
    from drafter.storage import atomic_write_text

    word = word.strip()
    if not valid_word(word):
        raise WordListError(f"”{word[:MAX_WORD_CHARS]}” kan inte läggas till i ordlistan")
    path = user_list_path() if path is None else path
    words = read_user_words(path)
    if word in words:
        return path
    try:
        old = path.read_text(encoding="utf-8-sig") if words or path.exists() else ""
    except (OSError, UnicodeDecodeError):
        old = ""
    text = old if old.strip() else _HEADER
    if not text.endswith("\n"):
        text += "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WordListError(f"mappen för ordlistan kan inte skapas ({exc.strerror})", path) from exc
    atomic_write_text(path, text + word + "\n")
    return path


def arende_words(arende: Arende) -> tuple[str, ...]:
    """The words of the ärende's own list (``[stavning] ord = [...]``); ``()`` if none.

    Anything else a user wrote there by hand is ignored, and kept on save.
    """
    table = arende.extra.get(ARENDE_KEY)
    if not isinstance(table, dict):
        return ()
    words = table.get(ARENDE_WORDS_KEY)
    if not isinstance(words, list):
        return ()
    return tuple(w.strip() for w in words if isinstance(w, str) and valid_word(w))


def add_arende_word(arende: Arende, word: str) -> bool:
    """Add ``word`` to the ärende's own list; ``False`` when it cannot be added there.

    The list is created when missing. A ``[stavning]`` table or ``ord`` key the user wrote
    by hand with something other than a list is left alone (``False``).
    """
    word = word.strip()
    if not valid_word(word):
        return False
    table = arende.extra.setdefault(ARENDE_KEY, {})
    if not isinstance(table, dict):
        return False
    words = table.setdefault(ARENDE_WORDS_KEY, [])
    if not isinstance(words, list):
        return False
    if word not in words:
        words.append(word)
    return True
