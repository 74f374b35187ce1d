"""Consistency across sections: amounts, the deciding body, and who gets an assignment."""

from __future__ import annotations

import pytest

from drafter.checks import run_checks
from drafter.checks.consistency import amounts, assignees, recipient_listed
from drafter.findings import Finding, Severity
from drafter.model import Arende, DecisionContent, ListContent, ProseContent
from drafter.templates import Template

RULES = {"KONS-1", "KONS-2", "EXP-3"}


def check(
    template: Template,
    punkter: list[str],
    *,
    ekonomi: str = "Beslutet medför inga kostnader.",
    expedieras: list[str] | None = None,
    inledning: str = "",
    beslutsinstans: str = "Regionstyrelsen",
) -> list[Finding]:
    arende = Arende.new(template)
    arende.header.update(beredande_organ="Utvecklingsutskottet", beslutsinstans=beslutsinstans)
    arende.sections["forslag_till_beslut"] = DecisionContent(lead_in=inledning, points=punkter)
    arende.sections["kostnader_och_finansiering"] = ProseContent(text=ekonomi)
    arende.sections["expedieras_till"] = ListContent(items=expedieras or [])
    return [f for f in run_checks(arende, template) if f.rule in RULES]


# --------------------------------------------------------------------------- KONS-1


def test_amount_missing_from_economy_section_warns(template: Template) -> None:
    findings = check(
        template,
        ["Regionstyrelsen godkänner planen.", "Regionstyrelsen avsätter 2 mnkr till planen."],
        ekonomi="Kostnaden är 1,5 mnkr och finansieras inom ramen.",
    )
    assert [(f.rule, f.section, f.field, f.severity) for f in findings] == [
        ("KONS-1", "forslag_till_beslut", "punkter.1", Severity.WARNING)
    ]
    assert findings[0].message.startswith(
        "Punkt 2 nämner 2 mnkr, men beloppet finns inte under ”Kostnader och finansiering”."
    )


@pytest.mark.parametrize(
    "ekonomi",
    [
        "Kostnaden är 2 mnkr och finansieras ur regionstyrelsens anslag.",
        "Kostnaden är 2 000 000 kronor och finansieras ur regionstyrelsens anslag.",
        "Kostnaden, 2 miljoner kronor, finansieras ur anslaget.",
        "Kostnaden är 2 000 tkr.",
    ],
)
def test_amount_in_any_notation_is_found(template: Template, ekonomi: str) -> None:
    assert check(template, ["Regionstyrelsen avsätter 2 mnkr."], ekonomi=ekonomi) == []


def test_euro_amounts_and_points_without_amounts(template: Template) -> None:
    assert (
        check(
            template,
            ["Regionen betalar 12 500 euro per år.", "Region Gävleborg avslutar medlemskapet."],
            ekonomi="Minskade kostnader med 12 500 euro/år.",
        )
        == []
    )
    # same figure in kronor is another amount
    findings = check(template, ["Regionen betalar 12 500 euro."], ekonomi="Det kostar 500 kronor.")
    assert [f.rule for f in findings] == ["KONS-1"]


def test_empty_economy_section_is_left_to_the_empty_section_rule(template: Template) -> None:
    assert check(template, ["Regionstyrelsen avsätter 2 mnkr."], ekonomi="") == []


def test_amounts_parser() -> None:
    assert amounts("1,2 mnkr och 12 500 euro/år samt 300 tkr") == [
        ("1,2 mnkr", "SEK", pytest.approx(1_200_000)),
        ("12 500 euro", "EUR", 12_500),
        ("300 tkr", "SEK", 300_000),
    ]
    assert amounts("år 2025 och 35 medlemmar") == []


# --------------------------------------------------------------------------- KONS-2


def test_lead_in_body_differs_from_header(template: Template) -> None:
    findings = check(
        template,
        ["Region Gävleborg avslutar medlemskapet."],
        inledning="Utvecklingsutskottet föreslår Regionfullmäktige att besluta följande:",
    )
    assert [(f.rule, f.section, f.field) for f in findings] == [
        ("KONS-2", "forslag_till_beslut", "inledning")
    ]
    assert findings[0].message == (
        "Inledningen säger att ”Regionfullmäktige” beslutar, men Beslutsinstans under "
        "Uppgifter om ärendet är ”Regionstyrelsen”. Rätta det som är fel så att de stämmer."
    )


@pytest.mark.parametrize(
    "inledning",
    [
        "Utvecklingsutskottet föreslår Regionstyrelsen att besluta följande:",
        "Utvecklingsutskottet föreslår regionstyrelsen att besluta följande:",  # case
        "Utvecklingsutskottet föreslår att regionstyrelsen beslutar följande.",
        "",  # drafter writes the lead-in from the header
        "Beslut enligt nedan",  # not a lead-in at all: FTB-8 says so, not KONS-2
    ],
)
def test_lead_in_body_matches(template: Template, inledning: str) -> None:
    assert check(template, ["Regionen beslutar."], inledning=inledning) == []


def test_lead_in_with_empty_header_body_is_quiet(template: Template) -> None:
    inledning = "Utvecklingsutskottet föreslår Kommunstyrelsen att besluta följande:"
    assert check(template, ["Regionen beslutar."], inledning=inledning, beslutsinstans="") == []


# --------------------------------------------------------------------------- EXP-3


@pytest.mark.parametrize(
    ("point", "who"),
    [
        ("Regiondirektören får i uppdrag att ta fram en plan.", "Regiondirektören"),
        ("Regionstyrelsen uppdrar åt kulturnämnden att utreda frågan.", "kulturnämnden"),
        ("Regionstyrelsen ger ekonomidirektören i uppdrag att följa upp.", "ekonomidirektören"),
        ("Regionstyrelsen beslutar att hälso- och sjukvårdsnämnden får i uppdrag att …", None),
        ("Regionala utvecklingsförvaltningen uppdras att redovisa resultatet.", None),
        ("att uppdra åt regiondirektören att avsluta avtalet", "regiondirektören"),
    ],
)
def test_assignee_missing_from_expedieras_till_warns(
    template: Template, point: str, who: str | None
) -> None:
    findings = check(template, [point], expedieras=["Diariet"])
    assert [(f.rule, f.section, f.field) for f in findings] == [
        ("EXP-3", "expedieras_till", "poster")
    ]
    if who is not None:
        assert findings[0].message.startswith(f"Punkt 1 ger {who} ett uppdrag, men {who} finns")


@pytest.mark.parametrize(
    ("point", "expedieras"),
    [
        ("Regiondirektören får i uppdrag att ta fram en plan.", ["Regiondirektör"]),
        ("Regionstyrelsen uppdrar åt kulturnämnden att utreda frågan.", ["Kulturnämnden"]),
        (
            "Regionala utvecklingsförvaltningen får i uppdrag att redovisa.",
            ["Regionala utvecklingsförvaltningen", "Diariet"],
        ),
        ("Region Gävleborg avslutar sitt medlemskap i Vanguardinitiativet.", []),
        ("Regionstyrelsen godkänner uppdragsbeskrivningen.", []),
    ],
)
def test_assignee_in_list_or_no_assignment_is_quiet(
    template: Template, point: str, expedieras: list[str]
) -> None:
    assert check(template, [point], expedieras=expedieras) == []


def test_several_assignees_each_checked(template: Template) -> None:
    findings = check(
        template,
        ["Regionstyrelsen ger regiondirektören och ekonomidirektören i uppdrag att följa upp."],
        expedieras=["Regiondirektören"],
    )
    assert len(findings) == 1
    assert "ger ekonomidirektören ett uppdrag" in findings[0].message


def test_assignees_parser() -> None:
    assert assignees("2. Regiondirektören får i uppdrag att återkomma.") == ["Regiondirektören"]
    assert assignees("Regionstyrelsen ger regiondirektören och HR-direktören i uppdrag att …") == [
        "regiondirektören",
        "HR-direktören",
    ]
    assert assignees("Nämnden godkänner planen och regiondirektören får i uppdrag att …") == [
        "regiondirektören"
    ]
    assert assignees("Regionstyrelsen godkänner budgeten.") == []
    assert recipient_listed("regiondirektören", ["Regiondirektör"])
    assert not recipient_listed("Region Dalarna", ["Region Gävleborg"])
