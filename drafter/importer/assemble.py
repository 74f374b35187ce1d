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
from drafter.templates import AspectDef, FieldDef, SectionDef, Template
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
_ISO_DATE = re.compile(r"^\d{4}-\d\d-\d\d$")
#: "RS 2021/312", "KS 2024:77", "KFN 2024/87", "SCN-2024-0123" on a line of their own
_BARE_DNR = re.compile(r"^[A-ZÅÄÖ]{1,6}[ -]?\d{4}[/:-]\d{1,6}$")
_SWEDISH_DATE = re.compile(r"^(\d{1,2})\s+([a-zåäö]+)\s+(\d{4})$", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"\s+(?:sida\s+)?\d+\s*[(\[]\d+[)\]]$", re.IGNORECASE)
_TITLE_SPLIT = re.compile(r"^(?P<typ>.+?)(?:\s+[–—-]\s+|\s*:\s*)(?P<titel>.+)$")
_FIELD_LINE = re.compile(r"^(?P<label>[^:]{1,40}?)\s*:\s*(?P<value>.*)$")
_SENTENCE_END = re.compile(r"[.!?;,:]$")
_UNLABELLED = (
    (
        "forvaltning",
        re.compile(
            r"^(?:[\w -]{0,60}(?:förvaltning|förvaltningen|kontoret|staben)|Sektor [\w ]{1,40})$",
            re.I,
        ),
    ),
    ("organisation", re.compile(r"^(?:Region \w+|\w+ (?:kommun|region|landsting|stad))$", re.I)),
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
        self.aspects = next((s for s in template.sektioner if s.typ == "aspekter"), None)

    def match(self, text: str) -> SectionDef | None:
        key = norm(text)
        if not key or len(key) > 80:
            return None
        if key in self.names:
            return self.names[key]
        genitive = re.match(r"^\S+s (.+)$", key)
        if genitive and genitive.group(1) in self.names:
            return self.names[genitive.group(1)]
        if self.decision is not None and _proposal_heading(key) is not None:
            return self.decision
        return None


def _proposal_heading(key: str) -> tuple[str, str] | None:
    """("<X>", "<Y>") for a heading "<X>s förslag till <Y>" (key: normalised heading).

    "Förslag till beslut" and "Förvaltningens förslag till beslut" give ("", "") or
    ("förvaltningen", ""): they name no deciding body.
    """
    words = key.split()
    if "förslag" not in words:
        return None
    i = words.index("förslag")
    if i > 4 or words[i + 1 : i + 2] != ["till"] or len(words) - i - 2 not in (1, 2, 3):
        return None
    owner = " ".join(words[:i])
    if owner and not owner.endswith("s"):
        return None
    target = " ".join(words[i + 2 :])
    if target.startswith("beslut") and target != "beslut":
        return None
    return owner[:-1] if owner else "", "" if target == "beslut" else target


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
    no_headings: bool = False
    """True when no heading was found and the text went to the main prose section."""
    field_labels: dict[str, str] = field(default_factory=dict)
    """Header field id → the label the document used for it, when not the template's."""
    kept_headings: set[str] = field(default_factory=set, repr=False)
    """Headings used in ``kept_aside`` (for unique names)."""


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
        if (
            matcher.decision is not None
            and matcher.decision.id not in by_section
            and _starts_decision(blocks, index)
        ):
            current = _Bucket(matcher.decision, "", [block], line=block.line)
            by_section[matcher.decision.id] = current
            buckets.append(current)
            continue
        if block.kind == "heading" and not (block.level == 1 and current is None):
            if current is not None and _is_aspect_heading(current, block):
                current.blocks.append(block)
                continue
            sec = matcher.match(block.text)
            if sec is not None and sec.typ == "aspekter" and _aspect_for(sec, block.text):
                # "Barnkonsekvensanalys", "Jämställdhet": a heading of its own that names an
                # aspect; its text goes to that aspect
                if sec.id not in by_section:
                    by_section[sec.id] = _Bucket(sec, block.text, line=block.line)
                    buckets.append(by_section[sec.id])
                current = by_section[sec.id]
                current.blocks.append(block)
                continue
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
        main = _main_prose(template)
        if main is None:
            raise NoSectionsError
        result.notes.append(
            "Hittade ingen rubrik som mallen känner igen; texten efter uppgifterna om ärendet "
            f"har lagts under ”{main.rubrik}”. Dela upp den i rätt avsnitt."
        )
        result.no_headings = True
        by_section[main.id] = _Bucket(main, "", line=blocks[0].line if blocks else 0)
        buckets.append(by_section[main.id])
    signatures = next((s for s in template.sektioner if s.typ == "underskrifter"), None)
    if signatures is not None and signatures.id not in by_section:
        trailing = _trailing_signatures(buckets[-1])
        if trailing:
            bucket = _Bucket(signatures, "", trailing)
            by_section[signatures.id] = bucket
            buckets.append(bucket)

    prose = _read_header(header, template, result, all_prose=result.no_headings)
    header_read = set(result.header_fields)
    main = _main_prose(template)
    if prose and main is not None:
        target = by_section.get(main.id)
        if (
            target is None
            or result.no_headings
            or not any(b.kind != "heading" for b in target.blocks)
        ):
            if target is None:
                target = _Bucket(main, "", line=prose[0].line)
                by_section[main.id] = target
                buckets.append(target)
            target.blocks[:0] = prose
            if not result.no_headings:
                result.notes.append(
                    f"Text utan rubrik före första rubriken har lagts under ”{main.rubrik}”."
                )
            prose = []
    if prose:
        _keep(result, BEFORE_FIRST_HEADING, _prose(prose), "texten står före första rubriken")
    decision_bucket = by_section.get(matcher.decision.id) if matcher.decision else None
    if decision_bucket is not None and decision_bucket.heading:
        _organs_from_heading(decision_bucket.heading, result)
    for bucket in buckets:
        sec = bucket.section
        if sec is None:
            _keep(result, bucket.heading, _prose(bucket.blocks), "rubriken finns inte i mallen")
            continue
        _fill_section(bucket, sec, result)
    _place_letterhead(result, template, header_read)
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


_ASPECT_FILLER = frozenset(
    [
        "konsekvenser",
        "konsekvens",
        "konsekvensanalys",
        "konsekvensbeskrivning",
        "för",
        "och",
        "i",
        "på",
        "påverkan",
        "avseende",
        "ur",
        "bedömning",
        "dimension",
        "dimensionen",
        "perspektiv",
        "perspektivet",
        "analys",
        "beslutets",
        "beslutsförslagets",
        "frågor",
        "samt",
        "&",
        "-",
        "–",
        "/",
        "unga",
    ]
)


def _names_aspect(aspect: AspectDef, word: str) -> bool:
    if any(word.startswith(n) for n in aspect.inte):
        return False
    return any(word.startswith(o) for o in aspect.ord) or any(
        s in word for s in aspect.i_sammansattning
    )


def _aspect_for(section: SectionDef, text: str) -> str | None:
    """The aspect a (sub-)heading names: its label ("Miljö") or a heading made of the
    aspect's words and filler ("Barnperspektiv", "Konsekvenser för miljö och klimat")."""
    key = norm(text)
    exact = next((a.id for a in section.aspekter if norm(a.etikett) == key), None)
    if exact is not None or not key or not text.strip()[:1].isupper():
        return exact
    words = key.replace("/", " ").split()
    if len(words) > 7 or any(c in key for c in ".,;!?()"):
        return None
    hits: set[str] = set()
    for word in words:
        named = {a.id for a in section.aspekter if _names_aspect(a, word)}
        if not named and word not in _ASPECT_FILLER:
            return None
        hits |= named
    return hits.pop() if len(hits) == 1 else None


def _aspect_blocks(section: SectionDef, block: Block) -> list[Block]:
    """A plain-text paragraph split at aspect sub-headings: "Miljö" on a line of its own or
    "Arbetsmiljö: text" at the start of a line become heading blocks."""
    if block.kind != "para" or block.markdown or not block.lines:
        return [block]
    out: list[Block] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            out.append(Block("para", text=join_wrapped(run), lines=list(run), line=block.line))
            run.clear()

    for line in block.lines:
        label, colon, rest = line.partition(":")
        if _aspect_for(section, line) is not None:
            flush()
            out.append(Block("heading", text=line, level=3, line=block.line))
        elif colon and len(label.split()) <= 4 and _aspect_for(section, label) is not None:
            flush()
            out.append(Block("heading", text=label, level=3, line=block.line))
            if rest.strip():
                run.append(rest.strip())
        else:
            run.append(line)
    flush()
    return out


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


_NOT_NAME_ENDINGS = ("nämnden", "styrelsen", "förvaltningen", "enheten", "kommun", "region")


def _is_name(text: str) -> bool:
    tokens = text.split()
    if not 2 <= len(tokens) <= 5 or tokens[-1].casefold().endswith(_NOT_NAME_ENDINGS):
        return False
    if any(len(t) > 1 and t.isalpha() and t.isupper() for t in tokens):  # "AB": a company
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
    last = bucket.blocks[-1] if bucket.blocks else None
    if (
        last is not None
        and last.kind == "para"
        and len(last.lines) >= 3
        and _signature_pairs(last) is None
        and bucket.section is not None
        and bucket.section.typ == "lista"
    ):
        # recipients and the signature in one run of short lines (Word without blank lines)
        tail = Block("para", text=join_wrapped(last.lines[-2:]), lines=last.lines[-2:])
        if _signature_pairs(tail) is not None:
            head = last.lines[:-2]
            bucket.blocks[-1] = Block("para", text=join_wrapped(head), lines=head, line=last.line)
            return [tail]
    while bucket.blocks and _signature_pairs(bucket.blocks[-1]) is not None:
        rest = [b for b in bucket.blocks[:-1] if b.kind != "heading"]
        if taken and not rest and bucket.section is not None and bucket.section.typ == "lista":
            break  # the recipients of a list section ("Gotlands Filmfond AB" / "Kultur- …")
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


def _read_header(
    blocks: list[Block], template: Template, result: Assembly, *, all_prose: bool = False
) -> list[Block]:
    """Fill header fields from the blocks before the first section heading.

    Reads "Label: value", "Label value", a label and its value on two lines, several fields
    on one line ("Datum 2019-08-15 Dnr SN 2019/0055"), the document type and the title (a
    title wrapped over two lines is joined; an agenda number before it is dropped). Returns
    the paragraphs of prose found there (the caller places them); other leftover lines are
    kept aside.
    """
    arende = result.arende
    labels = _field_labels(template)
    field_ids = {f.id for f in template.falt}
    prose: list[Block] = []
    leftovers: list[list[str]] = []  # per block, its unused lines

    def set_field(fld: FieldDef, value: str, label: str = "") -> bool:
        if label and norm(label) != norm(fld.etikett):
            result.field_labels.setdefault(fld.id, collapse(label))
        value = collapse(value)
        if fld.typ == "datum" and _iso_date(value) != value:
            result.notes.append(f"Datumet ”{value}” skrevs som {_iso_date(value)}.")
            value = _iso_date(value)
        current = arende.field_value(fld.id)
        if not value or (current and current != fld.standard and fld.id in result.header_fields):
            return False
        arende.arende[fld.id] = value
        if fld.id not in result.header_fields:
            result.header_fields.append(fld.id)
        return True

    def value_fits(fld: FieldDef, value: str) -> bool:
        if fld.typ == "datum":
            return value[:1].isdigit()
        if fld.typ == "diarienummer":
            return any(c.isdigit() for c in value)
        return bool(value.strip())

    def field_line(line: str) -> bool:
        match = _FIELD_LINE.match(line)
        if match and (fld := labels.get(norm(match.group("label")))) is not None:
            return set_field(fld, match.group("value"), match.group("label"))
        if multi_field_line(line):
            return True
        head, _, value = line.partition(" ")
        fld = labels.get(norm(head))
        return (
            fld is not None
            and fld.typ in ("datum", "diarienummer")
            and (value_fits(fld, value) and set_field(fld, value, head))
        )

    def multi_field_line(line: str) -> bool:
        """ "Datum 2019-08-15 Dnr KS 2019/0055", "Tjänsteskrivelse 2023-11-06 Dnr X"."""
        tokens = line.split()
        if len(tokens) > 14:
            return False
        starts: list[tuple[int, int, FieldDef]] = []  # (index, label size, field)
        i = 0
        while i < len(tokens):
            for size in (2, 1):
                fld = labels.get(norm(" ".join(tokens[i : i + size])))
                if fld is not None and fld.typ in ("datum", "diarienummer"):
                    starts.append((i, size, fld))
                    i += size - 1
                    break
            i += 1
        if not starts or (len(starts) == 1 and starts[0][0] == 0):
            return False
        prefix = tokens[: starts[0][0]]
        filled = False
        for n, (index, size, fld) in enumerate(starts):
            end = starts[n + 1][0] if n + 1 < len(starts) else len(tokens)
            value = " ".join(tokens[index + size : end])
            if value_fits(fld, value):
                label = " ".join(tokens[index : index + size])
                filled = set_field(fld, value, label) or filled
        if prefix and filled:
            rest = list(prefix)
            doc_type = _doc_type(rest[0], template)
            if doc_type and "dokumenttyp" in field_ids:
                set_field(template.field("dokumenttyp"), doc_type)
                rest = rest[1:]
            if rest and len(rest) == 1 and re.fullmatch(r"\d{4}-\d\d-\d\d", rest[0]):
                date = next((f for f in template.falt if f.typ == "datum"), None)
                if date is not None and set_field(date, rest[0]):
                    rest = []
            if rest:
                leftovers.append([" ".join(rest)])
        return filled

    def label_row(line: str, values: str) -> bool:
        """A row of labels (a date label first) over a row of their values."""
        tokens = line.split()
        found: list[FieldDef] = []
        i = 0
        while i < len(tokens):
            size = next(
                (n for n in (2, 1) if labels.get(norm(" ".join(tokens[i : i + n]))) is not None),
                0,
            )
            if not size:
                return False
            found.append(labels[norm(" ".join(tokens[i : i + size]))])
            i += size
        value_tokens = values.split()
        if len(found) != 2 or found[0].typ != "datum" or len(value_tokens) < 2:
            return False
        if not (value_fits(found[0], value_tokens[0]) and value_fits(found[1], values)):
            return False
        set_field(found[0], value_tokens[0], line)
        set_field(found[1], " ".join(value_tokens[1:]), line)
        return True

    def title_line(text: str, markdown_h1: bool = False) -> bool:
        doc_type, title = split_title(text, template, markdown_h1=markdown_h1)
        if title and "titel" in result.header_fields:
            return False
        if doc_type and "dokumenttyp" in field_ids:
            set_field(template.field("dokumenttyp"), doc_type)
        if title and (doc_type or markdown_h1):
            return set_field(template.field("titel"), title)
        return bool(doc_type)

    def unlabelled_line(line: str) -> bool:
        """An organisation, förvaltning, diarienummer or date written without a label."""
        for fld in template.falt:
            if fld.typ == "datum" and (_ISO_DATE.match(line) or _iso_date(line) != line):
                return set_field(fld, line)
            if fld.typ == "diarienummer" and _BARE_DNR.match(line):
                return set_field(fld, line)
        for field_id, pattern in _UNLABELLED:
            if field_id in field_ids and pattern.match(line):
                return set_field(template.field(field_id), line)
        return False

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
                    mark = block.markers[number] if number < len(block.markers) else ""
                    if block.ordered and mark and len(block.items) == 1:
                        unused.append(f"{mark}. {item}")  # "7. Titel": an agenda number
                    elif block.ordered:
                        unused.append(f"{mark or number + 1}. {item}")
                    else:
                        unused.append(f"- {item}")
        elif _is_prose(block, all_prose):
            prose.append(block)
            continue
        else:
            lines = block.lines
            i = 0
            while i < len(lines):
                line = lines[i]
                if i + 1 < len(lines) and label_row(line, lines[i + 1]):
                    i += 2  # "Datum Vår beteckning" / "2024-04-08 BUN 2024/0199"
                    continue
                fld = labels.get(norm(line))
                if (
                    fld is not None
                    and i + 1 < len(lines)
                    and labels.get(norm(lines[i + 1])) is None
                    and value_fits(fld, lines[i + 1])
                    and set_field(fld, lines[i + 1], line)
                ):
                    i += 2  # "Datum" / "2024-05-13"
                    continue
                if not (field_line(line) or title_line(line) or unlabelled_line(line)):
                    unused.append(line)
                i += 1
        if unused:
            leftovers.append(unused)
    if "titel" not in result.header_fields:
        _take_title(leftovers, template, result)
    text = "\n\n".join("\n".join(lines) for lines in leftovers if any(x.strip() for x in lines))
    if text:
        _keep(result, BEFORE_FIRST_HEADING, text, "texten står före första rubriken")
    return prose


_ORGAN_ENDINGS = (
    "nämnden",
    "nämnd",
    "styrelsen",
    "utskottet",
    "fullmäktige",
    "förvaltningen",
    "kontoret",
    "staben",
    "kommun",
)
_AGENDA_NUMBER = re.compile(r"^(?:§ ?)?\d{1,3}[.)]? (?=[A-ZÅÄÖ])")


def _title_candidate(line: str) -> bool:
    words = line.split()
    last = words[-1].casefold() if words else ""
    return (
        len(line) <= 150
        and not re.search(r"[.;,:]$", line)
        and (len(words) >= 3 or len(line) >= 20)
        and any(c.islower() for c in line)
        and not last.endswith(_ORGAN_ENDINGS)
        and not line[:1].islower()
    )


def _title_tail(line: str) -> str:
    """A long letterhead line flattened with its title ("Tjänsteskrivelse KFN Handläggare: …
    Kultur- och föreningsnämnden Utvärdering av …"): the words after the last organ name."""
    words = line.split()
    if len(words) <= 12:
        return line
    ends = [i for i, w in enumerate(words) if w.casefold().endswith(_ORGAN_ENDINGS)]
    if ends and len(words) - ends[-1] - 1 >= 3 and words[ends[-1] + 1][:1].isupper():
        return " ".join(words[ends[-1] + 1 :])
    return line


def _take_title(leftovers: list[list[str]], template: Template, result: Assembly) -> None:
    """Take the title from the lines before the first heading: the last line that reads as one."""
    for lines in reversed(leftovers):
        for i in range(len(lines) - 1, -1, -1):
            if not _title_candidate(lines[i]):
                continue
            title, used = _title_tail(lines[i]), 1
            letterhead = lines[i][: len(lines[i]) - len(title)].rstrip()
            while i + used < len(lines) and lines[i + used][:1].islower():
                title = f"{title} {lines[i + used]}"  # a title wrapped over two lines
                used += 1
            number = _AGENDA_NUMBER.match(title)
            if number:
                title = title[number.end() :]
                result.notes.append(
                    f"Numret ”{number.group(0).strip()}” före titeln (ärendets nummer på "
                    "föredragningslistan) togs bort."
                )
            arende = result.arende
            arende.arende["titel"] = title
            result.header_fields.append("titel")
            result.notes.append(
                f"Ärendemeningen (titeln) togs från raden ”{title}” före första rubriken."
            )
            if letterhead:  # the rest of a flattened letterhead line stays
                lines[i] = letterhead
                del lines[i + 1 : i + used]
            else:
                del lines[i : i + used]
            return


def _is_prose(block: Block, short: bool = False) -> bool:
    """A paragraph of running text (several sentences or a long one; any sentence when
    ``short``), not a header line."""
    if block.kind != "para":
        return False
    text = block.text.rstrip()
    return (
        len(text.split()) >= (3 if short else 12)
        and text[-1:] in ".!?"
        and not _FIELD_LINE.match(block.lines[0])
    )


def _place_letterhead(result: Assembly, template: Template, header_read: set[str]) -> None:
    """Lines before the first heading that name the body the memo goes to: fill an empty
    Beslutsinstans, or drop them when a header field already says the same."""
    kept = next((k for k in result.kept_aside if k.heading == BEFORE_FIRST_HEADING), None)
    if kept is None:
        return
    header = result.arende
    ids = {f.id for f in template.falt}
    # only values the decision gave (its lead-in or heading); a value read from a header
    # line already stands for that line
    values = {
        norm(header.field_value(f))
        for f in ("beredande_organ", "beslutsinstans")
        if f in ids and f not in header_read and header.field_value(f).strip()
    }
    paragraphs: list[str] = []
    for paragraph in kept.text.split("\n\n"):
        lines: list[str] = []
        for line in paragraph.split("\n"):
            key = norm(line)
            if len(line.split()) <= 5 and key in values:
                values.discard(key)  # once: a repeated line is text of its own
                continue  # "Regionstyrelsen" when the lead-in already names it
            if (
                "beslutsinstans" in ids
                and not header.field_value("beslutsinstans").strip()
                and len(line.split()) <= 5
                and line[:1].isupper()
                and line.split()[-1].casefold().endswith(_ORGAN_ENDINGS[:5])
            ):
                header.arende["beslutsinstans"] = line
                result.header_fields.append("beslutsinstans")
                result.notes.append(f"Beslutsinstansen togs från raden ”{line}” före titeln.")
                continue
            lines.append(line)
        if lines:
            paragraphs.append("\n".join(lines))
    if paragraphs:
        kept.text = "\n\n".join(paragraphs)
    else:
        result.kept_aside.remove(kept)


def _main_prose(template: Template) -> SectionDef | None:
    """The section that gets text without a heading: "arendet", else the first prose one."""
    prose = [s for s in template.sektioner if s.typ == "prosa"]
    return next((s for s in prose if s.id == "arendet"), prose[0] if prose else None)


def _organs_from_heading(heading: str, result: Assembly) -> None:
    """ "Stadsbyggnadsutskottets förslag till kommunstyrelsen" names proposer and decider."""
    parsed = _proposal_heading(norm(heading))
    if parsed is None or not all(parsed):
        return
    header = result.arende
    for field_id, value in zip(("beredande_organ", "beslutsinstans"), parsed, strict=True):
        if field_id in header.arende and not header.field_value(field_id).strip():
            header.arende[field_id] = value[:1].upper() + value[1:]
            result.header_fields.append(field_id)


def _starts_decision(blocks: list[Block], index: int) -> bool:
    """A lead-in such as "Regionstyrelsen föreslås besluta" followed by points, no heading."""
    block = blocks[index]
    if block.kind != "para" or not block.lines or len(block.text) > 160:
        return False
    if parse_lead_in(block.lines[0]) is None:
        return False
    if len(block.lines) > 1:
        return block.lines[1].casefold().startswith("att ")
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return following is not None and (
        following.kind == "list" or following.text.casefold().startswith("att ")
    )


# ------------------------------------------------------------------ sections


def _keep(result: Assembly, heading: str, text: str, reason: str) -> None:
    taken = result.kept_headings  # kept in step with kept_aside: linear in the headings
    if len(taken) != len(result.kept_aside):
        taken.clear()
        taken.update(k.heading for k in result.kept_aside)
    key, n = heading.strip() or "Rubrik utan text", 2
    while key in taken:
        key, n = f"{heading} ({n})", n + 1
    result.kept_aside.append(KeptAside(key, text, reason))
    taken.add(key)


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
        for heading, a_id in _fill_aspects(bucket.blocks, sec, content):
            label = next(a.etikett for a in sec.aspekter if a.id == a_id)
            if norm(heading) != norm(label):
                result.notes.append(
                    f"Underrubriken ”{heading}” har lagts under aspekten ”{label}”."
                )
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
    blocks = _att_satser([b for b in bucket.blocks if b.kind != "heading"])
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
            if value and field_id in header.arende and not header.field_value(field_id).strip():
                header.arende[field_id] = value
                result.header_fields.append(field_id)
    default = default_lead_in(
        header.field_value("beredande_organ"), header.field_value("beslutsinstans")
    )
    content.inledning = "" if text == default else text


def _is_att(line: str) -> bool:
    return line[:4].casefold() == "att " or line.casefold() == "att"


def _att_satser(blocks: list[Block]) -> list[Block]:
    """Decision paragraphs with "att …" lines become points; the lines before are the lead-in.

    "Kommunstyrelsen föreslår kommunfullmäktige besluta" / "att …" / "att …" (one paragraph
    or several), and "Nämnden beslutar att det …" in one sentence, give a lead-in and points.
    """
    out: list[Block] = []
    att_list: Block | None = None
    for block in blocks:
        if block.kind != "para" or block.markdown:
            out.append(block)
            att_list = None
            continue
        lines = block.lines or [block.text]
        first = next((i for i, line in enumerate(lines) if _is_att(line)), None)
        if first is None:
            split = _split_lead_in_sentence(block.text)
            if split is None:
                out.append(block)
                att_list = None
                continue
            lead, point = split
            out.append(Block("para", text=lead, lines=[lead], line=block.line))
            out.append(Block("list", items=[point], labels=[None], line=block.line))
            att_list = None
            continue
        if first > 0:
            head = lines[:first]
            out.append(Block("para", text=join_wrapped(head), lines=head, line=block.line))
            att_list = None
        if att_list is None:
            att_list = Block("list", line=block.line)
            out.append(att_list)
        parts: list[list[str]] = []
        for line in lines[first:]:
            if _is_att(line) or not parts:
                parts.append([line])
            else:
                parts[-1].append(line)
        for part in parts:
            att_list.items.append(join_wrapped(part))
            att_list.labels.append(None)
    return out


def _split_lead_in_sentence(text: str) -> tuple[str, str] | None:
    """ "Nämnden beslutar att det …" → ("Nämnden beslutar", "att det …"), else None."""
    tokens = text.split()
    for j in range(1, min(16, len(tokens) - 2)):
        if tokens[j].casefold() in ("beslutar", "besluta") and tokens[j + 1].casefold() == "att":
            lead = " ".join(tokens[: j + 1])
            if parse_lead_in(lead) is not None:
                return lead, " ".join(tokens[j + 1 :])
            return None
    return None


def _items(blocks: list[Block]) -> list[str]:
    return [item for b in blocks if b.kind == "list" for item in b.items]


def _fill_aspects(
    blocks: list[Block], sec: SectionDef, content: AspectsContent
) -> list[tuple[str, str]]:
    """Fill the aspects; returns (sub-heading, aspect id) for each aspect sub-heading."""
    texts: list[str] = []
    described: dict[str, list[str]] = {}
    target = texts
    sentences = _no_consequence_sentences(sec)
    pieces = [piece for block in blocks for piece in _aspect_blocks(sec, block)]
    headings: dict[str, str] = {}
    for block in pieces:
        aspect_id, body = _split_aspect_heading(sec, block)
        if aspect_id is not None:
            target = described.setdefault(aspect_id, [])
            headings.setdefault(
                aspect_id, collapse(block.text if block.kind == "heading" else block.lines[0])
            )
        elif block.kind == "heading":
            target = texts  # a sub-heading that names no aspect ends the one before
        if body is None:
            continue
        text = _block_text(body).strip()
        if target is texts and text in sentences:
            for a_id in sentences[text]:
                content.aspekter[a_id] = AspectEntry(bedomning="inga")
        elif text:
            target.append(text)
    texts += [headings[a_id] for a_id, paragraphs in described.items() if not paragraphs]
    content.text = "\n\n".join(texts)
    for a_id, paragraphs in described.items():
        if paragraphs:
            content.aspekter[a_id] = AspectEntry(bedomning="beskriv", text="\n\n".join(paragraphs))
    return [(heading, a_id) for a_id, heading in headings.items()]


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
