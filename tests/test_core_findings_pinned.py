"""Pinned findings: performance work on the check engine must not change a single finding.

The example and a few generated ärenden (text that triggers almost every klarspråk rule:
numbers, dates, currency abbreviations, officialese, long sentences, abbreviations, lists)
are checked and compared with the complete findings recorded before the engine was made
faster (issue 7). A deliberate change to a rule or a message updates the pins here (issue 13:
SAM-3 and FTB-3 are off in the default template, and LIX-1 lets a LIX at most 10 above the
limit pass when the sentences average at most 15 words: three short summaries lost a LIX-1).
"""

# ruff: noqa: E501  (the pinned messages are kept whole)

from __future__ import annotations

import hashlib
import json
import random
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.checks import check_header, check_section, run_checks
from drafter.checks.textstats import analyse
from drafter.findings import Finding
from drafter.model import Arende, ProseContent, Signature
from drafter.storage import dumps_arende, load_arende
from drafter.templates import Template

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "vanguard.toml"


_WORDS = [
    "Regionen",
    "Förvaltningen",
    "Nämnden",
    "Projektet",
    "Styrgruppen",
    "Utvecklingsavdelningen",
    "har",
    "bedömer",
    "genomför",
    "samordnar",
    "utvecklar",
    "finansierar",
    "medlemskapet",
    "nätverket",
    "strategin",
    "kostnaderna",
    "samarbetet",
    "kompetensförsörjningen",
    "infrastrukturen",
    "utbildningsinsatserna",
    "inom",
    "under",
    "med",
    "för",
    "och",
    "att",
    "det",
    "den",
    "som",
    "i",
    "på",
    "enligt",
    "befintlig",
    "budget",
    "länet",
]
_TRICKY = (
    "Kostnaden är 12500 kr och 1,500 kr samt 12.500 euro. Mötet 22-11-10 och den 14:e mars. "
    "Budgeten är 3 MSEK och 2 mkr, 5 kkr. Förvaltningen skall tillse att detta sker i "
    "enlighet med planen. Tel. 026-123456, dnr 12345, 80250 Gävle. Vi föreslår att "
    "medlemskapet avslutas. Se t.ex. bilagan, bl.a. sid. 4. K. Andersson m.fl. deltar "
    "osv. Kontakta oss på e-post/telefon!\n\n- punkt ett\n- punkt två 20000 kronor\n"
    "1. första 0,125 mnkr\n\n«Citat.» (Parentes?) Slut…"
)


def _prose(rng: random.Random, sentences: int) -> str:
    out = []
    for i in range(sentences):
        words = [rng.choice(_WORDS) for _ in range(rng.randint(3, 32))]
        end = rng.choice([".", ".", ".", "!", "?", "…"])
        out.append(" ".join(words).capitalize() + end)
        if i % 5 == 4:
            out.append("\n\n")
    return " ".join(out)


def generated_arende(template: Template, seed: int) -> Arende:
    """A deterministic ärende with text that triggers most klarspråk rules."""
    rng = random.Random(seed)
    arende = Arende.new(template)
    arende.header.update(
        titel="Avsluta medlemskap i nätverket",
        organisation="Region Gävleborg",
        diarienummer="hej" if seed % 2 else "RS 2025/123",
        datum="2025-03-14",
        beredande_organ="Utvecklingsutskottet",
        beslutsinstans="Regionstyrelsen",
    )
    s = arende.sections
    s["forslag_till_beslut"].lead_in = (  # type: ignore[union-attr]
        "Utskottet föreslår Kommunfullmäktige att besluta följande:" if seed % 2 else ""
    )
    s["forslag_till_beslut"].points = [  # type: ignore[union-attr]
        "att avsluta medlemskapet samt uppdrar regiondirektören att följa upp",
        "Regionstyrelsen ger ekonomidirektören i uppdrag att spara 1,2 mnkr enligt bilaga",
        "Regionstyrelsen förklarar beslutet omedelbart justerat",
    ][: 1 + seed % 3]
    s["sammanfattning"].text = _prose(rng, 4 + seed % 5) + " " + _TRICKY  # type: ignore[union-attr]
    s["arendet"].text = _TRICKY + "\n\n" + _prose(rng, 40 + seed)  # type: ignore[union-attr]
    s["kostnader_och_finansiering"].text = "Inga pengar." if seed % 3 == 0 else _TRICKY  # type: ignore[union-attr]
    s["konsekvensbeskrivningar"].text = _prose(rng, 3) if seed % 2 else ""  # type: ignore[union-attr]
    s["expedieras_till"].items = ["Regionstyrelsen", "Ekonomifunktionen 12500 kr"][: seed % 3]  # type: ignore[union-attr]
    s["underskrifter"].people = [Signature(name="Anna Andersson", title="")]  # type: ignore[union-attr]
    return arende


def canonical(findings: Iterable[Finding]) -> list[list[str | None]]:
    return [[f.rule, f.severity.value, f.section, f.field, f.message] for f in findings]


EXAMPLE_FINDINGS = [
    (
        "tomt-falt",
        "warning",
        None,
        "diarienummer",
        "Fältet ”Diarienummer” är tomt. Fyll i det, till exempel ”RS 2025/123”.",
    ),
    (
        "tomt-falt",
        "warning",
        None,
        "datum",
        "Fältet ”Datum” är tomt. Fyll i det, till exempel ”2025-03-14”.",
    ),
    (
        "LIX-1",
        "warning",
        "sammanfattning",
        "text",
        "”Sammanfattning” har LIX 59 (svår): 133 ord, 8 meningar och 56 långa ord. Sikta på högst 50: dela långa meningar och byt krångliga långa ord mot vanliga ord där det går. LIX mäter bara ord- och meningslängd. Källa: Tillväxtverkets klarspråksråd (LIX under 50).",
    ),
    (
        "LIX-1",
        "warning",
        "arendet",
        "text",
        "”Ärendet” har LIX 57 (svår): 264 ord, 16 meningar och 108 långa ord. Sikta på högst 50: dela långa meningar och byt krångliga långa ord mot vanliga ord där det går. LIX mäter bara ord- och meningslängd. Källa: Tillväxtverkets klarspråksråd (LIX under 50).",
    ),
    (
        "MEN-1",
        "warning",
        "sammanfattning",
        "text",
        "Meningen ”Sammanfattningsvis kan sägas att Region Gävleborgs medverkan i …” har 30 ord. Dela den i två eller fler, till exempel vid ”och”, ”men”, ”eftersom” eller ”vilket”; sikta på högst 25 ord per mening. Källa: Funka, ”Skriv lagom korta meningar”.",
    ),
    (
        "MEN-1",
        "warning",
        "sammanfattning",
        "text",
        "Meningen ”Enligt flera av Norra Mellansveriges innovationsfrämjande aktörer har …” har 27 ord. Dela den i två eller fler, till exempel vid ”och”, ”men”, ”eftersom” eller ”vilket”; sikta på högst 25 ord per mening. Källa: Funka, ”Skriv lagom korta meningar”.",
    ),
    (
        "MEN-1",
        "warning",
        "arendet",
        "text",
        "Meningen ”Inom Vanguard innebär detta att man dels arbetar …” har 29 ord. Dela den i två eller fler, till exempel vid ”och”, ”men”, ”eftersom” eller ”vilket”; sikta på högst 25 ord per mening. Källa: Funka, ”Skriv lagom korta meningar”.",
    ),
    (
        "ORD-1",
        "info",
        "arendet",
        "text",
        "Förslag: skriv ”och” i stället för ”samt”. Det passar inte alltid; välj det som är tydligast. Källa: allmänt klarspråksråd från Språkrådet; ordparet är inte bekräftat i källan.",
    ),
    (
        "tom-sektion",
        "warning",
        "expedieras_till",
        None,
        "Sektionen ”Expedieras till” är tom. Lägg till minst en rad.",
    ),
]

# seed: (sha256 of the canonical findings as JSON, findings per rule)
GENERATED = {
    1: (
        "dc5ab5ca46100bcb1ffbaa21c3cba4a7dccebb99598acda3c9b42a630134d694",
        {
            "DNR-1": 1,
            "EXP-3": 2,
            "FORM-1c": 3,
            "FORM-1d": 3,
            "FORM-2a": 12,
            "FORM-3b": 9,
            "FTB-4": 1,
            "FTB-5": 1,
            "KON-1": 4,
            "KONS-1": 1,
            "KONS-2": 1,
            "LIX-1": 2,
            "MEN-1": 9,
            "ORD-1": 13,
            "SIG-1": 2,
        },
    ),
    2: (
        "3fa8b61172828b7a22817ea6511c38355b7c442ca73eb9416236c743b87403de",
        {
            "EXP-3": 2,
            "FORM-1c": 3,
            "FORM-1d": 3,
            "FORM-2a": 13,
            "FORM-3b": 9,
            "FTB-4": 1,
            "FTB-5": 1,
            "KONS-1": 1,
            "LIX-1": 1,
            "MEN-1": 16,
            "ORD-1": 13,
            "SAM-5": 1,
            "SIG-1": 2,
            "tom-sektion": 1,
        },
    ),
    3: (
        "5a3c18e1e67778817ccd1518548f1ebb64428c0a7d79000627bb59cc13f99b3b",
        {
            "DNR-1": 1,
            "EK-2": 1,
            "EXP-3": 1,
            "FORM-1c": 2,
            "FORM-1d": 2,
            "FORM-2a": 8,
            "FORM-3b": 6,
            "FTB-5": 1,
            "KON-1": 4,
            "KONS-2": 1,
            "LIX-1": 1,
            "MEN-1": 15,
            "ORD-1": 9,
            "SAM-5": 1,
            "SIG-1": 2,
            "tom-sektion": 1,
        },
    ),
    4: (
        "65b270d13025eb13cbe5bdf5282850698648f56babbaf6b02eeff061e420ba29",
        {
            "EXP-3": 2,
            "FORM-1c": 3,
            "FORM-1d": 3,
            "FORM-2a": 12,
            "FORM-3b": 9,
            "FTB-4": 1,
            "FTB-5": 1,
            "KONS-1": 1,
            "LIX-1": 1,
            "MEN-1": 11,
            "ORD-1": 13,
            "SAM-5": 1,
            "SIG-1": 2,
            "tom-sektion": 1,
        },
    ),
    5: (
        "b8962ef98034f2dec36673b679cc23c09af9c7016eda0cb33bccef5078b5e990",
        {
            "DNR-1": 1,
            "EXP-3": 2,
            "FORM-1c": 3,
            "FORM-1d": 3,
            "FORM-2a": 13,
            "FORM-3b": 9,
            "FTB-4": 1,
            "FTB-5": 1,
            "KON-1": 4,
            "KONS-1": 1,
            "KONS-2": 1,
            "LIX-1": 1,
            "MEN-1": 8,
            "ORD-1": 13,
            "SIG-1": 2,
        },
    ),
    6: (
        "5072ff3f2dde043ae9893c08d55585b0f27eda600ca0d2da6288068f06038d0a",
        {
            "EK-2": 1,
            "EXP-3": 1,
            "FORM-1c": 2,
            "FORM-1d": 2,
            "FORM-2a": 8,
            "FORM-3b": 6,
            "FTB-5": 1,
            "LIX-1": 1,
            "MEN-1": 10,
            "ORD-1": 9,
            "SAM-5": 1,
            "SIG-1": 2,
            "tom-sektion": 2,
        },
    ),
}


def test_example_findings_are_exactly_the_pinned_ones() -> None:
    loaded = load_arende(EXAMPLE)
    findings = run_checks(loaded.arende, loaded.template.template)
    assert [tuple(f) for f in canonical(findings)] == EXAMPLE_FINDINGS


@pytest.mark.parametrize("seed", sorted(GENERATED))
def test_generated_arende_findings_are_exactly_the_pinned_ones(
    template: Template, seed: int
) -> None:
    findings = canonical(run_checks(generated_arende(template, seed), template))
    digest, per_rule = GENERATED[seed]
    assert dict(sorted(Counter(f[0] for f in findings).items())) == per_rule
    encoded = json.dumps(findings, ensure_ascii=False).encode()
    assert hashlib.sha256(encoded).hexdigest() == digest


@pytest.mark.parametrize("seed", [1, 2])
def test_whole_run_equals_the_parts_checked_one_by_one(template: Template, seed: int) -> None:
    # run_checks shares work between rules; checking the header and each section on its
    # own (as the writing program does while typing) must give the same findings.
    arende = generated_arende(template, seed)
    parts = check_header(arende, template)
    for section in template.sections:
        parts += check_section(arende, template, section.id)
    assert parts == run_checks(arende, template)


def test_a_later_run_sees_text_edited_in_place(template: Template) -> None:
    # Nothing a run works out may leak into the next one: the writing program edits the
    # content objects in place between runs.
    arende = generated_arende(template, 1)
    before = run_checks(arende, template)
    assert any(f.rule == "FORM-3b" and f.section == "arendet" for f in before)
    content = arende.sections["arendet"]
    assert isinstance(content, ProseContent)
    content.text = "Förvaltningen följer upp arbetet under året."
    after = run_checks(arende, template)
    assert not any(f.section == "arendet" for f in after)
    assert [f for f in after if f.section != "arendet"] == [
        f for f in before if f.section != "arendet"
    ]


def _reference_counts(text: str) -> tuple[int, int]:
    # The documented tokenisation, written as plainly as possible: pieces split at
    # whitespace and "/", a word has a letter, a long word more than six letters.
    n_words = n_long = 0
    for piece in text.replace("/", " ").split():
        letters = sum(1 for ch in piece if ch.isalpha())
        if letters:
            n_words += 1
            n_long += letters > 6
    return n_words, n_long


_ALPHABET = st.sampled_from(
    [*'abcåäöABÅÖ xy  ..,!?…/-–:;"”’»)]([\n\t12²½٣•*', "t.ex. ", "m.m. ", "K. ", "\n- "]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_sentence_analysis_counts_words_as_documented(text: str) -> None:
    stats = analyse(text)
    words, long_words = _reference_counts(text)
    assert (stats.words, stats.long_words) == (words, long_words)
    assert all(" ".join(s.split()) == s for s in stats.sentences)


def _check(args: list[str]) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "drafter", "check", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


@pytest.mark.slow
def test_a_batch_checked_in_several_processes_reports_exactly_as_one(
    template: Template, tmp_path: Path
) -> None:
    # Large batches are shared between processes; the report must not change: same
    # text in the same file order, same errors, same JSON, same exit code.
    files = [str(EXAMPLE)]
    for i in range(70):
        path = tmp_path / f"a{i:02d}.toml"
        path.write_text(dumps_arende(generated_arende(template, 1 + i % 6), template), "utf-8")
        files.append(str(path))
    broken = tmp_path / "trasig.toml"
    broken.write_text("[arende\n", encoding="utf-8")
    files[35:35] = [str(broken), str(tmp_path / "saknas.toml")]
    one = _check(["--processer", "1", *files])
    several = _check(["--processer", "3", *files])
    default = _check(files)  # 73 files: several processes where the machine has the cores
    assert one == several == default
    assert one[0] == 2  # the unreadable files
    # The JSON report goes through the same batch; its spelling findings are the text's.
    json_args = ["--format", "json", "--utan-stavning", *files]
    one = _check(["--processer", "1", *json_args])
    assert one == _check(["--processer", "3", *json_args])
    assert one[0] == 2
    out = one[1]
    assert "trasig.toml" in out and "saknas.toml" in out  # JSON: errors in file order
    assert out.index("a33.toml") < out.index("trasig.toml") < out.index("a34.toml")
