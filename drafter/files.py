"""The one guarded way drafter reads a file someone else may have made, and parses TOML.

Every input (an ärende, a template, a document to import) is read by
:func:`read_file_bytes`: only a regular file (checked on the open descriptor, opened
without blocking so a FIFO cannot hang), read in chunks that stop at a size limit whatever
the file system says its size is (``/dev/zero`` or ``/proc`` files cannot grow memory).
:func:`loads_toml` parses TOML with a nesting limit. Every failure is a
:class:`~drafter.errors.DrafterError` with a Swedish message naming the file.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter import tomlparse
from drafter.errors import ArendeFileError, DrafterError

if TYPE_CHECKING:
    import tomllib

#: Files larger than this are refused instead of risking a hang (20 MB).
MAX_FILE_BYTES = 20 * 1024 * 1024

#: Templates are a few KB; a template above this is not one (1 MB).
MAX_TEMPLATE_BYTES = 1024 * 1024

#: Deepest nesting of tables and arrays a file may have (drafter's own files have 3).
MAX_NESTING = 32

_CHUNK = 1024 * 1024
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


def _megabytes(size: int) -> str:
    return f"{size // (1024 * 1024)} MB" if size >= 1024 * 1024 else f"{size // 1024} kB"


def read_file_bytes(
    path: Path,
    *,
    folder_hint: str = "ange ärendefilens sökväg",
    error: type[DrafterError] = ArendeFileError,
    limit: int = MAX_FILE_BYTES,
) -> bytes:
    """Read a whole regular file of at most ``limit`` bytes, with Swedish errors.

    Every failure (missing, a folder, a FIFO or device, too large, no permission, a bad
    path) raises ``error`` naming the file; ``folder_hint`` says what to give instead of
    a folder.
    """
    folder = f"är en mapp, inte en fil; {folder_hint}"
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError as exc:
        raise error("filen finns inte; kontrollera sökvägen", path) from exc
    except IsADirectoryError as exc:
        raise error(folder, path) from exc
    except PermissionError as exc:
        if os.path.isdir(path):  # Windows refuses to open a folder this way
            raise error(folder, path) from exc
        raise error("du saknar behörighet att läsa filen", path) from exc
    except OSError as exc:
        raise error(f"filen kan inte läsas ({exc.strerror})", path) from exc
    except ValueError as exc:  # e.g. a NUL character in the path
        raise error("ogiltigt filnamn", repr(str(path))) from exc
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise error(folder, path)
        if not stat.S_ISREG(info.st_mode):
            raise error(
                "är ingen vanlig fil (utan till exempel en namngiven pipe eller en enhet); "
                "ange en vanlig fil",
                path,
            )
        too_large = f"filen är större än {_megabytes(limit)}, mer än drafter läser"
        if info.st_size > limit:
            raise error(
                f"filen är {_megabytes(info.st_size)}; drafter läser filer upp till "
                f"{_megabytes(limit)}",
                path,
            )
        chunks: list[bytes] = []
        total = 0
        want = min(limit + 1, max(info.st_size + 1, 64 * 1024))
        while True:  # the size stat gives is a hint: stop at the limit whatever it said
            chunk = os.read(fd, want)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise error(too_large, path)
            want = min(limit + 1 - total, _CHUNK)
        return b"".join(chunks)
    except OSError as exc:
        raise error(f"filen kan inte läsas ({exc.strerror})", path) from exc
    finally:
        os.close(fd)


# Sources, not compiled patterns: they are needed only for a file with a syntax error
# (``re`` compiles and caches them then).
_TOML_POS = r"\s*\(at line (\d+), column (\d+)\)$"
_TOML_END = r"\s*\(at end of document\)$"
_TOML_MESSAGES = {
    "Invalid value": "ogiltigt värde (glömt citattecken runt text?)",
    "Invalid statement": "ogiltig rad (förväntade nyckel = värde eller [tabell])",
    "Expected '=' after a key in a key/value pair": "”=” saknas efter nyckeln",
    "Cannot overwrite a value": "samma nyckel förekommer två gånger",
    "Cannot declare": "samma tabell förekommer två gånger",
    "Unclosed array": "en lista saknar avslutande ”]”",
    "Unterminated string": "en text saknar avslutande citattecken",
    "Illegal character '\\n'": (
        "texten tar slut vid radbrytningen; avslutande citattecken saknas "
        '(använd """ för text på flera rader)'
    ),
    "Illegal character": "otillåtet tecken",
    "Unclosed inline table": "en tabell {…} saknar avslutande ”}”",
    "Unescaped '\\'": "ett \\ i en text måste skrivas \\\\",
    "Expected newline or end of document after a statement": (
        "förväntade radslut efter värdet (två värden på samma rad?)"
    ),
    "Expected ']' at the end of a table declaration": "en [tabell] saknar avslutande ”]”",
    "Expected ']]' at the end of an array declaration": "en [[tabell]] saknar avslutande ”]]”",
    "Expected \"'''\"": "en text som börjar med ''' saknar avslutande '''",
    'Expected "\'"': "en text saknar avslutande apostrof",
    "Duplicate inline table key": "samma nyckel förekommer två gånger i en tabell {…}",
    "Cannot mutate immutable namespace": (
        "tabellen är redan skriven som {…} eller som lista och kan inte få fler nycklar här"
    ),
    "Cannot redefine namespace": "samma tabell förekommer två gånger",
    "Invalid initial character for a key part": "en nyckel saknas eller börjar med fel tecken",
    "Invalid hex value": "ogiltig \\u- eller \\U-kod i en text",
    "Escaped character is not a Unicode scalar value": "ogiltig \\u- eller \\U-kod i en text",
    "Invalid date or datetime": "ogiltigt datum eller klockslag",
    "Found invalid character": "otillåtet tecken",
}


def describe_toml_error(exc: tomllib.TOMLDecodeError) -> str:
    """A Swedish description of a TOML syntax error with line and column."""
    text = str(exc)
    where = ""
    if match := re.search(_TOML_POS, text):
        where = f"rad {match.group(1)}, kolumn {match.group(2)}"
        text = text[: match.start()]
    elif match := re.search(_TOML_END, text):
        where = "i slutet av filen"
        text = text[: match.start()]
    explanation = next(
        (sv for en, sv in _TOML_MESSAGES.items() if text.startswith(en)), f"syntaxfel ({text})"
    )
    return f"{where}: {explanation}" if where else explanation


_TOO_DEEP = (
    f"tabeller och listor ligger i mer än {MAX_NESTING} nivåer inuti varandra; "
    "så djupt nästlad är ingen fil drafter skriver. Kontrollera filen."
)


def nesting_depth_exceeds(value: object, limit: int = MAX_NESTING) -> bool:
    """Whether tables and arrays in ``value`` nest deeper than ``limit`` (no recursion)."""
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth >= limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def loads_toml(
    text: str, path: Path | None, *, error: type[DrafterError] = ArendeFileError, what: str
) -> dict[str, Any]:
    """Parse TOML text; syntax errors and too deep nesting raise ``error``.

    ``what`` starts the message of a syntax error ("inte giltig TOML, rad 3 …").
    """
    try:
        data = tomlparse.loads(text)
    except tomlparse.TOMLDecodeError as exc:
        raise error(f"{what}{describe_toml_error(exc)}", path) from exc
    except RecursionError as exc:  # the parser recurses per level of nesting
        raise error(_TOO_DEEP, path) from exc
    if nesting_depth_exceeds(data):
        raise error(_TOO_DEEP, path)
    return data
