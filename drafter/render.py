"""Rendering an ärende to Markdown (deterministic; user text is escaped).

Layout::

    # <dokumenttyp> – <titel>

    - **<etikett>:** <värde>          (each non-empty header field but titel/dokumenttyp)

    ## <rubrik>                        (each section in template order; empty optional
                                        sections are left out)
    <lead-in>                          beslut: lead-in, then a numbered list
    1. <punkt>
    <paragraphs>                       prosa: paragraphs as written
    - <post>                           lista: bullets
    **<namn>**  \\n<titel>              underskrifter: name, then title
    ### <aspekt>                       aspekter: prose, one sentence for the aspects
                                        without consequences, an H3 per described aspect
    ## <rubrik>                        text an import kept aside (extra["importerat"]:
                                        heading → text), last, one H2 per heading
"""

from __future__ import annotations

import re

from drafter.model import (
    Arende,
    AspectsContent,
    DecisionContent,
    ListContent,
    ProseContent,
    SignaturesContent,
)
from drafter.templates import SectionDef, Template
from drafter.text import default_lead_in, join_list_sv, printable

#: Separator between document type and title in the H1.
TITLE_SEPARATOR = " – "

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_BLOCK_START = re.compile(r"^(\s*)([#>+\-=~]|\d+[.)])")
_RULE_LINE = re.compile(r"^\s*([-=_*~`])\s*(\1\s*)+$")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")


#: Besides digits (any script's, as ``\d`` matches), the first characters of a stripped
#: line that :data:`_BLOCK_START` or :data:`_RULE_LINE` may match (after the inline escapes,
#: "*", "_" and "`" start with a backslash).
_BLOCK_MARKS = frozenset("#>+-=~")


def escape_line(line: str) -> str:
    """Escape one line of user text so it renders as plain text in Markdown; control
    characters are made visible (:func:`~drafter.text.printable`)."""
    line = _INLINE_SPECIAL.sub(r"\\\1", printable(line).strip())
    return _escape_block_start(_ENTITY.sub(r"\\&", line))  # "&amp;" stays text


def _escape_block_start(line: str) -> str:
    """Escape what would make a stripped, inline-escaped line a block of its own (a
    heading, a quote, a list item, a rule)."""
    first = line[:1]
    if not first or (first not in _BLOCK_MARKS and not first.isdecimal()):
        return line
    if _RULE_LINE.match(line):
        return "".join("\\" + c if not c.isspace() else c for c in line)
    match = _BLOCK_START.match(line)
    if match:
        marker = match.group(2)
        if marker[0].isdigit():
            # "1." → "1\." so it is not a list item
            line = line[: match.start(2)] + marker[:-1] + "\\" + marker[-1] + line[match.end(2) :]
        else:
            line = line[: match.start(2)] + "\\" + line[match.start(2) :]
    return line


def escape_text(text: str) -> str:
    """Escape a block of user text; paragraphs (blank-line separated) are kept.

    Each line is escaped as :func:`escape_line` does, with the inline escapes run once over
    the whole text rather than once per line (500 KB: 12 ms instead of 15; saving writes
    this Markdown while the user types on).
    """
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    lines: list[str] = []  # every paragraph's lines, a "" between paragraphs
    for block in blocks:
        if lines:
            lines.append("")
        lines += [line for line in block.splitlines() if line.strip()]
    # printable() keeps "\n" and the inline patterns never span one, so the lines can be
    # joined for them; each line is stripped first, as escape_line strips it
    stripped = "\n".join(line.strip() for line in printable("\n".join(lines)).split("\n"))
    inline = _ENTITY.sub(r"\\&", _INLINE_SPECIAL.sub(r"\\\1", stripped))
    paragraphs = "\n".join(map(_escape_block_start, inline.split("\n"))).split("\n\n")
    return "\n\n".join(p.replace("\n", "  \n") for p in paragraphs)


def _one_line(text: str) -> str:
    # ordinary whitespace only: non-breaking spaces ("12\u00a0500 euro") are kept
    return escape_line(re.sub(r"[ \t\r\n\f\v]+", " ", text))


def _heading_text(text: str) -> str:
    # a trailing " #" would be read as the heading's closing sequence and dropped
    return re.sub(r"(?<=\s)(#+)$", r"\\\1", _one_line(text))


def lead_in_text(arende: Arende, content: DecisionContent) -> str:
    """The lead-in as written, or the default one built from the header."""
    if content.lead_in.strip():
        return content.lead_in.strip()
    proposer = arende.field_value("beredande_organ")
    body = arende.field_value("beslutsinstans")
    if proposer.strip() and body.strip():
        return default_lead_in(proposer, body)
    return ""


def render_section_body(arende: Arende, section: SectionDef) -> str:
    """The Markdown of one section's content (without its heading)."""
    content = arende.content(section)
    parts: list[str] = []
    if isinstance(content, DecisionContent):
        lead = lead_in_text(arende, content)
        if lead:
            parts.append(_one_line(lead))
        points = [p for p in content.points if p.strip()]
        if points:
            parts.append("\n".join(f"{i}. {_one_line(p)}" for i, p in enumerate(points, 1)))
    elif isinstance(content, ProseContent):
        if content.text.strip():
            parts.append(escape_text(content.text))
    elif isinstance(content, AspectsContent):
        if content.text.strip():
            parts.append(escape_text(content.text))
        none_labels = [
            a.label
            for a in section.aspects
            if (e := content.aspects.get(a.id)) is not None and e.assessment == "inga"
        ]
        if none_labels:
            sentence = section.no_consequences_sentence(join_list_sv(none_labels, "eller"))
            parts.append(_one_line(sentence))
        for aspect in section.aspects:
            entry = content.aspects.get(aspect.id)
            if entry is not None and entry.assessment == "beskriv" and entry.text.strip():
                label = aspect.label[:1].upper() + aspect.label[1:]
                parts.append(f"### {_one_line(label)}\n\n{escape_text(entry.text)}")
    elif isinstance(content, ListContent):
        items = [p for p in content.items if p.strip()]
        if items:
            parts.append("\n".join(f"- {_one_line(p)}" for p in items))
    elif isinstance(content, SignaturesContent):
        for person in content.people:
            if person.is_empty():
                continue
            lines = [f"**{_one_line(person.name)}**" if person.name.strip() else ""]
            if person.title.strip():
                lines.append(_one_line(person.title))
            parts.append("  \n".join(line for line in lines if line))
    return "\n\n".join(parts)


def render_header(arende: Arende, template: Template) -> str:
    """The H1 and the header field list."""
    doc_type = arende.field_value("dokumenttyp").strip() or template.document_type
    title = arende.field_value("titel").strip()
    heading = (
        f"# {_one_line(doc_type)}{TITLE_SEPARATOR}{_heading_text(title)}"
        if title
        else (f"# {_heading_text(doc_type)}")
    )
    items = [
        f"- **{_one_line(fld.label)}:** {_one_line(arende.field_value(fld.id))}"
        for fld in template.fields
        if fld.id not in ("titel", "dokumenttyp") and arende.field_value(fld.id).strip()
    ]
    return heading + ("\n\n" + "\n".join(items) if items else "")


def render_section(arende: Arende, section: SectionDef) -> str:
    """One section with its H2 heading, or "" for an empty optional section."""
    body = render_section_body(arende, section)
    if not body and not section.required:
        return ""
    return f"## {_heading_text(section.heading)}" + (f"\n\n{body}" if body else "")


def render_markdown(arende: Arende, template: Template) -> str:
    """The whole ärende as Markdown, ending with one newline.

    User and template text is escaped, and control characters are made visible
    (:func:`~drafter.text.printable`), so the export cannot drive a terminal or a viewer.
    """
    blocks = [render_header(arende, template)]
    for section in template.sections:
        block = render_section(arende, section)
        if block:
            blocks.append(block)
    imported = render_imported(arende)
    if imported:
        blocks.append(imported)
    return printable("\n\n".join(blocks)) + "\n"


def render_imported(arende: Arende) -> str:
    """Text an import kept aside (``extra["importerat"]``, heading → text), an H2 each."""
    blocks = []
    for heading, text in arende.imported_texts().items():
        title = _heading_text(heading) or "Importerad text"
        body = escape_text(text)
        blocks.append(f"## {title}" + (f"\n\n{body}" if body else ""))
    return "\n\n".join(blocks)
