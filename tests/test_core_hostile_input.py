"""Hostile and odd input (issue 11), core and command line: every input is read through
one guarded reader, bad files end fast with a Swedish message (exit 2), a batch goes on,
and text from a file never reaches the terminal, a JSON report or an export raw."""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from drafter.cli import main
from drafter.errors import ArendeFileError, TemplateError
from drafter.files import MAX_TEMPLATE_BYTES, read_file_bytes
from drafter.storage import (
    changed_on_disk,
    dumps_arende,
    file_stamp,
    load_arende,
    save_arende,
)
from drafter.templates import available_templates, find_template, parse_template

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "vanguard.toml"
BUILTIN = ROOT / "sections" / "tjansteskrivelse.toml"
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(autouse=True)
def _plain_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture
def example(tmp_path: Path) -> Path:
    path = tmp_path / "vanguard.toml"
    shutil.copyfile(EXAMPLE, path)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's usage errors
        code = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    return code, out, err


def run_process(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``drafter ARGV`` in a child process with a time and memory limit (a FIFO or
    /dev/zero made earlier versions hang or grow without end)."""

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))

    return subprocess.run(
        [sys.executable, "-m", "drafter", *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit_memory,
        env={**os.environ, "NO_COLOR": "1"},
    )


# --------------------------------------------------------------------------- guarded reader


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_everywhere_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "rör.toml"
    os.mkfifo(fifo)
    text_fifo = tmp_path / "rör.txt"
    os.mkfifo(text_fifo)
    shutil.copyfile(EXAMPLE, tmp_path / "a.toml")
    for argv in (
        ["check", str(fifo)],
        ["export", str(fifo)],
        ["import", str(text_fifo), "-o", str(tmp_path / "ut.toml")],
        ["check", "--mall", str(fifo), str(tmp_path / "a.toml")],
    ):
        done = run_process(*argv, cwd=tmp_path)
        assert done.returncode == 2, (argv, done.stderr)
        assert "ingen vanlig fil" in done.stderr and "Traceback" not in done.stderr, argv


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_is_refused_not_read(tmp_path: Path) -> None:
    done = run_process("check", "/dev/zero", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == (
        "drafter: fel: /dev/zero: är ingen vanlig fil (utan till exempel en namngiven pipe "
        "eller en enhet); ange en vanlig fil\n"
    )


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="no /proc here")
def test_reading_stops_at_the_limit_whatever_the_size_says() -> None:
    """/proc files are regular files whose size says 0 though they hold text."""
    path = Path("/proc/self/maps")
    assert path.stat().st_size == 0
    with pytest.raises(ArendeFileError, match="större än"):
        read_file_bytes(path, limit=64)
    assert len(read_file_bytes(path)) > 64


def test_a_zero_byte_arende_is_reported_not_checked_or_exported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "avbruten.toml"
    path.write_bytes(b"")
    for command in ("check", "export"):
        code, _out, err = run(capsys, command, str(path))
        assert code == 2, command
        assert err.startswith(
            f"drafter: fel: {path}: filen är tom (0 byte) – troligen ett avbrutet"
        )
        assert "drafter utkast" in err and "drafter new" in err  # says what to do
    assert not path.with_suffix(".md").exists()


def test_a_template_above_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "stor.toml"
    padding = "# " + "x" * 1000 + "\n"
    path.write_text(
        BUILTIN.read_text(encoding="utf-8") + padding * (MAX_TEMPLATE_BYTES // 1000),
        encoding="utf-8",
    )
    with pytest.raises(TemplateError, match=r"1 MB") as info:
        find_template(str(path))
    assert str(path) in info.value.message


def _deep(levels: int) -> str:
    return "x = " + "[" * levels + "]" * levels + "\n"


def test_deeply_nested_arrays_are_a_swedish_error(tmp_path: Path) -> None:
    path = tmp_path / "djup.toml"
    path.write_text(_deep(500), encoding="utf-8")
    with pytest.raises(ArendeFileError, match="nivåer inuti varandra"):
        load_arende(path)
    path.write_text(_deep(100), encoding="utf-8")  # parses, but is still refused
    with pytest.raises(ArendeFileError, match="nivåer inuti varandra"):
        load_arende(path)
    with pytest.raises(TemplateError, match="nivåer inuti varandra"):
        parse_template(BUILTIN.read_text(encoding="utf-8") + _deep(500), tmp_path / "m.toml")


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_batch_reports_a_bad_file_and_goes_on(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = tmp_path / "djup.toml"
    deep.write_text(_deep(500), encoding="utf-8")
    empty = tmp_path / "tom.toml"
    empty.write_bytes(b"")
    good = tmp_path / "bra.toml"
    shutil.copyfile(EXAMPLE, good)
    code, out, err = run(capsys, "check", "--format", fmt, str(deep), str(empty), str(good))
    assert code == 2
    assert "Traceback" not in err
    if fmt == "json":
        report = json.loads(out)
        assert [entry["file"] for entry in report] == [str(deep), str(empty), str(good)]
        assert "nivåer" in report[0]["error"] and "tom" in report[1]["error"]
        assert "error" not in report[2]
    else:
        assert str(deep) in err and str(empty) in err
        assert out.startswith(f"{good}: ")


# --------------------------------------------------------------------------- folders


@pytest.fixture
def unreadable(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """Folders put in the list cannot be read: chmod 000, and for root (who reads
    anything) listing the folder and looking inside it are refused as well."""
    folders: list[Path] = []
    real_scandir, real_stat = os.scandir, os.stat

    def is_folder(path: object) -> bool:
        return isinstance(path, str | os.PathLike) and os.fspath(path) in map(str, folders)

    def inside(path: object) -> bool:
        if not isinstance(path, str | os.PathLike):
            return False
        text = os.fspath(path)
        return isinstance(text, str) and any(text.startswith(f"{f}{os.sep}") for f in folders)

    def scandir(path: str = ".") -> Iterator[os.DirEntry[str]]:
        if is_folder(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    def stat(path: str, *args: object, **kwargs: bool) -> os.stat_result:
        if inside(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "stat", stat)
    yield folders
    for folder in folders:
        folder.chmod(0o755)


def test_unreadable_template_folders_are_swedish_messages(
    tmp_path: Path, unreadable: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    config_mallar = Path(os.environ["DRAFTER_CONFIG_DIR"]) / "mallar"
    beside = tmp_path / "mallar"
    for folder in (config_mallar, beside):
        folder.mkdir(parents=True)
        shutil.copyfile(BUILTIN, folder / "egen.toml")
        folder.chmod(0)
        unreadable.append(folder)
    code, out, err = run(capsys, "mallar")
    assert code == 0 and "Traceback" not in err
    assert f"{config_mallar}: du saknar behörighet att läsa mappen" in out
    assert "tjansteskrivelse" in out  # the built-in templates are still listed
    arende = tmp_path / "a.toml"
    shutil.copyfile(EXAMPLE, arende)
    code, out, err = run(capsys, "check", str(arende))
    assert code == 2
    assert "behörighet" in err and str(beside) in err and "Traceback" not in err
    found = available_templates()
    assert any(isinstance(item, TemplateError) for item in found)


# --------------------------------------------------------------------------- printable output

HOSTILE = "Ny\x1b]0;ägd\x07 skola\x1b[2J \x9b31m \x1b]52;c;ZWNobyBoZWo=\x07 \u202egnp.exe"


def _hostile_arende(tmp_path: Path, name: str = "a.toml") -> Path:
    loaded = load_arende(EXAMPLE)
    arende = loaded.arende
    arende.arende["titel"] = HOSTILE
    arende.arende["diarienummer"] = "x\x1b[31m"  # not a diarienummer: quoted in a finding
    path = tmp_path / name
    save_arende(path, arende, loaded.template.template)
    return path


@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.parametrize("tty", [False, True])
def test_check_output_has_no_control_characters(
    fmt: str,
    tty: bool,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = _hostile_arende(tmp_path, "möte\x1b[2J.toml")
    if tty:
        monkeypatch.delenv("NO_COLOR")
        monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, err = run(capsys, "check", "--format", fmt, str(path))
    assert code in (0, 1)
    if tty and fmt == "text":
        out = re.sub(r"\x1b\[[0-9;]*m", "", out)  # drafter's own colours
    assert not CONTROL.search(out), out
    assert not CONTROL.search(err)
    assert "␛" in out  # made visible, not dropped
    if fmt == "json":
        assert "\x9b" not in out and "\\u009b" not in out


def test_error_messages_quoting_a_file_name_are_printable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "check", str(tmp_path / "saknas\x1b]0;x\x07.toml"))
    assert code == 2
    assert not CONTROL.search(err) and "␛]0;x␇" in err
    code, _, err = run(capsys, "check", "--format", "\x9b2J")
    assert code == 2 and not CONTROL.search(err)


def test_mallar_output_is_printable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = Path(os.environ["DRAFTER_CONFIG_DIR"]) / "mallar"
    folder.mkdir(parents=True)
    text = BUILTIN.read_text(encoding="utf-8")
    text = text.replace('namn = "tjansteskrivelse"', 'namn = "egen\\u001b[2J"', 1)
    text = text.replace("beskrivning = ", 'beskrivning = "\\u009b31m"\nxbeskrivning = ', 1)
    (folder / "egen.toml").write_text(text, encoding="utf-8")
    (folder / "trasig\x1b[2J.toml").write_text("namn = [", encoding="utf-8")
    code, out, _err = run(capsys, "mallar")
    assert code == 0
    assert not CONTROL.search(out), out
    assert "trasig␛[2J.toml" in out


def test_import_report_is_printable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "skrivelse\x1b[2J.txt"
    source.write_text(
        "Förslag till beslut\n\nRegionstyrelsen godkänner planen.\n\n"
        "Okänd \x1b]52;c;eA==\x07 rubrik\n\nText \x9b31m här.\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "import", str(source), "-o", str(tmp_path / "ut.toml"))
    assert code == 0, err
    assert not CONTROL.search(out) and not CONTROL.search(err)
    code, out, err = run(capsys, "import", str(source), "-o", "-")
    assert code == 0
    assert not CONTROL.search(out) and not CONTROL.search(err)


def test_export_has_no_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _hostile_arende(tmp_path)
    code, _, _ = run(capsys, "export", str(path))
    assert code == 0
    markdown = path.with_suffix(".md").read_text(encoding="utf-8")
    assert not CONTROL.search(markdown)
    assert "Ny␛\\]0;ägd␇ skola" in markdown


def test_template_text_is_escaped_in_the_export(tmp_path: Path) -> None:
    text = BUILTIN.read_text(encoding="utf-8")
    text = text.replace(
        'rubrik = "Sammanfattning"', 'rubrik = "Sammanfattning <img src=x onerror=alert(1)>"'
    )
    text = text.replace('etikett = "Datum"', 'etikett = "Datum <b>fet</b> ~~struken~~"')
    template = parse_template(text, tmp_path / "m.toml")
    loaded = load_arende(EXAMPLE)
    loaded.arende.arende["datum"] = "2025-01-01 ~~inte struken~~"
    from drafter.render import render_markdown

    markdown = render_markdown(loaded.arende, template)
    assert "<img" not in markdown.replace("\\<img", "")
    assert "## Sammanfattning \\<img src=x onerror=alert(1)\\>" in markdown
    assert "<b>" not in markdown.replace("\\<b", "")
    assert "~~" not in markdown.replace("\\~\\~", "")


# --------------------------------------------------------------------------- template sentences


@pytest.mark.parametrize(
    "sentence", ["{0}", "{aspekter:>9999999999}", "{aspekter.__class__}", "{aspekter!r}", "}{"]
)
def test_template_sentences_cannot_format(sentence: str, tmp_path: Path) -> None:
    text = BUILTIN.read_text(encoding="utf-8")
    assert "[[sektioner.aspekter]]" in text
    text = text.replace(
        'typ = "aspekter"', f'typ = "aspekter"\ninga_konsekvenser = "{sentence}"', 1
    )
    with pytest.raises(TemplateError, match=r"inga_konsekvenser.*platshållaren \{aspekter\}"):
        parse_template(text, tmp_path / "m.toml")


def test_phrase_messages_cannot_format(tmp_path: Path) -> None:
    text = BUILTIN.read_text(encoding="utf-8")
    assert 'typ = "forbjudna_fraser"' in text
    for message in ("{fras.__class__.__mro__}", "{fras:>9999999999}", "{0}"):
        bad = re.sub(
            r'(typ = "forbjudna_fraser"\n)',
            rf'\1meddelande = "{message}"\n',
            text.replace('meddelande = """', 'xmeddelande = """', 1),
            count=1,
        )
        with pytest.raises(TemplateError, match=r"platshållaren \{fras\}"):
            parse_template(bad, tmp_path / "m.toml")


def test_the_sentence_fills_only_its_placeholder(tmp_path: Path) -> None:
    template = find_template().template
    section = next(s for s in template.sektioner if s.typ == "aspekter")
    assert section.no_consequences_sentence("barn {0} eller miljö").endswith(
        "konsekvenser för barn {0} eller miljö."
    )


# --------------------------------------------------------------------------- patterns


@pytest.mark.parametrize(
    "pattern",
    [r"(a+)+$", r"(a|aa)*b", r"(\w+\s?)*$", r"(?:x*)*", r"(\d?)+", r"^(a|b|ab)*c", r"(.*a){12}"],
)
def test_catastrophic_field_patterns_are_refused_at_load(pattern: str, tmp_path: Path) -> None:
    text = BUILTIN.read_text(encoding="utf-8")
    literal = pattern.replace("\\", "\\\\")
    text = text.replace('typ = "diarienummer"', f'typ = "diarienummer"\nmonster = "{literal}"', 1)
    path = tmp_path / "kommun.toml"
    with pytest.raises(TemplateError, match=r"monster.*orimligt lång tid") as info:
        parse_template(text, path)
    assert str(path) in info.value.message


@pytest.mark.parametrize(
    "pattern",
    [r"RS \d{4}/\d+", r"[A-ZÅÄÖ]{2,4}[ -]\d{4}[/:]\d{1,5}", r"(KS|RS) \d{4}/\d+", r"(\d{2}){2}"],
)
def test_ordinary_field_patterns_are_accepted(pattern: str, tmp_path: Path) -> None:
    text = BUILTIN.read_text(encoding="utf-8")
    literal = pattern.replace("\\", "\\\\")
    text = text.replace('typ = "diarienummer"', f'typ = "diarienummer"\nmonster = "{literal}"', 1)
    field = parse_template(text, tmp_path / "k.toml").field("diarienummer")
    assert field.monster == pattern


# --------------------------------------------------------------------------- export and save


def test_export_never_overwrites_the_arende(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = example.read_bytes()
    code, _, err = run(capsys, "export", str(example), "-o", str(example))
    assert code == 2  # .toml is no export format
    code, _, err = run(capsys, "export", str(example), "--format", "md", "-o", str(example))
    assert code == 2 and "skriva över ärendefilen" in err
    assert example.read_bytes() == before
    as_md = example.with_suffix(".md")
    shutil.copyfile(example, as_md)  # an ärende saved under a .md name
    code, _, err = run(capsys, "export", str(as_md))
    assert code == 2 and "skriva över ärendefilen" in err
    assert as_md.read_bytes() == before
    link = example.parent / "länk.md"
    link.symlink_to(example)
    code, _, err = run(capsys, "export", str(example), "-o", str(link))
    assert code == 2
    assert example.read_bytes() == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_export_to_a_fifo_or_device_is_refused(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = example.parent / "rör.md"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "export", str(example), "-o", str(fifo))
    assert code == 2 and "ingen vanlig fil" in err
    assert fifo.is_fifo()
    code, _, err = run(capsys, "export", str(example), "-o", "/dev/null")
    assert code == 2 and "ingen vanlig fil" in err
    assert Path("/dev/null").is_char_device()
    word_fifo = example.parent / "rör.docx"
    os.mkfifo(word_fifo)
    code, _, err = run(capsys, "export", str(example), "-o", str(word_fifo))
    assert code == 2 and "kan inte exportera" in err and "ingen vanlig fil" in err
    assert word_fifo.is_fifo()


def test_saving_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "arkiv" / "vanguard.toml"
    real.parent.mkdir()
    shutil.copyfile(EXAMPLE, real)
    real.chmod(0o640)
    link = tmp_path / "vanguard.toml"
    link.symlink_to(real)
    loaded = load_arende(link)
    loaded.arende.arende["titel"] = "Ändrad via länken"
    save_arende(link, loaded.arende, loaded.template.template)
    assert link.is_symlink()
    assert load_arende(real).arende.field_value("titel") == "Ändrad via länken"
    assert real.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in real.parent.iterdir()) == ["vanguard.toml"]


def test_a_same_size_edit_with_the_old_time_is_noticed(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    shutil.copyfile(EXAMPLE, path)
    stamp = file_stamp(path)
    assert stamp is not None
    assert changed_on_disk(path, stamp) == (False, stamp)
    info = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Vanguard", "Vangaurd", 1), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size and path.stat().st_mtime_ns == info.st_mtime_ns
    changed, kept = changed_on_disk(path, stamp)
    assert changed and kept == stamp
    path.write_text(text, encoding="utf-8")  # the same content again, new time: no change
    changed, kept = changed_on_disk(path, stamp)
    assert not changed and kept is not None and kept.mtime_ns != stamp.mtime_ns


def test_saved_files_escape_control_characters(tmp_path: Path) -> None:
    loaded = load_arende(EXAMPLE)
    loaded.arende.arende["titel"] = HOSTILE
    text = dumps_arende(loaded.arende, loaded.template.template)
    assert not CONTROL.search(text)
    path = tmp_path / "a.toml"
    path.write_text(text, encoding="utf-8")
    assert load_arende(path).arende.field_value("titel") == HOSTILE
