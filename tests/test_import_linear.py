"""Import is linear in its input (issue 11): doubling the input twice (4x) takes about 4x the
work, never about 16x as a quadratic step would.

Timings are compared as a ratio within one run (CPU time of this process, best of three for
each size, so other processes on a busy machine hardly count); no absolute time is asserted.
The inputs are large enough (the larger one about 1.5 MB) for a quadratic step to dominate:
the old importer gave ratios of 11-13 on the first two, the linear one gives 4-5.5 (memory
effects make it a little more than 4); the limit of 8 leaves room for noise.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from drafter.importer import import_text
from drafter.templates import Template, find_template

_LINE = "Förvaltningen har utrett frågan och bedömer att kostnaden ryms inom ramen\n"


def _wrapped_paragraph(n: int) -> str:
    return "Sammanfattning\n" + _LINE * n


def _unknown_headings(n: int) -> str:
    return "Ärendet\n\nText.\n\n" + "".join(
        f"Rubrik nummer {i}\nEn mening om detta.\n\n" for i in range(n)
    )


def _long_decision(n: int) -> str:
    return "Förslag till beslut\nNämnden beslutar\natt " + _LINE * n


def _flattened(n: int) -> str:
    return ("Ordet " * 20 + "Sammanfattning Texten börjar " + "ord " * 30) * n


def _page_furniture(n: int) -> str:
    page = "Region Exempel\nSida {i} av 9\n" + _LINE * 20 + "\n"
    return "Ärendet\n" + "".join(page.replace("{i}", str(i % 9 + 1)) for i in range(n))


def _counters_and_blank_lines(n: int) -> str:
    return "Ärendet\nText.\n" + "".join(f"{i % 9 + 1} (9)\n" + "\n" * 40 for i in range(n))


def _best_of_three(work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize(
    ("make", "n"),
    [
        (_wrapped_paragraph, 5000),
        (_unknown_headings, 2000),
        (_long_decision, 1500),
        (_flattened, 120),
        (_page_furniture, 60),
        (_counters_and_blank_lines, 400),
    ],
)
def test_four_times_the_input_takes_about_four_times_the_work(
    make: Callable[[int], str], n: int
) -> None:
    template: Template = find_template().template
    small, large = make(n), make(4 * n)
    import_text(small, template, input_format="text")  # warm caches
    ratio = _best_of_three(
        lambda: import_text(large, template, input_format="text")
    ) / _best_of_three(lambda: import_text(small, template, input_format="text"))
    assert ratio < 8, f"4x the input took {ratio:.1f}x the time"
