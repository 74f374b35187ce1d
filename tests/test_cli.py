"""The ``drafter`` command line: commands, exit codes, output, and bad input."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.cli import COMMANDS, _build_parser, main
from drafter.templates import find_template

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "vanguard.toml"
GOLDEN = Path(__file__).resolve().parent / "golden" / "vanguard.md"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRAFTER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("DRAFTER_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture
def example(tmp_path: Path) -> Path:
    path = tmp_path / "vanguard.toml"
    shutil.copyfile(EXAMPLE, path)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --------------------------------------------------------------------------- new


def test_new_writes_an_arende_that_check_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "nytt.toml"
    code, out, _ = run(capsys, "new", str(path))
    assert code == 0
    assert "Skapade" in out and str(path) in out
    text = path.read_text(encoding="utf-8")
    assert text.startswith('format = 1\nmall = "tjansteskrivelse"\n')
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1
    assert "Fältet ”Ärendemening (titel)” är tomt" in out
    assert re.search(rf"^{re.escape(str(path))}: \d+ fel, \d+ varning(ar)?, \d+ info$", out, re.M)


def test_summary_counts_in_swedish(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mall = tmp_path / "liten.toml"
    mall.write_text(
        'namn = "liten"\n[[falt]]\nid = "titel"\netikett = "Titel"\nobligatorisk = true\n'
        '[[falt]]\nid = "datum"\netikett = "Datum"\nsaknas = "varning"\n'
        '[[falt]]\nid = "dnr"\netikett = "Dnr"\nsaknas = "varning"\n'
        '[[sektioner]]\nid = "text"\nrubrik = "Text"\ntyp = "prosa"\nhjalp = "h"\n',
        encoding="utf-8",
    )
    path = tmp_path / "a.toml"
    path.write_text('mall = "liten.toml"\n[arende]\ntitel = "T"\n[text]\ntext = "Hej."\n')
    assert run(capsys, "check", str(path))[1].startswith(f"{path}: 0 fel, 2 varningar, 0 info\n")
    path.write_text('mall = "liten.toml"\n[arende]\ntitel = "T"\ndatum = "x"\n')
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1
    assert out == (
        f"{path}: 1 fel, 1 varning, 0 info\n"
        "  Uppgifter om ärendet\n"
        "    varning: Fältet ”Dnr” är tomt. Fyll i det. [tomt-falt]\n"
        "  Text\n"
        "    fel: Sektionen ”Text” är tom. h [tom-sektion]\n"
    )


def test_new_refuses_to_overwrite(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = example.read_bytes()
    code, _, err = run(capsys, "new", str(example))
    assert code == 2
    assert "finns redan" in err and str(example) in err
    assert example.read_bytes() == before
    code, _, _ = run(capsys, "new", str(example), "--force")
    assert code == 0
    assert example.read_bytes() != before


def test_new_with_unknown_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "new", str(tmp_path / "x.toml"), "--mall", "finnsinte")
    assert code == 2
    assert "mallen ”finnsinte” finns inte" in err
    assert not (tmp_path / "x.toml").exists()


# --------------------------------------------------------------------------- check


def test_check_example_exit_0_grouped_by_section(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "check", str(example))
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    # the default template may gain klarspråk warnings: the core findings must be there
    assert re.fullmatch(rf"{re.escape(str(example))}: 0 fel, \d+ varningar, \d+ info", lines[0])
    assert (
        "  Uppgifter om ärendet\n"
        "    varning: Fältet ”Diarienummer” är tomt. Fyll i det, till exempel ”RS 2025/123”. "
        "[tomt-falt]\n"
        "    varning: Fältet ”Datum” är tomt. Fyll i det, till exempel ”2025-03-14”. [tomt-falt]\n"
    ) in out
    assert out.endswith(
        "  Expedieras till\n"
        "    varning: Sektionen ”Expedieras till” är tom. Lägg till minst en rad. [tom-sektion]\n"
    )
    groups = [line.strip() for line in lines[1:] if not line.startswith("    ")]
    order = ["Uppgifter om ärendet", *(s.heading for s in find_template().template.sections)]
    assert groups == sorted(groups, key=order.index)  # grouped by section, in document order
    assert all(
        re.match(r"    (fel|varning|info): .* \[[\w-]+\]$", x)
        for x in lines[1:]
        if x.startswith("    ")
    )


def test_check_json_shape(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--format", "json", str(example))
    assert code == 0
    data = json.loads(out)
    assert isinstance(data, list) and len(data) == 1
    assert data[0]["file"] == str(example)
    for finding in data[0]["findings"]:
        assert set(finding) == {"section", "severity", "rule", "message"}
        assert finding["severity"] in ("warning", "info")
    core = [(f["section"], f["rule"]) for f in data[0]["findings"] if f["rule"].startswith("tom")]
    assert core == [(None, "tomt-falt"), (None, "tomt-falt"), ("expedieras_till", "tom-sektion")]


def test_check_errors_exit_1_and_several_files(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "dalig.toml"
    bad.write_text(
        example.read_text(encoding="utf-8")
        .replace("Vanguardinitiativet.", "Vanguardinitiativet enligt bilaga.")
        .replace('titel = "Avsluta medlemskap i Vanguard"', 'titel = ""'),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "check", str(example), str(bad))
    assert code == 1
    assert f"{example}: 0 fel" in out
    assert re.search(rf"^{re.escape(str(bad))}: 1 fel, \d+ varningar", out, re.M)
    block = out[out.index(f"{bad}:") :]
    assert "  Förslag till beslut\n    varning: Punkten hänvisar till ”enligt bilaga”" in block
    code, out, _ = run(capsys, "check", "--format", "json", str(example), str(bad))
    assert code == 1
    data = json.loads(out)
    assert [d["file"] for d in data] == [str(example), str(bad)]
    assert {"section": None, "severity": "error", "rule": "tomt-falt"}.items() <= next(
        f for f in data[1]["findings"] if f["severity"] == "error"
    ).items()


def test_check_unreadable_among_good_files_exits_2(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "saknas.toml"
    code, out, err = run(capsys, "check", str(example), str(missing))
    assert code == 2
    assert f"{example}: 0 fel" in out  # the good file is still checked
    assert str(missing) in err and "finns inte" in err
    code, out, _ = run(capsys, "check", "--format", "json", str(missing))
    assert code == 2
    (entry,) = json.loads(out)
    assert entry["file"] == str(missing) and entry["findings"] == []
    assert "finns inte" in entry["error"]


def test_check_with_other_template(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mall = tmp_path / "liten.toml"
    mall.write_text(
        'namn = "liten"\n[[falt]]\nid = "titel"\netikett = "Titel"\nobligatorisk = true\n'
        '[[sektioner]]\nid = "sammanfattning"\nrubrik = "Kort"\ntyp = "prosa"\nhjalp = "h"\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "check", str(example), "--mall", str(mall))
    assert code == 0
    assert out.strip() == f"{example}: inga anmärkningar"


def test_batch_uses_each_folders_own_templates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Files from several folders in one run: each is checked against the template its
    folder's mallar/ holds, although the batch looks each folder's templates up once."""
    plain, local = tmp_path / "a", tmp_path / "b"
    for folder in (plain, local):
        folder.mkdir()
        for name in ("ett.toml", "tva.toml"):
            shutil.copyfile(EXAMPLE, folder / name)
    (local / "mallar").mkdir()
    builtin = ROOT / "sections" / "tjansteskrivelse.toml"
    (local / "mallar" / "tjansteskrivelse.toml").write_text(
        builtin.read_text(encoding="utf-8").replace(
            'rubrik = "Expedieras till"', 'rubrik = "Sänds till"'
        ),
        encoding="utf-8",
    )
    files = [plain / "ett.toml", local / "ett.toml", plain / "tva.toml", local / "tva.toml"]
    code, out, _ = run(capsys, "check", "--processer", "1", *map(str, files))
    assert code == 0
    blocks = re.split(r"\n(?=\S)", out.strip())
    assert [b.split(":", 1)[0] for b in blocks] == [str(f) for f in files]
    for path, block in zip(files, blocks, strict=True):
        heading = "Sänds till" if path.parent == local else "Expedieras till"
        assert f"Sektionen ”{heading}” är tom" in block, block


# --------------------------------------------------------------------------- export


def test_export_to_stdout_matches_golden(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", str(example), "-o", "-")
    assert code == 0
    assert out == GOLDEN.read_text(encoding="utf-8")


def test_export_to_file(example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", str(example))
    assert code == 0
    md = example.with_suffix(".md")
    assert md.read_text(encoding="utf-8") == GOLDEN.read_text(encoding="utf-8")
    assert "Exporterade" in out
    target = tmp_path / "ut" / "x.md"
    target.parent.mkdir()
    assert run(capsys, "export", str(example), "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8") == GOLDEN.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- mallar


def test_mallar_lists_builtin_and_user_templates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "config" / "mallar"
    folder.mkdir(parents=True)
    (folder / "kommun.toml").write_text(
        'namn = "kommun"\nbeskrivning = "Min kommun"\n[[falt]]\nid = "titel"\n'
        'etikett = "Titel"\n[[sektioner]]\nid = "a"\nrubrik = "A"\ntyp = "prosa"\nhjalp = "h"\n',
        encoding="utf-8",
    )
    (folder / "trasig.toml").write_text("namn = ", encoding="utf-8")
    code, out, _ = run(capsys, "mallar")
    assert code == 0
    assert "tjansteskrivelse" in out and "inbyggd" in out
    assert "kommun" in out and "Min kommun" in out and "användarens mallar" in out
    assert "(trasig)" in out and "trasig.toml" in out
    assert str(folder) in out


# --------------------------------------------------------------------------- usage


def test_help_is_swedish(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "användning" in out and "granska ärenden" in out


_ENGLISH = re.compile(
    r"usage:|options|positional arguments|show this help|show program|exit\b|"
    r"the following|unrecognized|invalid choice|expected one|error:",
)


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["-h"],
        ["x.toml", "--help"],
        *[
            [command, "--help"]
            for command in ("new", "check", "export", "mallar", "import", "utkast")
        ],
    ],
)
def test_every_help_text_is_swedish(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 2
    out, _ = capsys.readouterr()
    assert code == 0
    assert out.startswith("användning: drafter")
    assert "visa den här hjälpen och avsluta" in out
    assert not _ENGLISH.search(out), out


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["new"], "följande argument krävs: FIL"),
        (["check", "--format", "xml", "a.toml"], "--format: ogiltigt val: 'xml'"),
        (["check", "--mall"], "--mall: förväntade ett värde"),
        (["check", "--processer", "0", "a.toml"], "--processer: ska vara ett heltal"),
        (["a.toml", "b.toml"], "okända argument: b.toml"),
    ],
)
def test_usage_errors_are_swedish(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert expected in err and err.startswith("användning: drafter")
    assert not _ENGLISH.search(err.replace("fel:", "")), err


def test_argparse_itself_is_left_alone() -> None:
    """drafter's Swedish comes from its own parser classes, not from replacing argparse's
    translation function for the whole process."""
    import argparse
    import gettext

    import drafter.cli  # noqa: F401

    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]


def test_unknown_option_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["check", "--nej", "x.toml"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "okända argument" in err and "Traceback" not in err


# --------------------------------------------------------------------------- bad input

BAD_FILES: dict[str, tuple[bytes, list[str]]] = {
    "trasig_toml": (
        b'format = 1\nmall = "tjansteskrivelse"\n\n[arende]\ntitel = "Ny\n',
        ["inte giltig TOML", "rad 5, kolumn 12"],
    ),
    "ogiltigt_varde": (
        b"format = 1\n[arende]\ntitel = Avsluta\n",
        ["rad 3, kolumn 9", "citattecken"],
    ),
    "inte_utf8": ('[arende]\ntitel = "Ärende"\n'.encode("latin-1"), ["UTF-8"]),
    "binar": (b"\x00\x01\x02format", ["binär"]),
    "punkter_text": (b'[forslag_till_beslut]\npunkter = "x"\n', ["forslag_till_beslut.punkter"]),
    "titel_tal": (b"[arende]\ntitel = 5\n", ["arende.titel", "text"]),
    "nyare_format": (b"format = 2\n", ["format 2", "Uppdatera drafter"]),
    "format_bool": (b"format = true\n", ["format", "heltal"]),
    "mall_tal": (b"mall = 3\n", ["mall", "text"]),
    "okand_mall": (b'mall = "finnsinte"\n', ["mallen ”finnsinte” finns inte"]),
    "mall_sokvag": (b'mall = "mallar/saknas.toml"\n', ["saknas.toml", "finns inte"]),
    "arende_lista": (b'[[arende]]\ntitel = "x"\n', ["[arende] ska vara en tabell"]),
    "sektion_text": (b'sammanfattning = "hej"\n', ["sammanfattning", "tabell"]),
    "aspekt_kanske": (
        b'[konsekvensbeskrivningar.aspekter.barn]\nbedomning = "kanske"\n',
        ["konsekvensbeskrivningar.aspekter.barn.bedomning", "tillåtna värden", "eller"],
    ),
    "underskrift_tabell": (b'[underskrifter]\nnamn = "A"\n', ["[[underskrifter]]"]),
    "underskrift_text": (b'underskrifter = ["A"]\n', ["underskrifter[1]", "tabell"]),
}

ENGLISH = ("Input should", "Traceback", "Error:", " or ", "line ", "column ")


@pytest.mark.parametrize("command", ["check", "export"])
@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_exit_2_swedish_untouched(
    name: str, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, expected = BAD_FILES[name]
    path = tmp_path / f"{name}.toml"
    path.write_bytes(content)
    code, out, err = run(capsys, command, str(path))
    assert code == 2
    assert out == ""
    assert err.startswith(f"drafter: fel: {path}: ")
    for part in expected:
        assert part in err
    for word in ENGLISH:
        assert word not in err
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [path.name]


@pytest.mark.parametrize("command", ["check", "export"])
def test_missing_file(command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "saknas.toml"
    code, _, err = run(capsys, command, str(path))
    assert code == 2
    assert err == f"drafter: fel: {path}: filen finns inte; kontrollera sökvägen\n"
    assert not path.exists() and not path.with_suffix(".md").exists()


@pytest.mark.parametrize("command", ["check", "export"])
def test_folder(command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, command, str(tmp_path))
    assert code == 2
    assert str(tmp_path) in err and "är en mapp" in err


@pytest.mark.parametrize("command", ["check", "export"])
def test_unreadable_file(command: str, example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = example.read_bytes()
    example.chmod(0)
    try:
        if os.access(example, os.R_OK):
            pytest.skip("running as a user who can read any file (root)")
        code, _, err = run(capsys, command, str(example))
        assert code == 2
        assert str(example) in err and "behörighet" in err
    finally:
        example.chmod(0o644)
    assert example.read_bytes() == before


def test_permission_error_is_swedish_even_as_root(
    example: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open

    def deny(file: str | os.PathLike[str], flags: int, *args: int, **kwargs: int) -> int:
        if os.fspath(file) == str(example):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, flags, *args, **kwargs)

    # root may read anything: opening the file is made to refuse instead
    monkeypatch.setattr(os, "open", deny)
    code, _, err = run(capsys, "check", str(example))
    assert code == 2
    assert err == f"drafter: fel: {example}: du saknar behörighet att läsa filen\n"


def test_export_to_a_folder_is_refused(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "export", str(example), "-o", str(example.parent))
    assert code == 2
    assert "är en mapp" in err


def test_import_command_without_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "import", str(tmp_path / "saknas.txt"))
    assert code == 2
    assert "Traceback" not in err and err.startswith("drafter: fel:")


# --------------------------------------------------------------------------- subprocesses


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DRAFTER_CONFIG_DIR=str(tmp_path / "config"),
        DRAFTER_STATE_DIR=str(tmp_path / "state"),
        NO_COLOR="1",
    )
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def test_real_process_exit_codes(example: Path, tmp_path: Path) -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "drafter", "check", str(example)],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        cwd=tmp_path,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert f"{example}: 0 fel, " in ok.stdout
    broken = tmp_path / "trasig.toml"
    broken.write_text("[arende\n", encoding="utf-8")
    bad = subprocess.run(
        [sys.executable, "-m", "drafter", "check", str(broken)],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        cwd=tmp_path,
        check=False,
    )
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr
    assert "rad 1, kolumn 8" in bad.stderr and str(broken) in bad.stderr


def test_closed_pipe_is_quiet(example: Path, tmp_path: Path) -> None:
    files = " ".join([str(example)] * 200)  # more output than a pipe buffer holds
    script = f"{sys.executable} -m drafter check {files} | head -c 1 >/dev/null"
    result = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, env=_env(tmp_path), check=False
    )
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr


NO_TEXTUAL = """
import sys
from drafter.cli import COMMANDS, _build_parser, main
from drafter.templates import find_template
code = main(sys.argv[1:])
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
assert not loaded, f"textual imported: {loaded[:5]}"
print("EXIT", code)
"""


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "{example}"],
        ["check", "--format", "json", "{example}"],
        ["export", "{example}", "-o", "-"],
        ["new", "{tmp}/nytt.toml"],
        ["mallar"],
        ["check", "{tmp}/saknas.toml"],
    ],
)
def test_commands_do_not_import_textual(argv: list[str], example: Path, tmp_path: Path) -> None:
    script = tmp_path / "run.py"
    script.write_text(NO_TEXTUAL, encoding="utf-8")
    args = [a.format(example=example, tmp=tmp_path) for a in argv]
    result = subprocess.run(
        [sys.executable, str(script), *args],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "EXIT" in result.stdout


def test_the_writing_program_can_start_without_spelling(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import drafter.tui

    seen: list[bool] = []

    def fake_run_tui(path: Path | None, mall: str | None, *, spelling: bool = True) -> int:
        seen.append(spelling)
        return 0

    monkeypatch.setattr(drafter.tui, "run_tui", fake_run_tui)
    assert main([str(tmp_path / "a.toml"), "--utan-stavning"]) == 0
    assert main([str(tmp_path / "a.toml")]) == 0
    assert seen == [False, True]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_command_parses_and_helps_as_in_the_parser_of_all_commands(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # main builds only the command's own parser; its help and errors are the same
    for argv in ([command, "--help"], [command, "--okand-flagga"]):
        with pytest.raises(SystemExit) as alone:
            main(argv)
        own = capsys.readouterr()
        with pytest.raises(SystemExit) as full:
            _build_parser().parse_args(argv)
        assert (alone.value.code, own) == (full.value.code, capsys.readouterr())
        assert own.out or own.err


@pytest.mark.parametrize(("given", "expected"), [(None, "__all__"), ("egen", "egen")])
def test_drafter_turns_pydantic_plugins_off_unless_the_user_chose(
    given: str | None, expected: str
) -> None:
    """Looking for pydantic plugins read every installed package's entry points at each
    start; drafter uses none. A setting of the user's own is left alone."""
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if given is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = given
    code = "import os, drafter.cli; print(os.environ['PYDANTIC_DISABLE_PLUGINS'])"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.strip() == expected
