"""The layout reading of issue 13, one shape at a time, and the lead-in forms FTB-8 accepts."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.checks import run_checks
from drafter.importer import import_file, import_text
from drafter.importer.layout import read_layout, split_columns
from drafter.model import Arende, DecisionContent, ProseContent, SignaturesContent
from drafter.render import render_markdown
from drafter.templates import Template, find_template
from drafter.text import LeadIn, parse_lead_in
from drafter.wrapping import join_hyphens

REAL = Path(__file__).parent / "data" / "real"


@pytest.fixture
def template() -> Template:
    return find_template("tjansteskrivelse").template


def _prose(text: str, template: Template, section: str = "arendet") -> str:
    content = import_text(text, template, input_format="text").arende.sections[section]
    assert isinstance(content, ProseContent)
    return content.text


def test_hyphenated_line_ends_are_joined_but_real_hyphens_stay() -> None:
    lines, joined = join_hyphens(
        [
            "Antalet barn i för-",
            "skoleåldern har minskat, och Kultur-",
            "och fritidsnämnden hyr lokaler av EU-",
            "kommissionen.",
        ]
    )
    assert joined == 2
    assert lines == [
        "Antalet barn i förskoleåldern",
        "har minskat, och Kultur-",
        "och fritidsnämnden hyr lokaler av EU-kommissionen.",
        "",
    ]


def test_page_counters_and_repeated_page_headers_are_dropped_and_listed(
    template: Template,
) -> None:
    text = (
        "Region Exempel\nSida 1 av 2\n\nÄrendet\nFörsta sidans text slutar här utan att\n\n"
        "Region Exempel\nSida 2 av 2\n\nmeningen är slut förrän nu.\n"
    )
    result = import_text(text, template, input_format="text")
    assert result.furniture == ["Sida 1 av 2", "Sida 2 av 2", "Region Exempel"]
    assert "”Region Exempel”" in result.report
    assert result.arende.field_value("organisation") == "Region Exempel"  # the letterhead
    content = result.arende.sections["arendet"]
    assert isinstance(content, ProseContent)
    assert "Region Exempel" not in content.text
    assert "Sida" not in content.text


def test_pdftotext_layout_columns_are_read_column_by_column() -> None:
    lines = split_columns(
        [
            "Ledningsstaben                        Datum",
            "Eva Ek                                2024-05-20",
            "",
            "Erik Sjöberg          Lina Ahl",
            "Förvaltningschef      Trafikingenjör",
        ]
    )
    assert [x for x in lines if x] == [
        "Ledningsstaben",
        "Eva Ek",
        "Datum",
        "2024-05-20",
        "Erik Sjöberg",
        "Förvaltningschef",
        "Lina Ahl",
        "Trafikingenjör",
    ]


def test_side_by_side_signatures_become_two_people(template: Template) -> None:
    text = (
        "Ärendet\nText.\n\nUnderskrifter\n"
        "Erik Sjöberg          Lina Ahl\nFörvaltningschef      Trafikingenjör\n"
    )
    people = import_text(text, template, input_format="text").arende.sections["underskrifter"]
    assert isinstance(people, SignaturesContent)
    assert [(p.name, p.title) for p in people.people] == [
        ("Erik Sjöberg", "Förvaltningschef"),
        ("Lina Ahl", "Trafikingenjör"),
    ]


def test_a_heading_glued_to_its_text_or_inside_a_flattened_line_is_found(
    template: Template,
) -> None:
    layout = read_layout(
        "Titel på ärendet Sammanfattning Fyra motioner har lämnats in. "
        + "Ord " * 30
        + "Ärendet Kommunen har en plan.",
        lambda line: line.casefold() in ("sammanfattning", "ärendet"),
    )
    assert layout.text.split("\n")[:3] == [
        "Titel på ärendet",
        "Sammanfattning",
        "Fyra motioner har lämnats in. " + " ".join(["Ord"] * 30),
    ]
    assert layout.headings_split == 2
    assert _prose("Ärendet Kommunen har en plan för laddplatser.\n", template) == (
        "Kommunen har en plan för laddplatser."
    )


def test_capital_headings_and_header_fields_on_one_line(template: Template) -> None:
    text = (
        "KRAMFORS KOMMUN\nDatum 2019-08-15 Dnr KS 2019/0055\n\n"
        "Svar på medborgarförslag om bussar\n\n"
        "BAKGRUND\nEn medborgare vill ha fler bussar.\n\nEXPEDIERAS TILL:\nFörslagsställaren\n"
    )
    arende = import_text(text, template, input_format="text").arende
    assert arende.field_value("organisation") == "KRAMFORS KOMMUN"
    assert arende.field_value("datum") == "2019-08-15"
    assert arende.field_value("diarienummer") == "KS 2019/0055"
    assert arende.field_value("titel") == "Svar på medborgarförslag om bussar"


def test_att_satser_become_points_and_the_lead_in_fills_the_bodies(template: Template) -> None:
    text = (
        "Förslag till beslut\nKommunstyrelsen föreslår kommunfullmäktige besluta\n"
        "att anta planen,\natt uppdra åt nämnderna att ta in åtgärderna i sina\n"
        "verksamhetsplaner.\n\nÄrendet\nText.\n"
    )
    arende = import_text(text, template, input_format="text").arende
    decision = arende.sections["forslag_till_beslut"]
    assert isinstance(decision, DecisionContent)
    assert decision.lead_in == "Kommunstyrelsen föreslår kommunfullmäktige besluta"
    assert decision.points == [
        "att anta planen,",
        "att uppdra åt nämnderna att ta in åtgärderna i sina verksamhetsplaner.",
    ]
    assert arende.field_value("beredande_organ") == "Kommunstyrelsen"
    assert arende.field_value("beslutsinstans") == "kommunfullmäktige"


@pytest.mark.parametrize(
    ("lead_in", "parsed"),
    [
        (
            "Utvecklingsutskottet föreslår Regionstyrelsen att besluta följande:",
            LeadIn("Utvecklingsutskottet", "Regionstyrelsen"),
        ),
        (
            "Kommunstyrelsen föreslår kommunfullmäktige besluta",
            LeadIn("Kommunstyrelsen", "kommunfullmäktige"),
        ),
        ("Regionstyrelsen föreslås besluta", LeadIn("", "Regionstyrelsen")),
        (
            "Regionstyrelsen föreslås tillstyrka regionfullmäktige BESLUTA",
            LeadIn("Regionstyrelsen", "regionfullmäktige"),
        ),
        ("Tekniska nämnden beslutar att", LeadIn("", "Tekniska nämnden")),
        ("Kultur- och fritidsnämnden beslutar", LeadIn("", "Kultur- och fritidsnämnden")),
        ("Socialnämndens beslut", LeadIn("", "Socialnämnden")),
        ("Beslut enligt nedan", None),
        ("Nämnden har inte beslutar", None),
    ],
)
def test_every_normal_lead_in_is_parsed_and_accepted_by_ftb8(
    lead_in: str, parsed: LeadIn | None, template: Template
) -> None:
    assert parse_lead_in(lead_in) == parsed
    arende = Arende.new(template)
    decision = arende.sections["forslag_till_beslut"]
    assert isinstance(decision, DecisionContent)
    decision.lead_in = lead_in
    decision.points = ["Planen antas."]
    ftb8 = [f for f in run_checks(arende, template) if f.rule == "FTB-8"]
    assert (ftb8 == []) == (parsed is not None)


def test_ftb8_accepts_points_that_name_the_deciding_body(template: Template) -> None:
    arende = Arende.new(template)
    decision = arende.sections["forslag_till_beslut"]
    assert isinstance(decision, DecisionContent)
    decision.points = ["Kommunfullmäktige avslår motionen.", "Kommunfullmäktige ger X i uppdrag."]
    assert not [f for f in run_checks(arende, template) if f.rule == "FTB-8"]
    decision.points = ["Motionen avslås."]
    assert [f.rule for f in run_checks(arende, template) if f.rule == "FTB-8"] == ["FTB-8"]


def test_a_heading_naming_proposer_and_decider_fills_both(template: Template) -> None:
    text = (
        "Stadsbyggnadsutskottets förslag till kommunstyrelsen\n- Planen antas.\n\nÄrendet\nText.\n"
    )
    arende = import_text(text, template, input_format="text").arende
    assert arende.field_value("beredande_organ") == "Stadsbyggnadsutskottet"
    assert arende.field_value("beslutsinstans") == "Kommunstyrelsen"
    assert not [f for f in run_checks(arende, template) if f.rule == "FTB-8"]


def test_the_core_import_used_by_the_tui_reads_docx_and_pdf_with_a_given_template(
    template: Template,
) -> None:
    for name in ("haninge_motion.docx", "uppsala_scn_labels.pdf"):
        result = import_file(REAL / name, template)
        assert result.template_name == "tjansteskrivelse"
        assert result.template_choice == ""
        assert result.arende.field_value("titel")


def test_text_left_in_importerat_is_checked_by_the_klarsprak_rules(template: Template) -> None:
    text = (
        "Ärendet\nText.\n\nTidplan\nFörvaltningen kommer att tillse att åtgärderna genomförs "
        "snarast möjligt av de berörda enheterna inom ramen för arbetet med den nya planen "
        "för området och i dialog med alla berörda.\n"
    )
    arende = import_text(text, template, input_format="text").arende
    assert "Tidplan" in arende.extra["importerat"]
    found = {(f.rule, f.section, f.field) for f in run_checks(arende, template)}
    assert ("MEN-1", "importerat", "0") in found
    assert ("ORD-1", "importerat", "0") in found  # "tillse"
    assert ("importerat", "importerat", "0") in found
    assert "importerat" not in arende.sections  # checking adds no section to the ärende


def test_a_word_file_with_headings_in_normal_text_and_no_blank_paragraphs(
    tmp_path: Path, template: Template
) -> None:
    from docx import Document

    document = Document()
    for text in (
        "Tjänsteskrivelse",
        "Nya regler för parkering",
        "Förslag till beslut",
        "Tekniska nämnden beslutar att",
        "att anta reglerna.",
        "Ärendebeskrivning",
        "Nämnden har sett över reglerna för parkering på kommunens gator och torg.",
        "Beslutet skickas till",
        "Gatuenheten",
        "Eva Ek",
        "Gatuchef",
    ):
        document.add_paragraph(text)
    path = tmp_path / "regler.docx"
    document.save(str(path))
    result = import_file(path, template)
    arende = result.arende
    assert arende.field_value("titel") == "Nya regler för parkering"
    decision = arende.sections["forslag_till_beslut"]
    assert isinstance(decision, DecisionContent)
    assert decision.lead_in == "Tekniska nämnden beslutar att"
    assert decision.points == ["att anta reglerna."]
    assert "sett över reglerna" in _text(arende, "arendet")
    people = arende.sections["underskrifter"]
    assert isinstance(people, SignaturesContent)
    assert [(p.name, p.title) for p in people.people] == [("Eva Ek", "Gatuchef")]
    assert result.report.startswith("Läste filen regler.docx som Word-dokument.")


def _text(arende: Arende, section: str) -> str:
    content = arende.sections[section]
    assert isinstance(content, ProseContent)
    return content.text


_PIECES = [
    "Sida 2 av 3",
    "2 (3)",
    "Region Exempel",
    "TJÄNSTESKRIVELSE 1 (2)",
    "Datum Vår beteckning",
    "2024-04-08 BUN 2024/0199",
    "Erik Sjöberg          Lina Ahl",
    "Förvaltningschef      Trafikingenjör",
    "                                   Diarienummer",
    "Sammanfattning Fyra motioner har lämnats in.",
    "Förslag till beslut",
    "Regionstyrelsen föreslås besluta",
    "att anta planen,",
    "Ärendet",
    "Konsekvensbeskrivningar",
    "Miljö: Beslutet påverkar inte miljön.",
    "Barnperspektiv",
    "Texten fortsätter här och slutar med en punkt.",
    "Kommunen",
    "",
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=30))
def test_no_word_is_lost_through_the_layout_reading(lines: list[str]) -> None:
    text = "\n".join(lines)
    if not any(c.isalnum() for c in text):
        return
    template = find_template("tjansteskrivelse").template
    result = import_text(text, template, input_format="text")
    # words compared case-insensitively: "TJÄNSTESKRIVELSE" is stored as "Tjänsteskrivelse"
    exported = render_markdown(result.arende, template) + result.report
    out = Counter(re.findall(r"\w+", exported.casefold()))
    furniture = set(re.findall(r"\w+", "\n".join(result.furniture).casefold()))
    wanted = Counter(re.findall(r"\w+", text.casefold()))
    missing = {w: n for w, n in wanted.items() if out[w] < n and w not in furniture}
    assert not missing, (missing, text)
