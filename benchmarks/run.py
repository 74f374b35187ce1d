"""drafter benchmarks: start-up, batch checks, save/load, export, memory (and typing/preview).

Run from the project root with ``python benchmarks/run.py`` (``--quick`` for a smoke run on
tiny sizes, as the test suite does). ``--only PART`` runs one part: ``save``, ``batch``,
``import``, ``startup``, ``export``, ``memory`` or ``typing`` (repeatable; ``--only typing`` takes
about 5 minutes of the full run's 8); ``--peers`` adds the first frame of peer Textual
apps (frogmouth, toolong), each installed once in its own virtualenv. Every figure is a
median over repeated runs with its spread (min–max); the things compared are measured
alternately in the same run, because this machine class drifts up to 2× within a minute.
Rows whose budget column says "floor" measure the least any program on the same packages
needs (a pydantic model, a Textual app with one): a ratio budget below them cannot be met by
drafter's own code.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import textwrap
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import write_arende  # noqa: E402

PYTHON = sys.executable
KB = 1024


@dataclass
class Row:
    """One line of the result table."""

    name: str
    samples: list[float]  # seconds (or bytes for memory)
    unit: str = "ms"
    budget: str = ""
    ok: bool | None = None
    floor: tuple[float, float] | None = None
    """For a floor row: its ratio in this run and the ratio the packages give on a quiet
    machine (see :func:`disturbed`)."""

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    def fmt(self, value: float) -> str:
        if self.unit == "ms":
            return f"{value * 1000:.1f}"
        if self.unit == "MB":
            return f"{value / (1024 * 1024):.1f}"
        return f"{value:.2f}"

    def line(self) -> str:
        spread = f"{self.fmt(min(self.samples))}–{self.fmt(max(self.samples))}"
        verdict = "" if self.ok is None else ("ok" if self.ok else "ÖVER BUDGET")
        return (
            f"{self.name:<56} {self.fmt(self.median):>9} {self.unit:<3} {spread:>17}  "
            f"{self.budget:<24} {verdict}"
        )


def alternate(runs: int, *funcs: Callable[[], float]) -> list[list[float]]:
    """Call each function ``runs`` times, interleaved; return their samples."""
    samples: list[list[float]] = [[] for _ in funcs]
    for _ in range(runs):
        for i, func in enumerate(funcs):
            samples[i].append(func())
    return samples


def timed_process(args: list[str], cwd: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


# --------------------------------------------------------------------------- pty


MINIMAL_APP = textwrap.dedent(
    """
    from textual.app import App
    from textual.widgets import Static

    class Minimal(App[None]):
        def compose(self):
            yield Static("Uppgifter om ärendet")

    Minimal().run()
    """
)

QUIET_APP_FLOOR = 1.35
"""The minimal app with one pydantic model against the minimal app, on a quiet machine (issue
17; callgrind gives 1193/875 M = 1.36)."""
QUIET_MODEL_FLOOR = 2.3
"""``BaseModel`` + one model against ``import pydantic``, on a quiet machine (issue 17)."""
QUIET_TOLERANCE = 0.1
"""How far (relative) a floor ratio may be from its quiet value in a run that counts."""


def disturbed(rows: list[Row]) -> list[str]:
    """Why this run's ratios cannot be trusted: each floor row whose ratio, a property of
    the packages, is more than :data:`QUIET_TOLERANCE` off its quiet value (other work on
    the machine slowed one side of an interleaved comparison). Empty: a quiet run."""
    reasons = []
    for row in rows:
        if row.floor is None:
            continue
        ratio, quiet = row.floor
        if abs(ratio / quiet - 1) > QUIET_TOLERANCE:
            reasons.append(f"{row.name.split(' (')[0]}: ×{ratio:.2f}, quiet ≈ ×{quiet:.2f}")
    return reasons


PYDANTIC_MODEL = "from pydantic import BaseModel\n\nclass M(BaseModel):\n    x: int = 0\n"
"""The least any program with one pydantic model does: import BaseModel, build one model."""


def first_frame(args: list[str], marker: bytes, timeout: float = 20.0) -> tuple[float, int]:
    """Start ``args`` in a 100×30 pseudo-terminal; seconds until ``marker`` is painted,
    and the process's peak RSS (VmHWM, bytes) one second later."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="100", LINES="30")
    start = time.perf_counter()
    proc = subprocess.Popen(
        args, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    seen = b""
    elapsed = float("nan")
    peak = 0
    try:
        deadline = start + timeout
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    break
                seen += chunk
                if marker in seen.replace(b"\x1b", b""):
                    elapsed = time.perf_counter() - start
                    break
                seen = seen[-4096:]
        settle = time.perf_counter() + 1.0
        while time.perf_counter() < settle:  # keep draining so the app is not blocked
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    os.read(master, 65536)
                except OSError:
                    break
        peak = _peak_rss(proc.pid)
    finally:
        with _suppress():
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(master)
    return elapsed, peak


class _suppress:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return True


def _peak_rss(pid: int) -> int:
    """Peak RSS (VmHWM) of ``pid`` plus its child processes (the spelling helper)."""
    total = 0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                total += int(line.split()[1]) * 1024
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                total += _peak_rss(int(child))
    except (OSError, ValueError):
        pass
    return total


# --------------------------------------------------------------------------- benchmarks


def bench_startup(work: Path, runs: int, rows: list[Row]) -> None:
    example = write_arende(work, "start", 5 * KB)
    minimal = work / "minimal_app.py"
    minimal.write_text(MINIMAL_APP, encoding="utf-8")
    with_model = work / "minimal_app_pydantic.py"
    with_model.write_text(PYDANTIC_MODEL + MINIMAL_APP, encoding="utf-8")
    drafter_cmd = [PYTHON, "-m", "drafter", str(example)]
    no_spelling_cmd = [*drafter_cmd, "--utan-stavning"]
    minimal_cmd = [PYTHON, str(minimal)]
    with_model_cmd = [PYTHON, str(with_model)]
    d, m, f, n = alternate(
        runs,
        lambda: first_frame(drafter_cmd, b"Uppgifter")[0],
        lambda: first_frame(minimal_cmd, b"Uppgifter")[0],
        lambda: first_frame(with_model_cmd, b"Uppgifter")[0],
        lambda: first_frame(no_spelling_cmd, b"Uppgifter")[0],
    )
    ratio = statistics.median(d) / statistics.median(m)
    rows.append(Row("start-up: minimal Textual app, first frame", m))
    # The floor of the budget: the minimal app that also defines one pydantic model.
    floor = statistics.median(f) / statistics.median(m)
    rows.append(
        Row(
            f"start-up: minimal app + 1 pydantic model (×{floor:.2f})",
            f,
            budget="floor",
            floor=(floor, QUIET_APP_FLOOR),
        )
    )
    over_floor = statistics.median(d) / statistics.median(f)
    rows.append(
        Row(
            f"start-up: drafter, first frame (×{ratio:.2f}; ×{over_floor:.2f} floor)",
            d,
            budget="≤ 1.7× minimal, 1.25× floor",
            ok=ratio <= 1.7 and over_floor <= 1.25,
        )
    )
    # Spelling loads in a helper process after the first frame: it must not delay it.
    spelling_ratio = statistics.median(d) / statistics.median(n)
    rows.append(
        Row(
            f"start-up: drafter --utan-stavning (spelling on ×{spelling_ratio:.2f})",
            n,
            budget="on ≤ 1.1× off",
            ok=spelling_ratio <= 1.1,
        )
    )

    check_cmd = [PYTHON, "-m", "drafter", "check", "--utan-stavning", str(example)]
    spelled_cmd = [PYTHON, "-m", "drafter", "check", str(example)]
    pyd_cmd = [PYTHON, "-c", "import pydantic"]
    model_cmd = [PYTHON, "-c", PYDANTIC_MODEL]
    c, p, f, s = alternate(
        runs,
        lambda: timed_process(check_cmd),
        lambda: timed_process(pyd_cmd),
        lambda: timed_process(model_cmd),
        lambda: timed_process(spelled_cmd),
    )
    rows.append(Row("python -c 'import pydantic'", p))
    # `import pydantic` is lazy; using it (BaseModel, one model) costs about twice that.
    floor = statistics.median(f) / statistics.median(p)
    rows.append(
        Row(
            f"python: BaseModel + 1 model (×{floor:.2f})",
            f,
            budget="floor",
            floor=(floor, QUIET_MODEL_FLOOR),
        )
    )
    ratio = statistics.median(c) / statistics.median(f)
    rows.append(
        Row(
            f"drafter check, one file (×{ratio:.2f} floor)",
            c,
            budget="≤ 1.3× BaseModel + 1 model",
            ok=ratio <= 1.3,
        )
    )
    # Spelling's issue: the dictionary (loaded once per process) and STAV-1 cost a check at
    # most 0.4 s more than the same check without spelling.
    extra = statistics.median(s) - statistics.median(c)
    rows.append(
        Row(
            f"drafter check, one file, with spelling (+{extra:.2f} s)",
            s,
            budget="≤ +0.4 s over --utan-stavning",
            ok=extra <= 0.4,
        )
    )


EXAMPLE = HERE.parent / "examples" / "vanguard.toml"


def bench_export(work: Path, runs: int, rows: list[Row]) -> None:
    """``drafter export`` of the shipped example to DOCX and to PDF/A, as a user runs it:
    a whole process (Python, drafter, python-docx or typst), formats alternating.

    Per-format figures for larger ärenden, in process: ``benchmarks/export_bench.py``.
    """

    def exporting(fmt: str) -> Callable[[], float]:
        out = work / f"export.{fmt}"
        cmd = [PYTHON, "-m", "drafter", "export", str(EXAMPLE), "--format", fmt, "-o", str(out)]

        def run() -> float:
            out.unlink(missing_ok=True)
            seconds = timed_process(cmd)
            if not out.is_file():  # a failed export must not pass as a fast one
                raise RuntimeError(f"drafter export --format {fmt} wrote no file")
            return seconds

        return run

    docx, pdf = alternate(runs, exporting("docx"), exporting("pdf"))
    for fmt, samples in (("DOCX", docx), ("PDF/A", pdf)):
        rows.append(
            Row(
                f"drafter export, the example to {fmt} (whole process)",
                samples,
                budget="≤ 1 s",
                ok=statistics.median(samples) <= 1.0,
            )
        )


def bench_import(work: Path, quick: bool, runs: int, rows: list[Row]) -> None:
    """Import is linear: a text ten times as long takes at most 3× ten times as long.

    The texts are hard-wrapped paragraphs under known and unknown headings, the shapes that
    were quadratic before (a long wrapped paragraph, thousands of unknown headings).
    """
    from drafter.importer import import_text
    from drafter.templates import find_template

    template = find_template("tjansteskrivelse", None)
    small_size = 20 * KB if quick else 200 * KB

    def document(size: int) -> str:
        para = "Förvaltningen har utrett frågan och föreslår att\nnämnden beslutar enligt\n"
        parts = ["Tjänsteskrivelse - Prov\n\nSammanfattning\n"]
        written = 0
        n = 0
        while written < size:
            chunk = f"Rubrik nummer {n}\n{para * 5}\n" if n % 2 else para * 20 + "\n"
            parts.append(chunk)
            written += len(chunk.encode())
            n += 1
        return "".join(parts)

    small, large = document(small_size), document(small_size * 10)

    def timing(text: str) -> Callable[[], float]:
        def run() -> float:
            start = time.perf_counter()
            import_text(text, template)
            return time.perf_counter() - start

        return run

    s, big = alternate(runs, timing(small), timing(large))
    ratio = statistics.median(big) / (10 * statistics.median(s))
    label = f"{small_size // KB} KB"
    rows.append(Row(f"import, {label}", s))
    rows.append(
        Row(
            f"import, 10 × {label} (×{ratio:.2f} of 10 × {label})",
            big,
            budget="≤ 3× linear",
            ok=ratio <= 3,
        )
    )


PEERS = {
    # name: (pip requirement, command after the venv's bin/, marker on its first screen)
    "frogmouth": ("frogmouth", ["frogmouth"], b"Frogmouth"),
    "toolong": ("toolong", ["tl", "{log}"], b"INFO rad"),
}


def bench_peers(work: Path, runs: int, rows: list[Row]) -> None:
    """First frame of Textual apps people use, each in its own virtualenv (``--peers``).

    The virtualenvs are kept in ``~/.cache/drafter-bench/`` so a second run does not
    install again. A peer that cannot be installed is reported as a row without figures.
    """
    cache = Path.home() / ".cache" / "drafter-bench"
    minimal = work / "minimal_peer_app.py"
    minimal.write_text(MINIMAL_APP, encoding="utf-8")
    log = work / "bench.log"
    log.write_text("".join(f"2026-11-30 12:00:{i % 60:02d} INFO rad {i}\n" for i in range(200)))
    example = write_arende(work, "peers", 5 * KB)
    for name, (requirement, command, marker) in PEERS.items():
        venv = cache / name
        if not (venv / "bin" / command[0]).exists():
            subprocess.run([PYTHON, "-m", "venv", str(venv)], check=False)
            subprocess.run(
                [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", requirement],
                check=False,
            )
        exe = venv / "bin" / command[0]
        if not exe.exists():
            rows.append(Row(f"peer: {name} (could not be installed)", [float("nan")]))
            continue
        args = [str(exe), *(a.replace("{log}", str(log)) for a in command[1:])]

        def peer(args: list[str] = args, marker: bytes = marker) -> float:
            return first_frame(args, marker)[0]

        p, m, d = alternate(
            runs,
            peer,
            lambda: first_frame([PYTHON, str(minimal)], b"Uppgifter")[0],
            lambda: first_frame([PYTHON, "-m", "drafter", str(example)], b"Uppgifter")[0],
        )
        peer_ratio = statistics.median(p) / statistics.median(m)
        ours = statistics.median(d) / statistics.median(m)
        rows.append(
            Row(
                f"peer: {name}, first frame (×{peer_ratio:.2f}; drafter ×{ours:.2f})",
                p,
                budget="drafter ahead",
                ok=ours <= peer_ratio,
            )
        )


def bench_memory(work: Path, sizes: list[int], rows: list[Row]) -> None:
    """Peak RSS of the TUI and its spelling helper process, one second after the first
    frame (the dictionary has loaded by then). Issue 16: under 100 MB at 50 KB."""
    budgets = {50 * KB: 100, 500 * KB: 150}
    for size in sizes:
        path = write_arende(work, f"mem{size}", size)
        samples = []
        for _ in range(2):
            _, peak = first_frame([PYTHON, "-m", "drafter", str(path)], b"Uppgifter")
            samples.append(float(peak))
        budget = budgets.get(size)
        rows.append(
            Row(
                f"memory: TUI + spelling helper peak RSS, {size // KB} KB ärende",
                samples,
                unit="MB",
                budget=f"≤ {budget} MB" if budget else "",
                ok=(statistics.median(samples) <= budget * 1024 * 1024) if budget else None,
            )
        )


def bench_batch(work: Path, count: int, runs: int, rows: list[Row]) -> None:
    """Marginal cost per file of ``drafter check`` over many files, against tomllib.

    The budget row uses one process (``--processer 1``), so it compares like with like:
    tomllib is timed on one core. The default, one process per CPU for large batches, is
    reported as an info row: it is what a user gets, not a lower per-file cost.
    """
    folder = work / "batch"
    folder.mkdir()
    files = [write_arende(folder, f"a{i:04d}", 5 * KB, seed=i) for i in range(count)]
    few = files[: max(1, count // 100)]

    def checking(extra: list[str], batch: list[Path]) -> Callable[[], float]:
        cmd = [PYTHON, "-m", "drafter", "check", *extra, *map(str, batch)]
        return lambda: timed_process(cmd)

    def parse_all() -> float:
        start = time.perf_counter()
        for f in files:
            tomllib.loads(f.read_text(encoding="utf-8"))
        return (time.perf_counter() - start) / len(files)

    # tomllib and both ways of checking alternate, so that a drift of the machine's speed
    # moves them together and the ratios stay fair.
    one = ["--processer", "1"]
    toml_only, many_1, few_1, many_n, few_n = alternate(
        runs,
        parse_all,
        checking(one, files),
        checking(one, few),
        checking([], files),
        checking([], few),
    )
    extra_files = len(files) - len(few)
    single = [(a - b) / extra_files for a, b in zip(many_1, few_1, strict=True)]
    parallel = [(a - b) / extra_files for a, b in zip(many_n, few_n, strict=True)]
    # each round's ratio, then their median: a round's figures were taken close together
    ratio = statistics.median(s / t for s, t in zip(single, toml_only, strict=True))
    rows.append(Row("tomllib parse, per 5 KB file", toml_only))
    rows.append(
        Row(
            f"drafter check per file, one process (×{ratio:.2f})",
            single,
            budget="≤ 3× tomllib",
            ok=ratio <= 3,
        )
    )
    parallel_ratio = statistics.median(p / t for p, t in zip(parallel, toml_only, strict=True))
    rows.append(
        Row(
            f"drafter check per file, default processes (×{parallel_ratio:.2f})",
            parallel,
            budget="info (one per CPU from 64 files)",
        )
    )


def bench_save_load(work: Path, sizes: list[int], runs: int, rows: list[Row]) -> None:
    from drafter.storage import Loaded, load_arende, save_arende

    for size in sizes:
        path = write_arende(work, f"io{size}", size)
        loaded = load_arende(path)

        def load(path: Path = path) -> float:
            start = time.perf_counter()
            load_arende(path)
            return time.perf_counter() - start

        def save(path: Path = path, loaded: Loaded = loaded) -> float:
            start = time.perf_counter()
            save_arende(path, loaded.arende, loaded.template.template)
            return time.perf_counter() - start

        lo, sa = alternate(runs, load, save)
        budget_ok = size < 500 * KB or None
        rows.append(
            Row(
                f"load, {size // KB} KB",
                lo,
                budget="≤ 100 ms at 500 KB",
                ok=statistics.median(lo) <= 0.1 if size >= 500 * KB else budget_ok,
            )
        )
        rows.append(
            Row(
                f"save (atomic, fsync), {size // KB} KB",
                sa,
                budget="≤ 100 ms at 500 KB",
                ok=statistics.median(sa) <= 0.1 if size >= 500 * KB else budget_ok,
            )
        )


def compile_drafter() -> None:
    """Write drafter's bytecode, as ``pip install`` does for an installed package.

    Textual's modules in site-packages were compiled when pip installed them; an editable
    checkout run with ``PYTHONDONTWRITEBYTECODE=1`` (set on this machine class) would
    otherwise compile every drafter module from source at each start and overstate the
    start-up a user sees.
    """
    import compileall

    import drafter

    compileall.compile_dir(Path(drafter.__file__).parent, quiet=1)


PARTS = ("save", "batch", "import", "startup", "export", "memory", "typing")
"""The parts ``--only`` can pick, in the order they run."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="drafter benchmarks")
    parser.add_argument("--quick", action="store_true", help="tiny sizes, few runs (smoke test)")
    parser.add_argument(
        "--only",
        action="append",
        choices=PARTS,
        help="run only this part (repeatable; default: all)",
    )
    parser.add_argument(
        "--peers",
        action="store_true",
        help="also time the first frame of frogmouth and toolong (installs them once)",
    )
    args = parser.parse_args(argv)
    parts = set(args.only or PARTS)
    quick = args.quick
    runs = 2 if quick else 7
    sizes = [5 * KB] if quick else [5 * KB, 50 * KB, 500 * KB]
    rows: list[Row] = []
    compile_drafter()
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        work = Path(tmp)
        os.environ.setdefault("DRAFTER_STATE_DIR", str(work / "state"))
        if "save" in parts:
            bench_save_load(work, sizes, runs, rows)
        if "batch" in parts:
            bench_batch(work, 20 if quick else 1000, 2 if quick else 5, rows)
        if "import" in parts:
            bench_import(work, quick, 2 if quick else 5, rows)
        if "startup" in parts:
            # more rounds than elsewhere: these ratios are closest to their budgets
            bench_startup(work, 2 if quick else 11, rows)
        if "export" in parts:
            bench_export(work, 2 if quick else 5, rows)
        if args.peers:
            bench_peers(work, runs, rows)
        if "memory" in parts:
            bench_memory(work, [5 * KB] if quick else [50 * KB, 500 * KB], rows)
        if "typing" in parts:
            try:
                from typing_bench import bench_typing_and_preview
            except ImportError:
                pass
            else:
                bench_typing_and_preview(work, sizes, quick, rows)
    print(
        f"{'benchmark':<56} {'median':>9} {'':<3} {'spread (min–max)':>17}  {'budget':<24} verdict"
    )
    for row in rows:
        print(row.line())
    reasons = disturbed(rows)
    if reasons:
        print(
            "\nThe machine was not quiet during this run (a floor ratio is off its quiet value: "
            + "; ".join(reasons)
            + "). Its verdicts do not count for the budgets; run again."
        )
    failed = [r for r in rows if r.ok is False]
    return 1 if failed and not quick else 0


if __name__ == "__main__":
    sys.exit(main())
