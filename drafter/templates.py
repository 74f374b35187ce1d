"""Templates (mallar): which sections a document has, their headings, help and rules.

A template is a TOML file in ``sections/`` (shipped), in the user's template folder, in a
``mallar/`` folder beside the ärende, or given by path. It is data only: nothing in a
template folder is ever executed or imported. It is validated when it is loaded; a broken
template raises :class:`~drafter.errors.TemplateError` naming the file and the key.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from drafter.checks.registry import validate_rule
from drafter.errors import TemplateError, describe_validation_error
from drafter.files import MAX_TEMPLATE_BYTES, loads_toml, read_file_bytes
from drafter.findings import Severity
from drafter.paths import builtin_templates_dir, user_templates_dir
from drafter.publish.layout import Layout
from drafter.spelling.settings import SpellingSettings
from drafter.template_memo import remember_valid, rules_known_valid

#: The template used when none is named.
DEFAULT_TEMPLATE = "tjansteskrivelse"

SeverityName = Literal["fel", "varning", "info"]
SectionKind = Literal["prosa", "beslut", "aspekter", "lista", "underskrifter"]
FieldKind = Literal["text", "datum", "diarienummer"]

#: Top-level keys of an ärende file that section ids may not use ("importerat": text an
#: import kept aside, see :data:`drafter.model.IMPORTED_KEY`).
RESERVED_KEYS = frozenset({"format", "mall", "arende", "importerat", "stavning"})

_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def check_placeholders(text: str, name: str) -> str:
    """``text`` when its only braces are the placeholder ``{name}``; else ValueError.

    Template sentences are filled by plain replacement (:func:`fill_placeholder`), never
    ``str.format``, so ``{0}`` or ``{x.__class__}`` could do no harm, but they would be
    printed as written: the template author hears about them when the template loads.
    """
    rest = text.replace("{" + name + "}", "")
    if "{" in rest or "}" in rest:
        raise ValueError(
            f"texten får bara ha platshållaren {{{name}}} inom klammerparenteser "
            f"(hittade en annan {{ eller }})"
        )
    return text


def fill_placeholder(text: str, name: str, value: str) -> str:
    """``text`` with every ``{name}`` replaced by ``value`` (no format mini-language)."""
    return text.replace("{" + name + "}", value)


class _Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        validate_by_name=True,
        validate_by_alias=True,
        defer_build=True,
    )


class RuleDef(BaseModel):
    """One check applied to a section or the whole document.

    ``typ`` names a check kind (code, see :mod:`drafter.checks`); every other key is a
    parameter of that kind and is validated by it when the template loads.
    """

    model_config = ConfigDict(
        extra="allow",
        frozen=True,
        validate_by_name=True,
        validate_by_alias=True,
        defer_build=True,
    )

    kind: str = Field(alias="typ")
    id: str | None = None
    severity_name: SeverityName | None = Field(None, alias="allvarlighet")
    disabled: bool = Field(False, alias="av")
    """``av = true`` switches the rule off (for a template that extends another one)."""

    @property
    def params(self) -> dict[str, Any]:
        """The kind-specific parameters."""
        return dict(self.model_extra or {})

    @property
    def severity(self) -> Severity | None:
        """The severity the template set, or ``None`` for the kind's default."""
        return Severity.from_swedish(self.severity_name) if self.severity_name else None


class FieldDef(_Strict):
    """A header field (uppgift om ärendet), e.g. titel, diarienummer, datum."""

    id: str
    label: str = Field(alias="etikett")
    help_text: str = Field("", alias="hjalp")
    kind: FieldKind = Field("text", alias="typ")
    required: bool = Field(False, alias="obligatorisk")
    missing_severity: SeverityName | None = Field(None, alias="saknas")
    """Severity when empty; defaults to ``fel`` for obligatoriska fields, else nothing."""
    default: str = Field("", alias="standard")
    """Value a new ärende starts with."""
    example: str = Field("", alias="exempel")
    """Placeholder shown in an empty input."""
    pattern: str | None = Field(None, alias="monster")
    """Regular expression the value must match (for example a strict diarienummer)."""

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError("id får bara innehålla a–z, 0–9 och _ och börja med en bokstav")
        return value

    @field_validator("pattern")
    @classmethod
    def _check_pattern(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"ogiltigt reguljärt uttryck: {exc}") from exc
            except RecursionError as exc:
                raise ValueError("det reguljära uttrycket är för djupt nästlat") from exc
            from drafter.regexcheck import pattern_problem  # only for a field with a pattern

            problem = pattern_problem(value)
            if problem:
                raise ValueError(problem)
        return value

    @property
    def empty_severity(self) -> Severity | None:
        """Severity of the finding when the field is empty, or ``None`` for no finding."""
        if self.missing_severity is not None:
            return Severity.from_swedish(self.missing_severity)
        return Severity.ERROR if self.required else None


class AspectDef(_Strict):
    """One aspect a konsekvensbeskrivning must cover (arbetsmiljö, barn …).

    Words are matched case-insensitively against the words of the text:
    ``ord`` are stems a word may start with (``miljö`` matches miljön, miljöpåverkan);
    ``i_sammansattning`` are stems that also count inside a compound (``hälsa`` in
    folkhälsan); ``inte`` are stems that never count for this aspect, checked first
    (``arbetsmiljö`` does not cover miljö).
    """

    id: str
    label: str = Field(alias="etikett")
    words: tuple[str, ...] = Field(alias="ord", min_length=1)
    in_compounds: tuple[str, ...] = Field((), alias="i_sammansattning")
    excluded: tuple[str, ...] = Field((), alias="inte")
    help_text: str = Field("", alias="hjalp")

    @field_validator("words", "in_compounds", "excluded")
    @classmethod
    def _lower(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(v.lower() for v in value)


class SectionDef(_Strict):
    """A section (rubrik) of the document."""

    id: str
    heading: str = Field(alias="rubrik")
    kind: SectionKind = Field(alias="typ")
    help_text: str = Field(alias="hjalp")
    aliases: tuple[str, ...] = Field((), alias="alias")
    required: bool = Field(True, alias="obligatorisk")
    missing_severity: SeverityName | None = Field(None, alias="saknas")
    """Severity when empty; defaults to ``fel`` for obligatoriska sections."""
    rules: tuple[RuleDef, ...] = Field((), alias="regler")
    aspects: tuple[AspectDef, ...] = Field((), alias="aspekter")
    """Only for ``typ = "aspekter"``."""
    no_consequences: str = Field(
        "Beslutet bedöms inte ha några konsekvenser för {aspekter}.", alias="inga_konsekvenser"
    )
    """Sentence that renders the aspects marked "inga konsekvenser" ({aspekter} = list)."""

    @field_validator("no_consequences")
    @classmethod
    def _check_sentence(cls, value: str) -> str:
        return check_placeholders(value, "aspekter")

    def no_consequences_sentence(self, aspects: str) -> str:
        """:attr:`inga_konsekvenser` with ``{aspekter}`` replaced by ``aspects``."""
        return fill_placeholder(self.no_consequences, "aspekter", aspects)

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError("id får bara innehålla a–z, 0–9 och _ och börja med en bokstav")
        if value in RESERVED_KEYS:
            raise ValueError(f"id ”{value}” är reserverat; välj ett annat")
        return value

    @model_validator(mode="after")
    def _check_aspects(self) -> SectionDef:
        if self.kind == "aspekter" and not self.aspects:
            raise ValueError("en sektion av typen aspekter måste lista sina [[sektioner.aspekter]]")
        if self.kind != "aspekter" and self.aspects:
            raise ValueError("bara sektioner av typen aspekter kan ha aspekter")
        ids = [a.id for a in self.aspects]
        if len(ids) != len(set(ids)):
            raise ValueError("två aspekter har samma id")
        return self

    @property
    def empty_severity(self) -> Severity | None:
        """Severity of the finding when the section is empty, or ``None``."""
        if self.missing_severity is not None:
            return Severity.from_swedish(self.missing_severity)
        return Severity.ERROR if self.required else None

    def aspect(self, aspect_id: str) -> AspectDef | None:
        """The aspect with this id, if the section has it."""
        return next((a for a in self.aspects if a.id == aspect_id), None)


class Template(_Strict):
    """A whole template: header fields, sections in order, document-wide rules."""

    format: int = 1
    name: str = Field(alias="namn")
    description: str = Field("", alias="beskrivning")
    document_type: str = Field("Tjänsteskrivelse", alias="dokumenttyp")
    fields: tuple[FieldDef, ...] = Field(alias="falt", min_length=1)
    sections: tuple[SectionDef, ...] = Field(alias="sektioner", min_length=1)
    rules: tuple[RuleDef, ...] = Field((), alias="regler")
    layout: Layout = Layout()
    """The letterhead of published documents (DOCX, PDF/A): the ``[layout]`` table."""
    spelling: SpellingSettings = Field(SpellingSettings(), alias="stavning")
    """``[stavning]``: the organisation's own words for the spelling check (STAV-1)."""

    @model_validator(mode="after")
    def _check_unique(self) -> Template:
        for what, ids in (
            ("fält", [f.id for f in self.fields]),
            ("sektioner", [s.id for s in self.sections]),
        ):
            seen: set[str] = set()
            for item in ids:
                if item in seen:
                    raise ValueError(f"två {what} har id ”{item}”")
                seen.add(item)
        if not any(f.id == "titel" for f in self.fields):
            raise ValueError("mallen måste ha ett fält med id ”titel” (ärendemeningen)")
        return self

    def section(self, section_id: str) -> SectionDef:
        """The section with this id (KeyError if the template has none)."""
        for sec in self.sections:
            if sec.id == section_id:
                return sec
        raise KeyError(section_id)

    def field(self, field_id: str) -> FieldDef:
        """The header field with this id (KeyError if the template has none)."""
        for fld in self.fields:
            if fld.id == field_id:
                return fld
        raise KeyError(field_id)

    @property
    def section_ids(self) -> tuple[str, ...]:
        """Section ids in document order."""
        return tuple(s.id for s in self.sections)


class LoadedTemplate(NamedTuple):
    """A template and where it came from (a NamedTuple: a frozen dataclass compiles its
    methods when the module loads)."""

    template: Template
    path: Path
    origin: str
    """Swedish description of the source: "inbyggd", "användarens mallar" or "fil"."""


def _validate_rules(template: Template, path: Path) -> None:
    places: list[tuple[str, RuleDef, SectionDef | None]] = [
        (f"regler[{i + 1}]", r, None) for i, r in enumerate(template.rules)
    ]
    for sec in template.sections:
        places += [
            (f"sektioner[{sec.id}].regler[{i + 1}]", r, sec) for i, r in enumerate(sec.rules)
        ]
    for key, rule, owner in places:
        problem = validate_rule(rule, owner)
        if problem:
            raise TemplateError(f"ogiltig mall: nyckeln ”{key}”: {problem}", path)


def parse_template(text: str, path: Path) -> Template:
    """Parse and validate template TOML text; ``path`` is used in messages. The rules'
    kinds and parameters are checked unless this text passed that check before
    (:mod:`drafter.template_memo`)."""
    data = loads_toml(text, path, error=TemplateError, what="mallen är inte giltig TOML: ")
    data.setdefault("namn", path.stem)
    try:
        template = Template.model_validate(data)
    except ValidationError as exc:
        raise TemplateError(
            f"ogiltig mall: {describe_validation_error(exc, data=data)}", path
        ) from exc
    if template.format > 1:
        raise TemplateError(
            f"mallen har format {template.format}, men den här versionen av drafter "
            "klarar bara format 1. Uppdatera drafter.",
            path,
        )
    if not rules_known_valid(text):  # the same text passed before: drafter.template_memo
        _validate_rules(template, path)
        remember_valid(text)
    return template


@lru_cache(maxsize=32)
def _load_cached(path: Path, mtime_ns: int, size: int) -> Template:
    raw = read_file_bytes(
        path,
        folder_hint="ange en mallfil (.toml) eller ett mallnamn",
        error=TemplateError,
        limit=MAX_TEMPLATE_BYTES,
    )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TemplateError(
            "mallen är inte sparad som UTF-8; spara om den som UTF-8", path
        ) from exc
    return parse_template(text, path)


def load_template_file(path: Path) -> Template:
    """Load and validate one template file (cached while the file is unchanged)."""
    try:
        info = path.stat()
    except PermissionError as exc:
        raise TemplateError(_NO_ACCESS, path) from exc
    except (OSError, ValueError) as exc:
        raise TemplateError("mallen finns inte eller kan inte läsas", path) from exc
    if not stat.S_ISREG(info.st_mode):
        raise TemplateError("är ingen vanlig fil; ange en mallfil (.toml) eller ett mallnamn", path)
    return _load_cached(path.resolve(), info.st_mtime_ns, info.st_size)


_NO_ACCESS = (
    "du saknar behörighet att läsa mallen eller mappen den ligger i; ändra behörigheten "
    "(chmod) eller flytta mallen"
)


def _regular_file_stamp(path: Path) -> tuple[int, int] | None:
    """The file's (mtime, size), or ``None`` when it is not a regular file (like
    ``is_file``); a folder drafter may not look into raises :class:`TemplateError`."""
    try:
        info = path.stat()
    except PermissionError as exc:
        raise TemplateError(
            "du saknar behörighet att läsa mappen; ändra behörigheten (chmod) eller flytta "
            "den, så söker drafter inte där",
            path.parent,
        ) from exc
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP):
            return None
        raise TemplateError(f"mappen kan inte läsas ({exc.strerror})", path.parent) from exc
    except ValueError:
        return None
    return (info.st_mtime_ns, info.st_size) if stat.S_ISREG(info.st_mode) else None


@lru_cache(maxsize=1)
def _builtin_templates_dir() -> Path:
    # Where the package is does not change while it runs.
    return builtin_templates_dir()


def template_dirs(near: Path | None = None) -> list[tuple[Path, str]]:
    """Folders searched for templates by name, first match wins, with their Swedish labels.

    ``near`` is an ärende file: its folder's ``mallar/`` is searched first.
    """
    dirs: list[tuple[Path, str]] = []
    if near is not None:
        dirs.append((near.resolve().parent / "mallar", "ärendets mappen mallar/"))
    dirs.append((user_templates_dir(), "användarens mallar"))
    dirs.append((_builtin_templates_dir(), "inbyggd"))
    return dirs


def _looks_like_path(name: str) -> bool:
    return name.endswith(".toml") or "/" in name or "\\" in name


def find_template(name: str = DEFAULT_TEMPLATE, near: Path | None = None) -> LoadedTemplate:
    """Find and load a template by name or path.

    Raises :class:`TemplateError` with the folders searched when there is no such template.
    """
    if _looks_like_path(name):
        path = Path(name).expanduser()
        return LoadedTemplate(load_template_file(path), path, "fil")
    if not _ID.match(name):
        raise TemplateError(
            f"”{name}” är inget giltigt mallnamn; ange ett namn som ”{DEFAULT_TEMPLATE}” "
            "eller en sökväg till en .toml-fil"
        )
    for folder, origin in template_dirs(near):
        candidate = folder / f"{name}.toml"
        stamp = _regular_file_stamp(candidate)  # one stat instead of is_file() and stat()
        if stamp is not None:
            return LoadedTemplate(_load_cached(candidate.resolve(), *stamp), candidate, origin)
    searched = ", ".join(str(d) for d, _ in template_dirs(near))
    raise TemplateError(
        f"mallen ”{name}” finns inte. Sökte i: {searched}. "
        "Kör ”drafter mallar” för att se vilka mallar som finns."
    )


class TemplateCache:
    """:func:`find_template` for a batch of ärenden: each folder is searched once.

    For one run over many files (``drafter check``), during which templates are not
    expected to change; the TUI and single-file commands call :func:`find_template`.
    """

    def __init__(self) -> None:
        self._found: dict[tuple[str, str], LoadedTemplate] = {}

    def find(self, name: str, near: Path) -> LoadedTemplate:
        """As ``find_template(name, near)``; failures are not remembered."""
        if near.is_symlink():  # its folder is the link target's: search as usual
            return find_template(name, near)
        key = (name, str(near.parent))
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = find_template(name, near)
        return found


def available_templates(near: Path | None = None) -> list[LoadedTemplate | TemplateError]:
    """Every template that can be found, first match per name; broken ones as errors."""
    seen: set[str] = set()
    found: list[LoadedTemplate | TemplateError] = []
    for folder, origin in template_dirs(near):
        try:
            names = sorted(
                entry.name
                for entry in os.scandir(folder)
                if entry.name.endswith(".toml") and not entry.name.startswith(".")
            )
        except (FileNotFoundError, NotADirectoryError):
            continue
        except PermissionError:
            found.append(
                TemplateError(
                    "du saknar behörighet att läsa mappen, så dess mallar visas inte; ändra "
                    "behörigheten (chmod) eller flytta mappen",
                    folder,
                )
            )
            continue
        except OSError as exc:
            found.append(TemplateError(f"mappen kan inte läsas ({exc.strerror})", folder))
            continue
        for path in (folder / name for name in names):
            if path.stem in seen:
                continue
            seen.add(path.stem)
            try:
                found.append(LoadedTemplate(load_template_file(path), path, origin))
            except TemplateError as exc:
                found.append(exc)
    return found
