"""drafter's own TOML writer writes what tomli-w writes, except that it also escapes C1
controls and bidirectional overrides; what it writes reads back as the same data."""

from __future__ import annotations

import datetime as dt
import random
import tomllib
from typing import Any

import tomli_w

from drafter import tomlwrite
from drafter.text import printable

_CHARS = 'aåä "\\\n\r\t\x00\x01\x1f\x7f\x08\x0b\x0c\u2028\U0001f600'


def _texts() -> list[str]:
    texts = ["", "\n", "\r\n", '"""', "\\", "".join(map(chr, range(128)))]
    rng = random.Random(7)
    texts += ["".join(rng.choice(_CHARS) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    return texts


def test_strings_are_written_as_tomli_w_writes_them() -> None:
    for text in _texts():
        for multiline in (False, True):
            data = {"t": {"s": text}}
            assert tomlwrite.dumps(data, multiline_strings=multiline) == tomli_w.dumps(
                data, multiline_strings=multiline
            ), (text, multiline)


def test_whole_documents_are_written_as_tomli_w_writes_them() -> None:
    data: dict[str, Any] = {
        "format": 1,
        "mall": "tjansteskrivelse",
        "arende": {"titel": 'Ett "citat" och \\ och \t', "nyckel med mellanslag": "x"},
        "text": {"text": "Rad ett\nRad två med \x07 och \u2028\n\nSista", "tom": {}},
        "crlf": {"text": "a\r\nb"},
        "underskrifter": [{"namn": "Anna Andersson", "titel": "Chef"}],
        "lång": [{"namn": "x" * 120}],
        "värden": {
            "tal": [1, -2, 3.5, 1e300, float("inf")],
            "sant": True,
            "datum": dt.date(2025, 1, 2),
            "tid": dt.datetime(2025, 1, 2, 3, 4, 5),
            "klocka": dt.time(10, 30),
            "nästlad": [[1, [2]], {"a": {"b": []}}],
        },
        "tom": [],
    }
    for multiline in (False, True):
        assert tomlwrite.dumps(data, multiline_strings=multiline) == tomli_w.dumps(
            data, multiline_strings=multiline
        )


def test_control_characters_are_escaped_and_read_back() -> None:
    """C1 controls (CSI U+009B) and bidi overrides are written as escapes: a saved ärende
    printed with cat cannot drive the terminal, and loading gives the same text."""
    text = "a\x9b2Jb\x1b]52;c;eA==\x07\u202egnp.exe\u2066\nny rad"
    for multiline in (False, True):
        written = tomlwrite.dumps({"t": {"s": text}}, multiline_strings=multiline)
        assert printable(written) == written
        assert tomllib.loads(written) == {"t": {"s": text}}
