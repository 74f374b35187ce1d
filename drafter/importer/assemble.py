"""Mapping blocks to an ärende: header, sections by heading and alias, kept-aside text.

Nothing is dropped: text under a heading the template does not know, text before the first
heading that is no header field, and decision text that is neither lead-in nor point go to
``arende.extra["importerat"]`` (heading → text), which is saved in the TOML file and
exported as Markdown sections of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations

from drafter.importer.blocks import Block, collapse, join_wrapped
from drafter.model import (
    IMPORTED_KEY,
    Arende,
    AspectEntry,
    AspectsContent,
    DecisionContent,
    ListContent,
    ProseContent,
    Signature,
    SignaturesContent,
)
from drafter.render import TITLE_SEPARATOR
from drafter.templates import FieldDef, SectionDef, Template
from drafter.text import default_lead_in, join_list_sv, parse_lead_in

#: Heading under which text before the first section heading is kept.
BEFORE_FIRST_HEADING = "Text före första rubriken"

KNOWN_DOC_TYPES = (
    "Tjänsteskrivelse",
    "Tjänsteutlåtande",
    "Tjänsteyttrande",
    "Ordförandeförslag",
    "Ärende till sammanträde",
    "Skrivelse",
)
_FIELD_SYNONYMS = {
    "diarienummer": ("dnr", "diarienr", "vår beteckning", "ärendenummer", "ärendenr"),
    "datum": (),
    "text": (),
}
_MONTHS = {
    month: number
    for number, month in enumerate(
        [
            "januari",
            "februari",
            "mars",
            "april",
            "maj",
            "juni",
            "juli",
            "augusti",
            "september",
            "oktober",
            "november",
            "december",
        ],
        1,
    )
}
_SWEDISH_DATE = re.compile(r"^(\d{1,2})\s+([a-zåäö]+)\s+(\d{4})$", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"\s+(?:sida\s+)?\d+\s*[(\[]\d+[)\]]$", re.IGNORECASE)
_TITLE_SPLIT = re.compile(r"^(?P<typ>.+?)(?:\s+[–—-]\s+|\s*:\s*)(?P<titel>.+)$")
_FIELD_LINE = re.compile(r"^(?P<label>[^:]{1,40}?)\s*:\s*(?P<value>.*)$")
_SENTENCE_END = re.compile(r"[.!?;,:]$")
_UNLABELLED = (
    ("forvaltning", re.compile(r"^[\w -]{0,60}(?:förvaltning|förvaltningen|kontoret)$", re.I)),
    ("organisation", re.compile(r"^(?:Region \w+|\w+ (?:kommun|region|landsting))$")),
)
_NAME_PARTICLES = frozenset(
    ["af", "av", "von", "van", "der", "den", "de", "la", "le", "di", "da", "du", "el", "bin", "ter"]
)
_NAME_TOKEN = re.compile(r"^[^\W\d_][\w'’.-]*$")


def norm(text: str) -> str:
    """A heading or label for comparison: spaces collapsed, case folded, no end colon."""
    return " ".join(text.replace("\u00a0", " ").split()).casefold().rstrip(":").rstrip()


class HeadingMatcher:
    """Recognises the template's section headings, aliases and ``<Organ>s <rubrik>``."""

    def __init__(self, template: Template) -> None:
        self.names: dict[str, SectionDef] = {}
        for sec in template.sektioner:
            for name in (sec.rubrik, *sec.alias):
                self.names.setdefault(norm(name), sec)
        self.decision = next((s for s in template.sektioner if s.typ == "beslut"), None)

    def match(self, text: str) -> SectionDef | None:
        key = norm(text)
        if not key or len(key) > 80:
            return None
        if key in self.names:
            return self.names[key]
        genitive = re.match(r"^\S+s (.+)$", key)
        if genitive and genitive.group(1) in self.names:
            return self.names[genitive.group(1)]
        if self.decision is not None and re.fullmatch(r"(?:\S+s )?förslag till \S+", key):
            return self.decision
        return None


@dataclass
class FoundSection:
    """A template section found in the document."""

    section_id: str
    rubrik: str
    heading: str
    """The heading as written ("" when found without one, like signatures at the end)."""
    empty: bool = False


@dataclass
class KeptAside:
    """Text that fits no section, kept in ``extra["importerat"]`` under ``heading``."""

    heading: str
    text: str
    reason: str
    """Swedish: why it was kept aside."""


@dataclass
class Assembly:
    """What the import made of the blocks (see :class:`drafter.importer.ImportResult`)."""

    arende: Arende
    found: list[FoundSection] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    kept_aside: list[KeptAside] = field(default_factory=list)
    header_fields: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Bucket:
    section: SectionDef | None
    heading: str
    blocks: list[Block] = field(default_factory=list)
    line: int = 0


class NoSectionsError(Exception):
    """No heading of the template was found."""


def assemble(blocks: list[Block], template: Template, mall: str) -> Assembly:
    """Build the ärende from blocks; raises :class:`NoSectionsError` when nothing matches."""
    arende = Arende.new(template)
    arende.mall = mall
    result = Assembly(arende)
    matcher = HeadingMatcher(template)
    header: list[Block] = []
    buckets: list[_Bucket] = []
    by_section: dict[str, _Bucket] = {}
    current: _Bucket | None = None
    for index, block in enumerate(blocks):
        if block.kind == "heading" and not (block.level == 1 and current is None):
            if current is not None and _is_aspect_heading(current, block):
                current.blocks.append(block)
                continue
            sec = matcher.match(block.text)
            if sec is not None:
                if sec.id in by_section:
                    current = by_section[sec.id]
                    current.blocks.append(block)
                    result.notes.append(
                        f"Rubriken ”{block.text}” (rad {block.line}) hör också till "
                        f"”{sec.rubrik}”; texten har lagts till där."
                    )
                else:
                    current = _Bucket(sec, block.text, line=block.line)
                    by_section[sec.id] = current
                    buckets.append(current)
                continue
            if block.level <= 2 or current is None:
                current = _Bucket(None, block.text, line=block.line)
                buckets.append(current)
                continue
        elif (
            current is not None
            and (current.section is None or current.section.typ != "beslut")
            and not block.markdown
            and _looks_like_heading(block)
            and index + 1 < len(blocks)
            and _looks_like_prose(blocks[index + 1])
            and not _is_aspect_heading(current, block)
        ):
            current = _Bucket(None, block.text, line=block.line)
            buckets.append(current)
            continue
        elif current is not None and (split := _leading_heading(current, block)) is not None:
            current = _Bucket(None, split[0].text, [split[1]], line=block.line)
            buckets.append(current)
            continue
        if current is None:
            header.append(block)
        else:
            current.blocks.append(block)
    if not by_section:
        raise NoSectionsError
    signatures = next((s for s in template.sektioner if s.typ == "underskrifter"), None)
    if signatures is not None and signatures.id not in by_section:
        trailing = _trailing_signatures(buckets[-1])
        if trailing:
            bucket = _Bucket(signatures, "", trailing)
            by_section[signatures.id] = bucket
            buckets.append(bucket)

    _read_header(header, template, result)
    for bucket in buckets:
        sec = bucket.section
        if sec is None:
            _keep(result, bucket.heading, _prose(bucket.blocks), "rubriken finns inte i mallen")
            continue
        _fill_section(bucket, sec, result)
    for sec in template.sektioner:
        found = by_section.get(sec.id)
        if found is None:
            result.missing.append(sec.id)
        else:
            empty = arende.content(sec).is_empty()
            result.found.append(FoundSection(sec.id, sec.rubrik, found.heading, empty))
    if result.kept_aside:
        arende.extra[IMPORTED_KEY] = {k.heading: k.text for k in result.kept_aside}
    return result


# ------------------------------------------------------------------ heuristics


def _is_aspect_heading(current: _Bucket, block: Block) -> bool:
    if current.section is None or current.section.typ != "aspekter":
        return False
    if block.kind == "heading" and block.level < 3 and block.markdown:
        return False
    text = block.text if block.kind == "heading" else (block.lines[0] if block.lines else "")
    return _aspect_for(current.section, text) is not None


def _aspect_for(section: SectionDef, text: str) -> str | None:
    key = norm(text)
    return next((a.id for a in section.aspekter if norm(a.etikett) == key), None)


def _looks_like_heading(block: Block) -> bool:
    """A plain-text line standing alone that reads like a heading, not a sentence."""
    if block.kind != "para" or len(block.lines) != 1:
        return False
    text = block.text
    return (
        0 < len(text) <= 60
        and len(text.split()) <= 8
        and text[:1].isupper()
        and not re.search(r"[.,;:!?]$", text)
    )


def _leading_heading(current: _Bucket, block: Block) -> tuple[Block, Block] | None:
    """A short heading line glued to the paragraph under it (no blank line between).

    Only in prose: the first line is at most five words without punctuation, the next line
    starts a sentence, the rest reads as prose, and the block is no signature.
    """
    if current.section is not None and current.section.typ not in ("prosa", "aspekter"):
        return None
    if block.kind != "para" or block.markdown or len(block.lines) < 2:
        return None
    first, rest = block.lines[0], block.lines[1:]
    head = Block("para", text=first, lines=[first], line=block.line)
    body = Block("para", text=join_wrapped(rest), lines=rest, line=block.line + 1)
    if (
        len(first) > 40
        or len(first.split()) > 5
        or not _looks_like_heading(head)
        or not rest[0][:1].isupper()
        or not _looks_like_prose(body)
        or _signature_pairs(block) is not None
        or _is_aspect_heading(current, block)
    ):
        return None
    return head, body


def _looks_like_prose(block: Block) -> bool:
    if block.kind != "para":
        return False
    return len(block.lines) > 1 or bool(re.search(r"[.!?:]$", block.text))


def _is_name(text: str) -> bool:
    tokens = text.split()
    if not 2 <= len(tokens) <= 5:
        return False
    capitals = 0
    for token in tokens:
        if not _NAME_TOKEN.match(token):
            return False
        if token[0].isupper():
            capitals += 1
        elif token.casefold() not in _NAME_PARTICLES:
            return False
    return capitals >= 2


def _signature_pairs(block: Block) -> list[Signature] | None:
    """Name/title pairs if the paragraph is a signature block, else None."""
    if block.kind != "para" or not block.lines:
        return None
    lines = block.lines
    if len(lines) == 1:
        name, sep, title = lines[0].partition(", ")
        if sep and _is_name(name) and len(title) <= 80 and not _SENTENCE_END.search(title):
            return [Signature(namn=name, titel=title)]
        return None
    if len(lines) > 10 or any(len(x) > 80 or _SENTENCE_END.search(x) for x in lines):
        return None
    pairs = [lines[i : i + 2] for i in range(0, len(lines), 2)]
    if not all(_is_name(pair[0]) for pair in pairs):
        return None
    return [Signature(namn=p[0], titel=p[1] if len(p) > 1 else "") for p in pairs]


def _trailing_signatures(bucket: _Bucket) -> list[Block]:
    """Pop name/title paragraphs from the end of the last section."""
    taken: list[Block] = []
    while bucket.blocks and _signature_pairs(bucket.blocks[-1]) is not None:
        taken.insert(0, bucket.blocks.pop())
    return taken


# ------------------------------------------------------------------ header


def _field_labels(template: Template) -> dict[str, FieldDef]:
    labels: dict[str, FieldDef] = {}
    for fld in template.falt:
        names = [fld.etikett, re.sub(r"\s*\(.*?\)\s*", " ", fld.etikett), fld.id.replace("_", " ")]
        names += _FIELD_SYNONYMS.get(fld.typ, ())
        for name in names:
            labels.setdefault(norm(name), fld)
    return labels


def _doc_type(text: str, template: Template) -> str | None:
    """The document type spelled as known, if ``text`` is one ("TJÄNSTESKRIVELSE 1 (2)")."""
    key = norm(_PAGE_NUMBER.sub("", text))
    known = [template.dokumenttyp, *KNOWN_DOC_TYPES]
    return next((k for k in known if norm(k) == key), None)


def split_title(text: str, template: Template, *, markdown_h1: bool = False) -> tuple[str, str]:
    """Split "Tjänsteskrivelse - Titel" into (document type, title); ("", text) if no type."""
    match = _TITLE_SPLIT.match(text)
    if match:
        doc_type = _doc_type(match.group("typ"), template)
        if doc_type:
            return doc_type, match.group("titel").strip()
    if markdown_h1 and TITLE_SEPARATOR in text:
        doc_type, _, title = text.partition(TITLE_SEPARATOR)
        return doc_type.strip(), title.strip()
    doc_type = _doc_type(text, template)
    if doc_type:
        return doc_type, ""
    return "", text


def _iso_date(value: str) -> str:
    match = _SWEDISH_DATE.match(value)
    if match and match.group(2).casefold() in _MONTHS:
        day, month, year = int(match.group(1)), _MONTHS[match.group(2).casefold()], match.group(3)
        if 1 <= day <= 31:
            return f"{year}-{month:02d}-{day:02d}"
    return value


def _read_header(blocks: list[Block], template: Template, result: Assembly) -> None:
    arende = result.arende
    labels = _field_labels(template)
    leftovers: list[str] = []

    def set_field(fld: FieldDef, value: str) -> bool:
        value = collapse(value)
        if fld.typ == "datum":
            value = _iso_date(value)
        current = arende.field_value(fld.id)
        if not value or (current and current != fld.standard and fld.id in result.header_fields):
            return False
        arende.arende[fld.id] = value
        if fld.id not in result.header_fields:
            result.header_fields.append(fld.id)
        return True

    def field_line(line: str) -> bool:
        match = _FIELD_LINE.match(line)
        if match and (fld := labels.get(norm(match.group("label")))) is not None:
            return set_field(fld, match.group("value"))
        head, _, value = line.partition(" ")
        fld = labels.get(norm(head))
        if fld is not None and fld.typ in ("datum", "diarienummer") and value[:1].isdigit():
            return set_field(fld, value)
        return (
            fld is not None
            and fld.typ == "diarienummer"
            and any(c.isdigit() for c in value)
            and set_field(fld, value)
        )

    def title_line(text: str, markdown_h1: bool = False) -> bool:
        doc_type, title = split_title(text, template, markdown_h1=markdown_h1)
        if title and "titel" in result.header_fields:
            return False
        if doc_type and "dokumenttyp" in [f.id for f in template.falt]:
            set_field(template.field("dokumenttyp"), doc_type)
        if title and (doc_type or markdown_h1):
            return set_field(template.field("titel"), title)
        return bool(doc_type)

    field_ids = {f.id for f in template.falt}

    def unlabelled_line(line: str) -> bool:
        """An organisation or förvaltning written without a label, as in a letterhead."""
        for field_id, pattern in _UNLABELLED:
            if field_id in field_ids and pattern.match(line):
                return set_field(template.field(field_id), line)
        return False

    last_is_line = False  # the last text kept aside is a plain line (a title candidate)
    for block in blocks:
        unused: list[str] = []
        if block.kind == "heading":
            if not title_line(block.text, markdown_h1=block.markdown and block.level == 1):
                unused.append(block.text)
        elif block.kind == "list":
            for number, (item, label) in enumerate(zip(block.items, block.labels, strict=True)):
                fld = labels.get(norm(label)) if label else None
                if label and fld is not None and set_field(fld, item[len(label) :]):
                    continue
                if not field_line(item) and item.strip():
                    unused.append(f"{number + 1}. {item}" if block.ordered else f"- {item}")
        else:
            for line in block.lines:
                if not (field_line(line) or title_line(line) or unlabelled_line(line)):
                    unused.append(line)
        if unused:
            leftovers.append("\n".join(unused))
            last_is_line = block.kind == "para" and block.lines[-1] == unused[-1]
    if "titel" not in result.header_fields and leftovers and last_is_line:
        last = leftovers[-1].split("\n")
        candidate = last[-1]
        if len(candidate) <= 150 and not re.search(r"[.;,:]$", candidate):
            set_field(template.field("titel"), candidate)
            result.notes.append(
                f"Ärendemeningen (titeln) togs från raden ”{candidate}” före första rubriken."
            )
            leftovers[-1] = "\n".join(last[:-1])
    text = "\n\n".join(x for x in leftovers if x.strip())
    if text:
        _keep(result, BEFORE_FIRST_HEADING, text, "texten står före första rubriken")


# ------------------------------------------------------------------ sections


def _keep(result: Assembly, heading: str, text: str, reason: str) -> None:
    taken = {k.heading for k in result.kept_aside}
    key, n = heading.strip() or "Rubrik utan text", 2
    while key in taken:
        key, n = f"{heading} ({n})", n + 1
    result.kept_aside.append(KeptAside(key, text, reason))


def _block_text(block: Block) -> str:
    if block.kind == "list":
        items = [i for i in block.items if i.strip()]
        if block.ordered:
            return "\n".join(f"{n}. {collapse(i)}" for n, i in enumerate(items, 1))
        return "\n".join(f"- {collapse(i)}" for i in items)
    return block.text


def _prose(blocks: list[Block]) -> str:
    return "\n\n".join(t for b in blocks if (t := _block_text(b).strip()))


def _fill_section(bucket: _Bucket, sec: SectionDef, result: Assembly) -> None:
    content = result.arende.content(sec)
    if isinstance(content, ProseContent):
        content.text = _prose(bucket.blocks)
    elif isinstance(content, DecisionContent):
        _fill_decision(bucket, sec, content, result)
    elif isinstance(content, AspectsContent):
        _fill_aspects(bucket.blocks, sec, content)
    elif isinstance(content, ListContent):
        for block in bucket.blocks:
            if block.kind == "list":
                content.poster += [collapse(i) for i in block.items if i.strip()]
            elif block.kind == "para":
                content.poster += [collapse(x) for x in block.lines if x.strip()]
    elif isinstance(content, SignaturesContent):
        people: list[Signature] = []
        for block in bucket.blocks:
            people += _signatures(block)
        content.personer = people


def _fill_decision(
    bucket: _Bucket, sec: SectionDef, content: DecisionContent, result: Assembly
) -> None:
    blocks = [b for b in bucket.blocks if b.kind != "heading"]
    lists = [i for i, b in enumerate(blocks) if b.kind == "list"]
    lead: Block | None = None
    rest: list[Block] = []
    if lists:
        content.punkter = [collapse(i) for i in _items(blocks) if i.strip()]
        before = blocks[: lists[0]]
        parsed = [b for b in before if parse_lead_in(b.text) is not None]
        lead = parsed[-1] if parsed else (before[-1] if before else None)
        rest = [b for b in blocks if b.kind != "list" and b is not lead]
    else:
        paras = list(blocks)
        if paras and (parse_lead_in(paras[0].text) or paras[0].text.rstrip().endswith(":")):
            lead = paras.pop(0)
        content.punkter = [collapse(b.text) for b in paras if b.text.strip()]
        if content.punkter:
            result.notes.append(
                "Beslutspunkterna var inte numrerade; varje stycke har blivit en punkt."
            )
    if rest:
        _keep(result, f"{sec.rubrik} (övrig text)", _prose(rest), "varken inledning eller punkt")
    if lead is None:
        return
    text = collapse(lead.text)
    header = result.arende
    parsed_lead = parse_lead_in(text)
    if parsed_lead is not None:
        for field_id, value in (
            ("beredande_organ", parsed_lead.proposer),
            ("beslutsinstans", parsed_lead.body),
        ):
            if field_id in header.arende and not header.field_value(field_id).strip():
                header.arende[field_id] = value
                result.header_fields.append(field_id)
    default = default_lead_in(
        header.field_value("beredande_organ"), header.field_value("beslutsinstans")
    )
    content.inledning = "" if text == default else text


def _items(blocks: list[Block]) -> list[str]:
    return [item for b in blocks if b.kind == "list" for item in b.items]


def _fill_aspects(blocks: list[Block], sec: SectionDef, content: AspectsContent) -> None:
    texts: list[str] = []
    described: dict[str, list[str]] = {}
    target = texts
    sentences = _no_consequence_sentences(sec)
    for block in blocks:
        aspect_id, body = _split_aspect_heading(sec, block)
        if aspect_id is not None:
            target = described.setdefault(aspect_id, [])
        if body is None:
            continue
        text = _block_text(body).strip()
        if target is texts and text in sentences:
            for a_id in sentences[text]:
                content.aspekter[a_id] = AspectEntry(bedomning="inga")
        elif text:
            target.append(text)
    content.text = "\n\n".join(texts)
    for a_id, paragraphs in described.items():
        if paragraphs:
            content.aspekter[a_id] = AspectEntry(bedomning="beskriv", text="\n\n".join(paragraphs))


def _split_aspect_heading(sec: SectionDef, block: Block) -> tuple[str | None, Block | None]:
    """(aspect id, remaining block) when the block is or starts with an aspect's label."""
    if block.kind == "heading":
        aspect_id = _aspect_for(sec, block.text)
        return (aspect_id, None) if aspect_id else (None, block)
    if block.kind == "para" and not block.markdown and block.lines:
        aspect_id = _aspect_for(sec, block.lines[0])
        if aspect_id:
            rest = block.lines[1:]
            return aspect_id, Block("para", text=join_wrapped(rest), lines=rest) if rest else None
    return None, block


def _no_consequence_sentences(sec: SectionDef) -> dict[str, tuple[str, ...]]:
    """Every sentence drafter renders for aspects marked "inga konsekvenser" → their ids."""
    aspects = sec.aspekter[:10]
    out: dict[str, tuple[str, ...]] = {}
    for size in range(1, len(aspects) + 1):
        for subset in combinations(aspects, size):
            labels = join_list_sv([a.etikett for a in subset], "eller")
            sentence = collapse(sec.inga_konsekvenser.format(aspekter=labels))
            out.setdefault(sentence, tuple(a.id for a in subset))
    return out


def _signatures(block: Block) -> list[Signature]:
    if block.kind == "list":
        people = []
        for item in block.items:
            name, _, title = collapse(item).partition(", ")
            if name or title:
                people.append(Signature(namn=name, titel=title))
        return people
    if block.kind == "heading":
        return [Signature(namn=collapse(block.text))]
    lines = [collapse(x) for x in block.lines if x.strip()]
    if not lines:
        return []
    if block.markdown and block.strong is not None and lines[0] == block.strong:
        return [Signature(namn=lines[0], titel=" ".join(lines[1:]))]
    if block.markdown and len(lines) == 1:
        return [Signature(titel=lines[0])]
    pairs = _signature_pairs(block)
    if pairs is not None:
        return pairs
    return [
        Signature(namn=lines[i], titel=lines[i + 1] if i + 1 < len(lines) else "")
        for i in range(0, len(lines), 2)
    ]
