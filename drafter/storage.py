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
import hashlib
import os
import random
import re
import stat
import time
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import ValidationError

from drafter import FORMAT_VERSION
from drafter.errors import ArendeFileError, DrafterError, TemplateError, describe_validation_error
from drafter.files import MAX_FILE_BYTES, describe_toml_error, loads_toml, read_file_bytes
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

__all__ = [
    "MAX_FILE_BYTES",
    "FileStamp",
    "Loaded",
    "arende_from_data",
    "arende_to_data",
    "atomic_write_bytes",
    "atomic_write_text",
    "changed_on_disk",
    "describe_toml_error",
    "dumps_arende",
    "file_stamp",
    "has_toml_comments",
    "load_arende",
    "read_file_bytes",
    "read_text_file",
    "save_arende",
]


class Loaded(NamedTuple):
    """An ärende read from a file, with the template it follows (a NamedTuple: a dataclass
    compiles its methods when the module loads, 2 M instructions)."""

    arende: Arende
    template: LoadedTemplate
    path: Path
    has_comments: bool = False
    """The file has TOML comments, which saving does not keep (warn before the first save)."""


# A TOML string (multi-line first) or a comment start. In valid TOML, a "#" that is not
# inside a string starts a comment; keys and values outside strings cannot contain one.
# Compiled (and cached by ``re``) only for a file with a "#" in it.
_TOML_STRING_OR_COMMENT = (
    r'"""(?:[^"\\]++|\\.|"(?!""))*+"""(?:""|")?'
    r"|'''(?:[^']++|'(?!''))*+'''(?:''|')?"
    r'|"(?:[^"\\\n]++|\\.)*+"'
    r"|'[^'\n]*+'"
    r"|#"
)


def has_toml_comments(text: str) -> bool:
    """Whether valid TOML ``text`` contains a comment (whole-line or after a value)."""
    if "#" not in text:
        return False
    return any(m.group() == "#" for m in re.finditer(_TOML_STRING_OR_COMMENT, text, re.DOTALL))


def read_text_file(path: Path) -> str:
    """Read a UTF-8 ärende file (BOM allowed) with Swedish errors for every failure."""
    raw = read_file_bytes(path)
    if not raw:
        raise ArendeFileError(
            "filen är tom (0 byte) – troligen ett avbrutet sparande. Öppna filen utan "
            "ändringar i drafter för att se om det finns osparade ändringar att återställa "
            "(drafter utkast listar dem), hämta en säkerhetskopia, eller ta bort filen och "
            "skapa ett nytt ärende med drafter new",
            path,
        )
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
    data = loads_toml(text, path, what="inte giltig TOML, ")
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
    for fld in template.fields:
        value = header.get(fld.id)
        if isinstance(value, dt.date):
            header[fld.id] = value.isoformat()
        elif value is not None and not isinstance(value, str):
            raise ArendeFileError(f"nyckeln ”arende.{fld.id}” ska vara text inom citattecken", path)
    sections: dict[str, SectionContent] = {}
    for sec in template.sections:
        raw = data.get(sec.id)
        if raw is None:
            sections[sec.id] = empty_content(sec)
            continue
        if sec.kind == "underskrifter":
            if not isinstance(raw, list):
                raise ArendeFileError(
                    f"”{sec.id}” ska skrivas som [[{sec.id}]]-tabeller med namn och titel", path
                )
            raw = {"personer": raw}
        elif not isinstance(raw, dict):
            raise ArendeFileError(f"”{sec.id}” ska vara en tabell: [{sec.id}]", path)
        try:
            content = CONTENT_TYPES[sec.kind].model_validate(raw)
        except ValidationError as exc:
            prefix = "" if sec.kind == "underskrifter" else f"{sec.id}."
            detail = describe_validation_error(exc, prefix=prefix).replace(
                "personer[", f"{sec.id}["
            )
            raise ArendeFileError(detail, path) from exc
        assert isinstance(content, SectionContent)
        sections[sec.id] = content
    known = {"format", "mall", "arende", *template.section_ids}
    extra = {k: v for k, v in data.items() if k not in known}
    mall = data.get("mall", template.name)
    if isinstance(mall, str):
        # Every value is already what validation would give (fresh dicts with str keys,
        # validated contents), so the model is built without validating it all again.
        return Arende.model_construct(
            format=FORMAT_VERSION, template_ref=mall, header=header, sections=sections, extra=extra
        )
    return Arende(
        format=FORMAT_VERSION,
        template_ref=mall,
        header=header,
        sections=sections,
        extra=extra,
    )


def arende_to_data(arende: Arende, template: Template) -> dict[str, Any]:
    """The TOML-ready dict for an ärende, in a fixed order."""
    header = {f.id: arende.field_value(f.id) for f in template.fields}
    header.update({k: v for k, v in arende.header.items() if k not in header})
    out: dict[str, Any] = {"format": FORMAT_VERSION, "mall": arende.template_ref, "arende": header}
    for sec in template.sections:
        content = arende.content(sec)
        if isinstance(content, SignaturesContent):
            out[sec.id] = [p.model_dump() for p in content.people]
            continue
        dumped = content.model_dump()
        if isinstance(content, AspectsContent):
            dumped["aspekter"] = {
                key: entry.model_dump()
                for key, entry in content.aspects.items()
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
    # Multi-line strings turn CRLF into LF; a table with a carriage return in any string
    # is written with escaped one-line strings so nothing changes on save.
    from drafter import tomlwrite  # for saving only: reading a file does not need it

    return tomlwrite.dumps(data, multiline_strings=not _has_carriage_return(data))


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
    from drafter.tomlwrite import format_key

    header = f"[[{format_key(key)}]]\n"
    return "\n".join(header + _dumps(table) for table in tables)


class FileStamp(NamedTuple):
    """What a file held when drafter last read or wrote it: to notice another's change
    (a NamedTuple: a frozen dataclass compiles its methods when the module loads)."""

    mtime_ns: int
    size: int
    digest: str
    """SHA-256 of the content: an edit that keeps size and time is still a change."""


def new_arende(template: Template, today: dt.date | None = None) -> Arende:
    """A new, empty ärende for ``template`` with its ``datum`` field set to ``today``
    (ISO 8601, "2026-03-14") when the template has that field and gives it no value."""
    arende = Arende.new(template)
    if any(f.id == "datum" for f in template.fields) and not arende.field_value("datum").strip():
        arende.header["datum"] = (today or dt.date.today()).isoformat()
    return arende


def file_stamp(path: Path) -> FileStamp | None:
    """The stamp of the regular file ``path`` (``None``: missing, not a regular file,
    unreadable or too large)."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    try:
        raw = read_file_bytes(path)  # regular files only, whatever the path is by now
    except DrafterError:
        return None
    return FileStamp(info.st_mtime_ns, info.st_size, hashlib.sha256(raw).hexdigest())


def changed_on_disk(path: Path, stamp: FileStamp | None) -> tuple[bool, FileStamp | None]:
    """Whether ``path`` now holds other content than when ``stamp`` was taken, and the
    stamp to keep from now on.

    The content is compared, not the size and time alone: another program may keep both
    (an editor that restores the time, a sync tool). A file that is now missing or not a
    regular file is not a change: saving recreates it or reports what it is.
    """
    if stamp is None:
        return False, None
    now = file_stamp(path)
    if now is None:
        return False, stamp
    if now.digest == stamp.digest:
        return False, now  # touched, same content (git checkout, backup tool)
    return True, stamp


def save_arende(path: Path, arende: Arende, template: Template) -> None:
    """Write the ärende to ``path`` atomically."""
    atomic_write_text(path, dumps_arende(arende, template))


def atomic_write_text(path: Path, text: str, mode: int | None = None) -> None:
    """Write ``text`` (UTF-8) to ``path`` as :func:`atomic_write_bytes` does."""
    atomic_write_bytes(path, text.encode("utf-8"), mode)


def atomic_write_bytes(
    path: Path, data: bytes, mode: int | None = None, *, action: str = "spara"
) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old or the new file.

    The data goes to a temporary file in the same folder, is flushed and fsynced, gets the
    old file's permissions (or ``mode``; a new file gets what the umask allows), and then
    replaces ``path``. A symbolic link is kept: the file it points to is replaced. A path
    that is a folder, a FIFO or a device is refused, never replaced by a file. Raises
    :class:`DrafterError` with a Swedish message ("kan inte ``action``: …") on failure;
    the old file is untouched.
    """
    path = Path(path)
    target = Path(os.path.realpath(path)) if os.path.islink(path) else path
    folder = target.parent if str(target.parent) else Path(".")
    try:
        info: os.stat_result | None = target.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise DrafterError(f"kan inte {action}: {_os_error_sv(exc)}", path) from exc
    except ValueError as exc:  # a NUL character in the path
        raise DrafterError(f"kan inte {action}: ogiltigt filnamn", repr(str(path))) from exc
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise DrafterError(f"kan inte {action}: sökvägen är en mapp", path)
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise DrafterError(
            f"kan inte {action}: sökvägen är ingen vanlig fil (utan till exempel en namngiven "
            "pipe eller en enhet); ange en vanlig fil",
            path,
        )
    if mode is None and info is not None:
        mode = stat.S_IMODE(info.st_mode)
    try:
        # 0o666: a new file gets what the umask allows, as any program's new file does
        fd, tmp_name = _create_temp(folder, target.name, 0o666 if mode is None else 0o600)
    except OSError as exc:
        raise DrafterError(f"kan inte {action}: {_os_error_sv(exc)}", path) from exc
    try:
        try:  # os.write in a loop: short writes are completed, ENOSPC surfaces here
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            if mode is not None:
                os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp_name, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise DrafterError(f"kan inte {action}: {_os_error_sv(exc)}", path) from exc
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    _remove_stale_temps(folder, target.name)


_TEMP_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789_"


def _create_temp(folder: Path, name: str, mode: int) -> tuple[int, str]:
    """A new file ``.NAME.xxxxxxxx.tmp`` in ``folder`` (as ``tempfile.mkstemp`` names it),
    created with ``mode`` (the umask applies), opened for writing."""
    rng = random.SystemRandom()
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        suffix = "".join(rng.choice(_TEMP_LETTERS) for _ in range(8))
        tmp_name = os.path.join(folder, f".{name}.{suffix}.tmp")
        try:
            return os.open(tmp_name, flags, mode), tmp_name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(folder))


#: A temporary file of a save older than this was left by a save that never finished
#: (the program was killed or the machine lost power); no save takes this long.
STALE_TEMP_SECONDS = 10 * 60


def _remove_stale_temps(folder: Path, name: str) -> None:
    """Remove temporary files that earlier, interrupted saves of ``name`` left behind."""
    import glob  # for saving only

    now = time.time()
    pattern = f".{glob.escape(name)}.{'[a-z0-9_]' * 8}.tmp"  # as tempfile.mkstemp names them
    for leftover in folder.glob(pattern):
        with contextlib.suppress(OSError):
            info = leftover.lstat()
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_TEMP_SECONDS:
                leftover.unlink()


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
