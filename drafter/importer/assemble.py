"""Mapping blocks to an ärende: header, sections by heading and alias, kept-aside text.

Nothing is dropped: text under a heading the template does not know, text before the first
heading that is no header field, and decision text that is neither lead-in nor point go to
``arende.extra["importerat"]`` (heading → text), which is saved in the TOML file and
exported as Markdown sections of their own.
"""

from __future__ import annotations

__all__ = [
    "BEFORE_FIRST_HEADING",
    "KNOWN_DOC_TYPES",
    "Assembly",
    "FoundSection",
    "HeadingMatcher",
    "KeptAside",
    "NoSectionsError",
    "assemble",
    "norm",
    "split_title",
]


import re

from drafter.importer.blocks import Block
from drafter.importer.common import (
    BEFORE_FIRST_HEADING,
    KNOWN_DOC_TYPES,
    Assembly,
    FoundSection,
    HeadingMatcher,
    KeptAside,
    NoSectionsError,
    _aspect_for,
    _Bucket,
    _keep,
    _prose,
    _signature_pairs,
    norm,
)
from drafter.importer.fill import (
    _fill_section,
)
from drafter.importer.header import (
    _main_prose,
    _organs_from_heading,
    _place_letterhead,
    _read_header,
    _starts_decision,
    split_title,
)
from drafter.model import (
    IMPORTED_KEY,
    Arende,
)
from drafter.templates import Template
from drafter.wrapping import join_wrapped


def assemble(blocks: list[Block], template: Template, mall: str) -> Assembly:
    """Build the ärende from blocks; raises :class:`NoSectionsError` when nothing matches."""
    arende = Arende.new(template)
    arende.template_ref = mall
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
            if sec is not None and sec.kind == "aspekter" and _aspect_for(sec, block.text):
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
                        f"”{sec.heading}”; texten har lagts till där."
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
            and (current.section is None or current.section.kind != "beslut")
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
            f"har lagts under ”{main.heading}”. Dela upp den i rätt avsnitt."
        )
        result.no_headings = True
        by_section[main.id] = _Bucket(main, "", line=blocks[0].line if blocks else 0)
        buckets.append(by_section[main.id])
    signatures = next((s for s in template.sections if s.kind == "underskrifter"), None)
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
                    f"Text utan rubrik före första rubriken har lagts under ”{main.heading}”."
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
    for sec in template.sections:
        found = by_section.get(sec.id)
        if found is None:
            result.missing.append(sec.id)
        else:
            empty = arende.content(sec).is_empty()
            result.found.append(FoundSection(sec.id, sec.heading, found.heading, empty))
    if result.kept_aside:
        arende.extra[IMPORTED_KEY] = {k.heading: k.text for k in result.kept_aside}
    return result


# ------------------------------------------------------------------ heuristics


def _is_aspect_heading(current: _Bucket, block: Block) -> bool:
    if current.section is None or current.section.kind != "aspekter":
        return False
    if block.kind == "heading" and block.level < 3 and block.markdown:
        return False
    text = block.text if block.kind == "heading" else (block.lines[0] if block.lines else "")
    return _aspect_for(current.section, text) is not None


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
    if current.section is not None and current.section.kind not in ("prosa", "aspekter"):
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
        and bucket.section.kind == "lista"
    ):
        # recipients and the signature in one run of short lines (Word without blank lines)
        tail = Block("para", text=join_wrapped(last.lines[-2:]), lines=last.lines[-2:])
        if _signature_pairs(tail) is not None:
            head = last.lines[:-2]
            bucket.blocks[-1] = Block("para", text=join_wrapped(head), lines=head, line=last.line)
            return [tail]
    while bucket.blocks and _signature_pairs(bucket.blocks[-1]) is not None:
        rest = [b for b in bucket.blocks[:-1] if b.kind != "heading"]
        if taken and not rest and bucket.section is not None and bucket.section.kind == "lista":
            break  # the recipients of a list section ("Gotlands Filmfond AB" / "Kultur- …")
        taken.insert(0, bucket.blocks.pop())
    return taken
