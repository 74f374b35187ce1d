"""Filling a template section from its blocks: prose, decision (lead-in, numbered points,
att-satser), aspects (sub-headings and "Aspekt: text" lines), lists and signatures."""

from __future__ import annotations

from itertools import combinations

from drafter.importer.blocks import Block, collapse
from drafter.importer.common import (
    Assembly,
    _aspect_blocks,
    _aspect_for,
    _block_text,
    _Bucket,
    _keep,
    _prose,
    _signature_pairs,
    norm,
)
from drafter.model import (
    AspectEntry,
    AspectsContent,
    DecisionContent,
    ListContent,
    ProseContent,
    Signature,
    SignaturesContent,
)
from drafter.templates import SectionDef
from drafter.text import default_lead_in, join_list_sv, parse_lead_in
from drafter.wrapping import join_wrapped


def _fill_section(bucket: _Bucket, sec: SectionDef, result: Assembly) -> None:
    content = result.arende.content(sec)
    if isinstance(content, ProseContent):
        content.text = _prose(bucket.blocks)
    elif isinstance(content, DecisionContent):
        _fill_decision(bucket, sec, content, result)
    elif isinstance(content, AspectsContent):
        for heading, a_id in _fill_aspects(bucket.blocks, sec, content):
            label = next(a.label for a in sec.aspects if a.id == a_id)
            if norm(heading) != norm(label):
                result.notes.append(
                    f"Underrubriken ”{heading}” har lagts under aspekten ”{label}”."
                )
    elif isinstance(content, ListContent):
        for block in bucket.blocks:
            if block.kind == "list":
                content.items += [collapse(i) for i in block.items if i.strip()]
            elif block.kind == "para":
                content.items += [collapse(x) for x in block.lines if x.strip()]
    elif isinstance(content, SignaturesContent):
        people: list[Signature] = []
        for block in bucket.blocks:
            people += _signatures(block)
        content.people = people


def _fill_decision(
    bucket: _Bucket, sec: SectionDef, content: DecisionContent, result: Assembly
) -> None:
    blocks = _att_satser([b for b in bucket.blocks if b.kind != "heading"])
    lists = [i for i, b in enumerate(blocks) if b.kind == "list"]
    lead: Block | None = None
    rest: list[Block] = []
    if lists:
        content.points = [collapse(i) for i in _items(blocks) if i.strip()]
        before = blocks[: lists[0]]
        parsed = [b for b in before if parse_lead_in(b.text) is not None]
        lead = parsed[-1] if parsed else (before[-1] if before else None)
        rest = [b for b in blocks if b.kind != "list" and b is not lead]
    else:
        paras = list(blocks)
        if paras and (parse_lead_in(paras[0].text) or paras[0].text.rstrip().endswith(":")):
            lead = paras.pop(0)
        content.points = [collapse(b.text) for b in paras if b.text.strip()]
        if content.points:
            result.notes.append(
                "Beslutspunkterna var inte numrerade; varje stycke har blivit en punkt."
            )
    if rest:
        _keep(result, f"{sec.heading} (övrig text)", _prose(rest), "varken inledning eller punkt")
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
            if value and field_id in header.header and not header.field_value(field_id).strip():
                header.header[field_id] = value
                result.header_fields.append(field_id)
    default = default_lead_in(
        header.field_value("beredande_organ"), header.field_value("beslutsinstans")
    )
    content.lead_in = "" if text == default else text


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
            label = collapse(block.text if block.kind == "heading" else block.lines[0])
            if aspect_id in headings:
                target.append(label)  # the aspect again: its label stays as text
            headings.setdefault(aspect_id, label)
        elif block.kind == "heading":
            target = texts  # a sub-heading that names no aspect ends the one before
        if body is None:
            continue
        text = _block_text(body).strip()
        if target is texts and text in sentences:
            for a_id in sentences[text]:
                content.aspects[a_id] = AspectEntry(assessment="inga")
        elif text:
            target.append(text)
    texts += [headings[a_id] for a_id, paragraphs in described.items() if not paragraphs]
    content.text = "\n\n".join(texts)
    for a_id, paragraphs in described.items():
        if paragraphs:
            content.aspects[a_id] = AspectEntry(assessment="beskriv", text="\n\n".join(paragraphs))
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
    aspects = sec.aspects[:10]
    out: dict[str, tuple[str, ...]] = {}
    for size in range(1, len(aspects) + 1):
        for subset in combinations(aspects, size):
            labels = join_list_sv([a.label for a in subset], "eller")
            # a plain replace: template text never goes to str.format (issue 11)
            sentence = collapse(sec.no_consequences.replace("{aspekter}", labels))
            out.setdefault(sentence, tuple(a.id for a in subset))
    return out


def _signatures(block: Block) -> list[Signature]:
    if block.kind == "list":
        people = []
        for item in block.items:
            name, _, title = collapse(item).partition(", ")
            if name or title:
                people.append(Signature(name=name, title=title))
        return people
    if block.kind == "heading":
        return [Signature(name=collapse(block.text))]
    lines = [collapse(x) for x in block.lines if x.strip()]
    if not lines:
        return []
    if block.markdown and block.strong is not None and lines[0] == block.strong:
        return [Signature(name=lines[0], title=" ".join(lines[1:]))]
    if block.markdown and len(lines) == 1:
        return [Signature(title=lines[0])]
    pairs = _signature_pairs(block)
    if pairs is not None:
        return pairs
    return [
        Signature(name=lines[i], title=lines[i + 1] if i + 1 < len(lines) else "")
        for i in range(0, len(lines), 2)
    ]
