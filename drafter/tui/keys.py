"""Key bindings as the one source of the key help (F1) and the command palette.

Bindings are declared once, on the screen or widget that owns the action, as
``Binding(keys, action, description, id="kategori.namn", tooltip=...)``. The id's first
part names the group ("fil", "visa", "steg", "rad", "fält"); the description is the short
Swedish name shown in the footer and the palette; the tooltip is the palette's longer help.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable, Iterator

from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.message_pump import MessagePump

GROUPS = {"fil": "Fil", "visa": "Visa", "steg": "Steg", "fält": "Fält", "rad": "Rad"}
"""Palette and help group of a binding id's first part, in the order the help lists them."""

_KEY_NAMES = {
    "ctrl": "Ctrl",
    "alt": "Alt",
    "shift": "Shift",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "delete": "Del",
    "backspace": "Backsteg",
    "enter": "Enter",
    "escape": "Esc",
    "tab": "Tab",
    "home": "Home",
    "end": "End",
}


def key_name(key: str) -> str:
    """ "ctrl+pagedown" → "Ctrl+PgDn", "f2" → "F2"."""
    parts = []
    for part in key.split("+"):
        if part in _KEY_NAMES:
            parts.append(_KEY_NAMES[part])
        elif part.startswith("f") and part[1:].isdigit():
            parts.append(part.upper())
        else:
            parts.append(part.upper() if len(part) == 1 else part)
    return "+".join(parts)


def keys_label(binding: Binding) -> str:
    """Every key of a binding, the one shown in the footer first: "F2 / Ctrl+S"."""
    names = [key_name(k.strip()) for k in binding.key.split(",")]
    if binding.key_display:
        shown = binding.key_display
        names = [shown] + [n for n in names if n != shown]
    return " / ".join(names)


def described(*owners: type[DOMNode]) -> Iterator[Binding]:
    """The bindings of ``owners`` that have an id in a known group and a description."""
    seen: set[str] = set()
    for owner in owners:
        for binding in _bindings(owner.BINDINGS):
            if not binding.id or not binding.description or binding.id in seen:
                continue
            if binding.id.split(".", 1)[0] in GROUPS:
                seen.add(binding.id)
                yield binding


def _bindings(declared: Iterable[BindingType]) -> Iterator[Binding]:
    for item in declared:
        if isinstance(item, Binding):
            yield item


def group_of(binding: Binding) -> str:
    return GROUPS[(binding.id or "").split(".", 1)[0]]


def key_help(*owners: type[DOMNode]) -> str:
    """The key help shown under F1: one line per group, written from the bindings."""
    lines: dict[str, list[str]] = {}
    for binding in described(*owners):
        entry = f"{keys_label(binding)} {binding.description.lower()}"
        group = lines.setdefault(group_of(binding), [])
        if entry not in group:  # a screen key that a widget also has (Ctrl+Z) is listed once
            group.append(entry)
    ordered = [g for g in GROUPS.values() if g in lines]
    return "Tangenter:\n" + "\n".join(f"{g}: {' · '.join(lines[g])}" for g in ordered)


def hint(owner: type[DOMNode], ids: Iterable[str]) -> str:
    """A one-line key hint from ``owner``'s bindings: "Enter: ny rad · Alt+↑: flytta upp"."""
    by_id = {b.id: b for b in _bindings(owner.BINDINGS)}
    parts = []
    for binding_id in ids:
        binding = by_id[binding_id]
        first = key_name(binding.key.split(",")[0].strip())
        parts.append(f"{first}: {binding.description.lower()}")
    return " · ".join(parts)


async def input_settled(focused: DOMNode | None, up_to: MessagePump) -> None:
    """Wait until every key already sent to ``focused`` has reached the model.

    Keys wait in the focused widget's message queue; handling them posts Changed
    messages that bubble up one queue at a time to the editor, which writes the model.
    Queues are first in, first out, so a callback queued at each node from the focused
    widget up to ``up_to`` twice (once to pass what is queued there, once more for what
    that posted) runs after all of it. Called from a priority key binding, which the app
    awaits before it handles the next key, so no key overtakes what is being done.
    """
    nodes: list[MessagePump] = []
    node: DOMNode | None = focused
    while node is not None:
        nodes.append(node)
        if node is up_to:
            break
        node = node.parent
    loop = asyncio.get_running_loop()
    for _round in range(2):
        for here in nodes:
            if not here.is_attached:
                continue
            done: asyncio.Future[None] = loop.create_future()
            here.call_later(_resolve, done)
            with contextlib.suppress(TimeoutError):  # a node closing never answers
                await asyncio.wait_for(done, timeout=2)


def _resolve(done: asyncio.Future[None]) -> None:
    if not done.done():
        done.set_result(None)
