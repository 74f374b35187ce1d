"""Publishing an ärende: the document the nämnd receives, as Markdown, DOCX or PDF/A.

Front ends call :func:`export` (and :func:`format_from_suffix` / :func:`resolve_format` to
choose the format). The DOCX and PDF writers and their libraries (python-docx, typst) are
imported only when a document is exported, and this module imports nothing from the rest
of drafter at import time, so :mod:`drafter.templates` can use :mod:`.layout`.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from drafter.model import Arende
    from drafter.publish.result import ExportResult
    from drafter.templates import LoadedTemplate, Template

Format = Literal["md", "docx", "pdf"]

#: The formats in the order a user is offered them (Markdown stays the default).
FORMATS: tuple[Format, ...] = ("md", "docx", "pdf")

#: Swedish names of the formats, for menus and messages.
FORMAT_NAMES: dict[Format, str] = {"md": "Markdown", "docx": "Word (DOCX)", "pdf": "PDF/A"}

_SUFFIXES: dict[str, Format] = {
    ".md": "md",
    ".markdown": "md",
    ".txt": "md",
    ".docx": "docx",
    ".pdf": "pdf",
}


def format_from_suffix(path: Path | str) -> Format | None:
    """The format a file name asks for (``ut.docx`` → ``"docx"``), or ``None``."""
    return _SUFFIXES.get(Path(path).suffix.lower())


def default_suffix(fmt: Format) -> str:
    """The file name suffix of a format (``".md"``, ``".docx"``, ``".pdf"``)."""
    return f".{fmt}"


def resolve_format(requested: str | None, output: str | None) -> Format:
    """The format of an export from ``--format`` and the output file name.

    Without ``requested`` the suffix of ``output`` decides, and Markdown is the default.
    Raises :class:`~drafter.errors.DrafterError` (Swedish) for an unknown format or a
    suffix that does not fit the requested format.
    """
    from drafter.errors import DrafterError

    choices = ", ".join(FORMATS)
    from_suffix = None if output in (None, "-") else format_from_suffix(str(output))
    if requested is not None:
        if requested not in FORMATS:
            raise DrafterError(f"okänt format ”{requested}”; välj bland {choices}")
        fmt: Format = requested
        if from_suffix is not None and from_suffix != fmt:
            raise DrafterError(
                f"filen {output} har filändelsen för {FORMAT_NAMES[from_suffix]}, men formatet "
                f"är {fmt}; byt filändelse eller format"
            )
        return fmt
    if output in (None, "-"):
        return "md"
    if from_suffix is not None:
        return from_suffix
    suffix = Path(str(output)).suffix
    if not suffix:
        return "md"
    raise DrafterError(
        f"okänt format för filändelsen ”{suffix}” i {output}; ange --format ({choices}) "
        "eller använd .md, .docx eller .pdf"
    )


def export(
    arende: Arende,
    template: Template | LoadedTemplate,
    fmt: Format,
    out_path: Path,
    *,
    source: Path | None = None,
    template_dir: Path | None = None,
) -> ExportResult:
    """Write ``arende`` as ``fmt`` to ``out_path`` atomically.

    ``template`` is the ärende's template; with a :class:`LoadedTemplate` the files its
    ``[layout]`` names (logo, Word file, fonts) are found beside the template file, with a
    bare :class:`Template` beside ``template_dir`` (needed only when the layout names
    files). ``source`` is the ärende's own file, which is never overwritten.

    Raises :class:`~drafter.errors.DrafterError` with a Swedish message (and leaves no
    file behind) when the document cannot be written.
    """
    from drafter.publish.build import export_document

    return export_document(
        arende, template, fmt, Path(out_path), source=source, template_dir=template_dir
    )


def render_bytes(
    arende: Arende,
    template: Template | LoadedTemplate,
    fmt: Format,
    *,
    template_dir: Path | None = None,
) -> tuple[bytes, tuple[str, ...]]:
    """The exported file's bytes and Swedish warnings, without writing anything."""
    from drafter.publish.build import render_document

    return render_document(arende, template, fmt, template_dir=template_dir)


__all__ = [
    "FORMATS",
    "FORMAT_NAMES",
    "ExportResult",
    "Format",
    "default_suffix",
    "export",
    "format_from_suffix",
    "render_bytes",
    "resolve_format",
]


def __getattr__(name: str) -> object:
    # ExportResult is a dataclass, and making one costs more than the rest of this module:
    # drafter.templates imports .layout (so this package) to check a file, not to export.
    if name != "ExportResult":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = import_module("drafter.publish.result").ExportResult
    globals()[name] = value
    return value
