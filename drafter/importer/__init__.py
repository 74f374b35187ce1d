"""Importing an existing tjänsteskrivelse from plain text or Markdown.

Plain text is what PDF and Word give when the text is copied or saved as .txt: a first line
"Tjänsteskrivelse - Titel", headings on lines of their own, hard-wrapped paragraphs, "- "
bullets and name/title pairs at the end. Markdown is parsed with markdown-it-py; drafter's
own export imports back to the same ärende (``import(export(x)) == x``).

Front ends call :func:`import_file` (the TUI when the user opens a .txt or .md file) or
:func:`run_import_command` (``drafter import``). Nothing here imports Textual.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from drafter.errors import DrafterError
from drafter.importer.assemble import (
    BEFORE_FIRST_HEADING,
    Assembly,
    FoundSection,
    HeadingMatcher,
    KeptAside,
    NoSectionsError,
    assemble,
)
from drafter.importer.blocks import markdown_blocks, plain_blocks
from drafter.importer.reading import (
    DecodedText,
    ImportInputError,
    decode_document,
    read_document,
)
from drafter.model import IMPORTED_KEY
from drafter.templates import LoadedTemplate, Template

__all__ = [
    "BEFORE_FIRST_HEADING",
    "IMPORTED_KEY",
    "FoundSection",
    "ImportInputError",
    "ImportResult",
    "KeptAside",
    "decode_document",
    "import_file",
    "import_text",
    "run_import_command",
]

InputFormat = Literal["text", "markdown"]
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

    Raises :class:`ImportInputError` when the text is empty or has no section heading the
    template knows.
    """
    loaded = template if isinstance(template, LoadedTemplate) else None
    tmpl = template.template if isinstance(template, LoadedTemplate) else template
    if not text.strip():
        raise ImportInputError(f"{source} är tom; det finns ingen text att importera")
    kind = input_format or detect_format(text)
    if kind == "markdown":
        blocks = markdown_blocks(text)
    else:
        matcher = HeadingMatcher(tmpl)
        blocks = plain_blocks(text, lambda line: matcher.match(line) is not None)
    mall = str(loaded.path) if loaded is not None and loaded.origin == "fil" else tmpl.namn
    try:
        assembly = assemble(blocks, tmpl, mall)
    except NoSectionsError:
        examples = ", ".join(f"”{s.rubrik}”" for s in tmpl.sektioner[:3])
        raise ImportInputError(
            f"hittade ingen rubrik som mallen ”{tmpl.namn}” känner igen i {source} "
            f"(till exempel {examples}). Rubrikerna ska stå på egna rader; se "
            "”drafter mallar” för mallarna och deras rubriker."
        ) from None
    result = ImportResult(
        arende=assembly.arende,
        format=kind,
        encoding=encoding,
        found=assembly.found,
        missing=assembly.missing,
        kept_aside=assembly.kept_aside,
        header_fields=assembly.header_fields,
        notes=[*notes, *assembly.notes],
    )
    result.report = format_report(result, tmpl, source)
    return result


def import_file(
    path: Path, template: LoadedTemplate | Template, input_format: InputFormat | None = None
) -> ImportResult:
    """Read, decode and import a .txt or .md file. Raises :class:`ImportInputError`."""
    decoded: DecodedText = read_document(path)
    try:
        return import_text(
            decoded.text,
            template,
            input_format=input_format or detect_format(decoded.text, path),
            source=f"filen {path.name}",
            encoding=decoded.encoding,
            notes=decoded.notes,
        )
    except ImportInputError as exc:
        raise ImportInputError(exc.detail, path) from None


def format_report(result: ImportResult, template: Template, source: str) -> str:
    """The Swedish report: sections found and missing, header fields, text kept aside."""
    kind = "Markdown" if result.format == "markdown" else "text"
    lines = [f"Läste {source} som {kind} ({result.encoding})."]
    total = len(template.sektioner)
    found = []
    for item in result.found:
        label = item.rubrik
        extra = []
        if item.heading and norm_heading(item.heading) != norm_heading(item.rubrik):
            extra.append(f"rubrik ”{item.heading.rstrip(': ')}”")
        if not item.heading:
            extra.append("utan rubrik, i slutet av texten")
        if item.empty:
            extra.append("tom")
        found.append(label + (f" ({', '.join(extra)})" if extra else ""))
    lines.append(f"Hittade {len(result.found)} av {total} sektioner:")
    lines += [f"  {item}" for item in found]
    if result.missing:
        missing = []
        for section_id in result.missing:
            sec = template.section(section_id)
            missing.append(sec.rubrik + ("" if sec.obligatorisk else " (frivillig)"))
        lines.append("Saknas: " + "; ".join(missing) + ".")
    if result.header_fields:
        labels = [
            template.field(f).etikett for f in result.header_fields if _has_field(template, f)
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
    return "\n".join(lines)


def norm_heading(text: str) -> str:
    """Headings compared case-insensitively, without a trailing colon."""
    return " ".join(text.split()).casefold().rstrip(":").rstrip()


def _has_field(template: Template, field_id: str) -> bool:
    return any(f.id == field_id for f in template.falt)


def run_import_command(args: argparse.Namespace) -> int:
    """``drafter import IN [-o UT] [--mall NAMN] [--force]``; returns the exit code.

    Raises :class:`DrafterError` (exit code 2 in :func:`drafter.cli.main`) for bad input.
    """
    from drafter.paths import stored_template_path
    from drafter.storage import atomic_write_text, dumps_arende
    from drafter.templates import DEFAULT_TEMPLATE, find_template

    source = Path(args.input)
    if not source.name or source.is_dir():  # "." or a folder has no name to derive UT from
        raise DrafterError(
            "är en mapp, inte en fil; ange textfilen (.txt eller .md) som ska importeras", source
        )
    output = getattr(args, "output", None)
    to_stdout = output == "-"
    out = Path(output) if output and not to_stdout else source.with_suffix(".toml")
    if not to_stdout and out.resolve() == source.resolve():
        raise DrafterError(
            "filen är redan en ärendefil (.toml); ange en .txt- eller .md-fil att importera",
            source,
        )
    loaded = find_template(args.mall or DEFAULT_TEMPLATE, near=out)
    result = import_file(source, loaded)
    if loaded.origin == "fil" and not to_stdout:
        result.arende.mall = stored_template_path(loaded.path, out)
    text = dumps_arende(result.arende, loaded.template)
    if to_stdout:
        sys.stdout.write(text)
        print(result.report, file=sys.stderr)
        return 0
    if out.is_dir():
        raise DrafterError("är en mapp; ange ärendefilen (.toml) att skriva med -o", out)
    if out.exists() and not args.force:
        raise DrafterError(
            "filen finns redan och skrevs inte över. Välj ett annat namn med -o eller "
            "använd --force för att skriva över den.",
            out,
        )
    atomic_write_text(out, text)
    print(result.report)
    print(f"Sparade ärendet i {out}. Granska det med: drafter check {out}")
    return 0
