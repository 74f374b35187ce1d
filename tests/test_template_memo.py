"""A template whose rules passed their check once is not checked again (drafter.template_memo).

What a user notices: the writing program starts without loading the check kinds before its
first frame (they load when the checks run, right after it), a template edited into a
broken one is still refused with its Swedish message, and nothing in the state folder can
make a template load wrongly or fail.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from drafter import template_memo
from drafter.errors import TemplateError
from drafter.templates import load_template_file, parse_template

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "sections" / "tjansteskrivelse.toml"

TEMPLATE = """\
namn = "kort"

[[falt]]
id = "titel"
etikett = "Ärendemening"

[[sektioner]]
id = "arendet"
rubrik = "Ärendet"
typ = "prosa"
hjalp = "Beskriv ärendet."

[[regler]]
id = "MEN-1"
typ = "langa_meningar"
max_ord = 30
"""

#: Open a file as the app does before its first frame; print the check modules loaded.
SCRIPT = """\
import json, sys
from pathlib import Path
from drafter.tui import prepare_session
prepare_session(Path(sys.argv[1]), None, check=False)
print(json.dumps(sorted(m for m in sys.modules if m.startswith("drafter.checks."))))
"""


def _memo() -> Path:
    return Path(os.environ["DRAFTER_STATE_DIR"]) / template_memo.MEMO_NAME


def _count_rule_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Note each rule :func:`~drafter.templates.parse_template` checks (by its class)."""
    seen: list[str] = []

    def checked(rule: object, section: object) -> None:
        seen.append(type(rule).__name__)

    monkeypatch.setattr("drafter.templates.validate_rule", checked)
    return seen


def test_the_second_start_loads_no_check_kind_before_the_first_frame(tmp_path: Path) -> None:
    arende = tmp_path / "arende.toml"
    arende.write_text('format = 1\n\n[arende]\ntitel = "Ny fritidsgård"\n', encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    loaded = []
    for _ in range(2):
        run = subprocess.run(
            [sys.executable, "-c", SCRIPT, str(arende)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert run.returncode == 0, run.stderr
        loaded.append(set(json.loads(run.stdout)))
    assert "drafter.checks.klarsprak" in loaded[0]  # the first start checks the rules
    assert "drafter.checks.klarsprak" not in loaded[1]  # the second does not need to
    assert _memo().is_file()


def test_a_remembered_template_edited_into_a_broken_one_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kort.toml"
    path.write_text(TEMPLATE, encoding="utf-8")
    assert load_template_file(path).name == "kort"
    path.write_text(TEMPLATE.replace("max_ord = 30", 'max_ord = "trettio"'), encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        load_template_file(path)
    assert "regler[1]" in info.value.message
    assert str(path) in str(info.value)


def test_the_same_text_is_checked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _count_rule_checks(monkeypatch)
    parse_template(TEMPLATE, Path("kort.toml"))
    assert seen == ["RuleDef"]
    parse_template(TEMPLATE, Path("annan-plats/kort.toml"))  # the text decides, not the path
    assert seen == ["RuleDef"]
    parse_template(TEMPLATE.replace("30", "31"), Path("kort.toml"))
    assert len(seen) == 2


def test_another_drafter_checks_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """A new version of drafter (or of its check kinds) may accept less: it checks again."""
    seen = _count_rule_checks(monkeypatch)
    parse_template(TEMPLATE, Path("kort.toml"))
    monkeypatch.setattr(template_memo, "_code_fingerprint", lambda: "drafter 9.9")
    parse_template(TEMPLATE, Path("kort.toml"))
    assert len(seen) == 2


def test_a_broken_template_is_not_remembered(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = TEMPLATE.replace('typ = "langa_meningar"', 'typ = "meningar"')
    for _ in range(2):
        with pytest.raises(TemplateError, match="okänd regeltyp"):
            parse_template(broken, Path("kort.toml"))
    assert not _memo().exists()


@pytest.mark.parametrize(
    "memo",
    ["skräp\n\x00\xff", "x" * (template_memo.MAX_ENTRIES * 40 + 1), "folder", "fifo"],
    ids=["skrap", "for-stor", "mapp", "fifo"],
)
def test_a_memo_that_is_not_drafters_only_means_checking_again(
    monkeypatch: pytest.MonkeyPatch, memo: str
) -> None:
    path = _memo()
    path.parent.mkdir(parents=True, exist_ok=True)
    if memo == "folder":
        path.mkdir()
    elif memo == "fifo":
        os.mkfifo(path)  # opened, it would wait for a writer: drafter must not open it
    else:
        path.write_text(memo, encoding="utf-8", errors="surrogateescape")
    seen = _count_rule_checks(monkeypatch)
    for _ in range(2):
        assert parse_template(TEMPLATE, Path("kort.toml")).name == "kort"
    if memo in ("folder", "fifo"):  # not replaced by a file: checked every time
        assert len(seen) == 2
    else:  # replaced by drafter's own memo
        assert seen == ["RuleDef"]


def test_an_unwritable_state_folder_does_not_stop_a_template_loading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "inte-en-mapp"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("DRAFTER_STATE_DIR", str(blocker / "tillstand"))
    assert load_template_file(DEFAULT).sections


def test_the_memo_keeps_the_newest_entries() -> None:
    for i in range(template_memo.MAX_ENTRIES + 5):
        template_memo.remember_valid(f"{TEMPLATE}\n# {i}\n")
    lines = _memo().read_text(encoding="ascii").split()
    assert len(lines) == template_memo.MAX_ENTRIES
    assert template_memo.rules_known_valid(f"{TEMPLATE}\n# {template_memo.MAX_ENTRIES + 4}\n")
    assert not template_memo.rules_known_valid(f"{TEMPLATE}\n# 0\n")
