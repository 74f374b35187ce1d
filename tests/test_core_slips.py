"""Issue 14, the smaller slips the core answers for: counts, EXP-3's assignee, point
numbers in messages, today's date in a new ärende and the konsekvens contradiction."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from drafter import cli
from drafter.checks import run_checks
from drafter.findings import Finding
from drafter.model import Arende, AspectEntry, AspectsContent, DecisionContent, ListContent
from drafter.render import render_markdown
from drafter.storage import load_arende, new_arende
from drafter.templates import Template, find_template
from drafter.text import count_sv

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "vanguard.toml"


@pytest.fixture
def seed() -> Arende:
    return load_arende(EXAMPLE).arende


def rule_findings(arende: Arende, template: Template, rule: str) -> list[Finding]:
    return [f for f in run_checks(arende, template) if f.rule == rule]


def decision(arende: Arende, template: Template) -> DecisionContent:
    content = arende.content(template.section("forslag_till_beslut"))
    assert isinstance(content, DecisionContent)
    return content


# --------------------------------------------------------------------------- 1: counts


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 varningar"), (1, "1 varning"), (2, "2 varningar"), (11, "11 varningar")],
)
def test_count_sv_uses_the_singular_only_for_one(count: int, expected: str) -> None:
    assert count_sv(count, "varning", "varningar") == expected


def test_count_sv_for_a_word_without_plural_ending() -> None:
    assert count_sv(1, "fel") == "1 fel"
    assert count_sv(3, "fel") == "3 fel"


# --------------------------------------------------------------------------- 2: EXP-3


@pytest.mark.parametrize(
    "name",
    [
        "Kultur- och fritidsförvaltningen",
        "Bygg-, miljö- och hälsoskyddsnämnden",
    ],
)
def test_exp3_quotes_a_coordinated_compound_whole(
    seed: Arende, template: Template, name: str
) -> None:
    content = decision(seed, template)
    content.points = [f"{name} får i uppdrag att ta fram en plan för lokalerna."]
    found = rule_findings(seed, template, "EXP-3")
    assert len(found) == 1
    assert f"ger {name} ett uppdrag" in found[0].message


def test_exp3_coordinated_compound_after_ger_and_a_second_assignee(
    seed: Arende, template: Template
) -> None:
    content = decision(seed, template)
    content.points = [
        "Kommunstyrelsen ger socialnämnden och kultur- och fritidsnämnden i uppdrag att "
        "utreda saken."
    ]
    messages = [f.message for f in rule_findings(seed, template, "EXP-3")]
    assert any("ger socialnämnden ett uppdrag" in m for m in messages)
    assert any("ger kultur- och fritidsnämnden ett uppdrag" in m for m in messages)
    assert len(messages) == 2


def test_exp3_compound_listed_under_expedieras_gives_no_finding(
    seed: Arende, template: Template
) -> None:
    decision(seed, template).points = [
        "Kultur- och fritidsförvaltningen får i uppdrag att ta fram en plan."
    ]
    listing = seed.content(template.section("expedieras_till"))
    assert isinstance(listing, ListContent)
    listing.items = ["Kultur- och fritidsförvaltningen"]
    assert rule_findings(seed, template, "EXP-3") == []


# --------------------------------------------------------------------------- 3: numbers


def test_point_numbers_in_messages_follow_the_export(seed: Arende, template: Template) -> None:
    """An empty first row: the export numbers the point 1, so does the finding; its field
    still names the row (index 1) so the TUI focuses the right row."""
    content = decision(seed, template)
    point = "Region Gävleborg avslutar projektet samt att rapporten arkiveras."
    content.points = ["", point]
    markdown = render_markdown(seed, template)
    assert f"1. {point}" in markdown
    found = [f for f in run_checks(seed, template) if f.message.startswith("Punkt ")]
    assert found, "the two actions are flagged"
    for finding in found:
        assert finding.message.startswith("Punkt 1 "), finding.message
        assert finding.field == "punkter.1"


def test_exp3_point_number_skips_empty_rows(seed: Arende, template: Template) -> None:
    content = decision(seed, template)
    content.points = [
        "   ",
        "Region Gävleborg godkänner planen.",
        "",
        "Stadsarkivet får i uppdrag att arkivera handlingarna.",
    ]
    found = rule_findings(seed, template, "EXP-3")
    assert [f.message.split(" ger ")[0] for f in found] == ["Punkt 2"]


# --------------------------------------------------------------------------- 7: datum


def test_new_arende_gets_todays_date(template: Template) -> None:
    arende = new_arende(template, dt.date(2026, 3, 14))
    assert arende.field_value("datum") == "2026-03-14"


def test_new_arende_keeps_a_template_default_date() -> None:
    loaded = find_template("tjansteskrivelse").template
    fields = [
        f.model_copy(update={"default": "2025-01-01"}) if f.id == "datum" else f
        for f in loaded.fields
    ]
    template = loaded.model_copy(update={"fields": fields})
    assert new_arende(template, dt.date(2026, 3, 14)).field_value("datum") == "2025-01-01"


def test_template_without_datum_field_gets_none(template: Template) -> None:
    fields = [f for f in template.fields if f.id != "datum"]
    bare = template.model_copy(update={"fields": fields})
    assert "datum" not in new_arende(bare, dt.date(2026, 3, 14)).header


def test_cli_new_writes_todays_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nytt.toml"
    before = dt.date.today().isoformat()
    assert cli.main(["new", str(path)]) == 0
    after = dt.date.today().isoformat()
    written = tomllib.loads(path.read_text(encoding="utf-8"))["arende"]["datum"]
    assert written in (before, after)


def test_opening_an_existing_arende_leaves_an_empty_date_empty(tmp_path: Path) -> None:
    from drafter.tui import prepare_session

    path = tmp_path / "tomt.toml"
    path.write_text('format = 1\nmall = "tjansteskrivelse"\n', encoding="utf-8")
    session, _, _ = prepare_session(path, None)
    assert session.arende.field_value("datum") == ""


def test_tui_new_arende_has_todays_date(tmp_path: Path) -> None:
    from drafter.tui import prepare_session

    before = dt.date.today().isoformat()
    session, _, _ = prepare_session(tmp_path / "nytt.toml", None)
    assert session.arende.field_value("datum") in (before, dt.date.today().isoformat())


# --------------------------------------------------------------------------- 9: KON-2


def aspects(arende: Arende, template: Template) -> AspectsContent:
    content = arende.content(template.section("konsekvensbeskrivningar"))
    assert isinstance(content, AspectsContent)
    return content


BARN = "Fler elever får plats i fritidsverksamheten, och köerna för barn blir kortare."


@pytest.mark.parametrize("template_name", ["tjansteskrivelse", "kommun"])
def test_shared_text_denying_a_described_aspect_is_flagged(
    seed: Arende, template_name: str
) -> None:
    template = find_template(template_name).template
    content = aspects(seed, template)
    content.text = (
        "Beslutet bedöms inte ha några konsekvenser för arbetsmiljö, barn- och ungdomar "
        "eller hälsa och miljö."
    )
    content.aspects["barn"] = AspectEntry(assessment="beskriv", text=BARN)
    found = rule_findings(seed, template, "KON-2")
    assert len(found) == 1
    label = template.section("konsekvensbeskrivningar").aspect("barn")
    assert label is not None
    assert f"inte har några konsekvenser för {label.label}, men" in found[0].message
    assert found[0].field == "text" and found[0].section == "konsekvensbeskrivningar"


@pytest.mark.parametrize(
    "shared",
    [
        # no denial at all
        "Beslutet påverkar barn och unga positivt, se nedan.",
        # another aspect is denied
        "Beslutet får inga konsekvenser för miljön.",
        # a partial statement
        "Beslutet får inga konsekvenser för barn utöver de som beskrivs nedan.",
        # not a denial of consequences, only of negative ones
        "Beslutet får inga negativa konsekvenser för barn.",
        # the denial ends with its sentence
        "Beslutet får inga konsekvenser för miljön. Barn och unga berörs, se nedan.",
    ],
)
def test_no_finding_without_an_explicit_denial_of_that_aspect(
    seed: Arende, template: Template, shared: str
) -> None:
    content = aspects(seed, template)
    content.text = shared
    content.aspects["barn"] = AspectEntry(assessment="beskriv", text=BARN)
    assert rule_findings(seed, template, "KON-2") == []


def test_denial_agrees_with_an_aspect_marked_inga(seed: Arende, template: Template) -> None:
    content = aspects(seed, template)
    content.text = "Beslutet får inga konsekvenser för barn och unga."
    content.aspects["barn"] = AspectEntry(assessment="inga")
    assert rule_findings(seed, template, "KON-2") == []
    # the choice "beskriv" with an empty text is KON-1's finding, not a contradiction
    content.aspects["barn"] = AspectEntry(assessment="beskriv", text="  ")
    assert rule_findings(seed, template, "KON-2") == []
