"""Property: whatever text an ärende holds, the writing program shows it as data.

Arbitrary text with Textual markup (``[b]``, ``[/]``, ``[@click=app.quit]x[/]``) and
control characters (ESC sequences, OSC 52, U+009B) goes into a header field, a prose
section, a list row, a heading kept aside by an import and the file name. Opened in the
app, every widget that shows them must show the literal text (no markup interpreted) and
no control character may reach what is rendered.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, Static, TextArea
from tui_helpers import wait_for_workers

from drafter.model import ListContent, ProseContent
from drafter.storage import load_arende, save_arende
from drafter.text import printable
from drafter.tui import prepare_session
from drafter.tui.app import DrafterApp

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "vanguard.toml"

PIECES = [
    "[b]",
    "[/]",
    "[/b]",
    "[@click=app.quit]x[/]",
    "[red on blue]",
    "[",
    "]",
    "\\",
    "\x1b[2J",
    "\x1b]0;titel\x07",
    "\x1b]52;c;aGVq\x07",
    "\x9b",
    "\x07",
    "\x08",
    "\x7f",
    "\u202e",
    "Å",
    "a",
    " ",
]
hostile_text = st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map("".join)
file_name = hostile_text.map(lambda s: s.replace("/", "").strip() or "x").filter(
    lambda s: s not in (".", "..")
)

CONTROL = {*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0)}


def shown_texts(widget: Widget) -> list[str]:
    """What the user reads: labels, inputs, text areas, list prompts."""
    texts: list[str] = []
    for node in widget.query("*"):
        if isinstance(node, Input):
            texts += [node.value, str(node.placeholder)]
        elif isinstance(node, TextArea):
            texts.append(node.text)
        elif isinstance(node, OptionList):
            texts += [str(node.get_option_at_index(i).prompt) for i in range(node.option_count)]
        elif isinstance(node, Static | Label):
            texts.append(str(node.render()))
    return texts


def no_control_characters(texts: list[str]) -> None:
    for text in texts:
        bad = [hex(ord(c)) for c in text if ord(c) in CONTROL]
        assert not bad, (bad, text)


async def open_and_look(path: Path, texts: dict[str, str]) -> None:
    session, _, _ = prepare_session(path, None)
    app = DrafterApp(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.main_screen
        seen: list[str] = [screen.header.text]
        for step_id in ("__uppgifter", "sammanfattning", "expedieras_till", "importerat"):
            screen.open_step(step_id)
            await pilot.pause()
            await pilot.pause()
            seen += shown_texts(screen)
        await wait_for_workers(app)
        await pilot.pause()
        seen += [str(getattr(w, "source", "")) for w in screen.preview.query(".preview-part")]
        assert app.is_running
        for name, text in texts.items():
            assert any(printable(text) in shown for shown in seen), (name, text)
        no_control_characters(seen)


@pytest.mark.slow
@settings(
    max_examples=6,  # each example starts the app and opens four steps (~1 s)
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    title=hostile_text,
    prose=hostile_text,
    row=hostile_text,
    heading=hostile_text,
    name=file_name,
)
def test_text_from_the_file_is_shown_as_data(
    title: str, prose: str, row: str, heading: str, name: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        loaded = load_arende(EXAMPLE)
        arende, template = loaded.arende, loaded.template.template
        arende.header["titel"] = title
        summary = arende.content(template.section("sammanfattning"))
        assert isinstance(summary, ProseContent)
        summary.text = prose
        recipients = arende.content(template.section("expedieras_till"))
        assert isinstance(recipients, ListContent)
        recipients.items = [row]
        arende.set_imported_text(heading, "Text som importen lade åt sidan.")
        path = Path(folder) / f"{name}.toml"
        save_arende(path, arende, template)
        texts = {"titel": title, "sammanfattning": prose, "rad": row, "rubrik": heading}
        texts["filnamn"] = f"{name}.toml"
        asyncio.run(open_and_look(path, texts))
