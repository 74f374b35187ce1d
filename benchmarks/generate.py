"""Generate realistic Swedish-like ärenden of a given size for benchmarks."""

from __future__ import annotations

import random
from pathlib import Path

from drafter.model import Arende, Signature
from drafter.storage import dumps_arende
from drafter.templates import Template, find_template

_SUBJECTS = [
    "Regionen",
    "Förvaltningen",
    "Nämnden",
    "Kommunen",
    "Projektet",
    "Verksamheten",
    "Utvecklingsavdelningen",
    "Styrgruppen",
    "Regionstyrelsen",
    "Samverkansrådet",
]
_VERBS = [
    "har utvärderat",
    "bedömer",
    "föreslår",
    "genomför",
    "följer upp",
    "samordnar",
    "prioriterar",
    "finansierar",
    "utvecklar",
    "analyserar",
    "stödjer",
    "redovisar",
]
_OBJECTS = [
    "medlemskapet i nätverket",
    "den regionala utvecklingsstrategin",
    "kostnaderna för året",
    "samarbetet med näringslivet",
    "arbetet med kompetensförsörjning",
    "de europeiska piloterna",
    "infrastrukturen för kollektivtrafik",
    "utbildningsinsatserna",
    "den digitala omställningen",
    "uppföljningen av målen",
    "innovationssystemet i länet",
    "folkhälsoarbetet",
]
_TAILS = [
    "under 2025",
    "inom befintlig budget",
    "tillsammans med Region Dalarna",
    "utifrån resurser och resultat",
    "i enlighet med styrdokumenten",
    "för företag i länet",
    "med stöd av statliga medel",
    "på ett hållbart sätt",
    "enligt den beslutade planen",
]


def sentence(rng: random.Random) -> str:
    """One Swedish-like sentence of 8–20 words."""
    parts = [rng.choice(_SUBJECTS), rng.choice(_VERBS), rng.choice(_OBJECTS)]
    if rng.random() < 0.7:
        parts.append(rng.choice(_TAILS))
    if rng.random() < 0.3:
        parts.append("och " + rng.choice(_VERBS) + " " + rng.choice(_OBJECTS))
    return " ".join(parts) + "."


def prose(rng: random.Random, size: int) -> str:
    """Paragraphs of about ``size`` characters."""
    paragraphs: list[str] = []
    total = 0
    while total < size:
        para = " ".join(sentence(rng) for _ in range(rng.randint(3, 7)))
        paragraphs.append(para)
        total += len(para) + 2
    return "\n\n".join(paragraphs)


def make_arende(template: Template, size: int, seed: int = 1) -> Arende:
    """An ärende whose TOML is about ``size`` bytes; most text in Ärendet."""
    rng = random.Random(seed)
    arende = Arende.new(template)
    arende.header.update(
        titel="Avsluta medlemskap i nätverket",
        organisation="Region Gävleborg",
        diarienummer="RS 2025/123",
        datum="2025-03-14",
        beredande_organ="Utvecklingsutskottet",
        beslutsinstans="Regionstyrelsen",
    )
    s = arende.sections
    point = "Region Gävleborg avslutar sitt medlemskap i nätverket."
    s["forslag_till_beslut"].points = [point]  # type: ignore[union-attr]
    s["sammanfattning"].text = prose(rng, min(800, size // 10))  # type: ignore[union-attr]
    s["kostnader_och_finansiering"].text = "Minskade kostnader med 12 500 euro/år."  # type: ignore[union-attr]
    s["konsekvensbeskrivningar"].text = (  # type: ignore[union-attr]
        "Beslutet bedöms inte ha några konsekvenser för arbetsmiljö, barn och unga, "
        "hälsa eller miljö."
    )
    s["expedieras_till"].items = ["Regionstyrelsen", "Ekonomifunktionen"]  # type: ignore[union-attr]
    s["underskrifter"].people = [Signature(name="Anna Andersson", title="Regiondirektör")]  # type: ignore[union-attr]
    base = len(dumps_arende(arende, template).encode())
    s["arendet"].text = prose(rng, max(200, size - base))  # type: ignore[union-attr]
    return arende


def write_arende(folder: Path, name: str, size: int, seed: int = 1) -> Path:
    """Write a generated ärende to ``folder/name.toml`` and return its path."""
    template = find_template().template
    path = folder / f"{name}.toml"
    path.write_text(dumps_arende(make_arende(template, size, seed), template), encoding="utf-8")
    return path
