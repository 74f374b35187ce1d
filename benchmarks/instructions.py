"""Start-up in instructions (valgrind's callgrind), which the machine's load does not move.

Run from the project root: ``python benchmarks/instructions.py`` (about 2 minutes; needs
``valgrind`` on the PATH). Prints millions of instructions for each start-up row of
``run.py`` and the same ratios: ``drafter check`` on one file against its floor (a script
that defines one pydantic model), and the TUI's first frame (headless, 100×30, to the app's
Ready event) against the minimal Textual app and the floor app (the minimal app with one
pydantic model). Wall-clock figures on a shared machine move by ±0.2 in a ratio between
runs; these repeat to about 1 %, so use them to see whether a change to start-up pays.

Counts are taken with ``PYTHONHASHSEED=0`` and drafter's bytecode compiled (where
``PYTHONDONTWRITEBYTECODE`` is set, every start would otherwise compile drafter's modules).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import PYDANTIC_MODEL, compile_drafter  # noqa: E402

EXAMPLE = HERE.parent / "examples" / "vanguard.toml"
PYTHON = sys.executable

MINIMAL_APP = """
import os
from textual.app import App
from textual.widgets import Static

class Minimal(App[None]):
    def compose(self):
        yield Static("Uppgifter om ärendet")

    def on_ready(self) -> None:
        os._exit(0)

Minimal().run(headless=True, size=(100, 30))
"""

DRAFTER_FIRST_FRAME = """
import os, sys
import drafter.tui.app as appmod

def on_ready(self):  # the first frame is painted: stop counting
    os._exit(0)

appmod.DrafterApp.on_ready = on_ready
real_run = appmod.DrafterApp.run
appmod.DrafterApp.run = lambda self, *a, **k: real_run(self, headless=True, size=(100, 30))
from drafter.cli import main
main([sys.argv[1]])  # as `python -m drafter FILE` runs it
"""


def instructions(args: list[str]) -> float:
    """Millions of instructions the command runs (callgrind's "Collected")."""
    env = dict(os.environ, PYTHONHASHSEED="0")
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    found = re.search(r"Collected : (\d+)", result.stderr)
    if found is None:
        raise RuntimeError(f"callgrind gave no count for {args}:\n{result.stderr[-2000:]}")
    return int(found.group(1)) / 1e6


def main() -> int:
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: install it to count instructions.", file=sys.stderr)
        return 2
    compile_drafter()
    with tempfile.TemporaryDirectory(prefix="drafter-instructions-") as tmp:
        work = Path(tmp)
        scripts = {
            "floor": PYDANTIC_MODEL,
            "minimal": MINIMAL_APP,
            "minimal_model": PYDANTIC_MODEL + MINIMAL_APP,
            "first_frame": DRAFTER_FIRST_FRAME,
        }
        for name, code in scripts.items():
            (work / f"{name}.py").write_text(code, encoding="utf-8")
        example = work / "example.toml"
        shutil.copy(EXAMPLE, example)
        os.environ.setdefault("DRAFTER_STATE_DIR", str(work / "state"))
        # Once uncounted: drafter notes that the template's rules passed their check
        # (drafter.template_memo), as on every start after a template's first.
        subprocess.run(
            [PYTHON, "-m", "drafter", "check", "--utan-stavning", str(example)],
            capture_output=True,
            check=False,
        )
        check = instructions([PYTHON, "-m", "drafter", "check", "--utan-stavning", str(example)])
        floor = instructions([PYTHON, str(work / "floor.py")])
        minimal = instructions([PYTHON, str(work / "minimal.py")])
        app_floor = instructions([PYTHON, str(work / "minimal_model.py")])
        first = instructions([PYTHON, str(work / "first_frame.py"), str(example)])
    rows = [
        ("python: BaseModel + 1 model (floor)", floor, ""),
        ("drafter check --utan-stavning, one file", check, f"×{check / floor:.2f} floor"),
        ("minimal Textual app, first frame", minimal, ""),
        ("minimal app + 1 pydantic model (floor)", app_floor, f"×{app_floor / minimal:.2f}"),
        (
            "drafter, first frame",
            first,
            f"×{first / minimal:.2f} minimal; ×{first / app_floor:.2f} floor",
        ),
    ]
    print(f"{'start-up (callgrind)':<44} {'M instr.':>9}  ratio")
    for name, value, ratio in rows:
        print(f"{name:<44} {value:>9.0f}  {ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
