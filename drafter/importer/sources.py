"""Reading Word (.docx) and PDF documents to import.

A .docx becomes blocks directly (heading styles are headings, numbered and bulleted
paragraphs are lists, table rows are lines); a PDF becomes the text of its text layer, page
by page, which then goes through the same layout reading as a .txt file.

Both parsers see only bytes that :func:`drafter.storage.read_file_bytes` has read (bounded by
its size limit). A .docx is a zip archive: its members' uncompressed sizes and count are
checked before python-docx parses it, so a zip bomb is refused instead of filling memory.
"""

from __future__ import annotations

import io
import logging
import zipfile
from pathlib import Path
from typing import Any, Literal

from drafter.importer.blocks import Block
from drafter.importer.reading import ImportInputError, normalise_line_ends
from drafter.wrapping import clean_line

SourceKind = Literal["text", "markdown", "docx", "pdf"]

#: Magic bytes of the formats read here.
PDF_MAGIC = b"%PDF"
ZIP_MAGIC = b"PK\x03\x04"

#: A .docx whose members together unpack to more than this is refused (a zip bomb).
MAX_DOCX_UNPACKED = 64 * 1024 * 1024
MAX_DOCX_MEMBERS = 2000
#: At most this many characters of text are taken from a PDF (a 20 MB file of text).
MAX_PDF_CHARS = 5_000_000
MAX_PDF_PAGES = 2000

_DOCX_HINT = "Spara dokumentet som .docx eller som oformaterad text (.txt) och importera igen"
_PDF_HINT = "Kopiera texten ur PDF-filen till en textfil (.txt) och importera den"


def sniff_kind(raw: bytes, path: Path | None) -> SourceKind | None:
    """ "docx" or "pdf" by magic bytes (a .docx is a zip archive), else None."""
    if raw.startswith(PDF_MAGIC):
        return "pdf"
    if raw.startswith(ZIP_MAGIC):
        return "docx"
    return None


# ------------------------------------------------------------------ PDF


def _quiet(logger_name: str) -> None:
    """Give a library's logger a NullHandler, so its English warnings about a damaged file
    ("EOF marker not found") do not reach the user's terminal through logging's last-resort
    handler; an application that configures logging still gets them."""
    logger = logging.getLogger(logger_name)
    if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
        logger.addHandler(logging.NullHandler())


def pdf_text(raw: bytes, path: Path | None = None) -> str:
    """The text layer of a PDF, pages joined by blank lines.

    Raises :class:`ImportInputError` for a damaged or encrypted PDF and for one without
    text (a scan).
    """
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    _quiet("pypdf")

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportInputError(
                "PDF-filen är krypterad med lösenord. Spara en kopia utan lösenord och "
                "importera den",
                path,
            )
        pages: list[str] = []
        total = 0
        for number, page in enumerate(reader.pages, 1):
            if number > MAX_PDF_PAGES or total > MAX_PDF_CHARS:
                break
            text = page.extract_text() or ""
            total += len(text)
            pages.append(normalise_line_ends(text))
    except ImportInputError:
        raise
    except RecursionError as exc:
        raise ImportInputError(
            f"PDF-filen är för djupt nästlad för att läsas. {_PDF_HINT}", path
        ) from exc
    except (PyPdfError, Exception) as exc:  # a damaged PDF raises many kinds (fuzzed)
        raise ImportInputError(
            f"PDF-filen är skadad eller går inte att läsa. {_PDF_HINT}", path
        ) from exc
    text = "\n\n".join(pages)[:MAX_PDF_CHARS]
    if not any(c.isalpha() for c in text):
        raise ImportInputError(
            "PDF-filen har inget textlager (den är troligen inskannad), så det finns ingen "
            "text att importera. Kör textigenkänning (OCR) på filen, eller skriv av texten "
            "till en textfil, och importera igen",
            path,
        )
    return text


# ------------------------------------------------------------------ Word


def _check_zip(raw: bytes, path: Path | None) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_DOCX_MEMBERS:
                raise ImportInputError(f"dokumentet har för många delar. {_DOCX_HINT}", path)
            if sum(info.file_size for info in infos) > MAX_DOCX_UNPACKED:
                raise ImportInputError(
                    "dokumentet packas upp till mer än "
                    f"{MAX_DOCX_UNPACKED // (1024 * 1024)} MB och läses inte. {_DOCX_HINT}",
                    path,
                )
            names = {info.filename for info in infos}
    except ImportInputError:
        raise
    except Exception as exc:  # BadZipFile, and others for a damaged header (fuzzed)
        raise ImportInputError(f"filen är ett skadat zip-arkiv. {_DOCX_HINT}", path) from exc
    if "word/document.xml" not in names:
        raise ImportInputError(
            "filen är ett zip-arkiv men inget Word-dokument (.docx). "
            "Importera en .docx-, .pdf-, .txt- eller .md-fil",
            path,
        )


def _style_name(paragraph: Any) -> str:
    try:
        return str(paragraph.style.name or "") if paragraph.style is not None else ""
    except (KeyError, ValueError, AttributeError):
        return ""


def _heading_level(style: str) -> int | None:
    """Level of a Word heading style ("Heading 2", "Rubrik 2", "Title"), else None."""
    low = style.casefold()
    if low in ("title", "rubrik"):
        return 1
    for prefix in ("heading ", "rubrik "):
        if low.startswith(prefix) and low[len(prefix) :].strip().isdigit():
            return max(1, min(6, int(low[len(prefix) :].strip())))
    return None


def _list_kind(paragraph: Any, style: str) -> bool | None:
    """True for a numbered paragraph, False for a bullet, None for no list."""
    low = style.casefold()
    if "bullet" in low or "punkt" in low:
        return False
    if "number" in low or "numrer" in low:
        return True
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None:
        return True
    if low.startswith("list") or low.startswith("liststycke"):
        return False
    return None


def docx_blocks(raw: bytes, path: Path | None = None) -> list[Block]:
    """Blocks of a Word document, in document order (paragraphs and tables)."""
    _check_zip(raw, path)
    from docx import Document

    try:
        return _walk_docx(Document(io.BytesIO(raw)))
    except ImportInputError:
        raise
    except Exception as exc:  # python-docx and zipfile raise many kinds on a bad file (fuzzed)
        raise ImportInputError(f"Word-dokumentet går inte att läsa. {_DOCX_HINT}", path) from exc


def _walk_docx(document: Any) -> list[Block]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    elements = list(document.element.body.iterchildren())
    blocks: list[Block] = []
    short_run: Block | None = None  # consecutive short lines (signatures, recipients)
    current_list: Block | None = None
    for number, element in enumerate(elements, 1):
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "tbl":
            current_list = short_run = None
            lines = _table_lines(Table(element, document))
            if lines:
                blocks.append(Block("para", text="\n".join(lines), lines=lines, line=number))
            continue
        if tag != "p":
            continue
        paragraph = Paragraph(element, document)
        style = _style_name(paragraph)
        lines = [clean_line(x) for x in paragraph.text.split("\n")]
        lines = [x for x in lines if x]
        if not lines:
            current_list = short_run = None
            continue
        level = _heading_level(style)
        if level is not None:
            current_list = short_run = None
            text = " ".join(lines)
            if level == 1:  # the document's title: a line before the first section heading
                blocks.append(Block("para", text=text, lines=[text], line=number))
            else:
                blocks.append(Block("heading", text=text, level=level, line=number))
            continue
        ordered = _list_kind(paragraph, style)
        if ordered is not None:
            short_run = None
            if current_list is None or current_list.ordered != ordered:
                current_list = Block("list", ordered=ordered, line=number)
                blocks.append(current_list)
            current_list.items.append(" ".join(lines))
            current_list.labels.append(None)
            continue
        current_list = None
        text = " ".join(lines)
        if len(lines) == 1 and len(text) <= 60 and not text.endswith((".", "!", "?", ":")):
            if short_run is None:
                short_run = Block("para", line=number)
                blocks.append(short_run)
            short_run.lines.append(text)
            short_run.text = " ".join(short_run.lines)
            continue
        short_run = None
        blocks.append(Block("para", text=text, lines=lines, line=number))
    return blocks


def _table_lines(table: Any) -> list[str]:
    """One line per table row; a two-cell "label | value" row becomes "label: value"."""
    lines: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = clean_line(" ".join(cell.text.split()))
            if text and (not cells or cells[-1] != text):  # merged cells repeat
                cells.append(text)
        if len(cells) == 2 and len(cells[0]) <= 40 and not cells[0].endswith((".", ":")):
            lines.append(f"{cells[0]}: {cells[1]}")
        elif cells:
            lines.append(" ".join(cells))
    return lines
