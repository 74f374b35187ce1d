"""The benchmark must keep working: run ``benchmarks/run.py --quick`` once (tiny sizes).

It is a smoke test, not a performance test: the figures on a shared machine are too noisy
to assert budgets here, and it never fails on a number (a marginal cost computed as a
difference can even come out negative on a busy machine). It fails when the benchmark
crashes, a row goes missing, or a measurement stops producing numbers (e.g. a TUI change
breaks how keystrokes are timed).
"""

from __future__ import annotations

import math
import re
import subprocess
import sys
from pathlib import Path

import pytest
from tui_helpers import benchmark_module

ROOT = Path(__file__).resolve().parent.parent

EXPECTED_ROWS = {
    ("save", "batch", "import"): [
        "load, 5 KB",
        "save (atomic, fsync), 5 KB",
        "tomllib parse, per 5 KB file",
        "drafter check per file, one process",
        "drafter check per file, default processes",
        "import, 20 KB",
        "import, 10 × 20 KB",
    ],
    ("startup",): [
        "start-up: minimal Textual app, first frame",
        "start-up: drafter, first frame",
        "python -c 'import pydantic'",
        "drafter check, one file",
        "drafter check, one file, with spelling",
        "start-up: drafter --utan-stavning",
    ],
    ("export",): [
        "drafter export, the example to DOCX (whole process)",
        "drafter export, the example to PDF/A (whole process)",
    ],
    ("memory",): ["memory: TUI + spelling helper peak RSS, 5 KB ärende"],
    ("typing",): [
        "typing: bare TextArea+validator, 5 KB",
        "typing: drafter keystroke→frame, 5 KB",
        "typing: keystroke during save (F2), 5 KB",
        "typing: keystroke during autosave, 5 KB",
        "typing: drafter --utan-stavning, 5 KB",
        "findings shown after last key, 5 KB",
        "preview painted after last key, 5 KB",
        "UI stall while typing, bare, 5 KB",
        "UI stall while typing, drafter, 5 KB",
    ],
}
"""The rows each group of parts (``--only``) must print. The groups run as separate tests, so
the suite's workers share them out."""


@pytest.mark.benchmark
@pytest.mark.parametrize("parts", list(EXPECTED_ROWS), ids="+".join)
def test_quick_benchmark_prints_a_full_table_of_real_numbers(parts: tuple[str, ...]) -> None:
    only = [arg for part in parts for arg in ("--only", part)]
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", *only],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("benchmark"), result.stdout
    for name in EXPECTED_ROWS[parts]:
        matching = [line for line in lines if line.startswith(name)]
        assert matching, f"row {name!r} missing:\n{result.stdout}"
        median = re.search(r"\s(nan|-?[\d.]+) (ms|MB)\s", matching[0][len(name) :])
        assert median is not None, matching[0]
        value = float(median.group(1))
        assert math.isfinite(value), f"{name}: no measurement:\n{result.stdout}"


def test_a_run_whose_floor_ratios_are_off_is_called_not_quiet() -> None:
    """The floor ratios are properties of the packages; far off them, other work slowed one
    side of a comparison, and the run's verdicts do not count."""
    run = benchmark_module("run")
    Row, disturbed = run.Row, run.disturbed

    app = Row("start-up: minimal app + 1 pydantic model (×1.16)", [0.3], floor=(1.16, 1.35))
    model = Row("python: BaseModel + 1 model (×2.38)", [0.15], floor=(2.38, 2.3))
    other = Row("drafter check, one file (×1.90 floor)", [0.2], ok=False)
    reasons = disturbed([app, model, other])
    assert reasons == ["start-up: minimal app + 1 pydantic model: ×1.16, quiet ≈ ×1.35"]
    app.floor = (1.42, 1.35)
    assert disturbed([app, model, other]) == []


# --------------------------------------------------------------------------- the fixes the
# benchmark drove: a long section is previewed as plain text, updated by a minimal edit.

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_text = st.text(alphabet="ab\nå ", max_size=40)


@given(_text, _text)
def test_minimal_edit_turns_the_old_text_into_the_new(old: str, new: str) -> None:
    from drafter.spelling.edit import location
    from drafter.tui.widgets.plain_preview import common_prefix, common_suffix

    start = common_prefix(old, new)
    end = common_suffix(old, new, min(len(old), len(new)) - start)
    assert old[:start] == new[:start]
    assert old[len(old) - end :] == new[len(new) - end :]
    assert old[:start] + new[start : len(new) - end] + old[len(old) - end :] == new
    row, column = location(old, start)
    lines = old.split("\n")
    assert sum(len(line) + 1 for line in lines[:row]) + column == start


@settings(max_examples=15, deadline=None)
@given(st.lists(_text, min_size=1, max_size=4))
async def test_plain_preview_shows_exactly_the_latest_text(texts: list[str]) -> None:
    from textual.app import App, ComposeResult

    from drafter.tui.widgets.plain_preview import PlainPreview

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield PlainPreview("Början\n\nslut", id="pv")

    app = Host()
    async with app.run_test(size=(40, 10)) as pilot:
        widget = app.query_one(PlainPreview)
        for text in texts:
            widget.show_text(text)
            await pilot.pause()
            assert widget.text == text
        assert not widget.can_focus  # the preview is never in the Tab order
