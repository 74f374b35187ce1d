"""Every check rule is linear in its input: four times the text, about four times the work.

A pattern with nested or overlapping quantifiers over user text makes a check quadratic
or worse (EXP-3 took 5 s on a 12 KB decision point). For every kind in the registry,
each rule of that kind in the built-in template runs on texts of N and 4N characters,
in three shapes (ordinary prose, one run-on line, digits and spaces). The CPU time of
the larger over the smaller must stay under 10: linear work gives about 4, quadratic
16 (work under 2 ms a call on the larger text passes: too small to matter or time).
Each figure is the fastest of several rounds, with fresh text in every call (the
checks cache per text), so a busy machine only makes both figures slower.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator

import pytest

from drafter.checks import run_checks
from drafter.checks.registry import KIND_MODULES, CheckContext, get_kind, parsed_params
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
from drafter.templates import RuleDef, SectionDef, Template, find_template

TEMPLATE = find_template().template
SMALL = 12_000  # characters per text field
GROWTH = 4
LIMIT = 10.0

SHAPES: dict[str, str] = {
    "prosa": (
        "Regionstyrelsen ger förvaltningen i uppdrag att ta fram en plan för t.ex. "
        "kollektivtrafiken, bl.a. i enlighet med beslutet den 3:e maj 2025. Kostnaden "
        "är 12 500 kr/år, 1,2 mnkr eller 12.500 SEK enligt bilaga 2 och dnr RS 2025/123. "
        "Regiondirektören får i uppdrag att genomföra nedanstående åtgärder avseende "
        "implementeringen, vilket innebär en effektivisering av verksamhetsutvecklingen.\n\n"
    ),
    "en-rad": "regionen ger förvaltningen ord uppdrar åt kommunen får uppdraget samt och ",
    "siffror": "1 234 567 89012345 2025-01-01 12,5 " + " " * 40,
}


def _text(shape: str, size: int, salt: str) -> str:
    block = SHAPES[shape]
    return (block * (size // len(block) + 1))[:size] + f" {salt}"


def _arende(shape: str, size: int, salt: str) -> Arende:
    text = _text(shape, size, salt)
    arende = Arende.new(TEMPLATE)
    for fld in TEMPLATE.fields:
        arende.header[fld.id] = text if fld.kind == "text" else f"RS 2025/{salt}"
    for sec in TEMPLATE.sections:
        if sec.kind == "prosa":
            arende.sections[sec.id] = ProseContent(text=text)
        elif sec.kind == "beslut":
            arende.sections[sec.id] = DecisionContent(
                lead_in=text, points=[text, f"Regionstyrelsen godkänner planen {salt}."]
            )
        elif sec.kind == "aspekter":
            entries = {a.id: AspectEntry(assessment="beskriv", text=text) for a in sec.aspects}
            arende.sections[sec.id] = AspectsContent(text=text, aspects=entries)
        elif sec.kind == "lista":
            arende.sections[sec.id] = ListContent(items=[text, f"Kommunen {salt}"])
        else:
            person = Signature(name=f"Anna {salt}", title="Handläggare")
            arende.sections[sec.id] = SignaturesContent(people=[person])
    return arende


def _rules(kind: str) -> Iterator[tuple[SectionDef | None, RuleDef]]:
    for rule in TEMPLATE.rules:
        if rule.kind == kind:
            yield None, rule
    for section in TEMPLATE.sections:
        for rule in section.rules:
            if rule.kind == kind:
                yield section, rule


_salts = itertools.count()


def _cpu_seconds(work: Callable[[Arende], object], shape: str, size: int) -> float:
    """The fastest of three rounds of CPU time per call, each round at least 10 ms."""
    best = float("inf")
    for _ in range(3):
        calls = 0
        spent = 0.0
        while (spent < 0.01 and calls < 20) or calls < 2:
            arende = _arende(shape, size, f"x{next(_salts)}")  # fresh text: no cache hits
            start = time.process_time()
            work(arende)
            spent += time.process_time() - start
            calls += 1
        best = min(best, spent / calls)
    return best


#: Below this per call on the larger text, the work is too small to be superlinear in any
#: way that matters (quadratic work on 48 KB is billions of steps), and too small to time.
NEGLIGIBLE = 0.002


def _growth(work: Callable[[Arende], object], shape: str) -> float:
    """How many times longer the work takes on GROWTH times the text (1.0 when the
    work on the larger text is negligible)."""
    small = _cpu_seconds(work, shape, SMALL)
    large = _cpu_seconds(work, shape, SMALL * GROWTH)
    return 1.0 if large < NEGLIGIBLE else large / max(small, 1e-6)


def _kinds() -> list[str]:
    return sorted(KIND_MODULES)


@pytest.mark.parametrize("kind", _kinds())
def test_every_check_kind_is_linear(kind: str) -> None:
    rules = list(_rules(kind))
    assert rules, f"the built-in template has no rule of kind {kind}: add one to test it"
    registered = get_kind(kind)
    assert registered is not None
    for (section, rule), shape in itertools.product(rules, SHAPES):

        def work(
            arende: Arende, section: SectionDef | None = section, rule: RuleDef = rule
        ) -> None:
            ctx = CheckContext(
                arende, TEMPLATE, section, rule.id or kind, registered.default_severity, {}
            )
            list(registered.func(ctx, parsed_params(registered, rule)))

        ratio = _growth(work, shape)
        assert ratio < LIMIT, (
            f"{kind} ({rule.id}) on {shape}: {GROWTH}× text took {ratio:.1f}× time"
        )


@pytest.mark.parametrize("shape", list(SHAPES))
def test_the_whole_check_is_linear(shape: str) -> None:
    def work(arende: Arende, template: Template = TEMPLATE) -> None:
        run_checks(arende, template)

    ratio = _growth(work, shape)
    assert ratio < LIMIT, f"run_checks on {shape}: {GROWTH}× text took {ratio:.1f}× time"
