"""Turning a document into a flat list of blocks: headings, paragraphs and lists.

Both input formats end up here: plain text (as extracted from PDF or Word) is split by
lines, Markdown is parsed with markdown-it-py. The blocks carry no section knowledge beyond
"is this line a known heading", which the caller passes in; :mod:`drafter.importer.assemble`
maps them to the template's sections.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from drafter.wrapping import clean_line, join_wrapped

BlockKind = Literal["heading", "para", "list"]


@dataclass
class Block:
    """One block of the document.

    Attributes:
        kind: ``heading``, ``para`` (a paragraph) or ``list``.
        text: Heading text, or the paragraph with hard wraps joined (a line break the
            writer forced, a Markdown hard break, stays as ``\\n``).
        lines: The paragraph's lines as in the source, stripped (for name/title pairs and
            one-entry-per-line lists).
        items: List items (``""`` for an empty bullet such as a lone ``-``).
        labels: Per list item, the leading bold label (Markdown ``**Datum:**``) or None.
        ordered: True for a numbered list.
        level: Heading level (Markdown) or 2 (a plain-text heading line).
        strong: Text of a bold span that starts the paragraph (Markdown), else None.
        markdown: True when the block comes from Markdown.
        line: 1-based line number in the source, for messages.
    """

    kind: BlockKind
    text: str = ""
    lines: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    labels: list[str | None] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)
    """Per list item of plain text, its number as written ("7"), or "" for a bullet."""
    ordered: bool = False
    level: int = 2
    strong: str | None = None
    markdown: bool = False
    line: int = 0


# ------------------------------------------------------------------ whitespace helpers

_SENTENCE_END = re.compile(r"[.!?:]$")


def collapse(text: str) -> str:
    """Collapse ordinary whitespace (not non-breaking spaces) to single spaces."""
    return re.sub(r"[ \t\n\r]+", " ", text).strip()


# ------------------------------------------------------------------ plain text

_BULLET = re.compile(r"^[-–•*·▪](?:\s+(?P<text>.*))?$")
_NUMBERED = re.compile(r"^(?P<num>\d{1,3})[.)](?:\s+(?P<text>.*))?$")

HeadingTest = Callable[[str], bool]


def plain_blocks(text: str, is_heading: HeadingTest) -> list[Block]:
    """Split plain text into blocks.

    A line for which ``is_heading`` is true is a heading even without blank lines around
    it; so is ``Rubrik: text`` at the start of a block (the text is kept in ``rest``).
    Blank lines end paragraphs, "- " and "1." lines make lists, and a line indented more
    than the one before, after a full stop, starts a new paragraph (PDF first-line indent).
    """
    blocks: list[Block] = []
    run: list[tuple[str, int, int]] = []

    def flush() -> None:
        blocks.extend(_run_blocks(run))
        run.clear()

    for number, raw in enumerate(text.split("\n"), 1):
        line = clean_line(raw)
        if not line:
            flush()
            continue
        if is_heading(line):
            flush()
            blocks.append(Block("heading", text=line, line=number))
            continue
        if not run and ":" in line:
            head, _, rest = line.partition(":")
            if rest.strip() and is_heading(head):
                blocks.append(Block("heading", text=head.strip(), line=number))
                run.append((rest.strip(), 0, number))
                continue
        indent = len(raw) - len(raw.lstrip(" \t\u00a0\ufeff"))
        run.append((line, indent, number))
    flush()
    return blocks


def _run_blocks(run: list[tuple[str, int, int]]) -> list[Block]:
    """Blocks of one run of non-blank lines."""
    blocks: list[Block] = []
    para: list[tuple[str, int, int]] = []
    current: Block | None = None  # the open list
    item: list[str] = []  # lines of the open list item, joined when it closes

    def close_item() -> None:
        if current is not None and item:
            current.items[-1] = join_wrapped(item)
        item.clear()

    def close_para() -> None:
        if para:
            lines = [p[0] for p in para]
            blocks.append(Block("para", text=join_wrapped(lines), lines=lines, line=para[0][2]))
            para.clear()

    for line, indent, number in run:
        bullet = _BULLET.match(line)
        numbered = _NUMBERED.match(line)
        marker = bullet or numbered
        if marker:
            close_para()
            close_item()
            ordered = numbered is not None
            if current is None or current.ordered != ordered:
                current = Block("list", ordered=ordered, line=number)
                blocks.append(current)
            first = clean_line(marker.group("text") or "")
            current.items.append(first)
            current.labels.append(None)
            current.markers.append(numbered.group("num") if numbered else "")
            if first:
                item.append(first)
            continue
        if current is not None:
            last = item[-1] if item else ""
            if last and (not _SENTENCE_END.search(last) or line[:1].islower()):
                item.append(line)
                continue
            close_item()
            current = None
        if para and indent > para[-1][1] and _SENTENCE_END.search(para[-1][0]):
            close_para()
        para.append((line, indent, number))
    close_para()
    close_item()
    return blocks


# ------------------------------------------------------------------ Markdown


def markdown_blocks(text: str) -> list[Block]:
    """Parse Markdown (CommonMark) into blocks with markdown-it-py."""
    from markdown_it import MarkdownIt

    tokens: list[Any] = MarkdownIt("commonmark").parse(text)
    blocks: list[Block] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        line = tok.map[0] + 1 if tok.map else 0
        if tok.type == "heading_open":
            inline = _inline(tokens[i + 1])
            blocks.append(
                Block("heading", text=inline.text, level=int(tok.tag[1:]), markdown=True, line=line)
            )
            i += 3
        elif tok.type == "paragraph_open":
            inline = _inline(tokens[i + 1])
            blocks.append(
                Block(
                    "para",
                    text=inline.text,
                    lines=inline.lines,
                    strong=inline.strong,
                    markdown=True,
                    line=line,
                )
            )
            i += 3
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            end = _closing(tokens, i)
            blocks.append(_list_block(tokens[i + 1 : end], tok.type == "ordered_list_open", line))
            i = end + 1
        elif tok.type in ("fence", "code_block", "html_block"):
            lines = [clean_line(x) for x in tok.content.split("\n") if x.strip()]
            if lines:
                blocks.append(
                    Block("para", text="\n".join(lines), lines=lines, markdown=True, line=line)
                )
            i += 1
        elif tok.type == "inline":  # inside a block quote or other container
            inline = _inline(tok)
            if inline.text:
                blocks.append(
                    Block("para", text=inline.text, lines=inline.lines, markdown=True, line=line)
                )
            i += 1
        else:
            i += 1
    return blocks


def _closing(tokens: Sequence[Any], start: int) -> int:
    """Index of the token that closes the container opened at ``start``."""
    opener = tokens[start]
    closer = opener.type.replace("_open", "_close")
    for j in range(start + 1, len(tokens)):
        if tokens[j].type == closer and tokens[j].level == opener.level:
            return j
    return len(tokens) - 1


def _list_block(tokens: Sequence[Any], ordered: bool, line: int) -> Block:
    block = Block("list", ordered=ordered, markdown=True, line=line)
    texts: list[str] = []
    label: str | None = None
    first = True
    for tok in tokens:
        if tok.type == "list_item_open" and tok.level == tokens[0].level:
            texts, label, first = [], None, True
        elif tok.type == "inline":
            inline = _inline(tok)
            if first and inline.strong is not None and inline.strong.endswith(":"):
                label = inline.strong
            first = False
            if inline.text:
                texts.append(inline.text)
        elif tok.type == "list_item_close" and tok.level == tokens[0].level:
            block.items.append("\n".join(texts))
            block.labels.append(label)
    return block


@dataclass
class _Inline:
    text: str
    lines: list[str]
    strong: str | None


def _inline(token: Any) -> _Inline:
    """Plain text of an inline token: soft breaks join, hard breaks stay as ``\\n``."""
    text: list[str] = []
    lines: list[str] = [""]
    strong: str | None = None
    strong_start: int | None = None
    href_stack: list[str] = []
    for child in token.children or []:
        kind = child.type
        piece = ""
        if kind in ("text", "text_special", "code_inline", "html_inline") or kind == "image":
            piece = child.content
        elif kind == "softbreak":
            text.append(" ")
            lines.append("")
            continue
        elif kind == "hardbreak":
            text.append("\n")
            lines.append("")
            continue
        elif kind == "strong_open" and strong is None and not "".join(text).strip():
            strong_start = len("".join(text))
            continue
        elif kind == "strong_close" and strong_start is not None and strong is None:
            strong = "".join(text)[strong_start:].strip()
            continue
        elif kind == "link_open":
            href_stack.append(str(child.attrs.get("href", "")))
            continue
        elif kind == "link_close" and href_stack:
            href = href_stack.pop()
            if href and href not in "".join(text):
                piece = f" ({href})"
        text.append(piece)
        lines[-1] += piece
    joined = "\n".join(line.strip() for line in "".join(text).split("\n"))
    return _Inline(joined.strip(), [x.strip() for x in lines if x.strip()], strong)
