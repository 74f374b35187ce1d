"""Property: whatever text an ärende holds (markup-looking ``[b]``, ``[/]``, ``{0}``,
ESC, OSC 52, C1 U+009B …) in any field or file name, ``drafter check`` (text and JSON)
and ``drafter export`` print and write no control character and never fail."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.cli import main
from drafter.model import (
    AspectEntry,
    AspectsContent,
    DecisionContent,
    ListContent,
    ProseContent,
    Signature,
    SignaturesContent,
)
from drafter.storage import load_arende, save_arende
from drafter.templates import find_template

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "vanguard.toml"
TEMPLATE = find_template().template
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

PIECES = [
    "[b]",
    "[/]",
    "[@click=app.quit]x[/]",
    "\x1b",
    "\x1b[2J",
    "\x1b]0;titel\x07",
    "\x1b]52;c;ZWNobw==\x07",
    "\x9b31m",
    "\x85",
    "\u202e",
    "{0}",
    "{aspekter}",
    "{fras.__class__}",
    "\r\n",
    "\r",
    "\t",
    "\x00",
    "\x7f",
    "<img src=x onerror=alert(1)>",
    "~~",
    " får i uppdrag att ",
    "12 500 kr",
]
hostile_text = st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=8).map("".join)


@pytest.fixture(autouse=True)
def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")


def _write(path: Path, texts: list[str]) -> None:
    loaded = load_arende(EXAMPLE)
    arende = loaded.arende
    pick = iter(texts * 50)
    for fld in TEMPLATE.falt:
        arende.arende[fld.id] = next(pick)
    for sec in TEMPLATE.sektioner:
        if sec.typ == "prosa":
            arende.sektioner[sec.id] = ProseContent(text=next(pick))
        elif sec.typ == "beslut":
            arende.sektioner[sec.id] = DecisionContent(
                inledning=next(pick), punkter=[next(pick), next(pick)]
            )
        elif sec.typ == "aspekter":
            entries = {
                a.id: AspectEntry(bedomning=("inga", "beskriv", "")[i % 3], text=next(pick))
                for i, a in enumerate(sec.aspekter)
            }
            arende.sektioner[sec.id] = AspectsContent(text=next(pick), aspekter=entries)
        elif sec.typ == "lista":
            arende.sektioner[sec.id] = ListContent(poster=[next(pick), next(pick)])
        else:
            person = Signature(namn=next(pick), titel=next(pick))
            arende.sektioner[sec.id] = SignaturesContent(personer=[person])
    arende.extra["importerat"] = {next(pick) or "rubrik": next(pick) or "text"}
    save_arende(path, arende, loaded.template.template)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(texts=st.lists(hostile_text, min_size=1, max_size=6))
def test_no_control_character_reaches_output_or_export(
    texts: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fientlig\x1b[2J.toml"
    _write(path, texts)
    capsys.readouterr()
    assert main(["check", str(path)]) in (0, 1)
    out, err = capsys.readouterr()
    assert not CONTROL.search(out) and not CONTROL.search(err), out
    assert main(["check", "--format", "json", str(path)]) in (0, 1)
    out, err = capsys.readouterr()
    assert not CONTROL.search(out) and not CONTROL.search(err)
    report = json.loads(out)
    for finding in report[0]["findings"]:
        assert not CONTROL.search(finding["message"])
    md = tmp_path / "ut.md"
    assert main(["export", str(path), "-o", str(md)]) == 0
    out, err = capsys.readouterr()
    assert not CONTROL.search(out) and not CONTROL.search(err)
    markdown = md.read_text(encoding="utf-8")
    assert not CONTROL.search(markdown)
