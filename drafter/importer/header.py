"""The header of an imported document: fields by label (on one line, two lines or several
per line), document type, title (wrapped, after an agenda number, at the end of a flattened
letterhead), prose before the first heading, and letterhead lines that name bodies."""

from __future__ import annotations

import itertools
import re

from drafter.importer.blocks import Block, collapse
from drafter.importer.common import (
    _BARE_DNR,
    _FIELD_LINE,
    _FIELD_SYNONYMS,
    _ISO_DATE,
    _MONTHS,
    _PAGE_COUNTER_END,
    _SWEDISH_DATE,
    _UNLABELLED,
    BEFORE_FIRST_HEADING,
    KNOWN_DOC_TYPES,
    Assembly,
    _keep,
    _proposal_heading,
    norm,
)
from drafter.render import TITLE_SEPARATOR
from drafter.templates import FieldDef, SectionDef, Template
from drafter.text import parse_lead_in

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
    if len(text) > 80:
        return None
    key = norm(_PAGE_COUNTER_END.sub("", text))
    known = [template.dokumenttyp, *KNOWN_DOC_TYPES]
    return next((k for k in known if norm(k) == key), None)


_TITLE_SEPARATORS = frozenset(["-", "–", "—", ":"])
_SPACED = re.compile(r"[^ \t]+")  # tokens between ordinary spaces: "12\u00a0500" is one


def split_title(text: str, template: Template, *, markdown_h1: bool = False) -> tuple[str, str]:
    """Split "Tjänsteskrivelse - Titel" into (document type, title); ("", text) if no type.

    A token scan (the type is at most a few words, then "-", "–", "—" or ":"): linear.
    """
    tokens = [(m.start(), m.end()) for m in itertools.islice(_SPACED.finditer(text), 6)]
    for n in range(1, min(5, len(tokens))):
        start, end = tokens[n - 1]
        head = text[:end]
        if text[end - 1] == ":" and end - start > 1:
            head, title_at = text[: end - 1], end  # "Tjänsteskrivelse: Titel"
        elif text[tokens[n][0] : tokens[n][1]] in _TITLE_SEPARATORS and n + 1 < len(tokens):
            title_at = tokens[n][1]  # "Tjänsteskrivelse – Titel"
        else:
            continue
        doc_type = _doc_type(head, template)
        title = text[title_at:].strip()
        if doc_type and title:
            return doc_type, title
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
        if any(fld.id in result.header_fields for _, _, fld in starts):
            return False  # read already: this line stays text (nothing is lost)
        prefix = tokens[: starts[0][0]]
        pairs: list[tuple[FieldDef, str, str]] = []
        for n, (index, size, fld) in enumerate(starts):
            end = starts[n + 1][0] if n + 1 < len(starts) else len(tokens)
            value = " ".join(tokens[index + size : end])
            if not value_fits(fld, value):
                return False  # all or nothing, so no word of the line is lost
            pairs.append((fld, value, " ".join(tokens[index : index + size])))
        filled = False
        for fld, value, label in pairs:
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
        if found[0].id in result.header_fields or found[1].id in result.header_fields:
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
