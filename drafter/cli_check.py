"""``drafter check``: check one or many ärenden and print the findings (text or JSON).

Many files are checked in worker processes (from :data:`PARALLEL_MIN_FILES` on); the report
is the same, in file order. Every text from a file is printed through
:func:`drafter.text.printable`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from drafter.errors import DrafterError
from drafter.findings import Finding, Severity
from drafter.startup import end_startup
from drafter.text import count_sv, printable


def print_error(message: str) -> None:
    """Print a Swedish error line to stderr (file text in it made printable)."""
    print(f"drafter: fel: {printable(message)}", file=sys.stderr)


if TYPE_CHECKING:
    from drafter.templates import TemplateCache


def _colour(stream: TextIO) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ


_COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}


def cmd_check(args: argparse.Namespace) -> int:
    colour = _colour(sys.stdout)
    tasks: list[_CheckTask] = [(name, args.mall, args.format, colour) for name in args.files]
    results: list[dict[str, object]] = []
    worst = 0

    def report(result: _CheckResult) -> None:
        nonlocal worst
        file_worst, out, err, entry = result
        worst = max(worst, file_worst)
        if err:
            print_error(err)
        if out:
            sys.stdout.write(out)
        if entry is not None:
            results.append(entry)

    from drafter.spelling.mode import Mode, using_mode

    mode = Mode.OFF if args.utan_stavning else Mode.BLOCKING
    if mode is Mode.BLOCKING:
        from drafter.spelling.dictionary import start_loading

        # The dictionary loads in a helper process while the files are read and checked;
        # a batch that forks workers loads it here instead, and they share it.
        start_loading(separate_process=_job_count(len(args.files), args.processer) <= 1)

    try:
        # STAV-1 waits for the dictionary the first time it runs, once for the whole batch.
        with using_mode(mode):
            _check_files(tasks, args.processer, report)
    finally:  # the report of the files checked is printed, whatever stopped the batch
        if args.format == "json":
            import json  # only for --format json (its import compiles regexes)

            json.dump(results, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
    return worst


#: A batch of at least this many files is checked in several processes when the machine
#: has more than one processor: starting one costs a few ms, a file about 1 ms.
PARALLEL_MIN_FILES = 64

_CheckTask = tuple[str, str | None, str, bool]
_CheckResult = tuple[int, str, str, dict[str, object] | None]


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"ska vara ett heltal från 1 och uppåt, inte {text!r}")
    return value


def _check_files(
    tasks: list[_CheckTask], processes: int | None, report: Callable[[_CheckResult], None]
) -> None:
    jobs = _job_count(len(tasks), processes)
    if jobs <= 1:
        for task in tasks:
            report(_check_one(task))
            end_startup()  # start-up is over with the first file (see drafter.startup)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # The first file is checked here, so that the processes forked for the rest start
    # with the template, the check kinds and the word list already loaded.
    report(_check_one(tasks[0]))
    end_startup()
    rest = tasks[1:]
    chunk = max(1, min(32, len(rest) // (jobs * 8)))
    context = multiprocessing.get_context("fork")
    # An executor, not a Pool: a worker that dies raises BrokenProcessPool instead of
    # leaving the batch waiting forever.
    executor = ProcessPoolExecutor(jobs, mp_context=context, initializer=_ignore_sigint)
    try:
        for result in executor.map(_check_one, rest, chunksize=chunk):
            report(result)  # in file order
    except BrokenProcessPool as exc:
        raise DrafterError(
            "en av processerna som granskade filerna avbröts oväntat (slut på minne?); "
            "kör igen, eller med --processer 1"
        ) from exc
    finally:  # also on Ctrl+C or a closed pipe: drop the files not started yet
        executor.shutdown(wait=True, cancel_futures=True)


def _job_count(n_files: int, requested: int | None) -> int:
    """How many processes check ``n_files`` files (1: this process alone)."""
    if n_files < 2:
        return 1  # one file: no need to import multiprocessing at all
    import multiprocessing
    import threading

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if threading.active_count() > 1:
        return 1  # forking a process that runs threads is not safe
    if requested is not None:
        return min(requested, n_files)
    if n_files < PARALLEL_MIN_FILES:
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - platforms without affinity
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, 8))


def _ignore_sigint() -> None:
    # Ctrl+C reaches every process of the group; only the main one reports it.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


_TEMPLATES: TemplateCache | None = None
"""The templates found by this process's checks (one batch per process)."""


def _check_one(task: _CheckTask) -> _CheckResult:
    """Check one file: (exit code for it, text for stdout, error for stderr, JSON entry)."""
    from drafter.checks import run_checks
    from drafter.storage import load_arende
    from drafter.templates import TemplateCache

    global _TEMPLATES
    if _TEMPLATES is None:
        _TEMPLATES = TemplateCache()
    name, mall, fmt, colour = task
    path = Path(name)
    try:
        try:
            loaded = load_arende(path, mall, templates=_TEMPLATES)
            template = loaded.template.template
            findings = run_checks(loaded.arende, template)
        except RecursionError as exc:  # a guard that failed: still one file, not the batch
            raise DrafterError("filen är för djupt nästlad för att granskas", path) from exc
    except DrafterError as exc:
        if fmt == "json":
            entry = {"file": printable(str(path)), "error": printable(exc.message)}
            return 2, "", "", {**entry, "findings": []}
        return 2, "", exc.message, None
    file_worst = 1 if any(f.severity is Severity.ERROR for f in findings) else 0
    if fmt == "json":
        found = [{k: _printable_or_none(v) for k, v in f.as_json().items()} for f in findings]
        return file_worst, "", "", {"file": printable(str(path)), "findings": found}
    return file_worst, _format_findings(path, findings, template, colour), "", None


def _printable_or_none(value: str | None) -> str | None:
    return None if value is None else printable(value)


def _format_findings(path: Path, findings: list[Finding], template: object, colour: bool) -> str:
    from drafter.model import IMPORTED_KEY
    from drafter.templates import Template

    assert isinstance(template, Template)
    bold, reset = ("\033[1m", "\033[0m") if colour else ("", "")
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    summary = (
        f"{count_sv(counts[Severity.ERROR], 'fel')}, "
        f"{count_sv(counts[Severity.WARNING], 'varning', 'varningar')}, "
        f"{count_sv(counts[Severity.INFO], 'info')}"
    )
    lines = [f"{bold}{printable(str(path))}{reset}: {summary if findings else 'inga anmärkningar'}"]
    groups: dict[str | None, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.section, []).append(finding)
    for section_id, items in groups.items():
        if section_id is None:
            title = "Uppgifter om ärendet"
        elif section_id == IMPORTED_KEY:
            title = "Importerad text utan sektion"
        else:
            title = template.section(section_id).heading
        lines.append(f"  {bold}{printable(title)}{reset}")
        for f in sorted(items, key=lambda f: f.severity.rank):
            label = f.severity.label
            if colour:
                label = f"{_COLOURS[f.severity]}{label}{reset}"
            lines.append(f"    {label}: {printable(f.message)} [{printable(f.rule)}]")
    lines.append("")
    return "\n".join(lines)
