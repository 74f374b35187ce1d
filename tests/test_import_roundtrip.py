"""drafter's own Markdown export imports back to the same ärende, and exports identically.

The property is stated over *normalised* ärenden, the form an ärende has after one export
and import: paragraphs separated by one blank line, lines without spaces at either end, no
blank list items or empty signatures, one-line header values, decision points and names, a
lead-in that names who proposes when there are no points, and a lead-in left empty when it
is the one drafter writes from Beredande organ and Beslutsinstans.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from drafter.importer import IMPORTED_KEY, import_text
from drafter.importer.assemble import KNOWN_DOC_TYPES, HeadingMatcher
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
from drafter.render import render_markdown
from drafter.templates import Template, find_template
from drafter.text import default_lead_in, parse_lead_in

TEMPLATE = find_template("tjansteskrivelse").template
MATCHER = HeadingMatcher(TEMPLATE)

# Words a tjänsteskrivelse has, and tokens that Markdown would read as markup if the export
# did not escape them.
WORDS = [
    "Region",
    "Gävleborg",
    "avslutar",
    "medlemskap",
    "och",
    "år",
    "Övriga",
    "12\u00a0500\u00a0euro",
    "1\u00a0250\u00a0000",
    "kronor",
    "3D-printing",
    "barn-",
    "2025.",
    "1.",
    "2)",
    "-",
    "–",
    "*",
    "**",
    "_x_",
    "#",
    "##",
    "`kod`",
    "[länk](http://x.se)",
    "<b>",
    "&amp;",
    "&#169;",
    "AT&T",
    "\\",
    "|",
    "~~~",
    "===",
    "---",
    ">",
    "+",
    "!",
    "§",
    "”citat”",
]
token = st.sampled_from(WORDS) | st.text(
    alphabet="abcåäöABCÅÄÖé0123456789.,:;!?-*_#`[]()<>&\\|~=+'/%€\u00a0",
    min_size=1,
    max_size=8,
).map(str.strip).filter(bool)
line = st.lists(token, min_size=1, max_size=8).map(" ".join)
paragraph = st.lists(line, min_size=1, max_size=3).map("\n".join)
prose = st.lists(paragraph, min_size=0, max_size=3).map("\n\n".join)
organ = st.sampled_from(["Utvecklingsutskottet", "Regionstyrelsen", "Kommunstyrelsen", "Nämnden"])
plain_word = st.text(alphabet="abcdefghijklmnopqrstuvxyzåäö", min_size=3, max_size=10)
heading = st.lists(plain_word, min_size=1, max_size=4).map(lambda w: " ".join(w).capitalize())


@st.composite
def arenden(draw: st.DrawFn, template: Template = TEMPLATE) -> Arende:
    arende = Arende.new(template)
    header = arende.header
    header["dokumenttyp"] = draw(st.sampled_from(KNOWN_DOC_TYPES))
    for field_id in ("titel", "organisation", "forvaltning", "diarienummer", "datum"):
        header[field_id] = draw(st.just("") | line)
    header["beredande_organ"] = draw(st.just("") | organ)
    header["beslutsinstans"] = draw(st.just("") | organ)
    for sec in template.sections:
        content = arende.content(sec)
        if isinstance(content, ProseContent):
            content.text = draw(prose)
        elif isinstance(content, DecisionContent):
            content.points = draw(st.lists(line, max_size=4))
            content.lead_in = draw(_lead_in(header))
        elif isinstance(content, AspectsContent):
            content.text = draw(prose)
            for aspect in sec.aspects:
                choice = draw(st.sampled_from(["", "inga", "beskriv"]))
                if choice == "inga":
                    content.aspects[aspect.id] = AspectEntry(assessment="inga")
                elif choice == "beskriv":
                    text = draw(prose.filter(bool))
                    content.aspects[aspect.id] = AspectEntry(assessment="beskriv", text=text)
        elif isinstance(content, ListContent):
            content.items = draw(st.lists(line, max_size=4))
        elif isinstance(content, SignaturesContent):
            people = st.builds(Signature, namn=st.just("") | line, titel=st.just("") | line)
            content.people = [p for p in draw(st.lists(people, max_size=3)) if not p.is_empty()]
    kept = draw(st.dictionaries(heading, st.just("") | prose, max_size=2))
    kept = {k: v for k, v in kept.items() if MATCHER.match(k) is None}
    if kept:
        arende.extra[IMPORTED_KEY] = kept
    return arende


@st.composite
def _lead_in(draw: st.DrawFn, header: dict[str, Any]) -> str:
    proposer, body = header["beredande_organ"], header["beslutsinstans"]
    options = [st.just(""), line.map(lambda text: text.rstrip(":") + ":")]
    if proposer and body:
        options.append(st.builds(default_lead_in, organ, organ))
    lead = draw(st.one_of(options))
    parsed = parse_lead_in(lead)
    # normalised: a lead-in that names the organs has them in the header too, and the one
    # drafter would write itself is left empty
    assume(parsed is None or (proposer and body))
    assume(lead != default_lead_in(proposer, body) or not (proposer and body))
    return lead


SETTINGS = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@pytest.mark.slow
@SETTINGS
@given(arende=arenden())
def test_import_of_export_is_the_same_arende(arende: Arende) -> None:
    markdown = render_markdown(arende, TEMPLATE)
    result = import_text(markdown, TEMPLATE, input_format="markdown")
    assert result.arende.header == arende.header
    for sec in TEMPLATE.sections:
        assert result.arende.content(sec) == arende.content(sec), sec.id
    assert result.arende.extra == arende.extra
    assert result.arende == arende
    assert render_markdown(result.arende, TEMPLATE) == markdown


def test_seed_example_round_trips() -> None:
    from drafter.storage import load_arende

    loaded = load_arende(Path(__file__).resolve().parent.parent / "examples" / "vanguard.toml")
    markdown = render_markdown(loaded.arende, TEMPLATE)
    again = import_text(markdown, TEMPLATE, input_format="markdown").arende
    assert render_markdown(again, TEMPLATE) == markdown
