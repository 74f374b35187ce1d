"""Spelling (STAV-1) benchmarks: what the dictionary and the check cost. Prints figures.

Run from the project root: ``python benchmarks/spelling_bench.py`` (``--runs N``, default
7). Every figure is a median over runs with its spread (min–max); what is compared is
measured alternately in the same run, since this machine class drifts within a minute.

Rows:

* ``drafter check`` on the example, one process, with the shipped template and with a
  copy whose STAV-1 rule is off (``av = true``), and the difference (target: ≤ +0.4 s);
* loading the dictionary in a fresh process: time, and peak RSS before and after;
* the longest pause of the main thread while ``load_async`` loads the dictionary, in the
  helper process (the default on POSIX) and in a thread (the C library holds Python's
  global lock while it reads, so the thread stops everything else);
* the check on generated ärenden (5 KB and 50 KB), in process: all rules with STAV-1 on
  and off, first run (nothing cached) and again (the TUI's case: the same text re-checked).
"""

from __future__ import annotations

import argparse
import resource
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


CPU: dict[str, list[float]] = {}


def timed(args: list[str], key: str = "") -> float:
    """Wall time of a command; its CPU time (user + system) is kept under ``key``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    CPU.setdefault(key, []).append(cpu)
    return took


def python_out(code: str, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "-c", code, *args], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return result.stdout.strip()


LOAD = """
import time
import hunspell
import drafter.spelling as s
def status(key):  # kB in /proc (ru_maxrss may still count the parent's image after exec)
    return int([l for l in open("/proc/self/status") if l.startswith(key)][0].split()[1])
s.start_loading(separate_process=False)
before = status("VmRSS")
t = time.perf_counter()
assert s.load() is not None, "no dictionary"
took = time.perf_counter() - t
print(took, before * 1024, status("VmHWM") * 1024)
"""

HELPER = """
import time
import drafter.spelling as s
t = time.perf_counter()
speller = s.load()
took = time.perf_counter() - t
pid = speller.engine._process.pid
hwm = [l for l in open(f"/proc/{pid}/status") if l.startswith("VmHWM")][0].split()[1]
print(took, int(hwm) * 1024)
"""

STALL = """
import sys, threading, time
import drafter.spelling as s
s.start_loading(separate_process=sys.argv[1] == "process")
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
ons, offs, typed_on, typed_off = [], [], [], []
for _ in range(runs):
    ons.append(timed(on)); offs.append(timed(off))
content = loaded.arende.sektioner["arendet"]
for _ in range(runs):  # a word typed at the end of Ärendet, then all checks (as the TUI)
    content.text += " ord"; typed_on.append(timed(on))
    content.text += " ord"; typed_off.append(timed(off))
print(first, statistics.median(ons), statistics.median(offs), n,
      statistics.median(typed_on), statistics.median(typed_off))
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
        # "Without": STAV-1 off and no dictionary to find, so no helper process starts
        # either: what `drafter check` cost before spelling.
        empty = work / "ingen-ordlista"
        empty.mkdir()
        plain = ["env", f"DRAFTER_HUNSPELL_DIR={empty}"]
        with_s, without = alternate(
            runs,
            lambda: timed([PYTHON, "-m", "drafter", "check", str(EXAMPLE)], "on"),
            lambda: timed(
                [*plain, PYTHON, "-m", "drafter", "check", "--mall", str(off), str(EXAMPLE)], "off"
            ),
        )
        row("drafter check, example, without STAV-1 (no helper)", without)
        row("drafter check, example, with STAV-1", with_s)
        diffs = [a - b for a, b in zip(with_s, without, strict=True)]
        verdict = "ok" if statistics.median(diffs) <= 0.4 else "OVER the +0.4 s target"
        row("  difference per run (target ≤ +400 ms)", diffs, note=verdict)
        row("  CPU time without STAV-1 (all processes)", CPU["off"])
        row("  CPU time with STAV-1 (all processes)", CPU["on"], note="(helper on other core)")

        loads, before, after = [], [], []
        for _ in range(runs):
            took, b, a = python_out(LOAD).split()
            loads.append(float(took))
            before.append(float(b))
            after.append(float(a))
        row("load dictionary in this process (fresh process)", loads)
        row("RSS before loading (Python, drafter.spelling, chunspell)", before, "MB")
        row("peak RSS after loading in this process", after, "MB")
        added = [a - b for a, b in zip(after, before, strict=True)]
        row("  RSS added by the dictionary (peak after − before)", added, "MB")
        helper_load, helper_rss = [], []
        for _ in range(runs):
            took, hwm = python_out(HELPER).split()
            helper_load.append(float(took))
            helper_rss.append(float(hwm))
        row("load dictionary in the helper process, wait for it", helper_load)
        row("peak RSS of the helper process", helper_rss, "MB")

        helper, thread = alternate(
            runs,
            lambda: float(python_out(STALL, "process")),
            lambda: float(python_out(STALL, "thread")),
        )
        row("longest main-thread pause, load_async, helper process", helper)
        row("longest main-thread pause, load_async, thread", thread, note="(GIL held)")

        for size in (5, 50):
            path = write_arende(work, f"gen{size}", size * 1024)
            firsts, ons, offs, typed_on, typed_off = [], [], [], [], []
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
                typed_on.append(float(out[4]))
                typed_off.append(float(out[5]))
            row(f"run_checks {size} KB, STAV-1 on, first run ({count} findings)", firsts)
            row(f"run_checks {size} KB, STAV-1 on, again", ons)
            row(f"run_checks {size} KB, STAV-1 off", offs)
            row(f"run_checks {size} KB after a word is typed, STAV-1 on", typed_on)
            row(f"run_checks {size} KB after a word is typed, STAV-1 off", typed_off)
    return 0


if __name__ == "__main__":
    sys.exit(main())
