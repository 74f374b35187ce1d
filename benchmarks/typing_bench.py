"""Typing, findings, preview and freeze benchmarks, run inside Textual's ``run_test()``.

Called by ``run.py`` as ``bench_typing_and_preview(work, sizes, quick, rows)``.

For each size, drafter (the Ärendet TextArea of a generated ärende, preview shown) and a
bare Textual app (one TextArea and a trivial validator that updates a label on every
change) are driven alternately, each in its own ``run_test()``, with the same text and the
same keys. drafter runs as ``run_tui`` runs it for users, with Python's thread switch
interval at 1 ms (``drafter.tui.quick_thread_switches``); the bare app with Python's
default. A keystroke is timed from posting the ``Key`` event until every message it
caused has been handled (the TextArea, each ancestor up to the screen, and the app) and the
screen has been painted (the compositor update is also rendered to terminal escape codes,
which headless mode otherwise skips). ``pilot.press()`` is not used: it sleeps 40 ms or
more per key.

Measured per size:

* keystroke → painted frame, drafter vs the bare app (ratio ≤ 1.3);
* findings updated: from the last key of a word the word list flags ("skall") until the
  screen hands the finding to the list under the editor (drafter runs the checks when
  typing pauses);
* preview updated: from the last key until the typed word is painted in the preview pane
  (≤ 150 ms for sections up to 10 KB);
* the longest event-loop stall (a frozen UI) while typing, pausing and autosaving;
* keystroke latency while a save (F2) and while an autosave runs (typing is never blocked),
  each compared with the bare app's key after the same pause (≤ 1.3×). Both are the first
  key after a pause (≥ 1 s), which is slower in any app than a key in quick typing, so the
  bare app types the same keys after exactly as long a pause as the drafter run before it
  (with nothing running: it saves nothing), in the same alternating runs:

  - during save: F2 is posted 1.2 s after the findings are shown, the key right behind it;
  - during autosave: the F2 save leaves nothing unsaved, so one untimed key first makes the
    ärende unsaved again; its autosave timer (``AUTOSAVE_DELAY``) is wrapped so that the
    benchmark learns when it has fired and started the draft-writing worker, and the key
    is posted at once. ``drafter.recovery.write_draft`` is wrapped too: unless exactly one
    draft file was written in that window the benchmark fails, and the row "autosave: draft
    finished after key post" shows that the writing was still going on when the key was
    posted (> 0 ms).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import re
import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generate import write_arende
from run import KB, Row

KEY_GAP = 0.03
"""Seconds between timed keystrokes (a fast typist; background work may run in between)."""
WORD = "skall Qzxq"
"""Typed at the start of Ärendet: a word the word list flags, then a marker for the preview."""
MARKER = WORD
"""Complete only after the last letter: the preview shows it once it shows all typed."""
PREVIEW_BUDGET = 0.15
PREVIEW_MAX_SECTION = 10 * KB
FREEZE_BUDGET = 0.1
"""The longest the UI may stand still (100 ms: the limit for feeling instant)."""
WAIT_TIMEOUT = 5.0


# --------------------------------------------------------------------------- apps


def _bare_app(text: str) -> Any:
    from textual.app import App, ComposeResult
    from textual.widgets import Static, TextArea

    class BareApp(App[None]):
        """A TextArea and a trivial validator that runs on every change."""

        def compose(self) -> ComposeResult:
            yield TextArea(text, soft_wrap=True, id="text")
            yield Static("", id="status")

        def on_mount(self) -> None:
            self.query_one(TextArea).focus()

        def on_text_area_changed(self, event: TextArea.Changed) -> None:
            size = len(event.text_area.text)
            self.query_one("#status", Static).update(f"{size} tecken" if size else "Tom text")

    return BareApp()


def _drafter_app(path: Path, spelling: bool) -> Any:
    from drafter.tui import prepare_session
    from drafter.tui.app import DrafterApp

    session, prompt, report = prepare_session(path, None)
    return DrafterApp(session, overwrite_prompt=prompt, import_report=report, spelling=spelling)


# --------------------------------------------------------------------------- helpers


MOVE_TO = re.compile(r"\x1b\[(\d+);(\d+)H")
STYLE = re.compile(r"\x1b\[[0-9;:]*m")


class PaintWatch:
    """Turns the app's screen updates into terminal output (headless apps skip that) and
    records when a text is first painted inside a widget's region."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self._watches: dict[str, tuple[Any, str]] = {}
        self.seen: dict[str, float] = {}
        self._events: dict[str, asyncio.Event] = {}
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            render = getattr(renderable, "render_segments", None)
            if render is not None:
                output = render(app.console)
                if self._watches:
                    self._scan(output)
            original(screen, renderable)

        app._display = display

    def watch(self, name: str, widget: Any, text: str) -> None:
        """From now on, note when ``text`` is painted inside ``widget``."""
        self._watches[name] = (widget, text)
        self._events[name] = asyncio.Event()

    async def wait(self, name: str, timeout: float = WAIT_TIMEOUT) -> float:
        """perf_counter() of the first paint of the watched text, or nan on timeout."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._events[name].wait(), timeout)
        return self.seen.get(name, float("nan"))

    def _scan(self, output: str) -> None:
        now = time.perf_counter()
        moves = list(MOVE_TO.finditer(output))
        for name, (widget, text) in list(self._watches.items()):
            region = widget.region
            for i, move in enumerate(moves):
                end = moves[i + 1].start() if i + 1 < len(moves) else len(output)
                chunk = STYLE.sub("", output[move.end() : end])
                found = chunk.find(text)
                if found < 0:
                    continue
                y, x = int(move.group(1)) - 1, int(move.group(2)) - 1 + found
                if region.contains(x, y):
                    self.seen[name] = now
                    self._events[name].set()
                    del self._watches[name]
                    break


async def _finding_listed(screen: Any, section: str, text: str) -> float:
    """perf_counter() when the step's findings first hold one whose message has ``text``
    (the word list's finding for the typed word), or nan. The screen hands new findings
    to the list under the editor in the same turn of the event loop."""
    deadline = time.perf_counter() + WAIT_TIMEOUT
    while time.perf_counter() < deadline:
        if any(text in f.message for f in screen.session.findings_for(section)):
            return time.perf_counter()
        await asyncio.sleep(0.002)
    return float("nan")


async def _handled(node: Any) -> None:
    """Wait until ``node`` has handled every message queued before this call."""
    done = asyncio.Event()
    node.call_later(done.set)
    await done.wait()


async def keystroke(app: Any, key: str, char: str | None) -> float:
    """Post one key to the focused widget; seconds until its effects are painted."""
    from textual import events

    focused = app.focused
    chain = [app, *(focused.ancestors_with_self if focused is not None else [app.screen])]
    start = time.perf_counter()
    event = events.Key(key, char)
    event.set_sender(app)
    app.post_message(event)
    for node in chain:  # the key travels app → widget, its messages bubble back up
        await _handled(node)
    app.screen._on_timer_update()  # paint now rather than at the next 60 Hz tick
    return time.perf_counter() - start


def _key_name(char: str) -> str:
    return "space" if char == " " else char


async def type_text(app: Any, text: str, gap: float = KEY_GAP) -> list[float]:
    times = []
    for char in text:
        times.append(await keystroke(app, _key_name(char), char))
        await asyncio.sleep(gap)
    return times


class StallMonitor:
    """Measures the longest time the event loop did not run (a frozen UI)."""

    TICK = 0.005

    def __init__(self) -> None:
        self.longest = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(self.TICK)
            now = time.perf_counter()
            self.longest = max(self.longest, now - last - self.TICK)
            last = now

    def __enter__(self) -> StallMonitor:
        self._task = asyncio.get_running_loop().create_task(self._run())
        return self

    def __exit__(self, *exc: object) -> None:
        if self._task is not None:
            self._task.cancel()


@contextlib.contextmanager
def _own_heap() -> Iterator[None]:
    """Run one app with the benchmark's own objects out of the collector's way.

    All apps run in this one process, whose heap holds what earlier runs and the spelling
    dictionary left. Without this, a full collection in the bare app (which, unlike
    drafter, does not freeze its start-up objects) walked all of it: the bare app's key
    after a pause took 370 ms in 4 of 7 runs at 50 KB. Frozen first, each app's
    collections see only its own objects, as in a process of its own that has imported
    its modules. (drafter's app unfreezes everything when it closes; the next run freezes
    again.)
    """
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextlib.contextmanager
def _state_dir(path: Path) -> Iterator[None]:
    """A private recovery-draft folder, so no run is offered another run's draft."""
    old = os.environ.get("DRAFTER_STATE_DIR")
    os.environ["DRAFTER_STATE_DIR"] = str(path)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("DRAFTER_STATE_DIR", None)
        else:
            os.environ["DRAFTER_STATE_DIR"] = old


# --------------------------------------------------------------------------- one run


SIZE = (160, 45)
"""Wide enough that drafter shows the preview beside the editor."""


async def run_bare(text: str, pauses: dict[str, float]) -> dict[str, float]:
    """``pauses``: the drafter run's pauses before its keys during save and autosave, so
    that the bare app's first key after a pause is timed after exactly as long a pause."""
    app = _bare_app(text)
    async with app.run_test(size=SIZE) as pilot:
        PaintWatch(app)
        await pilot.pause()
        app.query_one("TextArea").cursor_blink = False
        with StallMonitor() as stall:
            times = await type_text(app, WORD)
            last_key = time.perf_counter()
            await asyncio.sleep(0.6)  # past the checks that the key started
        result = {"key": statistics.median(times), "stall": stall.longest}
        # the same keys after the same pauses as drafter's during save and autosave, with
        # nothing running (the bare app saves nothing)
        await _sleep_until(last_key + pauses["pause_save"])
        result["key_save"] = await keystroke(app, "a", "a")
        await asyncio.sleep(0.6)
        await keystroke(app, "b", "b")
        last_key = time.perf_counter()
        await _sleep_until(last_key + pauses["pause_autosave"])
        result["key_autosave"] = await keystroke(app, "c", "c")
        await asyncio.sleep(0.6)
    return result


async def _sleep_until(deadline: float) -> None:
    await asyncio.sleep(max(0.0, deadline - time.perf_counter()))


async def run_drafter(path: Path, section: str, spelling: bool = True) -> dict[str, float]:
    from drafter.tui import quick_thread_switches

    with quick_thread_switches():  # as run_tui runs the app for users
        return await _run_drafter(path, section, spelling)


async def _run_drafter(path: Path, section: str, spelling: bool) -> dict[str, float]:
    from textual.widgets import TextArea

    app = _drafter_app(path, spelling)
    async with app.run_test(size=SIZE) as pilot:
        paints = PaintWatch(app)
        screen = app.main_screen
        screen.open_step(section)
        await pilot.pause()
        area = screen.editor(section).query_one("#text", TextArea)
        area.focus()
        area.cursor_blink = False
        area.move_cursor((0, 0))
        await pilot.pause()
        # The checks that opening started (and, with spelling, the re-check once the
        # dictionary is there) must be done before the findings are counted below.
        await app.workers.wait_for_complete()
        await pilot.pause()
        preview = screen.preview
        result: dict[str, float] = {}
        with StallMonitor() as stall:
            paints.watch("preview", preview, MARKER)
            times = await type_text(app, WORD)
            last_key = time.perf_counter()
            t_preview, t_findings = await asyncio.gather(
                paints.wait("preview"), _finding_listed(screen, section, "”skall”")
            )
            await asyncio.sleep(1.2)  # the autosave fires after 1 s of quiet
        result["key"] = statistics.median(times)
        result["preview"] = t_preview - last_key
        result["findings"] = t_findings - last_key
        result["stall"] = stall.longest

        # typing while saving (F2): the key is queued right behind F2
        result["pause_save"] = time.perf_counter() - last_key
        app.post_message(_key("f2"))
        result["key_save"] = await keystroke(app, "a", "a")
        await asyncio.sleep(0.6)  # past the save and the checks that the key started
        result.update(await _key_during_autosave(app, screen))
    return result


async def _key_during_autosave(app: Any, screen: Any) -> dict[str, float]:
    """Type one untimed key (the ärende is unsaved again), wait until its autosave timer
    fires and has started the draft-writing worker, then time a key while it writes."""
    import drafter.recovery as recovery
    from drafter.tui.flows import recovery as recovery_flow
    from drafter.tui.screens import main

    started = asyncio.Event()
    autosave = recovery_flow.autosave
    writes: list[tuple[float, float, Path]] = []
    write_draft = recovery.write_draft

    def autosave_now(on: Any) -> None:
        autosave(on)
        started.set()  # the worker is started: it runs before the key below is posted

    def counting_write_draft(*args: Any, **kwargs: Any) -> Path:
        begin = time.perf_counter()
        path = write_draft(*args, **kwargs)
        writes.append((begin, time.perf_counter(), path))
        return path

    # the timer the key below starts calls this one
    recovery_flow.autosave = autosave_now  # type: ignore[assignment]
    recovery.write_draft = counting_write_draft
    try:
        await keystroke(app, "b", "b")  # untimed: makes the ärende unsaved
        last_key = time.perf_counter()
        await asyncio.wait_for(started.wait(), main.AUTOSAVE_DELAY + WAIT_TIMEOUT)
        pause = time.perf_counter() - last_key
        key_start = time.perf_counter()
        key = await keystroke(app, "c", "c")
        await asyncio.sleep(0.6)  # the draft written, the checks that the key started done
    finally:
        recovery_flow.autosave = autosave
        recovery.write_draft = write_draft
    if len(writes) != 1 or not writes[0][2].is_file():
        raise RuntimeError(f"expected one recovery draft written by the autosave: {writes}")
    return {
        "key_autosave": key,
        "pause_autosave": pause,
        # > 0: the draft was still being written when the timed key was posted
        "autosave_overlap": writes[0][1] - key_start,
    }


def _key(key: str) -> Any:
    from textual import events

    return events.Key(key, None)


# --------------------------------------------------------------------------- rows


def bench_typing_and_preview(work: Path, sizes: list[int], quick: bool, rows: list[Row]) -> None:
    from drafter import spelling
    from drafter.storage import load_arende

    # 7 runs: the keys during save and autosave are one sample per run, and a single key
    # on this machine class varies by ±30 % (15–25 ms for the same work)
    runs = 2 if quick else 7
    section = "arendet"
    # drafter as users run it, with spelling: the dictionary is loaded first (in the helper
    # process, as after the app's first frame), so every key meets the spelling check.
    spelling.load()
    for size in sizes:
        drafter: list[dict[str, float]] = []
        no_spelling: list[dict[str, float]] = []
        bare: list[dict[str, float]] = []
        for run in range(runs):
            path = write_arende(work, f"typing{size}-{run}", size)
            content = load_arende(path).arende.sections[section]
            text: str = content.text  # type: ignore[union-attr]
            with _state_dir(work / f"state-typing{size}-{run}"), _own_heap():
                drafter.append(asyncio.run(run_drafter(path, section)))
            with _state_dir(work / f"state-typing-off{size}-{run}"), _own_heap():
                no_spelling.append(asyncio.run(run_drafter(path, section, spelling=False)))
            with _own_heap():
                bare.append(asyncio.run(run_bare(text, drafter[-1])))
        _rows(rows, size, len(text.encode()), drafter, bare)
        on = statistics.median(r["key"] for r in drafter)
        off = [r["key"] for r in no_spelling]
        ratio = on / statistics.median(off)
        rows.append(
            Row(
                f"typing: drafter --utan-stavning, {size // KB} KB (spelling on ×{ratio:.2f})",
                off,
                budget="on ≤ 1.15× off",
                ok=ratio <= 1.15,
            )
        )


def _rows(
    rows: list[Row],
    size: int,
    section_bytes: int,
    drafter: list[dict[str, float]],
    bare: list[dict[str, float]],
) -> None:
    kb = f"{size // KB} KB"

    def samples(runs: list[dict[str, float]], key: str) -> list[float]:
        return [r[key] for r in runs]

    bare_key = samples(bare, "key")
    base = statistics.median(bare_key)
    ratio = statistics.median(samples(drafter, "key")) / base
    rows.append(Row(f"typing: bare TextArea+validator, {kb}", bare_key))
    rows.append(
        Row(
            f"typing: drafter keystroke→frame, {kb} (×{ratio:.2f})",
            samples(drafter, "key"),
            budget="≤ 1.3× bare",
            ok=ratio <= 1.3,
        )
    )
    # A first key after a pause is slower in any app than one in quick typing, so these
    # are compared with the bare app's key after the same pause (nothing running there).
    for key, label, baseline in (
        ("key_save", "during save (F2)", "F2"),
        ("key_autosave", "during autosave", "autosave"),
    ):
        bare_pause = samples(bare, key)
        values = samples(drafter, key)
        ratio = statistics.median(values) / statistics.median(bare_pause)
        rows.append(Row(f"typing: bare, key after {baseline} pause, {kb}", bare_pause))
        rows.append(
            Row(
                f"typing: keystroke {label}, {kb} (×{ratio:.2f})",
                values,
                budget="≤ 1.3× bare after pause",
                ok=ratio <= 1.3,
            )
        )
    overlap = samples(drafter, "autosave_overlap")
    rows.append(
        Row(
            f"autosave: draft finished after key post, {kb}",
            overlap,
            budget="> 0 (overlaps the key)",
            ok=min(overlap) > 0,
        )
    )
    rows.append(
        Row(f"findings shown after last key, {kb}", samples(drafter, "findings"), budget="info")
    )
    preview = samples(drafter, "preview")
    small = section_bytes <= PREVIEW_MAX_SECTION
    rows.append(
        Row(
            f"preview painted after last key, {kb}",
            preview,
            budget="≤ 150 ms (section ≤ 10 KB)" if small else "info (section > 10 KB)",
            ok=statistics.median(preview) <= PREVIEW_BUDGET if small else None,
        )
    )
    stall = samples(drafter, "stall")
    rows.append(Row(f"UI stall while typing, bare, {kb}", samples(bare, "stall")))
    rows.append(
        Row(
            f"UI stall while typing, drafter, {kb}",
            stall,
            budget="≤ 100 ms (no freeze)",
            ok=max(stall) <= FREEZE_BUDGET,
        )
    )
