"""Every rule of the default template passes on good text and fires on bad text."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.checks import check_header, check_section, run_checks
from drafter.findings import Finding, Severity
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
from drafter.render import render_section
from drafter.storage import load_arende
from drafter.templates import Template, parse_template

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "vanguard.toml"


@pytest.fixture
def seed(template: Template) -> Arende:
    loaded = load_arende(EXAMPLE)
    assert loaded.template.template == template
    return loaded.arende


CORE_RULES = {
    "tomt-falt",
    "tom-sektion",
    "FTB-8",
    "FTB-4",
    "EK-2",
    "KON-1",
    "SIG-1",
    "FORM-1a",
    "DNR-1",
}


def section_findings(
    arende: Arende, template: Template, section_id: str, rule: str
) -> list[Finding]:
    return [f for f in check_section(arende, template, section_id) if f.rule == rule]


def header_findings(arende: Arende, template: Template, rule: str) -> list[Finding]:
    return [f for f in check_header(arende, template) if f.rule == rule]


# --------------------------------------------------------------------------- the seed


def test_seed_has_no_errors(seed: Arende, template: Template) -> None:
    findings = run_checks(seed, template)
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    # a draft without diarienummer, datum and recipients only gets warnings
    # (klarspråk rules added to the template may add warnings and info: not checked here)
    core = {(f.rule, f.field or f.section, f.severity) for f in findings if f.rule in CORE_RULES}
    assert core == {
        ("tomt-falt", "diarienummer", Severity.WARNING),
        ("tomt-falt", "datum", Severity.WARNING),
        ("tom-sektion", "expedieras_till", Severity.WARNING),
    }


def test_new_arende_is_full_of_errors(template: Template) -> None:
    findings = run_checks(Arende.new(template), template)
    errors = {(f.rule, f.section, f.field) for f in findings if f.severity is Severity.ERROR}
    assert ("tomt-falt", None, "titel") in errors
    for section_id in (
        "forslag_till_beslut",
        "sammanfattning",
        "arendet",
        "kostnader_och_finansiering",
        "konsekvensbeskrivningar",
        "underskrifter",
    ):
        assert ("tom-sektion", section_id, None) in errors
    # Beslutsunderlag is optional: no finding at all
    assert not [f for f in findings if f.section == "beslutsunderlag"]


# --------------------------------------------------------------------------- tomt-falt


def test_empty_title_is_an_error_with_swedish_hint(seed: Arende, template: Template) -> None:
    assert header_findings(seed, template, "tomt-falt") and all(
        f.field != "titel" for f in header_findings(seed, template, "tomt-falt")
    )
    seed.header["titel"] = "   "
    (finding,) = [f for f in header_findings(seed, template, "tomt-falt") if f.field == "titel"]
    assert finding.severity is Severity.ERROR
    assert "Ärendemening" in finding.message and "är tomt" in finding.message


def test_missing_datum_and_diarienummer_are_warnings(seed: Arende, template: Template) -> None:
    by_field = {f.field: f for f in header_findings(seed, template, "tomt-falt")}
    assert by_field["datum"].severity is Severity.WARNING
    assert by_field["diarienummer"].severity is Severity.WARNING
    seed.header["datum"] = "2025-03-14"
    seed.header["diarienummer"] = "RS 2025/123"
    assert header_findings(seed, template, "tomt-falt") == []


# --------------------------------------------------------------------------- tom-sektion


@pytest.mark.parametrize(
    ("section_id", "empty", "severity"),
    [
        ("sammanfattning", ProseContent(text="  \n\n "), Severity.ERROR),
        ("forslag_till_beslut", DecisionContent(lead_in="X", points=["", " "]), Severity.ERROR),
        ("konsekvensbeskrivningar", AspectsContent(), Severity.ERROR),
        ("underskrifter", SignaturesContent(people=[Signature()]), Severity.ERROR),
        ("expedieras_till", ListContent(items=[""]), Severity.WARNING),
    ],
)
def test_empty_section(
    seed: Arende, template: Template, section_id: str, empty: object, severity: Severity
) -> None:
    assert section_findings(seed, template, section_id, "tom-sektion") == [] or (
        section_id == "expedieras_till"
    )
    seed.sections[section_id] = empty  # type: ignore[assignment]
    (finding,) = section_findings(seed, template, section_id, "tom-sektion")
    assert finding.severity is severity
    assert template.section(section_id).heading in finding.message
    assert "är tom" in finding.message


def test_filled_recipients_clear_the_warning(seed: Arende, template: Template) -> None:
    seed.sections["expedieras_till"] = ListContent(items=["Regionstyrelsen"])
    assert check_section(seed, template, "expedieras_till") == []


# --------------------------------------------------------------------------- FTB-8


@pytest.mark.parametrize(
    "lead_in",
    [
        "Utvecklingsutskottet föreslår Regionstyrelsen att besluta följande:",
        "Kommunstyrelsen föreslår kommunfullmäktige att besluta",
        "Socialnämnden föreslår att kommunfullmäktige beslutar följande:",
    ],
)
def test_lead_in_accepted(seed: Arende, template: Template, lead_in: str) -> None:
    seed.sections["forslag_till_beslut"] = DecisionContent(lead_in=lead_in, points=["A gör B."])
    assert section_findings(seed, template, "forslag_till_beslut", "FTB-8") == []


@pytest.mark.parametrize("lead_in", ["Förslag:", "Vi tycker att följande ska gälla."])
def test_lead_in_without_bodies_is_an_error(seed: Arende, template: Template, lead_in: str) -> None:
    seed.sections["forslag_till_beslut"] = DecisionContent(lead_in=lead_in, points=["A gör B."])
    (finding,) = section_findings(seed, template, "forslag_till_beslut", "FTB-8")
    assert finding.severity is Severity.ERROR
    assert finding.field == "inledning"
    assert "föreslår" in finding.message


def test_empty_lead_in_uses_header_bodies(seed: Arende, template: Template) -> None:
    seed.sections["forslag_till_beslut"] = DecisionContent(points=["A gör B."])
    assert section_findings(seed, template, "forslag_till_beslut", "FTB-8") == []
    seed.header["beslutsinstans"] = ""
    (finding,) = section_findings(seed, template, "forslag_till_beslut", "FTB-8")
    assert "Inledningen saknas" in finding.message


# --------------------------------------------------------------------------- FTB-4


@pytest.mark.parametrize(
    "point",
    [
        "Kommunstyrelsen beslutar i enlighet med föreliggande förslag.",
        "Kommunen antar planen enligt bilaga 1.",
        "Nämnden fördelar medlen Enligt Ovan.",
    ],
)
def test_point_that_does_not_stand_alone_warns(
    seed: Arende, template: Template, point: str
) -> None:
    content = seed.sections["forslag_till_beslut"]
    assert isinstance(content, DecisionContent)
    content.points.append(point)
    (finding,) = section_findings(seed, template, "forslag_till_beslut", "FTB-4")
    assert finding.severity is Severity.WARNING
    assert finding.field == "punkter.1"
    assert "kan stå ensam" in finding.message


def test_phrase_rule_needs_whole_words(seed: Arende, template: Template) -> None:
    content = seed.sections["forslag_till_beslut"]
    assert isinstance(content, DecisionContent)
    content.points.append("Regionen köper in utrustning enligt bilagan till avtalet.")
    assert section_findings(seed, template, "forslag_till_beslut", "FTB-4") == []


# --------------------------------------------------------------------------- EK-2


@pytest.mark.parametrize(
    "text",
    [
        "Minskade kostnader med 12 500 euro/år.",
        "Kostnaden är 1,2 mnkr per år och finansieras av nämnden.",
        "Bidraget uppgår till 250\u00a0000 kronor.",
        "Avgiften är SEK 4000.",
        "Beslutet medför inga kostnader.",
        "Kostnaden ryms inom befintlig budget.",
    ],
)
def test_cost_with_amount_or_phrase_passes(seed: Arende, template: Template, text: str) -> None:
    seed.sections["kostnader_och_finansiering"] = ProseContent(text=text)
    assert section_findings(seed, template, "kostnader_och_finansiering", "EK-2") == []


@pytest.mark.parametrize(
    "text",
    [
        "Kostnaden blir ganska hög.",
        "Kostnaden är 12 500 per år.",  # no unit
        "Projektet pågår till 2027.",  # a year is not an amount
    ],
)
def test_cost_without_amount_warns(seed: Arende, template: Template, text: str) -> None:
    seed.sections["kostnader_och_finansiering"] = ProseContent(text=text)
    (finding,) = section_findings(seed, template, "kostnader_och_finansiering", "EK-2")
    assert finding.severity is Severity.WARNING
    assert "belopp och enhet" in finding.message


# --------------------------------------------------------------------------- KON-1

ALL_COVERED = [
    "Beslutet bedöms inte ha några konsekvenser för arbetsmiljö, barn- och ungdomar eller hälsa "
    "och miljö.",
    "Arbetsmiljön påverkas inte. Barnen berörs inte. Folkhälsan och miljön påverkas inte.",
    "En barnkonsekvensanalys har gjorts. Arbetsmiljön, hälsan och klimatet påverkas inte.",
    "Beslutet påverkar inte arbetsmiljö- och miljöfrågor, inte heller barn och unga eller "
    "hälso- och sjukvården.",
]


@pytest.mark.parametrize("text", ALL_COVERED)
def test_aspects_recognised_in_inflected_and_compound_forms(
    seed: Arende, template: Template, text: str
) -> None:
    seed.sections["konsekvensbeskrivningar"] = AspectsContent(text=text)
    assert section_findings(seed, template, "konsekvensbeskrivningar", "KON-1") == []


def test_arbetsmiljo_does_not_cover_miljo(seed: Arende, template: Template) -> None:
    seed.sections["konsekvensbeskrivningar"] = AspectsContent(
        text="Beslutet påverkar inte arbetsmiljön, barnen eller folkhälsan."
    )
    (finding,) = section_findings(seed, template, "konsekvensbeskrivningar", "KON-1")
    assert finding.severity is Severity.ERROR
    assert finding.field == "aspekter.miljo"
    assert "tar inte upp miljö" in finding.message


def test_each_missing_aspect_is_named(seed: Arende, template: Template) -> None:
    seed.sections["konsekvensbeskrivningar"] = AspectsContent(text="Miljön påverkas inte.")
    findings = section_findings(seed, template, "konsekvensbeskrivningar", "KON-1")
    assert [f.field for f in findings] == [
        "aspekter.arbetsmiljo",
        "aspekter.barn",
        "aspekter.halsa",
    ]
    messages = " ".join(f.message for f in findings)
    for label in ("arbetsmiljö", "barn och unga", "hälsa"):
        assert f"tar inte upp {label}" in messages


def test_structured_aspects_count(seed: Arende, template: Template) -> None:
    seed.sections["konsekvensbeskrivningar"] = AspectsContent(
        aspects={
            "arbetsmiljo": AspectEntry(assessment="inga"),
            "barn": AspectEntry(assessment="beskriv", text="Fler platser i förskolan."),
            "halsa": AspectEntry(assessment="inga"),
            "miljo": AspectEntry(assessment="inga"),
        }
    )
    assert section_findings(seed, template, "konsekvensbeskrivningar", "KON-1") == []


def test_described_aspect_without_text_is_flagged(seed: Arende, template: Template) -> None:
    seed.sections["konsekvensbeskrivningar"] = AspectsContent(
        text="Arbetsmiljö, hälsa och miljö påverkas inte.",
        aspects={"barn": AspectEntry(assessment="beskriv", text=" ")},
    )
    (finding,) = section_findings(seed, template, "konsekvensbeskrivningar", "KON-1")
    assert finding.field == "aspekter.barn"
    assert "inte skrivit" in finding.message


def test_structured_and_prose_combine(seed: Arende, template: Template) -> None:
    seed.sections["konsekvensbeskrivningar"] = AspectsContent(
        text="Miljön och folkhälsan påverkas inte.",
        aspects={"arbetsmiljo": AspectEntry(assessment="inga")},
    )
    (finding,) = section_findings(seed, template, "konsekvensbeskrivningar", "KON-1")
    assert finding.field == "aspekter.barn"


def test_no_consequence_aspects_render_as_one_sentence(seed: Arende, template: Template) -> None:
    seed.sections["konsekvensbeskrivningar"] = AspectsContent(
        aspects={
            "arbetsmiljo": AspectEntry(assessment="inga"),
            "barn": AspectEntry(assessment="inga"),
            "halsa": AspectEntry(assessment="inga"),
            "miljo": AspectEntry(assessment="beskriv", text="Utsläppen minskar med 10 ton."),
        }
    )
    rendered = render_section(seed, template.section("konsekvensbeskrivningar"))
    assert rendered == (
        "## Konsekvensbeskrivningar\n\n"
        "Beslutet bedöms inte ha några konsekvenser för arbetsmiljö, barn och unga eller hälsa."
        "\n\n### Miljö\n\nUtsläppen minskar med 10 ton."
    )


# --------------------------------------------------------------------------- SIG-1


def test_signature_needs_name_and_title(seed: Arende, template: Template) -> None:
    assert section_findings(seed, template, "underskrifter", "SIG-1") == []
    seed.sections["underskrifter"] = SignaturesContent(people=[Signature(name="Anna Andersson")])
    findings = section_findings(seed, template, "underskrifter", "SIG-1")
    assert [f.field for f in findings] == ["personer.0", "personer"]
    assert "saknar befattning" in findings[0].message
    assert all(f.severity is Severity.ERROR for f in findings)


def test_signature_without_name(seed: Arende, template: Template) -> None:
    seed.sections["underskrifter"] = SignaturesContent(
        people=[Signature(name="Anna Andersson", title="Chef"), Signature(title="Handläggare")]
    )
    (finding,) = section_findings(seed, template, "underskrifter", "SIG-1")
    assert finding.field == "personer.1"
    assert "saknar namn" in finding.message


# --------------------------------------------------------------------------- FORM-1a


@pytest.mark.parametrize("value", ["2025-03-14", "2024-02-29"])
def test_iso_date_passes(seed: Arende, template: Template, value: str) -> None:
    seed.header["datum"] = value
    assert header_findings(seed, template, "FORM-1a") == []


@pytest.mark.parametrize("value", ["2025-02-30", "14/3 2025", "2025-3-14", "igår"])
def test_bad_date_is_an_error(seed: Arende, template: Template, value: str) -> None:
    seed.header["datum"] = value
    (finding,) = header_findings(seed, template, "FORM-1a")
    assert finding.severity is Severity.ERROR
    assert finding.field == "datum"
    assert "ÅÅÅÅ-MM-DD" in finding.message and value in finding.message


# --------------------------------------------------------------------------- DNR-1


@pytest.mark.parametrize("value", ["RS 2025/123", "KS/2017:457", "Dnr 112-2021", "KS-2014/742.912"])
def test_diarienummer_lenient(seed: Arende, template: Template, value: str) -> None:
    seed.header["diarienummer"] = value
    assert header_findings(seed, template, "DNR-1") == []


@pytest.mark.parametrize("value", ["123", "okänt", "2025"])
def test_diarienummer_that_is_not_one_warns(seed: Arende, template: Template, value: str) -> None:
    seed.header["diarienummer"] = value
    (finding,) = header_findings(seed, template, "DNR-1")
    assert finding.severity is Severity.WARNING
    assert "diarienummer" in finding.message


STRICT = """
namn = "strikt"
[[falt]]
id = "titel"
etikett = "Titel"
obligatorisk = true
[[falt]]
id = "diarienummer"
etikett = "Diarienummer"
typ = "diarienummer"
monster = 'RS \\d{4}/\\d+'
exempel = "RS 2025/123"
[[sektioner]]
id = "text"
rubrik = "Text"
typ = "prosa"
hjalp = "Skriv."
[[regler]]
id = "DNR-1"
typ = "diarienummer"
allvarlighet = "fel"
"""


@pytest.mark.parametrize(
    ("value", "ok"), [("RS 2025/123", True), ("KS 2025/123", False), ("RS 25/1", False)]
)
def test_diarienummer_strict_pattern(value: str, ok: bool) -> None:
    template = parse_template(STRICT, Path("strikt.toml"))
    arende = Arende.new(template)
    arende.header["diarienummer"] = value
    findings = header_findings(arende, template, "DNR-1")
    if ok:
        assert findings == []
    else:
        (finding,) = findings
        assert finding.severity is Severity.ERROR  # the template's allvarlighet wins
        assert "RS 2025/123" in finding.message


def test_rule_can_be_switched_off() -> None:
    template = parse_template(STRICT.replace('allvarlighet = "fel"', "av = true"), Path("a.toml"))
    arende = Arende.new(template)
    arende.header["diarienummer"] = "fel format"
    assert header_findings(arende, template, "DNR-1") == []
