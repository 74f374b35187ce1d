"""drafter.storage replaces tomli-w's per-character string escaping with a regex: same text."""

from __future__ import annotations

import importlib.util
import random
from types import ModuleType

import tomli_w
import tomli_w._writer

from drafter import storage


def original_writer() -> ModuleType:
    """A fresh copy of tomli-w's writer module, with its own format_string."""
    spec = importlib.util.spec_from_file_location("tomli_w_original", tomli_w._writer.__file__)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_fast_escaping_is_in_use() -> None:
    assert tomli_w._writer.format_string is storage._format_string


def test_the_fast_escaping_writes_what_tomli_w_writes() -> None:
    original = original_writer().format_string
    chars = 'aåä "\\\n\r\t\x00\x01\x1f\x7f\x08\x0b\x0c\u2028\U0001f600'
    texts = ["", "\n", "\r\n", '"""', "\\", "".join(map(chr, range(160)))]
    rng = random.Random(7)
    texts += ["".join(rng.choice(chars) for _ in range(rng.randint(0, 40))) for _ in range(5000)]
    for text in texts:
        for multiline in (False, True):
            assert storage._format_string(text, allow_multiline=multiline) == original(
                text, allow_multiline=multiline
            ), (text, multiline)


def test_whole_documents_are_written_as_tomli_w_writes_them() -> None:
    data = {
        "format": 1,
        "arende": {"titel": 'Ett "citat" och \\ och \t', "nyckel med mellanslag": "x"},
        "text": {"text": "Rad ett\nRad två med \x07 och \u2028\n\nSista"},
        "crlf": {"text": "a\r\nb"},
        "underskrifter": [{"namn": "Anna Andersson", "titel": "Chef"}],
    }
    writer = original_writer()
    for multiline in (False, True):
        expected = "".join(writer.gen_table_chunks(data, writer.Context(multiline, 4), name=""))
        assert tomli_w.dumps(data, multiline_strings=multiline) == expected
