"""Importing an existing tjänsteskrivelse from plain text, Markdown, Word (.docx) or PDF.

Plain text is what PDF and Word give when the text is copied or saved as .txt: a first line
"Tjänsteskrivelse - Titel", headings on lines of their own or glued to the text, hard-wrapped
paragraphs, page headers and footers, "- " bullets and name/title pairs at the end
(:mod:`drafter.importer.layout` reads that layout). Markdown is parsed with markdown-it-py;
drafter's own export imports back to the same ärende (``import(export(x)) == x``). A .docx is
read with python-docx (heading styles, lists, tables) and a PDF's text layer with pypdf
(:mod:`drafter.importer.sources`).

Front ends call :func:`import_file` (the TUI when the user opens a document; it dispatches on
the file's magic bytes and suffix) or :func:`prepare_import` (``drafter import``), which
returns what to write and the report; writing and printing are the front end's job. Nothing
here imports Textual.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from drafter.errors import DrafterError, TemplateError
from drafter.importer.assemble import (
    BEFORE_FIRST_HEADING,
    Assembly,
    FoundSection,
    HeadingMatcher,
    KeptAside,
    NoSectionsError,
    assemble,
)
from drafter.importer.blocks import Block, markdown_blocks, plain_blocks
from drafter.importer.layout import read_layout
from drafter.importer.reading import ImportInputError, decode_document
from drafter.importer.sources import docx_blocks, pdf_text, sniff_kind
from drafter.model import IMPORTED_KEY, AspectsContent
from drafter.storage import read_file_bytes
from drafter.templates import (
    DEFAULT_TEMPLATE,
    LoadedTemplate,
    Template,
    available_templates,
    find_template,
)
from drafter.text import count_sv, printable
from drafter.wrapping import join_wrapped

__all__ = [
    "BEFORE_FIRST_HEADING",
    "IMPORTABLE_SUFFIXES",
    "IMPORTED_KEY",
    "FoundSection",
    "ImportInputError",
    "ImportJob",
    "ImportResult",
    "KeptAside",
    "decode_document",
    "import_file",
    "import_text",
    "prepare_import",
]

InputFormat = Literal["text", "markdown", "docx", "pdf"]

#: File suffixes a front end may hand to :func:`import_file` (it also reads a PDF or Word
#: file by its content whatever its name).
IMPORTABLE_SUFFIXES = (".txt", ".md", ".markdown", ".docx", ".pdf")
_FORMAT_NAMES = {"text": "text", "markdown": "Markdown", "docx": "Word-dokument", "pdf": "PDF"}
_ATX_HEADING = re.compile(r"^#{1,3}[ \t]+\S", re.MULTILINE)


@dataclass(kw_only=True)
class ImportResult(Assembly):
    """An imported ärende and what the import found.

    Attributes (besides those of :class:`~drafter.importer.assemble.Assembly`: the ärende,
    sections found and missing, text kept aside, header fields filled, notes):
        format: "text" or "markdown".
        encoding: Swedish name of the file's encoding ("UTF-8", "Windows-1252" …).
        report: A short Swedish report for the user (several lines).
    """

    format: InputFormat
    encoding: str
    report: str = ""
    furniture: list[str] = field(default_factory=list)
    """Lines dropped as page furniture (page counters, running headers and footers)."""
    template_name: str = ""
    template_choice: str = ""
    """Swedish: how the template was chosen ("" when the caller gave it)."""
    template_loaded: LoadedTemplate | None = None
    """The template chosen when none was given."""

    @property
    def warnings(self) -> list[str]:
        """One Swedish warning per piece of text kept aside."""
        return [
            f"”{k.heading}”: {k.reason}; texten ligger under [{IMPORTED_KEY}] i ärendet."
            for k in self.kept_aside
        ]


def detect_format(text: str, path: Path | None = None) -> InputFormat:
    """Markdown for a .md/.markdown file or text with ``#`` headings; plain text otherwise."""
    if path is not None and path.suffix.lower() in (".md", ".markdown"):
        return "markdown"
    return "markdown" if _ATX_HEADING.search(text) else "text"


def import_text(
    text: str,
    template: LoadedTemplate | Template,
    *,
    input_format: InputFormat | None = None,
    source: str = "texten",
    encoding: str = "UTF-8",
    notes: tuple[str, ...] = (),
) -> ImportResult:
    """Import already decoded text (line ends must be ``\\n``).

    Raises :class:`ImportInputError` when the text has no words. Text without any heading
    the template knows is imported too: it goes to the main section with a warning.
    """
    if not any(c.isalnum() for c in text):
        raise ImportInputError(f"{source} är tom; det finns ingen text att importera")
    kind = input_format or detect_format(text)
    tmpl = template.template if isinstance(template, LoadedTemplate) else template
    furniture: list[str] = []
    layout_notes: list[str] = []
    if kind == "markdown":
        blocks = markdown_blocks(text)
    else:
        matcher = HeadingMatcher(tmpl)

        def is_heading(line: str) -> bool:
            return matcher.match(line) is not None

        layout = read_layout(text, is_heading)
        furniture = layout.furniture
        if layout.hyphens_joined:
            layout_notes.append(
                f"{layout.hyphens_joined} ord som var avstavade vid radslut har satts ihop."
            )
        if layout.headings_split:
            layout_notes.append(
                f"{count_sv(layout.headings_split, 'rubrik', 'rubriker')} som stod ihop med "
                f"texten har fått {'en egen rad' if layout.headings_split == 1 else 'egna rader'}."
            )
        blocks = plain_blocks(layout.text, is_heading)
        if layout.furniture_count:
            layout_notes.append(
                f"{count_sv(layout.furniture_count, 'rad', 'rader')} sidhuvud, sidfot och "
                "sidnummer togs bort: " + "; ".join(f"”{line}”" for line in furniture) + "."
            )
    return import_blocks(
        blocks,
        template,
        input_format=kind,
        source=source,
        encoding=encoding,
        notes=(*notes, *layout_notes),
        furniture=furniture,
    )


def import_blocks(
    blocks: list[Block],
    template: LoadedTemplate | Template,
    *,
    input_format: InputFormat,
    source: str,
    encoding: str = "UTF-8",
    notes: tuple[str, ...] = (),
    furniture: list[str] | None = None,
) -> ImportResult:
    """Import blocks (from :mod:`drafter.importer.blocks` or a Word document)."""
    loaded = template if isinstance(template, LoadedTemplate) else None
    tmpl = template.template if isinstance(template, LoadedTemplate) else template
    mall = str(loaded.path) if loaded is not None and loaded.origin == "fil" else tmpl.name
    if not blocks and not furniture:
        raise ImportInputError(f"{source} är tom; det finns ingen text att importera")
    if input_format == "docx":
        blocks = _known_heading_lines(blocks, HeadingMatcher(tmpl))
    try:
        assembly = assemble(blocks, tmpl, mall)
    except NoSectionsError:
        raise ImportInputError(
            f"mallen ”{tmpl.name}” har inget textavsnitt att lägga texten i"
        ) from None
    result = ImportResult(
        arende=assembly.arende,
        format=input_format,
        encoding=encoding,
        found=assembly.found,
        missing=assembly.missing,
        kept_aside=assembly.kept_aside,
        header_fields=assembly.header_fields,
        field_labels=assembly.field_labels,
        notes=[*notes, *assembly.notes],
        no_headings=assembly.no_headings,
        furniture=list(furniture or []),
        template_name=tmpl.name,
    )
    result.report = format_report(result, tmpl, source)
    return result


def _known_heading_lines(blocks: list[Block], matcher: HeadingMatcher) -> list[Block]:
    """Word paragraphs that are a known heading without a heading style ("Sammanfattning"
    in bold Normal text) become headings; a run of short lines is split at them."""
    out: list[Block] = []
    for block in blocks:
        if block.kind != "para" or not any(matcher.match(x) for x in block.lines):
            out.append(block)
            continue
        run: list[str] = []
        for line in block.lines:
            if matcher.match(line) is None:
                run.append(line)
                continue
            if run:
                out.append(Block("para", text=join_wrapped(run), lines=run, line=block.line))
                run = []
            out.append(Block("heading", text=line, line=block.line))
        if run:
            out.append(Block("para", text=join_wrapped(run), lines=run, line=block.line))
    return out


@dataclass(frozen=True)
class _Read:
    kind: InputFormat
    text: str = ""
    blocks: tuple[Block, ...] = ()
    encoding: str = ""
    notes: tuple[str, ...] = ()


def _read_source(path: Path, input_format: InputFormat | None) -> _Read:
    raw = read_file_bytes(
        path,
        folder_hint="ange dokumentet (.docx, .pdf, .txt eller .md) som ska importeras",
        error=ImportInputError,
    )
    kind = sniff_kind(raw, path)
    suffix = path.suffix.lower()
    if kind is None and suffix in (".pdf", ".docx") and raw.strip():
        raise ImportInputError(
            f"filen heter {suffix} men är ingen {suffix[1:].upper()}-fil; den kan vara skadad",
            path,
        )
    if kind == "pdf":
        return _Read("pdf", text=pdf_text(raw, path), encoding="textlager")
    if kind == "docx":
        return _Read("docx", blocks=tuple(docx_blocks(raw, path)), encoding="Word")
    decoded = decode_document(raw, path)
    fmt = input_format or detect_format(decoded.text, path)
    return _Read(fmt, text=decoded.text, encoding=decoded.encoding, notes=decoded.notes)


def _import_read(read: _Read, template: LoadedTemplate | Template, source: str) -> ImportResult:
    if read.kind == "docx":
        return import_blocks(
            list(read.blocks), template, input_format="docx", source=source, encoding="Word"
        )
    fmt: InputFormat = "text" if read.kind == "pdf" else read.kind
    result = import_text(
        read.text,
        template,
        input_format=fmt,
        source=source,
        encoding=read.encoding,
        notes=read.notes,
    )
    if read.kind == "pdf":
        result.format = "pdf"
        result.report = format_report(
            result,
            template.template if isinstance(template, LoadedTemplate) else template,
            source,
        )
    return result


def _fit(result: ImportResult) -> tuple[int, ...]:
    """How well a template fits: sections found under a heading minus text kept aside,
    then aspects recognised, then whether the bodies named fit the template's description
    (region/kommun), then headings written exactly as the template's own, then fewer missing
    mandatory sections, then fewer missing sections."""
    aspects = sum(
        len(c.aspects) for c in result.arende.sections.values() if isinstance(c, AspectsContent)
    )
    by_heading = sum(1 for f in result.found if f.heading)
    exact = sum(
        1 for f in result.found if f.heading and norm_heading(f.heading) == norm_heading(f.rubrik)
    )
    template = result.template_loaded.template if result.template_loaded else None
    mandatory = sum(
        1 for s in result.missing if template is not None and template.section(s).required
    )
    return (
        by_heading - len(result.kept_aside),
        aspects,
        _affinity(result, template),
        exact,
        -mandatory,
        -len(result.missing),
    )


def _affinity(result: ImportResult, template: Template | None) -> int:
    """1 when the document's bodies say "region" or "kommun" and the template's description
    says the same ("Regionstyrelsen" fits the region template)."""
    if template is None:
        return 0
    about = template.description.casefold()
    header = " ".join(
        str(result.arende.header.get(f, ""))
        for f in ("organisation", "beredande_organ", "beslutsinstans")
    ).casefold()
    return sum(1 for word in ("region", "kommun") if word in header and word in about)


def import_file(
    path: Path,
    template: LoadedTemplate | Template | None = None,
    input_format: InputFormat | None = None,
    *,
    near: Path | None = None,
) -> ImportResult:
    """Read and import a .docx, .pdf, .txt or .md file. Raises :class:`ImportInputError`.

    The format is taken from the file's magic bytes (a PDF, a zip archive for .docx), else
    from the suffix and content. Without ``template``, every available template is tried
    and the one whose headings fit the document best is used (the report says which).
    """
    read = _read_source(path, input_format)
    source = f"filen {path.name}"
    try:
        if template is not None:
            return _import_read(read, template, source)
        candidates = [
            t for t in available_templates(near or path) if not isinstance(t, TemplateError)
        ]
        default = find_template(DEFAULT_TEMPLATE, near=near or path)
        candidates = [default, *(c for c in candidates if c.template.name != default.template.name)]
        best: ImportResult | None = None
        best_template = default
        for candidate in candidates:
            result = _import_read(read, candidate, source)
            result.template_loaded = candidate
            if best is None or _fit(result) > _fit(best):
                best, best_template = result, candidate
        assert best is not None
        best.template_choice = (
            f"Mallen ”{best_template.template.name}” valdes eftersom dess rubriker passar "
            f"dokumentet bäst (av {len(candidates)} mallar). Ange en annan med --mall."
        )
        best.report = f"{best.template_choice}\n{best.report}"
        best.template_loaded = best_template
        return best
    except ImportInputError as exc:
        raise ImportInputError(exc.detail, path) from None


def format_report(result: ImportResult, template: Template, source: str) -> str:
    """The Swedish report: sections found and missing, header fields, text kept aside."""
    kind = _FORMAT_NAMES[result.format]
    encoding = f" ({result.encoding})" if result.format not in ("docx", "pdf") else ""
    lines = [f"Läste {source} som {kind}{encoding}."]
    if result.no_headings:
        lines.append(
            f"varning: hittade ingen rubrik som mallen ”{template.name}” känner igen; all text "
            "ligger under ett avsnitt. Dela upp den i rätt avsnitt."
        )
    total = len(template.sections)
    found = []
    for item in result.found:
        label = item.rubrik
        extra = []
        if item.heading and norm_heading(item.heading) != norm_heading(item.rubrik):
            extra.append(f"rubrik ”{item.heading.rstrip(': ')}”")
        if not item.heading:
            last = template.section(item.section_id).kind == "underskrifter"
            extra.append("utan rubrik, i slutet av texten" if last else "utan rubrik")
        if item.empty:
            extra.append("tom")
        found.append(label + (f" ({', '.join(extra)})" if extra else ""))
    lines.append(f"Hittade {len(result.found)} av {count_sv(total, 'sektion', 'sektioner')}:")
    lines += [f"  {item}" for item in found]
    if result.missing:
        missing = []
        for section_id in result.missing:
            sec = template.section(section_id)
            missing.append(sec.heading + ("" if sec.required else " (frivillig)"))
        lines.append("Saknas: " + "; ".join(missing) + ".")
    if result.header_fields:
        labels = [
            template.field(f).label
            + (f" (”{result.field_labels[f]}”)" if f in result.field_labels else "")
            for f in result.header_fields
            if _has_field(template, f)
        ]
        lines.append("Uppgifter om ärendet: " + ", ".join(labels) + ".")
    if result.kept_aside:
        lines.append(
            f"Lagt åt sidan ({len(result.kept_aside)}), sparat under [{IMPORTED_KEY}] i "
            "ärendefilen och med i Markdown-exporten:"
        )
        lines += [f"  varning: {w}" for w in result.warnings]
    else:
        lines.append("Ingen text lades åt sidan.")
    lines += [f"Obs: {note}" for note in result.notes]
    return printable("\n".join(lines))


def norm_heading(text: str) -> str:
    """Headings compared case-insensitively, without a trailing colon."""
    return " ".join(text.split()).casefold().rstrip(":").rstrip()


def _has_field(template: Template, field_id: str) -> bool:
    return any(f.id == field_id for f in template.fields)


@dataclass
class ImportJob:
    """What ``drafter import`` should write: the ärende as TOML and where (None: stdout)."""

    result: ImportResult
    text: str
    output: Path | None


def _same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` are the same file (through symbolic and hard links too)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return a.resolve() == b.resolve()


def prepare_import(input_path: str, output: str | None, mall: str | None) -> ImportJob:
    """Import ``input_path`` for ``drafter import IN [-o UT] [--mall NAMN]``; writes nothing.

    Raises :class:`DrafterError` (exit code 2) for bad input. ``output`` "-" means stdout;
    without it the ärende goes beside the input with the suffix .toml.
    """
    from drafter.paths import stored_template_path
    from drafter.storage import dumps_arende

    source = Path(input_path)
    if not source.name or source.is_dir():  # "." or a folder has no name to derive UT from
        raise DrafterError(
            "är en mapp, inte en fil; ange dokumentet (.docx, .pdf, .txt eller .md) som ska "
            "importeras",
            source,
        )
    to_stdout = output == "-"
    out = Path(output) if output and not to_stdout else source.with_suffix(".toml")
    if not to_stdout and _same_file(out, source):
        raise DrafterError(
            "filen är redan en ärendefil (.toml); ange en .docx-, .pdf-, .txt- eller .md-fil "
            "att importera",
            source,
        )
    loaded = find_template(mall, near=out) if mall else None
    result = import_file(source, loaded, near=out)
    used = loaded or result.template_loaded or find_template(DEFAULT_TEMPLATE, near=out)
    if used.origin == "fil" and not to_stdout:
        result.arende.template_ref = stored_template_path(used.path, out)
    text = dumps_arende(result.arende, used.template)
    return ImportJob(result, text, None if to_stdout else out)
