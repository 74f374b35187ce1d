"""Typing for Pilot tests: a whole text at typing speed, then one wait.

``Pilot.press(*text)`` waits for the app to go idle after every key (at least 40 ms a key,
more on a busy machine), so a test that types a few sentences spends most of its time asleep.
:func:`type_text` hands the app every key of ``text`` at once, in order, as a fast typist or
a terminal's key repeat does, and then waits once until the app is idle. The app must cope
with that (tests/test_tui_app.py has a test typing at 15 ms a key); tests that are about a key
by itself (Enter, F8, Backspace) still use ``pilot.press``.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from textual import events
from textual.pilot import Pilot


def key_event(character: str) -> events.Key:
    """The key event a terminal sends for one printable character."""
    if character.isalnum():
        name = character
    else:
        name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    return events.Key(name, character)


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type ``text`` (printable characters) into whatever has the focus, then wait for idle."""
    for character in text:
        pilot.app.post_message(key_event(character))
    await pilot.pause()
