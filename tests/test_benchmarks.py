"""The benchmark must keep working: run ``benchmarks/run.py --quick`` once (tiny sizes).

It is a smoke test, not a performance test: the figures on a shared machine are too noisy
to assert budgets here. It fails when the benchmark crashes, a row goes missing, or a
measurement stops producing numbers (e.g. a TUI change breaks how keystrokes are timed).
"""

from __future__ import annotations

import math
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

EXPECTED_ROWS = [
    "load, 5 KB",
    "save (atomic, fsync), 5 KB",
    "tomllib parse, per 5 KB file",
    "drafter check marginal cost per file",
    "start-up: minimal Textual app, first frame",
    "start-up: drafter, first frame",
    "python -c 'import pydantic'",
    "drafter check, one file",
    "memory: TUI peak RSS, 5 KB ärende",
    "typing: bare TextArea+validator, 5 KB",
    "typing: drafter keystroke→frame, 5 KB",
    "typing: keystroke during save (F2), 5 KB",
    "typing: keystroke during autosave, 5 KB",
    "findings shown after last key, 5 KB",
    "preview painted after last key, 5 KB",
    "UI stall while typing, bare, 5 KB",
    "UI stall while typing, drafter, 5 KB",
]


def test_quick_benchmark_prints_a_full_table_of_real_numbers() -> None:
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    elapsed = time.monotonic() - start
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("benchmark"), result.stdout
    for name in EXPECTED_ROWS:
        matching = [line for line in lines if line.startswith(name)]
        assert matching, f"row {name!r} missing:\n{result.stdout}"
        median = re.search(r"\s(nan|[\d.]+) (ms|MB)\s", matching[0][len(name) :])
        assert median is not None, matching[0]
        value = float(median.group(1))
        assert math.isfinite(value) and value > 0, f"{name}: no measurement:\n{result.stdout}"
    assert elapsed < 90, f"the quick benchmark took {elapsed:.0f} s"
