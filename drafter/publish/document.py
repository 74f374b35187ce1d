"""The published document as plain data: what the DOCX and PDF writers lay out.

It follows the Markdown export (:mod:`drafter.render`): the title, the header fields, the
sections in template order with their headings, decision points as a numbered list, lists
as bullets, the aspects, then text an import kept aside; the signatures come last. Every
text is file text and has gone through :func:`clean` (control characters made visible);
no writer ever interprets it as markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from drafter.model import (
    Arende,
    AspectsContent,
    DecisionContent,
    ListContent,
    ProseContent,
    SignaturesContent,
)
from drafter.publish.layout import Layout
from drafter.render import lead_in_text
from drafter.templates import SectionDef, Template
from drafter.text import join_list_sv, paragraphs, printable

BlockKind = Literal["heading", "paragraph", "numbered", "bullet", "field", "signature"]

#: Fields that make up the organisation line when the layout does not give one.
ORGANISATION_FIELDS = ("organisation", "forvaltning")

_XML_INVALID = {0xFFFE: "\ufffd", 0xFFFF: "\ufffd"}
_SPACE = re.compile(r"[ \t\r\n\f\v]+")


def clean(text: str) -> str:
    """File text made safe for an export: control characters visible (``printable``), and
    the two noncharacters XML cannot hold replaced."""
    return printable(text).translate(_XML_INVALID)


def one_line(text: str) -> str:
    """``clean`` text on one line; ordinary whitespace runs become one space."""
    return clean(_SPACE.sub(" ", text).strip())


def paragraph_lines(text: str) -> list[tuple[str, ...]]:
    """Paragraphs (blank-line separated) as their non-empty lines, each ``clean``."""
    result = []
    for block in paragraphs(text):
        lines = tuple(clean(line.strip()) for line in block.splitlines() if line.strip())
        if lines:
            result.append(lines)
    return result


@dataclass(frozen=True)
class Block:
    """One block of the body.

    ``heading``: ``text`` at ``level`` (1 the document title, 2 a section, 3 an aspect);
    ``paragraph``: ``lines`` kept as line breaks; ``numbered``/``bullet``: ``items``;
    ``field``: ``label`` and ``text``; ``signature``: ``text`` (name) and ``label`` (title).
    """

    kind: BlockKind
    text: str = ""
    level: int = 0
    lines: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    label: str = ""

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "text": self.text,
            "level": self.level,
            "lines": list(self.lines),
            "items": list(self.items),
            "label": self.label,
        }


@dataclass(frozen=True)
class HeaderField:
    """A field shown in the page header (Datum, Diarienummer …)."""

    id: str
    label: str
    value: str


@dataclass
class PublishDocument:
    """Everything a writer needs, already cleaned."""

    doc_type: str
    title: str
    organisation: tuple[str, ...]
    header_fields: tuple[HeaderField, ...]
    show_doc_type: bool
    author: str
    subject: str
    blocks: list[Block] = field(default_factory=list)
    layout: Layout = field(default_factory=Layout)

    def texts(self) -> list[str]:
        """Every body text in reading order (for tests and checks)."""
        out: list[str] = []
        for b in self.blocks:
            if b.kind == "paragraph":
                out.extend(b.lines)
            elif b.kind in ("numbered", "bullet"):
                out.extend(b.items)
            elif b.kind == "field":
                out.extend((b.label, b.text))
            elif b.kind == "signature":
                out.extend(t for t in (b.text, b.label) if t)
            else:
                out.append(b.text)
        return out


def build_document(arende: Arende, template: Template) -> PublishDocument:
    """The published document of an ärende, in the template's layout."""
    layout = template.layout
    known = {f.id for f in template.falt}
    doc_type = one_line(arende.field_value("dokumenttyp")) or one_line(template.dokumenttyp)
    title = one_line(arende.field_value("titel"))
    if layout.organisation.strip():
        organisation = tuple(
            one_line(line) for line in layout.organisation.splitlines() if line.strip()
        )
        used = set()
    else:
        organisation = tuple(
            one_line(arende.field_value(fid))
            for fid in ORGANISATION_FIELDS
            if fid in known and arende.field_value(fid).strip()
        )
        used = set(ORGANISATION_FIELDS)
    header_ids = [fid for fid in layout.sidhuvud if fid in known]
    header_fields = tuple(
        HeaderField(fid, one_line(template.field(fid).etikett), one_line(arende.field_value(fid)))
        for fid in header_ids
        if fid != "dokumenttyp"
    )
    doc = PublishDocument(
        doc_type=doc_type,
        title=title,
        organisation=organisation,
        header_fields=header_fields,
        show_doc_type="dokumenttyp" in header_ids,
        author=_first_signature(arende, template),
        subject=one_line(arende.field_value("diarienummer")),
        layout=layout,
    )
    blocks = doc.blocks
    heading = doc_type
    if title:  # the kind is in the header, or else before the title as in the Markdown
        heading = title if doc.show_doc_type else f"{doc_type} – {title}"
    blocks.append(Block("heading", heading, level=1))
    skip = {"titel", "dokumenttyp", *header_ids, *used}
    for fld in template.falt:
        value = arende.field_value(fld.id)
        if fld.id not in skip and value.strip():
            blocks.append(Block("field", one_line(value), label=one_line(fld.etikett)))
    signatures: list[Block] = []
    for section in template.sektioner:
        body = _section_blocks(arende, section)
        if section.typ == "underskrifter":
            signatures.extend(body)
            continue
        if not body and not section.obligatorisk:
            continue
        blocks.append(Block("heading", one_line(section.rubrik), level=2))
        blocks.extend(body)
    for heading_text, text in arende.imported_texts().items():
        blocks.append(Block("heading", one_line(heading_text) or "Importerad text", level=2))
        blocks.extend(Block("paragraph", lines=lines) for lines in paragraph_lines(text))
    blocks.extend(signatures)
    return doc


def _first_signature(arende: Arende, template: Template) -> str:
    for section in template.sektioner:
        content = arende.content(section)
        if isinstance(content, SignaturesContent):
            for person in content.personer:
                if person.namn.strip():
                    return one_line(person.namn)
    return ""


def _section_blocks(arende: Arende, section: SectionDef) -> list[Block]:
    content = arende.content(section)
    out: list[Block] = []
    if isinstance(content, DecisionContent):
        lead = lead_in_text(arende, content)
        if lead:
            out.append(Block("paragraph", lines=(one_line(lead),)))
        points = tuple(one_line(p) for p in content.punkter if p.strip())
        if points:
            out.append(Block("numbered", items=points))
    elif isinstance(content, ProseContent):
        out.extend(Block("paragraph", lines=lines) for lines in paragraph_lines(content.text))
    elif isinstance(content, AspectsContent):
        out.extend(Block("paragraph", lines=lines) for lines in paragraph_lines(content.text))
        none_labels = [
            a.etikett
            for a in section.aspekter
            if (e := content.aspekter.get(a.id)) is not None and e.bedomning == "inga"
        ]
        if none_labels:
            # replace, not str.format: the sentence is template text
            sentence = section.inga_konsekvenser.replace(
                "{aspekter}", join_list_sv(none_labels, "eller")
            )
            out.append(Block("paragraph", lines=(one_line(sentence),)))
        for aspect in section.aspekter:
            entry = content.aspekter.get(aspect.id)
            if entry is not None and entry.bedomning == "beskriv" and entry.text.strip():
                label = aspect.etikett[:1].upper() + aspect.etikett[1:]
                out.append(Block("heading", one_line(label), level=3))
                out.extend(Block("paragraph", lines=lines) for lines in paragraph_lines(entry.text))
    elif isinstance(content, ListContent):
        items = tuple(one_line(p) for p in content.poster if p.strip())
        if items:
            out.append(Block("bullet", items=items))
    elif isinstance(content, SignaturesContent):
        for person in content.personer:
            if not person.is_empty():
                out.append(Block("signature", one_line(person.namn), label=one_line(person.titel)))
    return out
