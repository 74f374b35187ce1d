"""Publishing: the DOCX and PDF/A a nämnd receives, read back as a user's program would."""

from __future__ import annotations

import io
import os
import re
import shutil
import struct
import tomllib
import zlib
from pathlib import Path
from typing import Any

import docx
import pypdf
import pytest
from docx.document import Document

from drafter.errors import DrafterError, TemplateError
from drafter.publish import export, format_from_suffix, render_bytes, resolve_format
from drafter.publish.document import Block, PublishDocument
from drafter.publish.docx_writer import write_docx
from drafter.storage import Loaded, load_arende
from drafter.templates import find_template

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "vanguard.toml"
BUILTIN = ROOT / "sections" / "tjansteskrivelse.toml"
DATUM = "2025-03-14"
DIARIENUMMER = "RS 2025/123"

#: Text that means something in Markdown, typst, XML or a terminal, and must come out as typed.
HOSTILE = "#rubrik *fet* _kursiv_ $x^2$ [länk](y) \\ <b>&amp; @ref = 1 `kod` #set text(red)"
CONTROL = "före\x1b[31mröd\x07 efter"


def png(width: int = 8, height: int = 4) -> bytes:
    """A small valid PNG (red), made here so the tests ship no binary files."""
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def example_with_numbers(folder: Path) -> Path:
    """The example ärende with a Datum and a Diarienummer, as a registered one has."""
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace('diarienummer = ""', f'diarienummer = "{DIARIENUMMER}"')
    text = text.replace('datum = ""', f'datum = "{DATUM}"')
    path = folder / "vanguard.toml"
    path.write_text(text, encoding="utf-8")
    return path


def expected_paragraphs() -> list[str]:
    """Every paragraph of the example file, in document order, straight from its TOML."""
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    out = [data["arende"]["titel"], data["forslag_till_beslut"]["inledning"]]
    out += data["forslag_till_beslut"]["punkter"]
    for key in ("sammanfattning", "arendet", "kostnader_och_finansiering"):
        out += [p.strip() for p in data[key]["text"].split("\n\n") if p.strip()]
    out.append(data["konsekvensbeskrivningar"]["text"])
    for person in data["underskrifter"]:
        out += [person["namn"], person["titel"]]
    return out


def squeeze(text: str) -> str:
    """Text without whitespace and hyphens: a PDF's line breaks and hyphenation vanish."""
    return re.sub(r"[\s\-\u00ad]+", "", text)


def assert_in_order(haystack: str, needles: list[str]) -> None:
    position = 0
    for needle in needles:
        found = haystack.find(needle, position)
        assert found >= 0, f"saknas eller i fel ordning: {needle[:60]!r}"
        position = found + len(needle)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("publish")
    source = example_with_numbers(folder)
    loaded = load_arende(source)
    out = {}
    for fmt in ("docx", "pdf"):
        result = export(loaded.arende, loaded.template, fmt, folder / f"ut.{fmt}", source=source)
        assert result.path.is_file() and result.warnings == ()
        out[fmt] = result.path
    return out


def pdf_text(path: Path) -> tuple[pypdf.PdfReader, list[str]]:
    reader = pypdf.PdfReader(path)
    return reader, [page.extract_text() or "" for page in reader.pages]


# --------------------------------------------------------------------------- DOCX


def test_docx_has_every_paragraph_of_the_example_in_order(exported: dict[str, Path]) -> None:
    document = docx.Document(str(exported["docx"]))
    body = "\n".join(p.text for p in document.paragraphs)
    assert_in_order(body, expected_paragraphs())


def test_docx_uses_word_styles_for_title_headings_and_points(exported: dict[str, Path]) -> None:
    document = docx.Document(str(exported["docx"]))
    styles = {p.text: p.style.name if p.style else "" for p in document.paragraphs}
    assert styles["Avsluta medlemskap i Vanguard"] == "Title"
    for heading in ("Förslag till beslut", "Sammanfattning", "Ärendet", "Konsekvensbeskrivningar"):
        assert styles[heading] == "Heading 1"
    point = "Region Gävleborg avslutar sitt medlemskap i Vanguardinitiativet."
    assert styles[point] == "List Number"
    # List Number numbers its paragraphs through a numbering definition (1., 2. …)
    style = document.styles["List Number"]
    assert style.element.pPr is not None and style.element.pPr.numPr is not None
    assert not any(p.text.startswith("1.") for p in document.paragraphs)


def test_docx_header_footer_and_properties(exported: dict[str, Path]) -> None:
    document = docx.Document(str(exported["docx"]))
    section = document.sections[0]
    header = "\n".join(c.text for t in section.header.tables for c in t.rows[0].cells)
    assert f"Datum: {DATUM}" in header
    assert f"Diarienummer: {DIARIENUMMER}" in header
    assert "Region Gävleborg" in header and "TJÄNSTESKRIVELSE" in header
    footer = section.footer._element
    assert "Sida" in footer.xml
    instructions = [t.text.strip() for t in footer.iter() if t.tag.endswith("}instrText")]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert section.page_width is not None and section.page_height is not None
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    props = document.core_properties
    assert props.title == "Avsluta medlemskap i Vanguard"
    assert props.author == "Katrien Vanhaverbeke"
    assert props.subject == DIARIENUMMER
    # signatures last
    assert document.paragraphs[-1].text == "Niclas Cronsell\nHandläggare"


def test_docx_restarts_numbering_for_a_second_decision_list() -> None:
    doc = PublishDocument("Tjänsteskrivelse", "T", (), (), True, "", "")
    doc.blocks += [
        Block("numbered", items=("a", "b")),
        Block("paragraph", lines=("mellan",)),
        Block("numbered", items=("c",)),
    ]
    document = docx.Document(io.BytesIO(write_docx(doc)))
    second = next(p for p in document.paragraphs if p.text == "c")
    ppr = second._p.pPr
    assert ppr is not None and ppr.numPr is not None
    num_pr: Any = ppr.numPr
    num_id = num_pr.numId
    numbering = document.part.numbering_part.element
    num = numbering.num_having_numId(num_id.val)
    starts = num.xpath("./w:lvlOverride/w:startOverride/@w:val")
    assert starts == ["1"]


# --------------------------------------------------------------------------- PDF


def test_pdf_declares_pdfa_2b(exported: dict[str, Path]) -> None:
    reader = pypdf.PdfReader(exported["pdf"])
    root: Any = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    part = re.search(r"pdfaid:part(?:>|=\")\s*(\d)", xmp)
    conformance = re.search(r"pdfaid:conformance(?:>|=\")\s*([A-Za-z])", xmp)
    assert part is not None and part.group(1) == "2"
    assert conformance is not None and conformance.group(1).upper() == "B"
    assert reader.metadata is not None
    assert reader.metadata.title == "Avsluta medlemskap i Vanguard"
    assert reader.metadata.author == "Katrien Vanhaverbeke"


def test_pdf_has_every_paragraph_in_order_header_and_page_numbers(
    exported: dict[str, Path],
) -> None:
    reader, pages = pdf_text(exported["pdf"])
    total = len(reader.pages)
    assert total >= 2
    assert f"Sida 1 av {total}" in pages[0]
    assert f"Sida {total} av {total}" in pages[-1]
    assert f"Datum: {DATUM}" in pages[0] and f"Diarienummer: {DIARIENUMMER}" in pages[0]
    assert "Region Gävleborg" in pages[0]
    marker = f"Diarienummer: {DIARIENUMMER}"
    # each page's body: after its header (which ends with the Diarienummer), before "Sida"
    bodies = [page.split(marker, 1)[1].rsplit("Sida ", 1)[0] for page in pages]
    assert_in_order(squeeze("".join(bodies)), [squeeze(p) for p in expected_paragraphs()])
    a4 = reader.pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)


def test_pdf_headings_are_its_outline(exported: dict[str, Path]) -> None:
    reader = pypdf.PdfReader(exported["pdf"])

    def titles(items: list[object]) -> list[str]:
        out: list[str] = []
        for item in items:
            if isinstance(item, list):
                out += titles(item)
            else:
                out.append(str(getattr(item, "title", "")))
        return out

    names = titles(list(reader.outline))
    assert names[:3] == ["Avsluta medlemskap i Vanguard", "Förslag till beslut", "Sammanfattning"]


# --------------------------------------------------------------------------- hostile text


@pytest.fixture
def hostile(tmp_path: Path) -> Loaded:
    source = example_with_numbers(tmp_path)
    loaded = load_arende(source)
    loaded.arende.arende["titel"] = HOSTILE
    content = loaded.arende.sektioner["sammanfattning"]
    content.text = f"{HOSTILE}\n\n{CONTROL}"  # type: ignore[union-attr]
    content = loaded.arende.sektioner["forslag_till_beslut"]
    content.punkter = [HOSTILE]  # type: ignore[union-attr]
    return loaded


def test_markup_characters_come_out_as_typed_in_docx(hostile: Loaded, tmp_path: Path) -> None:
    out = export(hostile.arende, hostile.template, "docx", tmp_path / "ut.docx").path
    document: Document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert texts.count(HOSTILE) == 3  # title, paragraph, decision point
    assert "före␛[31mröd␇ efter" in texts  # control characters made visible
    assert document.core_properties.title == HOSTILE


def test_markup_characters_come_out_as_typed_in_pdf(hostile: Loaded, tmp_path: Path) -> None:
    result = export(hostile.arende, hostile.template, "pdf", tmp_path / "ut.pdf")
    _, pages = pdf_text(result.path)
    text = squeeze("".join(pages))
    assert text.count(squeeze(HOSTILE)) == 3
    # the shipped fonts have no control pictures; PDF/A needs a glyph: U+FFFD shows them
    assert squeeze("före\ufffd[31mröd\ufffd efter") in text
    assert "\x1b" not in "".join(pages)


def test_a_character_no_font_has_is_replaced_with_a_warning(
    hostile: Loaded, tmp_path: Path
) -> None:
    content = hostile.arende.sektioner["arendet"]
    content.text = "Smilet \U0001f600 och 中文 står kvar."  # type: ignore[union-attr]
    result = export(hostile.arende, hostile.template, "pdf", tmp_path / "ut.pdf")
    assert len(result.warnings) == 1 and "typsnittet saknar tecknen" in result.warnings[0]
    _, pages = pdf_text(result.path)
    assert "Smilet" in "".join(pages)


# --------------------------------------------------------------------------- letterhead


def layout_template(folder: Path, layout: str) -> Path:
    """A copy of the built-in template with a [layout] table, in ``folder``."""
    path = folder / "kommun.toml"
    text = BUILTIN.read_text(encoding="utf-8").replace(
        'namn = "tjansteskrivelse"', 'namn = "kommun"'
    )
    path.write_text(text + "\n[layout]\n" + layout, encoding="utf-8")
    return path


def test_letterhead_from_the_template(tmp_path: Path) -> None:
    (tmp_path / "mallar").mkdir()
    (tmp_path / "mallar" / "logga.png").write_bytes(png())
    template = layout_template(
        tmp_path / "mallar",
        'logotyp = "logga.png"\norganisation = "Exempels kommun\\nKommunledningskontoret"\n'
        'sidhuvud = ["diarienummer"]\nmarginaler = { vanster = 30 }\n',
    )
    source = example_with_numbers(tmp_path)
    loaded = load_arende(source, str(template))
    assert loaded.template.template.layout.marginaler.vanster == 30
    docx_path = export(loaded.arende, loaded.template, "docx", tmp_path / "ut.docx").path
    document = docx.Document(str(docx_path))
    section = document.sections[0]
    header = "\n".join(c.text for t in section.header.tables for c in t.rows[0].cells)
    assert "Exempels kommun\nKommunledningskontoret" in header
    assert f"Diarienummer: {DIARIENUMMER}" in header and "Datum" not in header
    assert "Region Gävleborg\nRegionala" not in header  # the layout's line replaces the fields
    assert section.header.part.related_parts  # the logo
    assert section.left_margin is not None and round(section.left_margin.mm) == 30
    # the fields not in the header are in the body
    assert f"Datum: {DATUM}" in [p.text for p in document.paragraphs]
    pdf_path = export(loaded.arende, loaded.template, "pdf", tmp_path / "ut.pdf").path
    reader, pages = pdf_text(pdf_path)
    assert "Exempels kommun" in pages[0]
    images = reader.pages[0].images
    assert len(images) == 1


def test_an_organisations_word_file_gives_styles_header_and_footer(tmp_path: Path) -> None:
    base = docx.Document()
    base.sections[0].header.paragraphs[0].text = "KOMMUNENS EGET SIDHUVUD"
    base.add_paragraph("Text i mallen som inte ska synas")
    base.styles["Normal"].font.name = "Garamond"
    base.save(str(tmp_path / "brevmall.docx"))
    template = layout_template(tmp_path, 'wordmall = "brevmall.docx"\n')
    loaded = load_arende(example_with_numbers(tmp_path), str(template))
    out = export(loaded.arende, loaded.template, "docx", tmp_path / "ut.docx").path
    document = docx.Document(str(out))
    assert document.styles["Normal"].font.name == "Garamond"
    header = document.sections[0].header
    assert [p.text for p in header.paragraphs] == ["KOMMUNENS EGET SIDHUVUD"]
    assert "Text i mallen som inte ska synas" not in [p.text for p in document.paragraphs]
    assert "NUMPAGES" in document.sections[0].footer._element.xml  # empty footer: drafter's
    assert_in_order("\n".join(p.text for p in document.paragraphs), expected_paragraphs())


@pytest.mark.parametrize(
    ("layout", "setup", "message"),
    [
        ('logotyp = "saknas.png"\n', None, "logotypen"),
        ('logotyp = "logga.png"\n', b"GIF89a inte en png", "ingen PNG- eller JPEG-bild"),
        ('wordmall = "brevmall.docx"\n', None, "wordmallen"),
        ('sidhuvud = ["datum", "telefon"]\n', None, "inget fält ”telefon”"),
        ('typsnittsmapp = "typsnitt"\n', None, "typsnittsmapp"),
    ],
)
def test_letterhead_problems_are_swedish_errors(
    tmp_path: Path, layout: str, setup: bytes | None, message: str
) -> None:
    if setup is not None:
        (tmp_path / "logga.png").write_bytes(setup)
    template = layout_template(tmp_path, layout)
    loaded = load_arende(example_with_numbers(tmp_path), str(template))
    for fmt in ("docx", "pdf"):
        if "wordmall" in layout and fmt == "pdf":
            continue
        if "typsnittsmapp" in layout and fmt == "docx":
            continue
        with pytest.raises(DrafterError) as caught:
            export(loaded.arende, loaded.template, fmt, tmp_path / f"ut.{fmt}")
        assert message in caught.value.message
        assert str(template) in caught.value.message  # names the template file
        assert not (tmp_path / f"ut.{fmt}").exists()


def test_a_word_file_that_is_not_one_is_a_swedish_error(tmp_path: Path) -> None:
    (tmp_path / "brevmall.docx").write_bytes(b"PK\x03\x04 trasig zip")
    template = layout_template(tmp_path, 'wordmall = "brevmall.docx"\n')
    loaded = load_arende(example_with_numbers(tmp_path), str(template))
    with pytest.raises(TemplateError, match="går inte att öppna som Word-dokument"):
        export(loaded.arende, loaded.template, "docx", tmp_path / "ut.docx")


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_broken_logo_is_a_swedish_error_naming_the_template(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "logga.png").write_bytes(png()[:40])  # cut off in the middle
    template = layout_template(tmp_path, 'logotyp = "logga.png"\n')
    loaded = load_arende(example_with_numbers(tmp_path), str(template))
    with pytest.raises(TemplateError) as caught:
        export(loaded.arende, loaded.template, fmt, tmp_path / f"ut.{fmt}")  # type: ignore[arg-type]
    message = caught.value.message
    assert message.startswith(f"{template}: [layout] logotyp: logga.png går inte att läsa som bild")
    assert not (tmp_path / f"ut.{fmt}").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_logo_that_is_a_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "logga.png")
    template = layout_template(tmp_path, 'logotyp = "logga.png"\n')
    loaded = load_arende(example_with_numbers(tmp_path), str(template))
    with pytest.raises(TemplateError, match="ingen vanlig fil"):
        export(loaded.arende, loaded.template, "pdf", tmp_path / "ut.pdf")


@pytest.mark.parametrize(
    ("layout", "message"),
    [
        ('logotyp = "logga.gif"\n', "PNG- eller JPEG-fil"),
        ("teckenstorlek = 100\n", "layout.teckenstorlek"),
        ('farg = "röd"\n', "layout.farg"),
    ],
)
def test_a_broken_layout_table_is_a_template_error(
    tmp_path: Path, layout: str, message: str
) -> None:
    template = layout_template(tmp_path, layout)
    with pytest.raises(TemplateError, match=re.escape(message)):
        find_template(str(template))


# --------------------------------------------------------------------------- files


def test_export_never_overwrites_the_arende(tmp_path: Path) -> None:
    source = example_with_numbers(tmp_path)
    before = source.read_bytes()
    loaded = load_arende(source)
    for fmt in ("md", "docx", "pdf"):
        with pytest.raises(DrafterError, match="skriva över ärendefilen"):
            export(loaded.arende, loaded.template, fmt, tmp_path / "." / source.name, source=source)
    assert source.read_bytes() == before


def test_export_replaces_an_old_file_whole_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    source = example_with_numbers(tmp_path)
    loaded = load_arende(source)
    out = tmp_path / "ut.pdf"
    out.write_bytes(b"gammal")
    os.chmod(out, 0o640)
    export(loaded.arende, loaded.template, "pdf", out)
    assert out.read_bytes().startswith(b"%PDF-")
    assert out.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ut.pdf", "vanguard.toml"]


def test_markdown_export_is_the_markdown_render(tmp_path: Path) -> None:
    shutil.copyfile(EXAMPLE, tmp_path / "v.toml")
    loaded = load_arende(tmp_path / "v.toml")
    data, warnings = render_bytes(loaded.arende, loaded.template, "md")
    golden = (ROOT / "tests" / "golden" / "vanguard.md").read_bytes()
    assert data == golden and warnings == ()


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("ut.docx", "docx"), ("UT.PDF", "pdf"), ("ut.md", "md"), ("ut.txt", "md"), ("ut.odt", None)],
)
def test_format_from_suffix(name: str, fmt: str | None) -> None:
    assert format_from_suffix(name) == fmt


def test_resolve_format_rules() -> None:
    assert resolve_format(None, None) == "md"
    assert resolve_format(None, "ut.pdf") == "pdf"
    assert resolve_format("docx", None) == "docx"
    assert resolve_format("pdf", "utan-filandelse") == "pdf"
    with pytest.raises(DrafterError, match=re.escape("okänt format för filändelsen ”.odt”")):
        resolve_format(None, "ut.odt")
    with pytest.raises(DrafterError, match="byt filändelse eller format"):
        resolve_format("pdf", "ut.docx")
    with pytest.raises(DrafterError, match="okänt format ”rtf”"):
        resolve_format("rtf", None)


def test_the_builtin_template_template_needs_no_layout_setup() -> None:
    layout = find_template().template.layout
    assert layout.sidhuvud == ("dokumenttyp", "datum", "diarienummer")
    assert layout.logotyp == "" and layout.wordmall == ""


def test_a_font_that_is_not_found_is_a_warning_and_the_pdf_is_made(tmp_path: Path) -> None:
    template = layout_template(tmp_path, 'typsnitt = "Finns Inte Sans"\n')
    loaded = load_arende(example_with_numbers(tmp_path), str(template))
    result = export(loaded.arende, loaded.template, "pdf", tmp_path / "ut.pdf")
    assert result.warnings == (
        "typsnittet ”Finns Inte Sans” finns inte; PDF-filen använder Libertinus Serif i "
        "stället ([layout] typsnitt, typsnittsmapp)",
    )
    assert result.path.read_bytes().startswith(b"%PDF-")
    docx_path = export(loaded.arende, loaded.template, "docx", tmp_path / "ut.docx").path
    document = docx.Document(str(docx_path))
    assert document.styles["Normal"].font.name == "Finns Inte Sans"
    assert document.styles["Heading 1"].font.name == "Finns Inte Sans"
