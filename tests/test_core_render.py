"""Markdown export: the golden example, and user text that cannot break the structure."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from drafter.model import (
    Arende,
    AspectEntry,
    AspectsContent,
    DecisionContent,
    ListContent,
    ProseContent,
    Signature,
    SignaturesContent,
)
from drafter.render import escape_line, render_markdown
from drafter.storage import load_arende
from drafter.templates import Template, find_template
from drafter.text import printable

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "vanguard.toml"
GOLDEN = Path(__file__).resolve().parent / "golden" / "vanguard.md"
SEED = Path(__file__).parent / "data" / "import" / "seed_vanguard.txt"  # the shared seed


TEMPLATE: Template = find_template("tjansteskrivelse").template
MD = MarkdownIt("commonmark").enable("table")


def plain_text(markdown: str) -> str:
    """The text a reader sees, whitespace collapsed (markup and escapes removed)."""
    parts: list[str] = []
    for token in MD.parse(markdown):
        if token.type == "inline":
            for child in token.children or []:
                parts.append(child.content if child.type in ("text", "code_inline") else " ")
            parts.append(" ")
        elif token.type == "list_item_open" and token.info:
            parts.append(f"{token.info}. ")
    return " ".join("".join(parts).split())


def test_export_matches_golden_file() -> None:
    markdown = render_markdown(load_arende(EXAMPLE).arende, TEMPLATE)
    assert markdown == GOLDEN.read_text(encoding="utf-8")


def test_export_is_deterministic() -> None:
    first = render_markdown(load_arende(EXAMPLE).arende, TEMPLATE)
    assert render_markdown(load_arende(EXAMPLE).arende, TEMPLATE) == first


def test_golden_layout() -> None:
    markdown = GOLDEN.read_text(encoding="utf-8")
    headings = re.findall(r"^(#+) (.*)$", markdown, flags=re.MULTILINE)
    assert headings == [
        ("#", "Tjänsteskrivelse – Avsluta medlemskap i Vanguard"),
        ("##", "Förslag till beslut"),
        ("##", "Sammanfattning"),
        ("##", "Ärendet"),
        ("##", "Kostnader och finansiering"),
        ("##", "Konsekvensbeskrivningar"),
        ("##", "Expedieras till"),
        ("##", "Underskrifter"),
    ]
    assert (
        "Utvecklingsutskottet föreslår Regionstyrelsen att besluta följande:\n\n"
        "1. Region Gävleborg avslutar sitt medlemskap i Vanguardinitiativet.\n"
    ) in markdown
    assert markdown.endswith(
        "**Katrien Vanhaverbeke**  \nRegional utvecklingsdirektör\n\n"
        "**Niclas Cronsell**  \nHandläggare\n"
    )


# The seed as shipped in the repository (kept in sync with examples/vanguard.toml).
def _seed_paragraphs() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    blocks = re.split(r"\n\s*\n", text)
    out = []
    for block in blocks:
        flat = " ".join(block.split())
        if flat and flat != "-":
            out.append(flat.replace("Tjänsteskrivelse - ", "Tjänsteskrivelse – "))
    return out


def test_export_holds_every_paragraph_of_the_seed() -> None:
    seen = plain_text(GOLDEN.read_text(encoding="utf-8"))
    paragraphs = _seed_paragraphs()
    assert len(paragraphs) > 10
    for paragraph in paragraphs:
        assert paragraph in seen


def test_empty_optional_section_is_left_out_but_required_one_kept() -> None:
    markdown = GOLDEN.read_text(encoding="utf-8")
    assert "Beslutsunderlag" not in markdown  # optional and empty
    assert "## Expedieras till\n" in markdown  # required (a warning), kept as a heading


def test_header_fields_listed() -> None:
    arende = load_arende(EXAMPLE).arende
    arende.header["diarienummer"] = "RS 2025/123"
    arende.header["datum"] = "2025-03-14"
    markdown = render_markdown(arende, TEMPLATE)
    assert "- **Diarienummer:** RS 2025/123\n- **Datum:** 2025-03-14\n" in markdown


@pytest.mark.parametrize(
    ("line", "escaped"),
    [
        ("# Rubrik", "\\# Rubrik"),
        ("1. punkt", "1\\. punkt"),
        ("- punkt", "\\- punkt"),
        ("> citat", "\\> citat"),
        ("| a | b |", "\\| a \\| b \\|"),
        ("---", "\\-\\-\\-"),
        ("vanlig text, 12 500 euro/år.", "vanlig text, 12 500 euro/år."),
    ],
)
def test_escape_line(line: str, escaped: str) -> None:
    assert escape_line(line) == escaped


# --------------------------------------------------------------------------- property

_CHARS = st.characters(codec="utf-8", exclude_categories=["Cs"])
# Lines that would be Markdown structure if written raw.
_MARKUP = st.sampled_from(
    [
        "# ",
        "## ",
        "#",
        "1. ",
        "1) ",
        "12345. ",
        "- ",
        "+ ",
        "* ",
        "> ",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "|",
        "```",
        "~~~",
        "    kod",
        "\t",
        "---",
        "***",
        "___",
        "- - -",
        "===",
        "=",
        "<div>",
        "<!-- x -->",
        "[a]: /url",
        "\n",
        "\n\n",
        "\r\n",
        "  \n",
        "\\",
        "&#35; ",
        "\u00a0",
        "\u2028",
        "\x0c",
        "x",
    ]
)
USER_TEXT = st.lists(_MARKUP | st.text(_CHARS, max_size=5), max_size=12).map("".join)


def _structure(markdown: str) -> list[tuple[str, ...]]:
    """Block structure: headings (level, text), lists, items, quotes, tables, code, rules."""
    out: list[tuple[str, ...]] = []
    tokens = MD.parse(markdown)
    for i, token in enumerate(tokens):
        if token.type in ("paragraph_open", "paragraph_close", "inline"):
            continue
        if token.type == "heading_open":
            out.append((token.type, token.tag, tokens[i + 1].content))
        else:
            out.append((token.type, token.tag))
    return out


def _placeholder(text: str) -> str:
    return "x" if text.strip() else text


@st.composite
def arenden(draw: st.DrawFn) -> tuple[Arende, Arende]:
    """An ärende full of user text, and the same ärende with every text replaced by "x"."""
    real = Arende.new(TEMPLATE)
    safe = Arende.new(TEMPLATE)
    for fld in TEMPLATE.fields:
        value = draw(USER_TEXT)
        real.header[fld.id] = value
        safe.header[fld.id] = _placeholder(value)

    def texts(n: int) -> list[str]:
        return draw(st.lists(USER_TEXT, max_size=n))

    lead, points = draw(USER_TEXT), texts(3)
    real.sections["forslag_till_beslut"] = DecisionContent(lead_in=lead, points=points)
    safe.sections["forslag_till_beslut"] = DecisionContent(
        lead_in=_placeholder(lead), points=[_placeholder(p) for p in points]
    )
    for sid in ("sammanfattning", "arendet", "kostnader_och_finansiering"):
        text = draw(USER_TEXT)
        real.sections[sid] = ProseContent(text=text)
        # prose keeps its paragraphs: the safe twin has the same number of them
        paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
        safe.sections[sid] = ProseContent(text="\n\n".join("x" for _ in paragraphs))
    aspect_text = draw(USER_TEXT)
    entries = {
        a.id: (draw(st.sampled_from(["", "inga", "beskriv"])), draw(USER_TEXT))
        for a in TEMPLATE.section("konsekvensbeskrivningar").aspects
    }
    real.sections["konsekvensbeskrivningar"] = AspectsContent(
        text=aspect_text,
        aspects={k: AspectEntry(assessment=b, text=t) for k, (b, t) in entries.items()},
    )
    safe.sections["konsekvensbeskrivningar"] = AspectsContent(
        text=_placeholder(aspect_text),
        aspects={
            k: AspectEntry(assessment=b, text=_placeholder(t)) for k, (b, t) in entries.items()
        },
    )
    for sid in ("beslutsunderlag", "expedieras_till"):
        items = texts(3)
        real.sections[sid] = ListContent(items=items)
        safe.sections[sid] = ListContent(items=[_placeholder(p) for p in items])
    people = draw(st.lists(st.tuples(USER_TEXT, USER_TEXT), max_size=3))
    real.sections["underskrifter"] = SignaturesContent(
        people=[Signature(name=n, title=t) for n, t in people]
    )
    safe.sections["underskrifter"] = SignaturesContent(
        people=[Signature(name=_placeholder(n), title=_placeholder(t)) for n, t in people]
    )
    return real, safe


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(arenden())
def test_user_text_cannot_change_the_document_structure(pair: tuple[Arende, Arende]) -> None:
    real, safe = pair
    got = render_markdown(real, TEMPLATE)
    want = render_markdown(safe, TEMPLATE)
    got_structure = _structure(got)
    want_structure = _structure(want)
    # the H1 holds the user's title; compare its level only
    assert got_structure[0][:2] == want_structure[0][:2] == ("heading_open", "h1")
    assert got_structure[1:] == want_structure[1:], got


@settings(max_examples=300, deadline=None)
@given(USER_TEXT)
def test_escaped_text_is_only_paragraphs(text: str) -> None:
    from drafter.render import escape_text

    kinds = {t.type for t in MD.parse(escape_text(text))}
    assert kinds <= {"paragraph_open", "paragraph_close", "inline"}


def _escape_line_simply(line: str) -> str:
    """escape_line written the simple way: every pattern tried on every line."""
    from drafter import render

    line = render._INLINE_SPECIAL.sub(r"\\\1", printable(line).strip())
    line = render._ENTITY.sub(r"\\&", line)
    if render._RULE_LINE.match(line):
        return "".join("\\" + c if not c.isspace() else c for c in line)
    match = render._BLOCK_START.match(line)
    if match:
        marker = match.group(2)
        if marker[0].isdigit():
            line = line[: match.start(2)] + marker[:-1] + "\\" + marker[-1] + line[match.end(2) :]
        else:
            line = line[: match.start(2)] + "\\" + line[match.start(2) :]
    return line


def _escape_text_line_by_line(text: str) -> str:
    """What escape_text does, written the simple way: each line on its own."""
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    return "\n\n".join(
        "  \n".join(_escape_line_simply(line) for line in block.splitlines() if line.strip())
        for block in blocks
    )


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        USER_TEXT,
        # lines that start blocks, digits of other scripts, controls that split lines
        st.text(alphabet=st.sampled_from(list("#>+-=~*_`|&;1.)٣ \t\n\x0b\x0c\x1c\x85\u2028ab"))),
    )
)
def test_escaping_a_text_at_once_equals_escaping_each_line(text: str) -> None:
    from drafter.render import escape_text

    assert escape_text(text) == _escape_text_line_by_line(text)
    for line in text.splitlines():
        assert escape_line(line) == _escape_line_simply(line)
