"""``drafter export --format md|docx|pdf``: the format from the flag or from -o's suffix."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from drafter.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "vanguard.toml"
GOLDEN = ROOT / "tests" / "golden" / "vanguard.md"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    path = tmp_path / "vanguard.toml"
    shutil.copyfile(EXAMPLE, path)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's own usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_format_flag_writes_beside_the_arende(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "export", str(example), "--format", "docx")
    assert (code, err) == (0, "")
    target = example.with_suffix(".docx")
    assert out == f"Exporterade {example} till {target}.\n"
    document = docx.Document(str(target))
    assert document.paragraphs[0].text == "Avsluta medlemskap i Vanguard"
    assert not example.with_suffix(".md").exists()


def test_format_from_the_output_suffix(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "till nämnden.pdf"
    code, _, err = run(capsys, "export", str(example), "-o", str(target))
    assert (code, err) == (0, "")
    assert target.read_bytes().startswith(b"%PDF-")


def test_markdown_stays_the_default(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "export", str(example))[0] == 0
    assert example.with_suffix(".md").read_text(encoding="utf-8") == GOLDEN.read_text("utf-8")
    assert run(capsys, "export", str(example), "--format", "md", "-o", "-")[1] == (
        GOLDEN.read_text("utf-8")
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--format", "odt"], "ogiltigt val: 'odt' (välj bland 'md', 'docx', 'pdf')"),
        (["-o", "ut.odt"], "okänt format för filändelsen ”.odt”"),
        (["--format", "pdf", "-o", "ut.docx"], "byt filändelse eller format"),
        (["--format", "pdf", "-o", "-"], "pdf kan inte skrivas till standard ut"),
    ],
)
def test_bad_formats_are_swedish_errors(
    example: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(example.parent)
    code, _, err = run(capsys, "export", str(example), *argv)
    assert code == 2
    assert message in err and "Traceback" not in err
    assert sorted(p.name for p in example.parent.iterdir()) == ["vanguard.toml"]


def test_export_refuses_to_overwrite_the_arende(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = example.read_bytes()
    code, _, err = run(capsys, "export", str(example), "--format", "md", "-o", str(example))
    assert code == 2
    assert "skriva över ärendefilen" in err
    assert example.read_bytes() == before


def test_a_missing_logo_is_exit_2_naming_the_template(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tmp_path / "kommun.toml"
    text = (ROOT / "sections" / "tjansteskrivelse.toml").read_text(encoding="utf-8")
    template.write_text(text + '\n[layout]\nlogotyp = "logga.png"\n', encoding="utf-8")
    code, _, err = run(capsys, "export", str(example), "--mall", str(template), "-o", "ut.pdf")
    assert code == 2
    assert err.startswith(f"drafter: fel: {template}: [layout] logotyp: logotypen ")
    assert "finns inte" in err and "Traceback" not in err
