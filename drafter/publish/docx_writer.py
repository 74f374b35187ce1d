"""The DOCX writer (python-docx): real Word styles, header, page numbers, properties.

Title, Heading 1/2/3 (the Markdown's H1/H2/H3: the title is Title), List Number for the
decision points (each list restarts at 1), List Bullet for lists. Text is added as runs,
never parsed. With an organisation's own Word file (``[layout] wordmall``) that file is
the base: its styles, page setup, header and footer are kept and only its body replaced;
an empty header or footer is filled with drafter's.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from docx import Document as open_document
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Length, Mm, Pt
from docx.text.paragraph import Paragraph

from drafter.publish.document import Block, PublishDocument

#: The language Word checks spelling and hyphenates in.
LANGUAGE = "sv-SE"


def write_docx(
    doc: PublishDocument, *, logo: bytes | None = None, base: bytes | None = None
) -> bytes:
    """The document as DOCX bytes. ``base`` is an organisation's .docx (already read)."""
    document = open_document(io.BytesIO(base)) if base is not None else open_document()
    _clear_body(document)
    section = document.sections[0]
    layout = doc.layout
    if base is None:
        section.page_width, section.page_height = Mm(210), Mm(297)
        margins = layout.marginaler
        section.top_margin, section.bottom_margin = Mm(margins.topp), Mm(margins.botten)
        section.left_margin, section.right_margin = Mm(margins.vanster), Mm(margins.hoger)
        section.header_distance, section.footer_distance = Mm(10), Mm(10)
        _set_fonts(document, layout.typsnitt, layout.teckenstorlek)
    _set_language(document)
    _set_properties(document, doc)
    # the body is one section now (breaks lived in the removed paragraphs)
    if base is None or not _has_content(section.header):
        _write_header(document, section.header, doc, logo)
    if base is None or not _has_content(section.footer):
        _write_footer(section.footer)
    _write_body(document, doc)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------- setup


def _clear_body(document: Document) -> None:
    """Remove the base document's body content, keeping its section properties."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _has_content(part: Any) -> bool:
    """Whether a header or footer of the base document shows anything (text, a picture)."""
    if part.is_linked_to_previous:
        return False
    return bool(part._element.xpath(".//w:t[normalize-space()] | .//w:drawing | .//w:pict"))


def _style_names(document: Document) -> set[str]:
    return {s.name for s in document.styles if s.name}


def _set_fonts(document: Document, family: str, size: float) -> None:
    styles = document.styles
    normal: Any = styles["Normal"]
    normal.font.size = Pt(size)
    if not family:
        return
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        if name in _style_names(document):
            style: Any = styles[name]
            style.font.name = family
            fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
            for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                fonts.set(qn(attr), family)
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
                fonts.attrib.pop(qn(attr), None)


def _set_language(document: Document) -> None:
    """Swedish spelling and hyphenation for the whole document (the Normal style)."""
    normal: Any = document.styles["Normal"]
    rpr = normal.element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)


def _set_properties(document: Document, doc: PublishDocument) -> None:
    props = document.core_properties
    props.title = doc.title or doc.doc_type
    props.author = doc.author
    props.last_modified_by = doc.author
    props.subject = doc.subject
    props.category = doc.doc_type
    props.language = LANGUAGE
    props.keywords = ""
    props.comments = ""
    props.revision = 1
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props.created = now
    props.modified = now


# --------------------------------------------------------------------------- header/footer


def _write_header(
    document: Document, header: Any, doc: PublishDocument, logo: bytes | None
) -> None:
    header.is_linked_to_previous = False
    for paragraph in list(header.paragraphs):
        paragraph._element.getparent().remove(paragraph._element)
    for table in list(header.tables):
        table._element.getparent().remove(table._element)
    section = document.sections[0]
    width: Length = Mm(160)  # A4 less 25 mm margins, when the base document does not say
    if section.page_width and section.left_margin is not None and section.right_margin:
        width = Emu(section.page_width - section.left_margin - section.right_margin)
    table = header.add_table(rows=1, cols=2, width=width)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    left, right = table.rows[0].cells
    left.width = right.width = width // 2
    first = left.paragraphs[0]
    if logo is not None:
        first.add_run().add_picture(io.BytesIO(logo), height=Mm(doc.layout.logotyp_hojd_mm))
        first = left.add_paragraph()
    for i, line in enumerate(doc.organisation):
        paragraph = first if i == 0 else left.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = i == 0
    lines: list[tuple[str, bool]] = []
    if doc.show_doc_type and doc.doc_type:
        lines.append((doc.doc_type.upper(), True))
    lines += [
        (f"{f.label}: {f.value}" if f.value else f"{f.label}:", False) for f in doc.header_fields
    ]
    for i, (text, bold) in enumerate(lines):
        paragraph = right.paragraphs[0] if i == 0 else right.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.add_run(text).bold = bold
    header.add_paragraph()  # a header ends with a paragraph; also spacing below the table


def _write_footer(footer: Any) -> None:
    footer.is_linked_to_previous = False
    for paragraph in list(footer.paragraphs)[1:]:
        paragraph._element.getparent().remove(paragraph._element)
    paragraph = footer.paragraphs[0]
    for run in list(paragraph.runs):
        run._element.getparent().remove(run._element)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Sida ")
    _add_field(paragraph, "PAGE", "1")
    paragraph.add_run(" av ")
    _add_field(paragraph, "NUMPAGES", "1")


def _add_field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice update when they lay out."""

    def char(kind: str) -> Any:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    paragraph.add_run()._r.append(char("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    paragraph.add_run()._r.append(char("separate"))
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(char("end"))


# --------------------------------------------------------------------------- body


class _Body:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.styles = _style_names(document)
        self.lists = 0

    def style(self, name: str) -> str | None:
        return name if name in self.styles else None

    def add(self, text: str = "", style: str | None = None) -> Paragraph:
        paragraph = self.document.add_paragraph(style=self.style(style) if style else None)
        if text:
            paragraph.add_run(text)
        return paragraph

    def numbered(self, items: tuple[str, ...]) -> None:
        style = self.style("List Number")
        num_id = _restarted_numbering(self.document) if style and self.lists else None
        self.lists += 1
        for i, item in enumerate(items, 1):
            if style is None:  # a base document without the style: numbers as text
                self.add(f"{i}. {item}")
                continue
            paragraph = self.add(item, style)
            if num_id is not None:
                _set_num(paragraph, num_id)


def _write_body(document: Document, doc: PublishDocument) -> None:
    body = _Body(document)
    first_signature = True
    for block in doc.blocks:
        _write_block(body, block, first_signature)
        if block.kind == "signature":
            first_signature = False


def _write_block(body: _Body, block: Block, first_signature: bool) -> None:
    if block.kind == "heading":
        style = "Title" if block.level == 1 else f"Heading {block.level - 1}"
        body.add(block.text, style if body.style(style) else "Heading 1")
    elif block.kind == "paragraph":
        paragraph = body.add()
        for i, line in enumerate(block.lines):
            run = paragraph.add_run(line)
            if i < len(block.lines) - 1:
                run.add_break()
    elif block.kind == "numbered":
        body.numbered(block.items)
    elif block.kind == "bullet":
        for item in block.items:
            body.add(item if body.style("List Bullet") else f"• {item}", "List Bullet")
    elif block.kind == "field":
        paragraph = body.add()
        paragraph.add_run(f"{block.label}: ").bold = True
        paragraph.add_run(block.text)
    elif block.kind == "signature":
        paragraph = body.add()
        paragraph.paragraph_format.keep_together = True
        paragraph.paragraph_format.space_before = Pt(36 if first_signature else 18)
        name = paragraph.add_run(block.text)
        name.bold = True
        if block.label:
            if block.text:
                name.add_break()
            paragraph.add_run(block.label)


def _restarted_numbering(document: Document) -> int | None:
    """A new numbering instance of List Number's list that starts again at 1."""
    style: Any = document.styles["List Number"]
    ppr = style.element.pPr
    num_pr = ppr.numPr if ppr is not None else None
    if num_pr is None or num_pr.numId is None:
        return None
    numbering = document.part.numbering_part.element
    old = numbering.num_having_numId(num_pr.numId.val)
    abstract_id = old.abstractNumId.val
    num = numbering.add_num(abstract_id)
    override = num.add_lvlOverride(ilvl=0)
    override.add_startOverride(1)
    return int(num.numId)


def _set_num(paragraph: Paragraph, num_id: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id
