"""From an ärende to a written file: letterhead assets, the writers, the atomic write."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafter.errors import DrafterError, TemplateError
from drafter.model import Arende
from drafter.publish import Format
from drafter.publish.document import build_document
from drafter.publish.files import asset_path, read_asset, same_file
from drafter.publish.result import ExportResult
from drafter.templates import LoadedTemplate, Template

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"


def _split(
    template: Template | LoadedTemplate, template_dir: Path | None
) -> tuple[Template, Path | None, Path | None]:
    if isinstance(template, LoadedTemplate):
        return template.template, template.path.resolve().parent, template.path
    return template, template_dir, None


def _logo(template: Template, folder: Path | None, file: Path | None) -> tuple[bytes, str] | None:
    name = template.layout.logo
    if not name:
        return None
    path = asset_path(name, folder, "logotyp", file)
    data = read_asset(path, "logotypen", "logotyp", file)
    if data.startswith(_PNG):
        return data, ".png"
    if data.startswith(_JPEG):
        return data, ".jpg"
    raise TemplateError(
        f"[layout] logotyp: logotypen {path} är ingen PNG- eller JPEG-bild; spara den som .png",
        file,
    )


def _check_header_fields(template: Template, file: Path | None) -> None:
    known = {f.id for f in template.fields}
    for fid in template.layout.header_fields:
        if fid not in known:
            names = ", ".join(sorted(known))
            raise TemplateError(
                f"[layout] sidhuvud: mallen har inget fält ”{fid}”; välj bland {names}", file
            )


def render_document(
    arende: Arende,
    template: Template | LoadedTemplate,
    fmt: Format,
    *,
    template_dir: Path | None = None,
    timestamp: dt.datetime | None = None,
) -> tuple[bytes, tuple[str, ...]]:
    """The file's bytes in ``fmt`` and Swedish warnings; raises :class:`DrafterError`."""
    tpl, folder, file = _split(template, template_dir)
    if fmt == "md":
        from drafter.render import render_markdown

        return render_markdown(arende, tpl).encode("utf-8"), ()
    _check_header_fields(tpl, file)
    doc = build_document(arende, tpl)
    logo = _logo(tpl, folder, file)
    if fmt == "docx":
        base = None
        if tpl.layout.word_template:
            base_path = asset_path(tpl.layout.word_template, folder, "wordmall", file)
            base = read_asset(base_path, "wordmallen", "wordmall", file)
        from drafter.publish.docx_writer import write_docx

        try:
            return write_docx(doc, logo=logo[0] if logo else None, base=base), ()
        except DrafterError:
            raise
        except Exception as exc:  # python-docx/lxml on a broken Word file or picture
            if base is not None:
                raise TemplateError(
                    f"[layout] wordmall: {base_path} går inte att öppna som Word-dokument "
                    "(.docx); spara om den i Word som .docx",
                    file,
                ) from exc
            if logo is not None:  # the other input python-docx parses
                raise TemplateError(
                    f"[layout] logotyp: {tpl.layout.logo} går inte att läsa som bild; "
                    "spara om den som PNG",
                    file,
                ) from exc
            raise DrafterError(f"Word-filen kunde inte skapas ({type(exc).__name__})") from exc
    if fmt == "pdf":
        from drafter.publish.pdf_writer import LogoError, write_pdf

        font_dir = None
        if tpl.layout.font_dir:
            font_dir = asset_path(tpl.layout.font_dir, folder, "typsnittsmapp", file)
            if not font_dir.is_dir():
                raise TemplateError(
                    f"[layout] typsnittsmapp: {font_dir} är ingen mapp; ange mappen med "
                    "typsnittsfilerna (.ttf, .otf), relativt till mallfilen",
                    file,
                )
        try:
            return write_pdf(
                doc,
                logo=logo[0] if logo else None,
                logo_suffix=logo[1] if logo else ".png",
                font_dir=font_dir,
                timestamp=timestamp,
            )
        except LogoError as exc:
            raise TemplateError(
                f"[layout] logotyp: {tpl.layout.logo} går inte att läsa som bild "
                f"({exc.detail}); spara om den som PNG",
                file,
            ) from exc
    raise DrafterError(f"okänt format ”{fmt}”; välj bland md, docx, pdf")


def export_document(
    arende: Arende,
    template: Template | LoadedTemplate,
    fmt: Format,
    out_path: Path,
    *,
    source: Path | None = None,
    template_dir: Path | None = None,
) -> ExportResult:
    """See :func:`drafter.publish.export`."""
    if source is not None and same_file(out_path, source):
        raise DrafterError(
            "exporten skulle skriva över ärendefilen; välj ett annat filnamn", out_path
        )
    data, warnings = render_document(arende, template, fmt, template_dir=template_dir)
    if fmt == "md":
        from drafter.storage import atomic_write_text

        atomic_write_text(out_path, data.decode("utf-8"))
    else:
        from drafter.storage import atomic_write_bytes  # refuses a FIFO or device, keeps links

        atomic_write_bytes(out_path, data, action="exportera")
    return ExportResult(out_path, fmt, warnings)
