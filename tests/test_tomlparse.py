"""drafter.tomlparse: the fast parser gives tomllib's data and tomllib's errors."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from drafter import tomlparse
from drafter.errors import ArendeFileError
from drafter.files import loads_toml

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = [
    *sorted((ROOT / "sections").glob("*.toml")),
    ROOT / "drafter" / "data" / "ordlista.toml",
    *sorted((ROOT / "examples").glob("*.toml")),
]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_files_parse_as_with_tomllib(path: Path) -> None:
    text = path.read_text("utf-8")
    assert tomlparse.loads(text) == tomllib.loads(text)


BAD = [
    "a = b",
    'a = "x',
    "[a]\n[a]",
    "a = 1\na = 2",
    "x = [1, 2",
    "a = {b = 1",
    "a = 1 b = 2",
    '[[a]\nb = "x"',
    "a = 1979-13-01",
    "a = [" * 200 + "]" * 200,
]


@pytest.mark.parametrize("text", BAD)
def test_bad_toml_raises_tomllibs_error_word_for_word(text: str) -> None:
    with pytest.raises(tomllib.TOMLDecodeError) as expected:
        tomllib.loads(text)
    with pytest.raises(tomlparse.TOMLDecodeError) as got:
        tomlparse.loads(text)
    assert type(got.value) is tomllib.TOMLDecodeError
    assert str(got.value) == str(expected.value)


def test_loads_toml_still_names_line_and_column_in_swedish() -> None:
    with pytest.raises(ArendeFileError) as caught:
        loads_toml('titel = "x"\nfoo = bar\n', Path("a.toml"), what="inte giltig TOML: ")
    assert "a.toml" in caught.value.message
    assert "rad 2, kolumn 7" in caught.value.message
    assert "ogiltigt värde" in caught.value.message
