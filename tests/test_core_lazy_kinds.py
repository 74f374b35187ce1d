"""Checking a document loads only the check kinds its template uses.

Each kind's module registers it on import (see :data:`drafter.checks.registry.KIND_MODULES`);
``drafter check`` on a file whose template names two kinds imports those two modules, not
every module of :mod:`drafter.checks`, and still reports what the two kinds find.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.checks.registry import KIND_MODULES, get_kind
from drafter.errors import TemplateError
from drafter.templates import find_template

ROOT = Path(__file__).resolve().parent.parent

TEMPLATE = """\
namn = "tva"

[[falt]]
id = "titel"
etikett = "Ärendemening"
obligatorisk = true

[[sektioner]]
id = "forslag_till_beslut"
rubrik = "Förslag till beslut"
typ = "beslut"
hjalp = "Skriv beslutet."

[[sektioner.regler]]
id = "FRAS-1"
typ = "forbjudna_fraser"
fraser = ["enligt förslag"]

[[sektioner]]
id = "arendet"
rubrik = "Ärendet"
typ = "prosa"
hjalp = "Beskriv ärendet."

[[regler]]
id = "MEN-1"
typ = "langa_meningar"
max_ord = 5
"""

ARENDE = """\
format = 1
mall = "mallar/tva.toml"

[arende]
titel = "Ny fritidsgård"

[forslag_till_beslut]
inledning = "Kultur- och fritidsnämnden föreslår kommunfullmäktige att besluta följande:"
punkter = ["Nämnden beslutar enligt förslag."]

[arendet]
text = "Nämnden har fått en fråga om en ny fritidsgård i den norra delen av kommunen."
"""

#: Run ``drafter check`` in this process and print its JSON report and the check modules.
SCRIPT = """\
import contextlib, io, json, sys
from drafter.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = main(["check", "--utan-stavning", "--format", "json", sys.argv[1]])
loaded = sorted(m for m in sys.modules if m.startswith(("drafter.checks.", "drafter.spelling")))
print(json.dumps({"code": code, "report": json.loads(out.getvalue()), "modules": loaded}))
"""


def test_check_imports_only_the_kinds_the_template_uses(tmp_path: Path) -> None:
    (tmp_path / "mallar").mkdir()
    (tmp_path / "mallar" / "tva.toml").write_text(TEMPLATE, encoding="utf-8")
    arende = tmp_path / "arende.toml"
    arende.write_text(ARENDE, encoding="utf-8")
    env = dict(os.environ, DRAFTER_CONFIG_DIR=str(tmp_path / "config"))
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(arende)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert "error" not in result["report"][0]
    findings = result["report"][0]["findings"]
    assert sorted(f["rule"] for f in findings) == ["FRAS-1", "MEN-1"]
    modules = set(result["modules"])
    assert {"drafter.checks.kinds", "drafter.checks.klarsprak"} <= modules
    unused = {f"drafter.checks.{m}" for m in KIND_MODULES.values()} - {
        "drafter.checks.kinds",
        "drafter.checks.klarsprak",
    }
    assert not unused & modules, f"imported without a rule of theirs: {unused & modules}"
    # --utan-stavning: neither the dictionary nor the spelling check is loaded
    spelling = {"dictionary", "candidates", "lists", "words", "remote"}
    assert not modules & {f"drafter.spelling.{m}" for m in spelling}


def test_unknown_kind_lists_every_known_kind(tmp_path: Path) -> None:
    path = tmp_path / "trasig.toml"
    path.write_text(TEMPLATE.replace('typ = "langa_meningar"', 'typ = "meningar"'), "utf-8")
    with pytest.raises(TemplateError) as info:
        find_template(str(path))
    message = info.value.message
    assert "”regler[1]”: okänd regeltyp ”meningar”; kända typer är: " in message
    listed = message.split("kända typer är: ", 1)[1].split(", ")
    assert listed == sorted(KIND_MODULES)
    assert all(get_kind(name) is not None for name in listed)  # each one registers
