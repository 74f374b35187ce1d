"""Small lookups shared by the Pilot tests (import as ``from tui_helpers import …``)."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from textual.app import App
from textual.widget import Widget
from textual.worker import WorkerCancelled, WorkerState

from drafter.tui.app import DrafterApp
from drafter.tui.screens.main import MainScreen


def main_screen(app: DrafterApp) -> MainScreen:
    """The screen shown, which must be the main screen (no dialog open)."""
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


def focused(app: DrafterApp) -> Widget | None:
    """The focused widget (a call: mypy must not keep an earlier isinstance narrowing)."""
    return app.focused


def toasts(app: DrafterApp) -> list[str]:
    """The notifications shown (Textual keeps them on the app)."""
    return [n.message for n in app._notifications]


async def wait_for_workers(app: App[Any]) -> None:
    """Wait until no worker runs, as ``app.workers.wait_for_complete()`` does, but a worker
    cancelled on purpose is not an error: the checks run as an exclusive worker, so a newer
    run (the dictionary arriving, a key typed) cancels the one being waited for, and
    ``wait_for_complete`` then raises ``WorkerCancelled``. A worker that failed still raises.
    """
    for _ in range(100):  # each round waits for the workers running at its start
        running = [w for w in app.workers if w.state in (WorkerState.PENDING, WorkerState.RUNNING)]
        if not running:
            return
        started = [w for w in running if w.state is WorkerState.RUNNING]
        if started:  # (an empty list would mean every worker, pending ones too)
            # a cancelled one was replaced by a newer run, which the next round waits for
            with contextlib.suppress(WorkerCancelled):
                await app.workers.wait_for_complete(started)
        await asyncio.sleep(0)  # let pending workers start
    raise AssertionError("workers kept starting: the app never settled")


def benchmark_module(name: str) -> ModuleType:
    """A module of ``benchmarks/`` (``generate``, ``run`` …), imported with that folder on
    the path, as the benchmarks import each other."""
    benchmarks = str(Path(__file__).resolve().parent.parent / "benchmarks")
    sys.path.insert(0, benchmarks)
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(benchmarks)


def generated_arende(folder: Path, name: str, size: int) -> Path:
    """A complete ärende of about ``size`` bytes, written by the benchmarks' generator."""
    path: Path = benchmark_module("generate").write_arende(folder, name, size)
    return path
