"""A conservative check that a template's regular expression cannot backtrack for ages.

Python's ``re`` backtracks: ``(a+)+$`` on forty a's and a b never ends. A template comes
from someone else, so its patterns are checked when it loads, over the pattern text (no
private ``re`` internals). Refused, with a Swedish reason:

* a repeated group that holds a repetition without an upper bound or an alternation,
  ``(a+)+``, ``(a|aa)*``, ``(\\d{2}|x){3}``, or any repetition inside a group repeated
  without bound, ``(\\d?)*``;
* back-references ``\\1``, ``(?P=namn)`` and conditionals ``(?(1)…)``;
* more than :data:`MAX_UNBOUNDED` repetitions without an upper bound in all
  (``\\d+\\d+\\d+\\d+`` is polynomial, which the input length limit keeps small).

What is left runs in time polynomial of degree at most :data:`MAX_UNBOUNDED` in the input,
and callers bound the input (:data:`MAX_INPUT`). A pattern that is refused here though it
is harmless can always be rewritten in a plainer form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Repetitions without an upper bound (``*``, ``+``, ``{n,}``, ``{m,n}`` with a large n).
MAX_UNBOUNDED = 3
#: A bound above this counts as no bound.
_LARGE_BOUND = 50
#: Longest text a template pattern is run on; a longer value does not match.
MAX_INPUT = 200

_COUNTED = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")


@dataclass
class _Group:
    unbounded: bool = False  # holds a repetition without an upper bound
    repeated: bool = False  # holds any repetition (?, *, +, {…})
    alternation: bool = False


def pattern_problem(pattern: str) -> str | None:
    """Why ``pattern`` may backtrack catastrophically, in Swedish, or ``None`` when it is
    safe to run on short text. The pattern is assumed to compile."""
    stack = [_Group()]
    last: _Group | None = None  # the group just closed, when it is the atom before a quantifier
    have_atom = False
    unbounded_total = 0
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "\\":
            following = pattern[i + 1 : i + 2]
            if following.isdigit() and following != "0":
                return "bakåtreferenser (\\1 …) är inte tillåtna i mallens mönster"
            i += 2
            last, have_atom = None, True
            continue
        if char == "[":
            i = _class_end(pattern, i)
            last, have_atom = None, True
            continue
        if char == "(":
            if pattern.startswith("(?P=", i) or pattern.startswith("(?(", i):
                return "bakåtreferenser och villkor (?P=…), (?(…)…) är inte tillåtna"
            if pattern.startswith("(?#", i):
                end = pattern.find(")", i)
                i = n if end < 0 else end + 1
                continue
            stack.append(_Group())
            i += 1
            if pattern.startswith("?", i):  # (?:, (?P<name>, (?=, (?!, (?<=, (?<!, flags
                i += 1
            last, have_atom = None, False
            continue
        if char == ")":
            if len(stack) > 1:
                closed = stack.pop()
                parent = stack[-1]
                parent.unbounded |= closed.unbounded
                parent.repeated |= closed.repeated
                parent.alternation |= closed.alternation
                last, have_atom = closed, True
            i += 1
            continue
        if char == "|":
            stack[-1].alternation = True
            last, have_atom = None, False
            i += 1
            continue
        quantifier = _quantifier(pattern, i)
        if quantifier is not None and have_atom:
            end, most = quantifier
            unbounded = most is None or most > _LARGE_BOUND
            repeats = most is None or most > 1
            if (
                last is not None
                and repeats
                and (last.unbounded or last.alternation or (unbounded and last.repeated))
            ):
                return (
                    "en upprepad grupp innehåller en upprepning eller ett alternativ "
                    "(som i (a+)+ eller (a|b)*) och kan ta orimligt lång tid; skriv "
                    "mönstret utan upprepning inuti upprepning"
                )
            frame = stack[-1]
            frame.repeated = True
            if unbounded:
                frame.unbounded = True
                unbounded_total += 1
                if unbounded_total > MAX_UNBOUNDED:
                    return (
                        f"mönstret har fler än {MAX_UNBOUNDED} obegränsade upprepningar "
                        "(*, +, {n,}) och kan ta orimligt lång tid; ange gränser som \\d{1,6}"
                    )
            i = end
            if pattern.startswith(("?", "+"), i):  # lazy or possessive
                i += 1
            last, have_atom = None, False
            continue
        last, have_atom = None, True
        i += 1
    return None


def _class_end(pattern: str, start: int) -> int:
    """The index after the character class that starts at ``start`` (``[``)."""
    i = start + 1
    if pattern.startswith("^", i):
        i += 1
    if pattern.startswith("]", i):  # a "]" first is a literal
        i += 1
    while i < len(pattern):
        if pattern[i] == "\\":
            i += 2
            continue
        if pattern[i] == "]":
            return i + 1
        i += 1
    return len(pattern)


def _quantifier(pattern: str, i: int) -> tuple[int, int | None] | None:
    """(index after it, most repetitions or ``None`` for no bound) when a quantifier
    starts at ``i``."""
    char = pattern[i]
    if char in "*+":
        return i + 1, None
    if char == "?":
        return i + 1, 1
    if char == "{":
        match = _COUNTED.match(pattern, i)
        if match is None or not (match.group(1) or match.group(3)):
            return None  # a literal "{"
        least, comma, most = match.groups()
        if not comma:
            return match.end(), int(least)
        return match.end(), int(most) if most else None
    return None
