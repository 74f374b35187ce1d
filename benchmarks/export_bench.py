"""Export timings: the example ärende (and larger generated ones) to md, docx and pdf.

Run from the project root with ``python benchmarks/export_bench.py`` (``--rounds N``,
``--sizes 50,200`` in KB for generated ärenden, ``--quick`` for one round on the example
only). Prints figures, asserts nothing: each row is the median (min–max) of the rounds
of ``drafter.publish.export`` writing a file, formats alternating within each round
because this machine class drifts. The first row per format is the first export in this
process (imports of python-docx / typst included), which is what a single
``drafter export`` pays on top of starting Python.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from drafter.publish import FORMATS, Format, export  # noqa: E402
from drafter.storage import load_arende  # noqa: E402

EXAMPLE = ROOT / "examples" / "vanguard.toml"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f}"


def _time_export(source: Path, fmt: Format, out: Path) -> float:
    loaded = load_arende(source)
    start = time.perf_counter()
    export(loaded.arende, loaded.template, fmt, out, source=source)
    return time.perf_counter() - start


def _pages(path: Path) -> str:
    try:
        import pypdf
    except ImportError:
        return ""
    return f"{len(pypdf.PdfReader(path).pages)} sidor"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--sizes", default="50,200", help="generated ärenden, KB (0: none)")
    parser.add_argument("--quick", action="store_true", help="one round, the example only")
    args = parser.parse_args()
    rounds = 1 if args.quick else max(1, args.rounds)
    sizes = [] if args.quick else [int(s) for s in args.sizes.split(",") if int(s) > 0]

    print(f"{'export':<34} {'median ms':>9} {'min–max ms':>19}  {'fil':>10}")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        sources = [("exemplet (vanguard.toml)", EXAMPLE)]
        if sizes:
            from generate import write_arende

            for kb in sizes:
                sources.append((f"genererat {kb} KB", write_arende(work, f"gen{kb}", kb * 1024)))
        first = True
        for label, source in sources:
            times: dict[str, list[float]] = {fmt: [] for fmt in FORMATS}
            outs = {fmt: work / f"ut-{source.stem}.{fmt}" for fmt in FORMATS}
            if first:  # the first export of each format in this process, imports included
                for fmt in FORMATS:
                    cold = _time_export(source, fmt, outs[fmt])
                    print(f"{'första ' + fmt + ' (med import)':<34} {_ms(cold)}")
                first = False
            for _ in range(rounds):
                for fmt in FORMATS:
                    times[fmt].append(_time_export(source, fmt, outs[fmt]))
            for fmt in FORMATS:
                values = times[fmt]
                size = outs[fmt].stat().st_size // 1024
                extra = _pages(outs[fmt]) if fmt == "pdf" else ""
                spread = f"{_ms(min(values)).strip()}–{_ms(max(values)).strip()}"
                print(
                    f"{label + ' → ' + fmt:<34} {_ms(statistics.median(values))} "
                    f"{spread:>19}  {size:>7} KB {extra}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
