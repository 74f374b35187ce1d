"""Spelling (STAV-1) benchmarks: what the dictionary and the check cost. Prints figures.

Run from the project root: ``python benchmarks/spelling_bench.py`` (``--runs N``, default
7). Every figure is a median over runs with its spread (min–max); what is compared is
measured alternately in the same run, since this machine class drifts within a minute.

Rows:

* ``drafter check`` on the example, one process, with the shipped template and with a
  copy whose STAV-1 rule is off (``av = true``), and the difference (target: ≤ +0.4 s);
* loading the dictionary in a fresh process: time, and peak RSS before and after;
* the longest pause of the main thread while the dictionary loads in a background
  thread (``load_async``): the C library holds Python's global lock while reading;
* the check on generated ärenden (5 KB and 50 KB), in process: all rules with STAV-1 on
  and off, first run (nothing cached) and again (the TUI's case: the same text re-checked).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import write_arende  # noqa: E402

PYTHON = sys.executable
EXAMPLE = ROOT / "examples" / "vanguard.toml"
TEMPLATE = ROOT / "sections" / "tjansteskrivelse.toml"
RULE = 'id = "STAV-1"\ntyp = "stavningskontroll"\nallvarlighet = "info"'


def fmt(samples: list[float], unit: str = "ms") -> str:
    scale = {"ms": 1000.0, "s": 1.0, "MB": 1 / (1024 * 1024)}[unit]
    med = statistics.median(samples) * scale
    lo, hi = min(samples) * scale, max(samples) * scale
    return f"{med:9.1f} {unit:<2} ({lo:.1f}–{hi:.1f})"


def row(name: str, samples: list[float], unit: str = "ms", note: str = "") -> None:
    print(f"{name:<58} {fmt(samples, unit)}  {note}")


def alternate(runs: int, *funcs: Callable[[], float]) -> list[list[float]]:
    samples: list[list[float]] = [[] for _ in funcs]
    for _ in range(runs):
        for i, func in enumerate(funcs):
            samples[i].append(func())
    return samples


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def python_out(code: str) -> str:
    result = subprocess.run(
        [PYTHON, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return result.stdout.strip()


LOAD = """
import resource, time
import drafter.spelling as s
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
assert s.load() is not None, "no dictionary"
took = time.perf_counter() - t
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(took, before * 1024, after * 1024)
"""

STALL = """
import threading, time
import drafter.spelling as s
done = threading.Event()
longest = 0.0
s.load_async(lambda speller: done.set())
last = time.perf_counter()
while not done.is_set():
    time.sleep(0.001)
    now = time.perf_counter()
    longest = max(longest, now - last)
    last = now
print(longest)
"""

IN_PROCESS = """
import sys, time, statistics
from drafter import spelling
from drafter.checks import run_checks
from drafter.storage import load_arende
from drafter.templates import load_template_file
path, off_template, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
loaded = load_arende(__import__("pathlib").Path(path))
on = loaded.template.template
off = load_template_file(__import__("pathlib").Path(off_template))
spelling.load()
spelling.set_mode(spelling.Mode.BLOCKING)
t = time.perf_counter(); found = run_checks(loaded.arende, on); first = time.perf_counter() - t
n = sum(f.rule == "STAV-1" for f in found)
def timed(template):
    t = time.perf_counter(); run_checks(loaded.arende, template); return time.perf_counter() - t
ons, offs = [], []
for _ in range(runs):
    ons.append(timed(on)); offs.append(timed(off))
print(first, statistics.median(ons), statistics.median(offs), n)
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    runs = args.runs
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        text = TEMPLATE.read_text(encoding="utf-8")
        assert RULE in text, "STAV-1 is not in the shipped template"
        off = work / "utan_stavning.toml"
        off.write_text(text.replace(RULE, RULE + "\nav = true"), encoding="utf-8")

        print(f"{'':<58} {'median':>12}    (min–max), {runs} runs")
        with_s, without = alternate(
            runs,
            lambda: timed([PYTHON, "-m", "drafter", "check", str(EXAMPLE)]),
            lambda: timed([PYTHON, "-m", "drafter", "check", "--mall", str(off), str(EXAMPLE)]),
        )
        row("drafter check, example, without STAV-1", without)
        row("drafter check, example, with STAV-1", with_s)
        diffs = [a - b for a, b in zip(with_s, without, strict=True)]
        verdict = "ok" if statistics.median(diffs) <= 0.4 else "OVER the +0.4 s target"
        row("  difference per run (target ≤ +400 ms)", diffs, note=verdict)

        loads, before, after = [], [], []
        for _ in range(runs):
            took, b, a = python_out(LOAD).split()
            loads.append(float(took))
            before.append(float(b))
            after.append(float(a))
        row("load dictionary, fresh process", loads)
        row("peak RSS before loading", before, "MB")
        row("peak RSS after loading", after, "MB")
        row(
            "  peak RSS added by the dictionary",
            [a - b for a, b in zip(after, before, strict=True)],
            "MB",
        )

        stalls = [float(python_out(STALL)) for _ in range(runs)]
        row("longest main-thread pause, load_async", stalls, note="(GIL held by Hunspell)")

        for size in (5, 50):
            path = write_arende(work, f"gen{size}", size * 1024)
            firsts, ons, offs = [], [], []
            count = 0
            for _ in range(max(3, runs // 2)):
                out = subprocess.run(
                    [PYTHON, "-c", IN_PROCESS, str(path), str(off), "5"],
                    capture_output=True,
                    text=True,
                    check=True,
                    cwd=ROOT,
                ).stdout.split()
                firsts.append(float(out[0]))
                ons.append(float(out[1]))
                offs.append(float(out[2]))
                count = int(out[3])
            row(f"run_checks {size} KB, STAV-1 on, first run ({count} words)", firsts)
            row(f"run_checks {size} KB, STAV-1 on, again", ons)
            row(f"run_checks {size} KB, STAV-1 off", offs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
