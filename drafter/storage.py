"""Reading and writing ärenden as TOML, and atomic file writes.

The file format (``format = 1``)::

    format = 1
    mall = "tjansteskrivelse"

    [arende]              # header fields by id
    titel = "…"

    [<section id>]        # one table per section, keys by section kind:
    text = "…"            #   prosa: text; aspekter: text + [<id>.aspekter.<aspect>]
    inledning = "…"       #   beslut: inledning + punkter = [...]
    poster = ["…"]        #   lista: poster

    [[<section id>]]      # underskrifter: an array of tables with namn and titel

Saving is deterministic: a file drafter wrote loads and saves back byte-identical. Keys and
tables drafter does not know are kept.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import glob
import os
import re
import stat
import tempfile
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from drafter import FORMAT_VERSION
from drafter.errors import ArendeFileError, DrafterError, TemplateError, describe_validation_error
from drafter.model import (
    CONTENT_TYPES,
    Arende,
    AspectsContent,
    SectionContent,
    SignaturesContent,
    empty_content,
)
from drafter.templates import (
    DEFAULT_TEMPLATE,
    LoadedTemplate,
    Template,
    TemplateCache,
    find_template,
)

#: Files larger than this are refused instead of risking a hang (20 MB).
MAX_FILE_BYTES = 20 * 1024 * 1024

_TOML_POS = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOML_END = re.compile(r"\s*\(at end of document\)$")
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
    if match := _TOML_POS.search(text):
        where = f"rad {match.group(1)}, kolumn {match.group(2)}"
        text = text[: match.start()]
    elif match := _TOML_END.search(text):
        where = "i slutet av filen"
        text = text[: match.start()]
    explanation = next(
        (sv for en, sv in _TOML_MESSAGES.items() if text.startswith(en)), f"syntaxfel ({text})"
    )
    return f"{where}: {explanation}" if where else explanation


@dataclass
class Loaded:
    """An ärende read from a file, with the template it follows."""

    arende: Arende
    template: LoadedTemplate
    path: Path
    has_comments: bool = False
    """The file has TOML comments, which saving does not keep (warn before the first save)."""


# A TOML string (multi-line first) or a comment start. In valid TOML, a "#" that is not
# inside a string starts a comment; keys and values outside strings cannot contain one.
_TOML_STRING_OR_COMMENT = re.compile(
    r'"""(?:[^"\\]++|\\.|"(?!""))*+"""(?:""|")?'
    r"|'''(?:[^']++|'(?!''))*+'''(?:''|')?"
    r'|"(?:[^"\\\n]++|\\.)*+"'
    r"|'[^'\n]*+'"
    r"|#",
    re.DOTALL,
)


def has_toml_comments(text: str) -> bool:
    """Whether valid TOML ``text`` contains a comment (whole-line or after a value)."""
    if "#" not in text:
        return False
    return any(m.group() == "#" for m in _TOML_STRING_OR_COMMENT.finditer(text))


def read_file_bytes(
    path: Path,
    *,
    folder_hint: str = "ange ärendefilens sökväg",
    error: type[DrafterError] = ArendeFileError,
) -> bytes:
    """Read a whole file of at most :data:`MAX_FILE_BYTES`, with Swedish errors.

    Every failure (missing, a folder, too large, no permission, a bad path) raises
    ``error`` naming the file; ``folder_hint`` says what to give instead of a folder.
    """
    folder = f"är en mapp, inte en fil; {folder_hint}"
    try:
        # One open and one fstat: a batch check reads thousands of files.
        with open(path, "rb") as file:
            info = os.fstat(file.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise error(folder, path)
            if info.st_size > MAX_FILE_BYTES:
                raise error(
                    f"filen är {info.st_size // (1024 * 1024)} MB; drafter läser filer upp "
                    f"till {MAX_FILE_BYTES // (1024 * 1024)} MB",
                    path,
                )
            return file.read()
    except FileNotFoundError as exc:
        raise error("filen finns inte; kontrollera sökvägen", path) from exc
    except IsADirectoryError as exc:
        raise error(folder, path) from exc
    except PermissionError as exc:
        if path.is_dir():  # Windows refuses to open a folder this way
            raise error(folder, path) from exc
        raise error("du saknar behörighet att läsa filen", path) from exc
    except OSError as exc:
        raise error(f"filen kan inte läsas ({exc.strerror})", path) from exc
    except ValueError as exc:  # e.g. a NUL character in the path
        raise error("ogiltigt filnamn", repr(str(path))) from exc


def read_text_file(path: Path) -> str:
    """Read a UTF-8 ärende file (BOM allowed) with Swedish errors for every failure."""
    raw = read_file_bytes(path)
    if b"\x00" in raw[:8192]:
        raise ArendeFileError("filen ser ut att vara binär, inte text", path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArendeFileError(
            f"filen är inte sparad som UTF-8 (ogiltig byte vid position {exc.start}); "
            "spara om den som UTF-8",
            path,
        ) from exc


def load_arende(
    path: Path, mall: str | None = None, *, templates: TemplateCache | None = None
) -> Loaded:
    """Read, parse and validate an ärende file.

    ``mall`` overrides the template named in the file (a name or a path). ``templates``
    remembers the templates found for earlier files of a batch.
    Raises :class:`DrafterError` with a Swedish message; never leaves a partial result.
    """
    text = read_text_file(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ArendeFileError(f"inte giltig TOML, {describe_toml_error(exc)}", path) from exc
    version = data.get("format", FORMAT_VERSION)
    if not isinstance(version, int) or isinstance(version, bool):
        raise ArendeFileError("nyckeln ”format” ska vara ett heltal, till exempel format = 1", path)
    if version > FORMAT_VERSION:
        raise ArendeFileError(
            f"filen har format {version} och är skapad av en nyare version av drafter; "
            f"den här versionen läser format {FORMAT_VERSION}. Uppdatera drafter.",
            path,
        )
    name = data.get("mall", DEFAULT_TEMPLATE)
    if not isinstance(name, str):
        raise ArendeFileError(
            'nyckeln ”mall” ska vara text, till exempel mall = "tjansteskrivelse"', path
        )
    wanted = mall or name
    if (
        mall is None
        and _looks_like_template_path(name)
        and not Path(name).expanduser().is_absolute()
    ):
        wanted = str(path.parent / name)  # a template path in the file is relative to the file
    try:
        if templates is None:
            loaded_template = find_template(wanted, near=path)
        else:
            loaded_template = templates.find(wanted, path)
    except DrafterError as exc:
        if exc.path is None:
            raise TemplateError(exc.detail, path) from exc
        raise TemplateError(f"mallen går inte att använda: {exc.message}", path) from exc
    arende = arende_from_data(data, loaded_template.template, path)
    return Loaded(arende, loaded_template, path, has_comments=has_toml_comments(text))


def _looks_like_template_path(name: str) -> bool:
    return name.endswith(".toml") or "/" in name or "\\" in name


def arende_from_data(data: dict[str, Any], template: Template, path: Path | None = None) -> Arende:
    """Build an :class:`Arende` from parsed TOML data, validating it against the template."""
    header = data.get("arende", {})
    if not isinstance(header, dict):
        raise ArendeFileError("[arende] ska vara en tabell med uppgifter om ärendet", path)
    header = dict(header)
    for fld in template.falt:
        value = header.get(fld.id)
        if isinstance(value, dt.date):
            header[fld.id] = value.isoformat()
        elif value is not None and not isinstance(value, str):
            raise ArendeFileError(f"nyckeln ”arende.{fld.id}” ska vara text inom citattecken", path)
    sections: dict[str, SectionContent] = {}
    for sec in template.sektioner:
        raw = data.get(sec.id)
        if raw is None:
            sections[sec.id] = empty_content(sec)
            continue
        if sec.typ == "underskrifter":
            if not isinstance(raw, list):
                raise ArendeFileError(
                    f"”{sec.id}” ska skrivas som [[{sec.id}]]-tabeller med namn och titel", path
                )
            raw = {"personer": raw}
        elif not isinstance(raw, dict):
            raise ArendeFileError(f"”{sec.id}” ska vara en tabell: [{sec.id}]", path)
        try:
            content = CONTENT_TYPES[sec.typ].model_validate(raw)
        except ValidationError as exc:
            prefix = "" if sec.typ == "underskrifter" else f"{sec.id}."
            detail = describe_validation_error(exc, prefix=prefix).replace(
                "personer[", f"{sec.id}["
            )
            raise ArendeFileError(detail, path) from exc
        assert isinstance(content, SectionContent)
        sections[sec.id] = content
    known = {"format", "mall", "arende", *template.section_ids}
    extra = {k: v for k, v in data.items() if k not in known}
    mall = data.get("mall", template.namn)
    if isinstance(mall, str):
        # Every value is already what validation would give (fresh dicts with str keys,
        # validated contents), so the model is built without validating it all again.
        return Arende.model_construct(
            format=FORMAT_VERSION, mall=mall, arende=header, sektioner=sections, extra=extra
        )
    return Arende(
        format=FORMAT_VERSION,
        mall=mall,
        arende=header,
        sektioner=sections,
        extra=extra,
    )


def arende_to_data(arende: Arende, template: Template) -> dict[str, Any]:
    """The TOML-ready dict for an ärende, in a fixed order."""
    header = {f.id: arende.field_value(f.id) for f in template.falt}
    header.update({k: v for k, v in arende.arende.items() if k not in header})
    out: dict[str, Any] = {"format": FORMAT_VERSION, "mall": arende.mall, "arende": header}
    for sec in template.sektioner:
        content = arende.content(sec)
        if isinstance(content, SignaturesContent):
            out[sec.id] = [p.model_dump() for p in content.personer]
            continue
        dumped = content.model_dump()
        if isinstance(content, AspectsContent):
            dumped["aspekter"] = {
                key: entry.model_dump()
                for key, entry in content.aspekter.items()
                if not entry.is_empty() or entry.model_extra
            }
            if not dumped["aspekter"]:
                del dumped["aspekter"]
        out[sec.id] = dumped
    for key, value in arende.extra.items():
        out.setdefault(key, value)
    return out


def dumps_arende(arende: Arende, template: Template) -> str:
    """The ärende as TOML text (deterministic).

    Each top-level table is written on its own so that an array of tables such as the
    signatures is always written as ``[[underskrifter]]`` blocks, which read and diff
    better than the inline array tomli-w would choose for short tables.
    """
    data = arende_to_data(arende, template)
    scalars = {k: v for k, v in data.items() if not _is_table_like(v)}
    chunks = [_dumps(scalars)]
    for key, value in data.items():
        if key in scalars:
            continue
        if isinstance(value, dict):
            chunks.append(_dumps({key: value}))
        elif value:  # a non-empty array of tables
            chunk = _dumps_array_of_tables(key, value)
            if chunk.startswith("[["):
                chunks.append(chunk)
            else:  # tomli-w chose an inline array: it must come before any [table] header
                chunks[0] += chunk
    return "\n".join(chunk for chunk in chunks if chunk)


def _dumps(data: dict[str, Any]) -> str:
    # tomli-w turns CRLF into LF inside multi-line strings; a table with a carriage return
    # in any string is written with escaped one-line strings so nothing changes on save.
    text: str = tomli_w.dumps(data, multiline_strings=not _has_carriage_return(data))
    return text


# tomli-w escapes a string one character at a time in Python: 20 ms for a 500 KB section,
# run while the user types (saves and recovery drafts are written in a thread, which holds
# the GIL meanwhile). The same escapes with one regex take 2 ms. tomli-w's own function is
# replaced only when both give the same text for every character it escapes.
_TOML_ESCAPED = re.compile(r'[\x00-\x08\x0a-\x1f\x7f"\\]')
_TOML_ESCAPES = {"\b": "\\b", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _TOML_ESCAPES.get(char) or f"\\u{ord(char):04x}"


def _escape_multiline(match: re.Match[str]) -> str:
    char = match.group()
    return char if char == "\n" else _TOML_ESCAPES.get(char) or f"\\u{ord(char):04x}"


def _format_string(s: str, *, allow_multiline: bool) -> str:
    """tomli-w's ``format_string``, with the escaping done by a regex."""
    if allow_multiline and "\n" in s:
        return '"""\n' + _TOML_ESCAPED.sub(_escape_multiline, s.replace("\r\n", "\n")) + '"""'
    return '"' + _TOML_ESCAPED.sub(_escape, s) + '"'


def _use_fast_string_format() -> None:
    writer = getattr(tomli_w, "_writer", None)
    original = getattr(writer, "format_string", None)
    if writer is None or original is None:
        return
    probe = "".join(map(chr, range(128))) + "\r\nå\u2028"
    for multiline in (False, True):
        for text in (probe, "x", ""):
            try:
                same = original(text, allow_multiline=multiline) == _format_string(
                    text, allow_multiline=multiline
                )
            except Exception:  # another tomli-w: keep its own
                return
            if not same:
                return
    writer.format_string = _format_string


_use_fast_string_format()


def _has_carriage_return(value: object) -> bool:
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, dict):
        return any(_has_carriage_return(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_carriage_return(v) for v in value)
    return False


def _is_table_like(value: object) -> bool:
    if isinstance(value, dict):
        return True
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _dumps_array_of_tables(key: str, tables: list[dict[str, Any]]) -> str:
    if any(isinstance(v, dict) or _is_table_like(v) for t in tables for v in t.values()):
        # nested tables (even empty ones): tomli-w writes [[key]] and [key.sub] itself
        return _dumps({key: tables})
    header = f"[[{_dumps({key: 0}).split(' = ')[0]}]]\n"
    return "\n".join(header + _dumps(table) for table in tables)


def save_arende(path: Path, arende: Arende, template: Template) -> None:
    """Write the ärende to ``path`` atomically."""
    atomic_write_text(path, dumps_arende(arende, template))


def atomic_write_text(path: Path, text: str, mode: int | None = None) -> None:
    """Write ``text`` to ``path`` so that a crash leaves either the old or the new file.

    The text goes to a temporary file in the same folder, is flushed and fsynced, gets the
    old file's permissions (or ``mode``), and then replaces ``path``. Raises
    :class:`DrafterError` with a Swedish message on failure; the old file is untouched.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    data = text.encode("utf-8")
    if path.is_dir():
        raise DrafterError("kan inte spara: sökvägen är en mapp", path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise DrafterError(f"kan inte spara: {_os_error_sv(exc)}", path) from exc
    try:
        try:  # os.write in a loop: short writes are completed, ENOSPC surfaces here
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        if mode is None:
            try:
                mode = stat.S_IMODE(path.stat().st_mode)
            except FileNotFoundError:
                mode = 0o666 & ~_umask()
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise DrafterError(f"kan inte spara: {_os_error_sv(exc)}", path) from exc
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    _remove_stale_temps(folder, path.name)


#: A temporary file of a save older than this was left by a save that never finished
#: (the program was killed or the machine lost power); no save takes this long.
STALE_TEMP_SECONDS = 10 * 60


def _remove_stale_temps(folder: Path, name: str) -> None:
    """Remove temporary files that earlier, interrupted saves of ``name`` left behind."""
    now = time.time()
    pattern = f".{glob.escape(name)}.{'[a-z0-9_]' * 8}.tmp"  # as tempfile.mkstemp names them
    for leftover in folder.glob(pattern):
        with contextlib.suppress(OSError):
            info = leftover.lstat()
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_TEMP_SECONDS:
                leftover.unlink()


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _os_error_sv(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "mappen eller filen är skrivskyddad; spara på ett annat ställe"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "disken är full; frigör utrymme och spara igen"
    if exc.errno == errno.EISDIR:
        return "sökvägen är en mapp"
    if exc.errno == errno.ENOENT:
        return "mappen finns inte"
    return exc.strerror or str(exc)
