"""``drafter import``: plain text from PDF/Word and Markdown become ärenden, nothing is lost."""

from __future__ import annotations

import codecs
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter import cli
from drafter.checks import run_checks
from drafter.findings import Severity
from drafter.importer import IMPORTED_KEY, ImportInputError, ImportResult, import_file, import_text
from drafter.importer.reading import decode_document
from drafter.model import (
    AspectsContent,
    DecisionContent,
    ListContent,
    ProseContent,
    Signature,
    SignaturesContent,
)
from drafter.render import render_markdown
from drafter.storage import load_arende
from drafter.templates import Template, find_template

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "import"
SEED = DATA / "seed_vanguard.txt"
CP1252 = DATA / "aliases_cp1252.txt"
EXAMPLE = ROOT / "examples" / "vanguard.toml"
NBSP = "\u00a0"


def _import(text: str, template: Template) -> ImportResult:
    return import_text(text, template, input_format="text")


def _prose(result: ImportResult, section_id: str) -> str:
    content = result.arende.sections[section_id]
    assert isinstance(content, ProseContent | AspectsContent)
    return content.text


def _decision(result: ImportResult) -> DecisionContent:
    content = result.arende.sections["forslag_till_beslut"]
    assert isinstance(content, DecisionContent)
    return content


def _list(result: ImportResult, section_id: str) -> list[str]:
    content = result.arende.sections[section_id]
    assert isinstance(content, ListContent)
    return content.items


def _people(result: ImportResult) -> list[Signature]:
    content = result.arende.sections["underskrifter"]
    assert isinstance(content, SignaturesContent)
    return content.people


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


SMALL = """Tjänsteskrivelse: Ny taxa för färdtjänst

Förslag till beslut
Hälso- och sjukvårdsnämnden föreslår Regionfullmäktige att besluta följande:
1. Regionfullmäktige fastställer en ny taxa för färdtjänst från den 1 januari
   2026.
2. Taxan höjs med 5 procent.

Sammanfattning
Taxan för färdtjänst har inte ändrats sedan 2019.

Ärendet
Kostnaderna för färdtjänsten har ökat med
12 procent sedan 2019.

Kostnader och finansiering
Höjningen ger 1 250 000 kronor mer per år.

Konsekvensbeskrivningar
Beslutet bedöms inte ha några konsekvenser för arbetsmiljö eller miljö.

Expedieras till
- Färdtjänsten

Underskrifter
Eva Ek, Regiondirektör
"""


# ----------------------------------------------------------------------------- the seed


def test_seed_imports_with_every_section_and_no_check_errors(template: Template) -> None:
    result = import_file(SEED, template)
    arende = result.arende
    assert arende.field_value("titel") == "Avsluta medlemskap i Vanguard"
    assert arende.field_value("beredande_organ") == "Utvecklingsutskottet"
    assert arende.field_value("beslutsinstans") == "Regionstyrelsen"
    assert _decision(result).points == [
        "Region Gävleborg avslutar sitt medlemskap i Vanguardinitiativet."
    ]
    assert _list(result, "expedieras_till") == []  # the seed's lone "-"
    assert _people(result) == [
        Signature(name="Katrien Vanhaverbeke", title="Regional utvecklingsdirektör"),
        Signature(name="Niclas Cronsell", title="Handläggare"),
    ]
    assert result.missing == ["beslutsunderlag"]
    assert result.kept_aside == []
    errors = [f for f in run_checks(arende, template) if f.severity is Severity.ERROR]
    assert errors == []


def test_seed_export_holds_every_paragraph_with_the_wraps_joined(template: Template) -> None:
    markdown = render_markdown(import_file(SEED, template).arende, template)
    exported = {p.strip() for p in markdown.split("\n\n")}
    # the hand-made ärende of the seed holds its paragraphs as the author meant them
    reference = load_arende(EXAMPLE).arende
    for section_id in ("sammanfattning", "arendet", "kostnader_och_finansiering"):
        content = reference.sections[section_id]
        assert isinstance(content, ProseContent)
        for paragraph in content.text.split("\n\n"):
            assert paragraph in exported, paragraph[:60]
    assert "Utvecklingsutskottet föreslår Regionstyrelsen att besluta följande:" in exported
    # every word of the seed, in the seed's order (the export adds only its own heading)
    seed_words = re.findall(r"\w+", SEED.read_text(encoding="utf-8"))
    body = "\n".join(x for x in markdown.splitlines() if not x.startswith("- **"))
    export_words = [w for w in re.findall(r"\w+", body) if w != "Underskrifter"]
    assert export_words == seed_words


def test_seed_paragraph_after_an_indented_line_starts_a_new_paragraph(template: Template) -> None:
    text = _prose(import_file(SEED, template), "arendet")
    assert "\n\nErfarenheter från detta arbete" in text
    assert "Norra Mellansverige.\n\nErfarenheter" in text


# ----------------------------------------------------------------------------- encodings


def test_crlf_and_bom_give_the_same_arende_as_plain_utf8(template: Template) -> None:
    plain = decode_document(SMALL.encode("utf-8"))
    windows = decode_document(codecs.BOM_UTF8 + SMALL.replace("\n", "\r\n").encode("utf-8"))
    assert windows.text == plain.text
    assert windows.encoding == "UTF-8 med BOM"
    a = _import(plain.text, template).arende
    b = import_text(windows.text, template, input_format="text").arende
    assert a == b
    assert a.field_value("titel") == "Ny taxa för färdtjänst"  # the colon form


def test_crlf_file_via_import_file(tmp_path: Path, template: Template) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(codecs.BOM_UTF8 + SMALL.replace("\n", "\r\n").encode("utf-8"))
    result = import_file(path, template)
    assert _prose(result, "sammanfattning") == "Taxan för färdtjänst har inte ändrats sedan 2019."
    assert "\r" not in render_markdown(result.arende, template)
    assert "CRLF" in result.report


def test_non_breaking_spaces_stay_inside_amounts_and_count_as_blank(template: Template) -> None:
    text = SMALL.replace("1 250 000 kronor", f"1{NBSP}250{NBSP}000{NBSP}kronor")
    text = text.replace("Taxan höjs med 5 procent.", f"Taxan höjs med 5{NBSP}procent.")
    text = text.replace("\nSammanfattning\n", f"\n{NBSP}{NBSP}\nSammanfattning{NBSP}\n")
    result = _import(text, template)
    costs = _prose(result, "kostnader_och_finansiering")
    assert costs == f"Höjningen ger 1{NBSP}250{NBSP}000{NBSP}kronor mer per år."
    assert _decision(result).points[1] == f"Taxan höjs med 5{NBSP}procent."
    assert "sammanfattning" not in result.missing
    markdown = render_markdown(result.arende, template)
    assert f"1{NBSP}250{NBSP}000{NBSP}kronor" in markdown
    assert f"2. Taxan höjs med 5{NBSP}procent." in markdown


def test_cp1252_file_is_decoded_without_mojibake(template: Template) -> None:
    raw = CP1252.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    result = import_file(CP1252, template)
    assert result.encoding == "Windows-1252"
    assert "Windows-1252" in result.report
    toml_text = render_markdown(result.arende, template)
    assert "Ã" not in toml_text and "\ufffd" not in toml_text
    assert _prose(result, "arendet").startswith("Det nuvarande avtalet löper ut")
    assert _prose(result, "kostnader_och_finansiering").startswith(
        f"Avtalet kostar 1{NBSP}250{NBSP}000{NBSP}kronor"
    )
    assert _decision(result).points[0].endswith("för åren 2026–2030.")


def test_text_that_is_neither_utf8_nor_swedish_cp1252_is_refused() -> None:
    with pytest.raises(ImportInputError) as caught:
        decode_document(b"Sammanfattning\nabc" + b"\x81\x8d\x90 \xff\xfe")
    assert "UTF-8" in caught.value.message
    with pytest.raises(ImportInputError):
        decode_document(b"Sammanfattning\n\xa4\xa4 \xbf\xbf")  # cp1252, but no Swedish letter


def test_utf16_with_bom_is_read(template: Template) -> None:
    decoded = decode_document(SMALL.encode("utf-16"))
    assert decoded.encoding == "UTF-16"
    assert _import(decoded.text, template).arende.field_value("titel") == "Ny taxa för färdtjänst"


def test_double_encoded_text_is_pointed_out() -> None:
    decoded = decode_document("Sammanfattning\nVi har Ã¤ndrat taxan.\n".encode())
    assert any("felkodat" in note for note in decoded.notes)


# ----------------------------------------------------------------------------- headings


@pytest.mark.parametrize(
    ("heading", "section_id"),
    [
        ("Ärendebeskrivning", "arendet"),
        ("Bakgrund", "arendet"),
        ("BAKGRUND:", "arendet"),
        ("Beskrivning av ärendet", "arendet"),
        ("Ekonomiska konsekvenser", "kostnader_och_finansiering"),
        ("ekonomisk bedömning:", "kostnader_och_finansiering"),
        ("Beslutet skickas till", "expedieras_till"),
        ("Protokollsutdrag skickas till:", "expedieras_till"),
        ("Beslutsförslag", "forslag_till_beslut"),
        ("Kommunstyrelsens förslag till beslut", "forslag_till_beslut"),
        ("Handlingar i ärendet", "beslutsunderlag"),
        ("Konsekvensbeskrivning", "konsekvensbeskrivningar"),
        ("Barnkonsekvensanalys", "konsekvensbeskrivningar"),
    ],
)
def test_headings_by_alias(heading: str, section_id: str, template: Template) -> None:
    text = f"Tjänsteskrivelse - Titel\n\nSammanfattning\n\nKort text.\n\n{heading}\n\nRad ett\n"
    result = _import(text, template)
    found = {f.section_id: f.heading for f in result.found}
    assert found[section_id] == heading
    content = result.arende.sections[section_id]
    assert not content.is_empty()
    assert result.kept_aside == []


def test_heading_with_text_on_the_same_line(template: Template) -> None:
    result = _import("Sammanfattning: Taxan höjs.\nMer text.\n\nBakgrund: Kort.\n", template)
    assert _prose(result, "sammanfattning") == "Taxan höjs. Mer text."
    assert _prose(result, "arendet") == "Kort."


def test_two_headings_for_one_section_keep_both_texts(template: Template) -> None:
    text = "Ärendet\n\nFörst detta.\n\nBakgrund\n\nSedan detta.\n"
    result = _import(text, template)
    assert _prose(result, "arendet") == "Först detta.\n\nBakgrund\n\nSedan detta."
    assert "hör också till" in result.report


def test_missing_section_is_reported(template: Template) -> None:
    text = SMALL.replace(
        "Kostnader och finansiering\nHöjningen ger 1 250 000 kronor mer per år.\n", ""
    )
    result = _import(text, template)
    assert "kostnader_och_finansiering" in result.missing
    assert "Saknas: Kostnader och finansiering; Beslutsunderlag (frivillig)." in result.report
    assert result.arende.sections["kostnader_och_finansiering"].is_empty()


def test_unknown_heading_is_kept_shown_and_warned(template: Template) -> None:
    # ("Förvaltningens bedömning" is an alias of Ärendet since issue 13; this heading is not)
    text = SMALL.replace(
        "Kostnader och finansiering",
        "Tidplan för införandet\nFörvaltningen bedömer att taxan\när rimlig.\n\n"
        "Kostnader och finansiering",
    )
    result = _import(text, template)
    kept = result.arende.extra[IMPORTED_KEY]
    assert kept == {"Tidplan för införandet": "Förvaltningen bedömer att taxan är rimlig."}
    assert "Förvaltningen bedömer" not in _prose(result, "arendet")
    assert [k.heading for k in result.kept_aside] == ["Tidplan för införandet"]
    assert "varning: ”Tidplan för införandet”: rubriken finns inte i mallen" in result.report
    markdown = render_markdown(result.arende, template)
    assert "## Tidplan för införandet\n\nFörvaltningen bedömer att taxan är rimlig.\n" in markdown


def test_unknown_heading_recognised_only_before_prose(template: Template) -> None:
    text = (
        "Ärendet\n\nTexten börjar här.\n\nRemissvar\n\nTre remissinstanser har svarat och "
        "alla tillstyrker.\n\nKort rad utan punkt\nsom fortsätter här.\n"
    )
    result = _import(text, template)
    assert result.arende.extra[IMPORTED_KEY] == {
        "Remissvar": "Tre remissinstanser har svarat och alla tillstyrker.\n\n"
        "Kort rad utan punkt som fortsätter här."
    }
    assert _prose(result, "arendet") == "Texten börjar här."


def test_text_before_the_first_heading_is_kept(template: Template) -> None:
    text = "Tjänsteskrivelse - Titel\nHandläggare Eva Ek, 026-123 45\n\nSammanfattning\n\nText.\n"
    result = _import(text, template)
    assert result.arende.extra[IMPORTED_KEY] == {
        "Text före första rubriken": "Handläggare Eva Ek, 026-123 45"
    }
    assert "Text före första rubriken" in render_markdown(result.arende, template)


def test_header_lines_map_to_fields_by_label(template: Template) -> None:
    text = (
        "TJÄNSTESKRIVELSE 1 (3)\nDiarienummer: RS 2025/12\nDatum: 2025-03-14\n"
        "Beredande organ: Utvecklingsutskottet\nAvsluta medlemskap i Vanguard\n\n"
        "Förslag till beslut\n\n1. Region Gävleborg avslutar medlemskapet.\n"
    )
    arende = _import(text, template).arende
    assert arende.field_value("dokumenttyp") == "Tjänsteskrivelse"
    assert arende.field_value("diarienummer") == "RS 2025/12"
    assert arende.field_value("datum") == "2025-03-14"
    assert arende.field_value("beredande_organ") == "Utvecklingsutskottet"
    assert arende.field_value("titel") == "Avsluta medlemskap i Vanguard"
    other = _import("Dnr RS 2025/13\nDatum 3 april 2025\n\nSammanfattning\n\nText.\n", template)
    assert other.arende.field_value("diarienummer") == "RS 2025/13"
    assert other.arende.field_value("datum") == "2025-04-03"


# ----------------------------------------------------------------------------- decision


def test_lead_in_and_wrapped_numbered_points(template: Template) -> None:
    result = _import(SMALL, template)
    decision = _decision(result)
    assert decision.points == [
        "Regionfullmäktige fastställer en ny taxa för färdtjänst från den 1 januari 2026.",
        "Taxan höjs med 5 procent.",
    ]
    arende = result.arende
    assert arende.field_value("beredande_organ") == "Hälso- och sjukvårdsnämnden"
    assert arende.field_value("beslutsinstans") == "Regionfullmäktige"
    assert decision.lead_in == ""  # the one drafter writes from the header
    markdown = render_markdown(arende, template)
    assert "Hälso- och sjukvårdsnämnden föreslår Regionfullmäktige att besluta följande:" in (
        markdown
    )


def test_lead_in_is_kept_as_written_when_it_differs(template: Template) -> None:
    text = (
        "Förslag till beslut\n\nFörvaltningen föreslår att nämnden beslutar:\n\n"
        "1) Nämnden antar planen.\n2) Nämnden avslutar projektet.\n"
    )
    decision = _decision(_import(text, template))
    assert decision.lead_in == "Förvaltningen föreslår att nämnden beslutar:"
    assert decision.points == ["Nämnden antar planen.", "Nämnden avslutar projektet."]


def test_empty_decision_list(template: Template) -> None:
    text = (
        "Förslag till beslut\n\nUtvecklingsutskottet föreslår Regionstyrelsen att besluta "
        "följande:\n\n-\n\nSammanfattning\n\nText.\n"
    )
    result = _import(text, template)
    decision = _decision(result)
    assert decision.points == []
    assert result.arende.field_value("beslutsinstans") == "Regionstyrelsen"
    assert result.kept_aside == []
    found = {f.section_id: f for f in result.found}
    assert found["forslag_till_beslut"].empty
    assert "Förslag till beslut (tom)" in result.report


def test_unnumbered_decision_paragraphs_become_points(template: Template) -> None:
    text = (
        "Förslag till beslut\n\nNämnden föreslår Regionstyrelsen att besluta följande:\n\n"
        "Regionstyrelsen godkänner planen.\n\nRegionstyrelsen avslutar\nprojektet.\n"
    )
    decision = _decision(_import(text, template))
    assert decision.points == [
        "Regionstyrelsen godkänner planen.",
        "Regionstyrelsen avslutar projektet.",
    ]


def test_decision_text_that_is_no_point_is_kept_aside(template: Template) -> None:
    text = (
        "Förslag till beslut\n\nNämnden föreslår Regionstyrelsen att besluta följande:\n\n"
        "1. Regionstyrelsen godkänner planen.\n\nBeslutet gäller omedelbart.\n"
    )
    result = _import(text, template)
    assert result.arende.extra[IMPORTED_KEY] == {
        "Förslag till beslut (övrig text)": "Beslutet gäller omedelbart."
    }


# ----------------------------------------------------------------------------- lists, signatures


def test_bullets_and_an_empty_list(template: Template) -> None:
    text = "Expedieras till\n\n- Regionstyrelsen\n– Ekonomifunktionen\n\nBeslutsunderlag\n\n-\n"
    result = _import(text, template)
    assert _list(result, "expedieras_till") == ["Regionstyrelsen", "Ekonomifunktionen"]
    assert _list(result, "beslutsunderlag") == []
    assert "Beslutsunderlag (tom)" in result.report


def test_signatures_at_the_end_as_name_and_title_pairs(template: Template) -> None:
    text = (
        "Sammanfattning\n\nText.\n\nExpedieras till\n\n- Regionstyrelsen\n\n"
        "  Anna Andersson  \n  Regiondirektör\nPer van der Berg\nHandläggare\n\n"
        "K. Lind\nEnhetschef\n"
    )
    result = _import(text, template)
    assert _people(result) == [
        Signature(name="Anna Andersson", title="Regiondirektör"),
        Signature(name="Per van der Berg", title="Handläggare"),
        Signature(name="K. Lind", title="Enhetschef"),
    ]
    assert _list(result, "expedieras_till") == ["Regionstyrelsen"]
    assert "Underskrifter (utan rubrik, i slutet av texten)" in result.report


def test_signatures_under_a_heading(template: Template) -> None:
    result = _import(SMALL, template)
    assert _people(result) == [Signature(name="Eva Ek", title="Regiondirektör")]


def test_prose_ending_with_sentences_is_no_signature(template: Template) -> None:
    text = "Ärendet\n\nDet här är text.\nSom slutar med punkt.\n"
    result = _import(text, template)
    assert all(p.is_empty() for p in _people(result))
    assert "underskrifter" in result.missing
    assert _prose(result, "arendet") == "Det här är text. Som slutar med punkt."


def test_aspect_sub_headings_in_plain_text(template: Template) -> None:
    text = (
        "Konsekvensbeskrivningar\n\nBarn och unga:\nFler barn kan åka till skolan.\n\n"
        "Miljö\n\nUtsläppen minskar.\n"
    )
    content = import_text(text, template, input_format="text").arende.sections[
        "konsekvensbeskrivningar"
    ]
    assert isinstance(content, AspectsContent)
    assert content.aspects["barn"].assessment == "beskriv"
    assert content.aspects["barn"].text == "Fler barn kan åka till skolan."
    assert content.aspects["miljo"].text == "Utsläppen minskar."


# ----------------------------------------------------------------------------- Markdown


def test_hand_written_markdown(template: Template) -> None:
    text = (
        "# Tjänsteskrivelse - Ny taxa\n\n- **Datum:** 2025-03-14\n- **Handläggare:** Eva Ek\n\n"
        "## Förslag till beslut\n\nNämnden föreslår Regionstyrelsen att besluta följande:\n\n"
        "1. Regionstyrelsen antar\n   den nya taxan.\n\n## Ärendet\n\nEn rad\nsom fortsätter,"
        " med [en länk](https://example.se).\n\n### Bakgrund\n\nMer text.\n\n"
        "## Underskrifter\n\n**Eva Ek**  \nRegiondirektör\n"
    )
    result = import_text(text, template)
    assert result.format == "markdown"
    arende = result.arende
    assert arende.field_value("titel") == "Ny taxa"
    assert arende.field_value("datum") == "2025-03-14"
    assert _decision(result).points == ["Regionstyrelsen antar den nya taxan."]
    assert _prose(result, "arendet") == (
        "En rad som fortsätter, med en länk (https://example.se).\n\nBakgrund\n\nMer text."
    )
    assert _people(result) == [Signature(name="Eva Ek", title="Regiondirektör")]
    assert result.arende.extra[IMPORTED_KEY] == {
        "Text före första rubriken": "- Handläggare: Eva Ek"
    }


# ----------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "tom"),
        (b"  \r\n\n \xef\xbb\xbf", "tom"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binär"),
        (b"%PDF-1.7\n", "PDF"),
        (b"PK\x03\x04\x14\x00", "zip-arkiv"),
        (b"%PDF-1.7\n%%EOF\n", "PDF"),
    ],
)
def test_bad_input_exits_2_with_a_swedish_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(content)
    code, _out, err = run(capsys, "import", str(path))
    assert code == 2
    assert err.startswith(f"drafter: fel: {path}: ")
    assert message in err
    assert "Traceback" not in err
    assert not (tmp_path / "in.toml").exists()


def test_a_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "import", str(tmp_path))
    assert code == 2
    assert "är en mapp" in err


# ----------------------------------------------------------------------------- the command


def test_import_command_writes_beside_and_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], template: Template
) -> None:
    source = tmp_path / "vanguard.txt"
    source.write_bytes(SEED.read_bytes())
    code, out, err = run(capsys, "import", str(source))
    assert (code, err) == (0, "")
    target = tmp_path / "vanguard.toml"
    assert "Hittade 7 av 8 sektioner:" in out
    assert "Saknas: Beslutsunderlag (frivillig)." in out
    assert f"Sparade ärendet i {target}" in out
    first = target.read_bytes()
    loaded = load_arende(target)
    assert loaded.arende.field_value("titel") == "Avsluta medlemskap i Vanguard"

    target.write_text("# min egen fil\n", encoding="utf-8")
    code, out, err = run(capsys, "import", str(source))
    assert code == 2
    assert "finns redan" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "# min egen fil\n"

    code, _, _ = run(capsys, "import", str(source), "--force")
    assert code == 0
    assert target.read_bytes() == first

    code, out, _ = run(capsys, "check", str(target))
    assert code == 0
    assert "0 fel" in out


def _text_of(content: object) -> str:
    assert isinstance(content, ProseContent)
    return content.text


def test_import_command_output_option_and_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_path = tmp_path / "sub.toml"
    code, out, _ = run(capsys, "import", str(CP1252), "-o", str(out_path))
    assert code == 0
    # no --mall: the template whose headings fit best is chosen, and the report says which
    chosen = re.search(r"Mallen ”(\w+)” valdes", out)
    assert chosen is not None
    saved = load_arende(out_path).arende
    assert saved.template_ref == chosen.group(1)
    assert "Förvaltningen bedömer" in _text_of(saved.sections["arendet"])
    code, out, err = run(capsys, "import", str(SEED), "-o", "-")
    assert code == 0
    assert out.startswith("format = 1\n")
    assert "Hittade" in err


def test_import_command_output_to_a_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "import", str(SEED), "-o", str(tmp_path))
    assert code == 2
    assert "är en mapp" in err


def test_import_command_refuses_a_toml_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.toml"
    path.write_text("format = 1\n", encoding="utf-8")
    code, _, err = run(capsys, "import", str(path))
    assert code == 2
    assert "redan en ärendefil" in err


def test_template_given_by_path_is_stored_relative(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mallar = tmp_path / "mallar"
    mallar.mkdir()
    own = mallar / "egen.toml"
    own.write_text((ROOT / "sections" / "tjansteskrivelse.toml").read_text(encoding="utf-8"))
    source = tmp_path / "in.txt"
    source.write_bytes(SEED.read_bytes())
    code, _, _ = run(capsys, "import", str(source), "--mall", str(own))
    assert code == 0
    loaded = load_arende(tmp_path / "in.toml")
    assert loaded.arende.template_ref == "mallar/egen.toml"


def test_markdown_export_round_trip_through_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    md = tmp_path / "vanguard.md"
    code, _, _ = run(capsys, "export", str(EXAMPLE), "-o", str(md))
    assert code == 0
    code, _, _ = run(capsys, "import", str(md))
    assert code == 0
    again = tmp_path / "again.md"
    code, _, _ = run(capsys, "export", str(tmp_path / "vanguard.toml"), "-o", str(again))
    assert code == 0
    assert again.read_bytes() == md.read_bytes()


# ----------------------------------------------------------------------------- no text lost

_HEADINGS = [
    "Förslag till beslut",
    "Sammanfattning",
    "Bakgrund",
    "Ärendet",
    "Ekonomiska konsekvenser:",
    "Konsekvensbeskrivningar",
    "Beslutsunderlag",
    "Beslutet skickas till",
    "Underskrifter",
    "Förvaltningens bedömning",
]
_WORDS = [
    "Regionstyrelsen",
    "föreslår",
    "besluta",
    "följande:",
    "att",
    "nämnden",
    "Anna",
    "Andersson",
    "Regiondirektör",
    "kronor",
    "1\u00a0250",
    "2025.",
    "och",
    "Miljö",
    "barn",
    "unga",
    "Datum:",
    "Tjänsteskrivelse",
    "-",
    "–",
    "1.",
    "2)",
    "*",
    "#",
    "Region",
    "Gävleborg",
    "medlemskap.",
    "Barn och unga",
    ":",
    ",",
    "Text",
    "eller",
]


@st.composite
def _plain_documents(draw: st.DrawFn) -> str:
    words = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=9).map(" ".join)
    lines = st.one_of(
        words,
        words.map(lambda w: "  " + w + " "),
        words.map(lambda w: "- " + w),
        words.map(lambda w: "1. " + w),
        st.sampled_from(_HEADINGS),
        st.just(""),
        st.just(" \u00a0 "),
    )
    body = draw(st.lists(lines, max_size=40))
    position = draw(st.integers(0, len(body)))
    body.insert(position, draw(st.sampled_from(_HEADINGS[:-1])))  # at least one known heading
    return "\n".join(body)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_plain_documents())
def test_no_text_is_dropped(text: str) -> None:
    template = find_template("tjansteskrivelse").template
    result = import_text(text, template, input_format="text")
    markdown = render_markdown(result.arende, template)
    matcher_headings = {h.rstrip(":").casefold() for h in _HEADINGS}
    # list markers ("1.", "2)", "-") are markup: the export numbers the points itself
    kept_lines = [
        re.sub(r"^(?:\d{1,3}[.)]|[-–•*·▪])(?:\s+|$)", "", x.strip())
        for x in text.splitlines()
        if x.strip().rstrip(":").casefold() not in matcher_headings
    ]
    wanted = Counter(re.findall(r"\w+", "\n".join(kept_lines)))
    got = Counter(re.findall(r"\w+", markdown))
    assert not wanted - got, (wanted - got, markdown)


def test_text_kept_aside_is_a_warning_until_moved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`drafter check` reminds the user of text an import could not place; once the text
    is emptied (as the writing program does), the table and the warning are gone."""
    from drafter.storage import save_arende

    source = tmp_path / "skrivelse.txt"
    source.write_text(
        "Sammanfattning\n\nRegionen lämnar nätverket.\n\n"
        "Historik och tankar i korthet\n\nTidigare år deltog regionen.\n",
        encoding="utf-8",
    )
    assert run(capsys, "import", str(source))[0] == 0
    target = tmp_path / "skrivelse.toml"
    _, out, _ = run(capsys, "check", str(target))
    assert "  Importerad text utan sektion\n    varning: Texten under ”" in out
    assert "[importerat]" in out

    loaded = load_arende(target)
    (heading,) = loaded.arende.imported_texts()
    kept = [
        f for f in run_checks(loaded.arende, loaded.template.template) if f.rule == "importerat"
    ]
    assert [(f.section, f.field, f.severity) for f in kept] == [
        (IMPORTED_KEY, "0", Severity.WARNING)
    ]
    loaded.arende.set_imported_text(heading, "  \n")
    save_arende(target, loaded.arende, loaded.template.template)
    assert "importerat" not in target.read_text(encoding="utf-8")
    _, out, _ = run(capsys, "check", str(target))
    assert "Importerad text" not in out


def test_no_template_section_may_be_called_importerat(tmp_path: Path) -> None:
    from drafter.errors import TemplateError
    from drafter.templates import parse_template

    text = (ROOT / "sections" / "tjansteskrivelse.toml").read_text(encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        parse_template(text.replace('id = "arendet"', 'id = "importerat"'), tmp_path / "m.toml")
    assert "reserverat" in info.value.message
