"""Hostile input: arbitrary bytes, TOML, text and arguments never crash drafter.

Only :class:`DrafterError` (with a Swedish message) may come out of the core; the CLI always
answers 0, 1 or 2. Also: very large files, no network, templates are data only.
"""

from __future__ import annotations

import os
import socket
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from drafter import cli
from drafter.checks import run_checks
from drafter.errors import DrafterError
from drafter.model import (
    Arende,
    AspectEntry,
    AspectsContent,
    DecisionContent,
    ListContent,
    ProseContent,
    Signature,
    SignaturesContent,
)
from drafter.render import render_markdown
from drafter.storage import MAX_FILE_BYTES, arende_from_data, dumps_arende, load_arende
from drafter.templates import Template, find_template

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "vanguard.toml"
SETTINGS = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _use_everything(
    loaded_arende: Arende, template: Template, original: dict[str, Any] | None = None
) -> None:
    """What a front end does with a loaded ärende: check, render, save, load again."""
    run_checks(loaded_arende, template)
    render_markdown(loaded_arende, template)
    text = dumps_arende(loaded_arende, template)
    saved = tomllib.loads(text)
    again = arende_from_data(saved, template)
    assert dumps_arende(again, template) == text  # saving is stable
    known = {"format", "mall", "arende", *template.section_ids}
    for key, value in (original or {}).items():
        if key not in known:
            assert _lf(saved[key]) == _lf(value), key  # hand-added data is kept where it was


# --------------------------------------------------------------------------- loader

toml_scalars = (
    st.text(max_size=40)
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False)
    | st.booleans()
    | st.dates()
    | st.datetimes()
    | st.times()
)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)
SECTION_IDS = [
    "arende",
    "forslag_till_beslut",
    "sammanfattning",
    "arendet",
    "kostnader_och_finansiering",
    "konsekvensbeskrivningar",
    "beslutsunderlag",
    "expedieras_till",
    "underskrifter",
    "format",
    "mall",
]
SECTION_KEYS = ["text", "inledning", "punkter", "poster", "aspekter", "namn", "titel", "bedomning"]
ish_tables = st.dictionaries(
    st.sampled_from(SECTION_KEYS) | st.text(max_size=8), toml_values, max_size=4
)
arende_like = st.dictionaries(
    st.sampled_from(SECTION_IDS) | st.text(max_size=10),
    toml_values | ish_tables | st.lists(ish_tables, max_size=3),
    max_size=8,
)


def _load_or_error(path: Path, original: dict[str, Any] | None = None) -> None:
    try:
        loaded = load_arende(path)
    except DrafterError as exc:
        assert exc.message.strip()
        return
    _use_everything(loaded.arende, loaded.template.template, original)


@SETTINGS
@given(data=st.binary(max_size=2000))
def test_loader_survives_arbitrary_bytes(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "slump.toml"
    path.write_bytes(data)
    _load_or_error(path)


@SETTINGS
@given(text=st.text(max_size=500))
def test_loader_survives_arbitrary_text(text: str, tmp_path: Path) -> None:
    path = tmp_path / "slump.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    _load_or_error(path)


@SETTINGS
@given(data=arende_like)
def test_loader_survives_arbitrary_toml(data: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "slump.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    _load_or_error(path, tomllib.loads(path.read_text(encoding="utf-8")))


@SETTINGS
@given(data=arende_like)
def test_example_with_hostile_tables_mixed_in(data: dict[str, Any], tmp_path: Path) -> None:
    base = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    base.update(data)
    path = tmp_path / "blandad.toml"
    path.write_text(tomli_w.dumps(base), encoding="utf-8")
    _load_or_error(path, tomllib.loads(path.read_text(encoding="utf-8")))


def test_odd_paths_are_errors_not_crashes(tmp_path: Path) -> None:
    for bad in ("", "a\x00b.toml", "\udcff.toml", str(tmp_path / ("x" * 5000))):
        with pytest.raises(DrafterError):
            load_arende(Path(bad))


# --------------------------------------------------------------------------- checks and render

any_text = st.text(max_size=300)


@st.composite
def arenden(draw: st.DrawFn, template: Template) -> Arende:
    arende = Arende.new(template)
    for fld in template.fields:
        arende.header[fld.id] = draw(any_text)
    for sec in template.sections:
        content: Any
        if sec.kind == "prosa":
            content = ProseContent(text=draw(any_text))
        elif sec.kind == "beslut":
            content = DecisionContent(
                lead_in=draw(any_text), points=draw(st.lists(any_text, max_size=4))
            )
        elif sec.kind == "aspekter":
            content = AspectsContent(
                text=draw(any_text),
                aspects={
                    a.id: AspectEntry(
                        assessment=draw(st.sampled_from(["", "inga", "beskriv"])),
                        text=draw(any_text),
                    )
                    for a in sec.aspects
                },
            )
        elif sec.kind == "lista":
            content = ListContent(items=draw(st.lists(any_text, max_size=4)))
        else:
            content = SignaturesContent(
                people=[
                    Signature(name=draw(any_text), title=draw(any_text))
                    for _ in range(draw(st.integers(0, 3)))
                ]
            )
        arende.sections[sec.id] = content
    return arende


TEMPLATE = find_template("tjansteskrivelse").template


@SETTINGS
@given(arende=arenden(TEMPLATE))
def test_checks_render_and_save_survive_arbitrary_text(arende: Arende) -> None:
    findings = run_checks(arende, TEMPLATE)
    assert all(f.message for f in findings)
    _use_everything(arende, TEMPLATE)


@SETTINGS
@given(arende=arenden(TEMPLATE))
def test_every_typed_character_survives_save_and_load(arende: Arende) -> None:
    """Everything survives a save and load; only CRLF line ends become LF (TOML allows it)."""
    text = dumps_arende(arende, TEMPLATE)
    again = arende_from_data(tomllib.loads(text), TEMPLATE)
    assert _lf(again.header) == _lf(arende.header)
    for sec in TEMPLATE.sections:
        expected = _without_empty(arende.content(sec).model_dump())
        assert _lf(again.content(sec).model_dump()) == _lf(expected)


def _lf(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\r\n", "\n")
    if isinstance(value, dict):
        return {k: _lf(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_lf(v) for v in value]
    return value


def _without_empty(dumped: dict[str, Any]) -> dict[str, Any]:
    # Aspects with no choice and only blank text are not written; nothing typed is lost.
    if isinstance(dumped.get("aspekter"), dict):
        dumped["aspekter"] = {
            k: v for k, v in dumped["aspekter"].items() if v["bedomning"] or v["text"].strip()
        }
    return dumped


_MD = MarkdownIt("commonmark")


def _structure(markdown: str) -> tuple[list[str], set[str]]:
    tokens = _MD.parse(markdown)
    headings = [
        f"{tok.tag}:{tokens[i + 1].content}"
        for i, tok in enumerate(tokens)
        if tok.type == "heading_open"
    ]
    kinds = {t.type for t in tokens}
    for tok in tokens:
        kinds.update(child.type for child in tok.children or [])
    return headings, kinds


@SETTINGS
@given(arende=arenden(TEMPLATE))
def test_user_text_cannot_change_markdown_structure(arende: Arende) -> None:
    """Headings come only from the template; user text makes no HTML, links, code or images."""
    headings, kinds = _structure(render_markdown(arende, TEMPLATE))
    rubriks = {f"h2:{s.heading}" for s in TEMPLATE.sections}
    assert headings[0].startswith("h1:")
    assert headings.count(headings[0]) == 1
    for heading in headings[1:]:
        assert heading in rubriks or heading.startswith("h3:"), heading
    assert sum(h.startswith("h3:") for h in headings) <= sum(
        1
        for s in TEMPLATE.sections
        if isinstance(c := arende.content(s), AspectsContent)
        for e in c.aspects.values()
        if e.assessment == "beskriv" and e.text.strip()
    )
    forbidden = {"html_block", "html_inline", "link_open", "image", "code_inline", "fence"}
    forbidden |= {"code_block", "blockquote_open", "hr"}
    assert not kinds & forbidden, kinds & forbidden


# --------------------------------------------------------------------------- importer


def test_importer_survives_arbitrary_input() -> None:
    """Decoding and block splitting (the importer's parts that exist) on arbitrary bytes.

    The ``import`` command itself is fuzzed with the CLI test below.
    """
    reading = pytest.importorskip("drafter.importer.reading")
    blocks = pytest.importorskip("drafter.importer.blocks")
    headings = {"sammanfattning", "ärendet", "förslag till beslut"}

    @SETTINGS
    @given(raw=st.binary(max_size=1500) | st.text(max_size=800).map(str.encode))
    def run(raw: bytes) -> None:
        try:
            decoded = reading.decode_document(raw)
        except DrafterError as exc:
            assert exc.message.strip()
            return
        blocks.markdown_blocks(decoded.text)
        blocks.plain_blocks(decoded.text, lambda line: line.strip().lower() in headings)

    run()


# --------------------------------------------------------------------------- CLI


@pytest.fixture
def no_tui(monkeypatch: pytest.MonkeyPatch) -> None:
    import drafter.tui as tui

    monkeypatch.setattr(tui, "run_tui", lambda path, mall, spelling=True: 0, raising=False)


def _run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = cli.main(argv)
    except SystemExit as exc:  # argparse usage errors and --help
        code = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def hostile_files(tmp_path: Path) -> list[str]:
    files = {
        "binär.toml": b"\x00\x01\x02" * 10,
        "latin1.toml": "titel = 'Åsa'".encode("latin-1"),
        "trasig.toml": b"[arende\ntitel = ",
        "fel-typ.toml": b"arende = 5\n",
        "framtid.toml": b"format = 99\n",
        "okand-mall.toml": b'mall = "finns-inte"\n',
        "bra.toml": EXAMPLE.read_bytes(),
        "anteckning.md": "# Tjänsteskrivelse\n\nText".encode(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "mapp.toml").mkdir()
    return [str(tmp_path / n) for n in [*files, "mapp.toml", "saknas.toml"]]


WORDS = ["new", "check", "export", "mallar", "import", "utkast", "--format", "json", "text"]
WORDS += ["--mall", "-o", "-", "--force", "--help", "--version", "-x", "tjansteskrivelse"]


def test_cli_answers_0_1_or_2_with_a_message(
    hostile_files: list[str],
    tmp_path: Path,
    no_tui: None,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    words = st.sampled_from(WORDS) | st.sampled_from(hostile_files) | st.text(max_size=12)

    @SETTINGS
    @given(argv=st.lists(words, max_size=5))
    def run(argv: list[str]) -> None:
        argv = [a.replace("\x00", "") for a in argv]  # a real argv cannot hold NUL
        code, out, err = _run_cli(argv, capsys)
        assert code in (0, 1, 2), (argv, code, err)
        if code == 2:
            assert err.strip(), argv
        if code == 1:
            assert out.strip(), argv

    run()


@pytest.mark.parametrize("command", ["check", "export"])
def test_cli_on_each_hostile_file(
    command: str,
    hostile_files: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name in hostile_files:
        code, out, err = _run_cli([command, name], capsys)
        if name.endswith("bra.toml"):
            assert code in (0, 1), err
        else:
            assert code == 2, (name, out)
            assert "drafter: fel:" in err and name.split("/")[-1] in err


# --------------------------------------------------------------------------- size


def _big_arende(path: Path, megabytes: float) -> None:
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    paragraph = (
        "Kommunen behöver fler platser i förskolan när bostadsområdet byggs ut. "
        "Förvaltningen har jämfört tre alternativ och föreslår det billigaste. "
    ) * 4
    count = int(megabytes * 1024 * 1024 / (len(paragraph.encode()) + 2))
    data["arendet"]["text"] = "\n\n".join([paragraph] * count)
    data["beslutsunderlag"]["poster"] = [f"Bilaga {i}" for i in range(2000)]
    path.write_text(tomli_w.dumps(data, multiline_strings=True), encoding="utf-8")


@pytest.mark.slow
def test_five_megabyte_arende_loads_checks_and_exports(tmp_path: Path) -> None:
    """How long this takes is measured in benchmarks/; here: it works and keeps the text."""
    path = tmp_path / "stort.toml"
    _big_arende(path, 5)
    assert path.stat().st_size >= 5 * 1024 * 1024
    loaded = load_arende(path)
    run_checks(loaded.arende, loaded.template.template)
    assert cli.main(["export", str(path)]) == 0
    assert path.with_suffix(".md").stat().st_size > 4 * 1024 * 1024
    from drafter.storage import save_arende

    before = loaded.arende.content(loaded.template.template.section("arendet"))
    save_arende(path, loaded.arende, loaded.template.template)
    again = load_arende(path)
    assert again.arende.content(again.template.template.section("arendet")) == before


def test_file_above_limit_is_refused_without_reading_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "jätte.toml"
    with open(path, "wb") as handle:  # sparse: no 20 MB written
        handle.truncate(MAX_FILE_BYTES + 1)
    read: list[int] = []
    real_read = os.read

    def counting_read(fd: int, size: int) -> bytes:
        data = real_read(fd, size)
        read.append(len(data))
        return data

    monkeypatch.setattr(os, "read", counting_read)
    with pytest.raises(DrafterError, match="MB"):
        load_arende(path)
    code, _out, err = _run_cli(["check", str(path)], capsys)
    assert code == 2 and f"{MAX_FILE_BYTES // (1024 * 1024)} MB" in err
    assert sum(read) == 0  # refused from its size, not read first


# --------------------------------------------------------------------------- security


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    attempts: list[str] = []

    def refuse(*args: object, **kwargs: object) -> Any:
        attempts.append(repr(args))
        raise AssertionError("drafter tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield attempts
    assert not attempts, attempts


def test_no_network_for_new_check_export(
    no_network: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "nytt.toml"
    assert cli.main(["new", str(path)]) == 0
    assert cli.main(["check", str(path), str(EXAMPLE)]) in (0, 1)
    assert cli.main(["check", "--format", "json", str(EXAMPLE)]) in (0, 1)
    assert cli.main(["export", str(EXAMPLE), "-o", str(tmp_path / "ut.md")]) == 0
    assert cli.main(["mallar"]) == 0
    assert cli.main(["utkast"]) == 0
    assert (tmp_path / "ut.md").exists()


_EVIL = """
from pathlib import Path
Path({marker!r}).write_text("körd")
"""


def test_template_folder_code_is_never_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = tmp_path / "MARKER"
    builtin = find_template("tjansteskrivelse").path.read_text(encoding="utf-8")
    folders = [tmp_path / "ärenden" / "mallar", Path(os.environ["DRAFTER_CONFIG_DIR"]) / "mallar"]
    for folder in folders:
        folder.mkdir(parents=True)
        (folder / "min.toml").write_text(
            builtin.replace('namn = "tjansteskrivelse"', 'namn = "min"'), encoding="utf-8"
        )
        for name in ("__init__.py", "min.py", "tjansteskrivelse.py", "conftest.py"):
            (folder / name).write_text(_EVIL.format(marker=str(marker)), encoding="utf-8")
        (folder / "min.pth").write_text(f"import os; open({str(marker)!r}, 'w')\n")
    monkeypatch.chdir(tmp_path / "ärenden")
    arende = tmp_path / "ärenden" / "a.toml"
    assert cli.main(["new", str(arende), "--mall", "min"]) == 0
    assert cli.main(["check", str(arende)]) in (0, 1)
    assert cli.main(["check", "--mall", str(folders[0] / "min.toml"), str(arende)]) in (0, 1)
    assert cli.main(["export", str(arende)]) == 0
    assert cli.main(["mallar"]) == 0
    out = capsys.readouterr().out
    assert "min" in out
    for bad in ("__init__.py", "min.py"):
        assert cli.main(["check", "--mall", str(folders[0] / bad), str(arende)]) == 2
    assert not marker.exists()
