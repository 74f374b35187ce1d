"""Templates are data: a kommun writes its own, and broken ones give Swedish errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.checks import run_checks
from drafter.cli import main
from drafter.errors import DrafterError, TemplateError
from drafter.findings import Severity
from drafter.render import render_markdown
from drafter.storage import load_arende
from drafter.templates import available_templates, find_template

KOMMUN = """\
namn = "kommun"
beskrivning = "Tjänsteskrivelse för Exempelkommun"

[[falt]]
id = "titel"
etikett = "Ärendemening"
obligatorisk = true

[[falt]]
id = "datum"
etikett = "Datum"
typ = "datum"

[[sektioner]]
id = "forslag_till_beslut"
rubrik = "Förslag till beslut"
typ = "beslut"
hjalp = "Skriv beslutet."

[[sektioner]]
id = "bedomning"
rubrik = "Förvaltningens bedömning"
typ = "prosa"
hjalp = "Skriv förvaltningens bedömning och skälen för den."

[[sektioner.regler]]
id = "BED-1"
typ = "forbjudna_fraser"
allvarlighet = "fel"
var = "text"
fraser = ["typ"]
meddelande = "Skriv inte ”{fras}” i bedömningen."

[[sektioner]]
id = "konsekvenser"
rubrik = "Konsekvenser"
typ = "aspekter"
hjalp = "Beskriv konsekvenserna för jämställdheten."

[[sektioner.aspekter]]
id = "jamstalldhet"
etikett = "jämställdhet"
ord = ["jämställd", "kvinnor", "män"]

[[sektioner.regler]]
id = "KON-1"
typ = "aspekter_tackta"

[[regler]]
id = "FORM-1a"
typ = "datumfalt"
"""

ARENDE = """\
format = 1
mall = "kommun"

[arende]
titel = "Ny fritidsgård"
datum = "2025-02-30"

[forslag_till_beslut]
inledning = "Kultur- och fritidsnämnden föreslår kommunfullmäktige att besluta följande:"
punkter = ["Kommunen bygger en ny fritidsgård i Centrum."]

[bedomning]
text = "Det är typ bra."

[konsekvenser]
text = "Beslutet påverkar barn."
"""


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("DRAFTER_CONFIG_DIR", str(folder))
    return folder


def _expect_kommun_findings(path: Path, mall: str | None = None) -> None:
    loaded = load_arende(path, mall)
    template = loaded.template.template
    assert template.name == "kommun"
    assert template.section_ids == ("forslag_till_beslut", "bedomning", "konsekvenser")
    findings = {(f.rule, f.section, f.field): f for f in run_checks(loaded.arende, template)}
    assert set(findings) == {
        ("BED-1", "bedomning", "text"),
        ("KON-1", "konsekvenser", "aspekter.jamstalldhet"),
        ("FORM-1a", None, "datum"),
    }
    assert findings["BED-1", "bedomning", "text"].severity is Severity.ERROR
    assert findings["BED-1", "bedomning", "text"].message == "Skriv inte ”typ” i bedömningen."
    assert "jämställdhet" in findings["KON-1", "konsekvenser", "aspekter.jamstalldhet"].message
    markdown = render_markdown(loaded.arende, template)
    assert "## Förvaltningens bedömning\n\nDet är typ bra." in markdown
    assert "## Sammanfattning" not in markdown


def test_kommun_template_via_path(tmp_path: Path) -> None:
    (tmp_path / "kommun.toml").write_text(KOMMUN, encoding="utf-8")
    arende = tmp_path / "arende.toml"
    arende.write_text(ARENDE, encoding="utf-8")
    _expect_kommun_findings(arende, str(tmp_path / "kommun.toml"))


def test_kommun_template_via_user_config_dir(tmp_path: Path, config_dir: Path) -> None:
    (config_dir / "mallar").mkdir(parents=True)
    (config_dir / "mallar" / "kommun.toml").write_text(KOMMUN, encoding="utf-8")
    arende = tmp_path / "arende.toml"
    arende.write_text(ARENDE, encoding="utf-8")
    _expect_kommun_findings(arende)
    assert find_template("kommun").origin == "användarens mallar"


def test_kommun_template_beside_the_arende(tmp_path: Path) -> None:
    (tmp_path / "mallar").mkdir()
    (tmp_path / "mallar" / "kommun.toml").write_text(KOMMUN, encoding="utf-8")
    arende = tmp_path / "arende.toml"
    arende.write_text(ARENDE, encoding="utf-8")
    _expect_kommun_findings(arende)


def test_kommun_template_through_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mallar").mkdir()
    (tmp_path / "mallar" / "kommun.toml").write_text(KOMMUN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["new", "nytt.toml", "--mall", "mallar/kommun.toml"]) == 0
    text = (tmp_path / "nytt.toml").read_text(encoding="utf-8")
    assert "[bedomning]" in text and "[konsekvenser]" in text
    assert "[sammanfattning]" not in text
    capsys.readouterr()
    assert main(["check", "nytt.toml"]) == 1  # empty title and sections are errors
    out = capsys.readouterr().out
    assert "Förvaltningens bedömning" in out


def test_user_template_overrides_builtin_by_name(config_dir: Path) -> None:
    (config_dir / "mallar").mkdir(parents=True)
    (config_dir / "mallar" / "tjansteskrivelse.toml").write_text(
        KOMMUN.replace('namn = "kommun"', 'namn = "tjansteskrivelse"'), encoding="utf-8"
    )
    loaded = find_template("tjansteskrivelse")
    assert loaded.origin == "användarens mallar"
    assert "bedomning" in loaded.template.section_ids


def test_builtin_template_is_listed() -> None:
    found = available_templates()
    names = {t.template.name: t.origin for t in found if not isinstance(t, DrafterError)}
    assert names == {"tjansteskrivelse": "inbyggd", "kommun": "inbyggd"}  # kommun: issue 13


def test_default_template_section_order() -> None:
    template = find_template().template
    assert template.section_ids == (
        "forslag_till_beslut",
        "sammanfattning",
        "arendet",
        "kostnader_och_finansiering",
        "konsekvensbeskrivningar",
        "beslutsunderlag",
        "expedieras_till",
        "underskrifter",
    )
    assert [f.id for f in template.fields] == [
        "titel",
        "dokumenttyp",
        "organisation",
        "forvaltning",
        "diarienummer",
        "datum",
        "beredande_organ",
        "beslutsinstans",
    ]
    assert not template.section("beslutsunderlag").required
    for section in template.sections:
        assert section.help_text.strip(), section.id
        assert section.aliases, section.id


# --------------------------------------------------------------------------- broken templates


def _broken(tmp_path: Path, text: str) -> TemplateError:
    path = tmp_path / "trasig.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        find_template(str(path))
    assert str(path) in info.value.message
    return info.value


def test_template_with_bad_toml(tmp_path: Path) -> None:
    error = _broken(tmp_path, KOMMUN.replace('id = "bedomning"', 'id = "bedomning'))
    assert "inte giltig TOML" in error.message
    assert "rad 21, kolumn 16" in error.message
    assert "citattecken saknas" in error.message


def test_template_with_unknown_rule_kind(tmp_path: Path) -> None:
    error = _broken(tmp_path, KOMMUN.replace('typ = "forbjudna_fraser"', 'typ = "stavning"'))
    assert "sektioner[bedomning].regler[1]" in error.message
    assert "okänd regeltyp ”stavning”" in error.message


def test_template_with_bad_parameter(tmp_path: Path) -> None:
    error = _broken(tmp_path, KOMMUN.replace('var = "text"', 'var = "rubrik"'))
    assert "sektioner[bedomning].regler[1]" in error.message
    assert "var" in error.message and "tillåtna värden" in error.message
    assert " or " not in error.message


def test_template_with_unknown_parameter(tmp_path: Path) -> None:
    error = _broken(tmp_path, KOMMUN.replace('var = "text"', 'varr = "text"'))
    assert "varr" in error.message and "okänd" in error.message


def test_template_rule_without_its_required_parameters(tmp_path: Path) -> None:
    # Rules without parameters are parsed without building the kind's model; a kind that
    # needs parameters must still reject a rule that gives none.
    text = KOMMUN.replace('var = "text"\nfraser = ["typ"]\n', "").replace(
        'meddelande = "Skriv inte ”{fras}” i bedömningen."\n', ""
    )
    assert "fraser" not in text.split('typ = "forbjudna_fraser"')[1].split("[[")[0]
    error = _broken(tmp_path, text)
    assert "sektioner[bedomning].regler[1]" in error.message
    assert "fraser" in error.message


def test_template_with_negative_minimum(tmp_path: Path) -> None:
    text = KOMMUN + (
        '\n[[sektioner]]\nid = "underskrifter"\nrubrik = "U"\ntyp = "underskrifter"\n'
        'hjalp = "h"\n[[sektioner.regler]]\ntyp = "underskrifter"\nminst = -1\n'
    )
    error = _broken(tmp_path, text)
    assert "minst" in error.message and "ska vara minst 0" in error.message


def test_template_with_duplicate_section_ids(tmp_path: Path) -> None:
    error = _broken(tmp_path, KOMMUN.replace('id = "konsekvenser"', 'id = "bedomning"'))
    assert "två sektioner har id ”bedomning”" in error.message


def test_template_with_duplicate_field_ids(tmp_path: Path) -> None:
    error = _broken(tmp_path, KOMMUN.replace('id = "datum"', 'id = "titel"'))
    assert "två fält har id ”titel”" in error.message


def test_aspect_section_without_aspects(tmp_path: Path) -> None:
    start = KOMMUN.index("[[sektioner.aspekter]]")
    end = KOMMUN.index("[[sektioner.regler]]", start)
    error = _broken(tmp_path, KOMMUN[:start] + KOMMUN[end:])
    assert "sektioner[konsekvenser]" in error.message
    assert "aspekter" in error.message


def test_rule_on_wrong_section_kind(tmp_path: Path) -> None:
    error = _broken(
        tmp_path, KOMMUN.replace('typ = "forbjudna_fraser"', 'typ = "beslutsinledning"')
    )
    assert "passar inte en sektion av typen ”prosa”" in error.message


def test_section_rule_at_document_level(tmp_path: Path) -> None:
    error = _broken(tmp_path, KOMMUN.replace('typ = "datumfalt"', 'typ = "aspekter_tackta"'))
    assert "regler[1]" in error.message and "hör till en sektion" in error.message


def test_unknown_section_kind(tmp_path: Path) -> None:
    error = _broken(tmp_path, KOMMUN.replace('typ = "prosa"', 'typ = "roman"'))
    assert "sektioner[bedomning].typ" in error.message


def test_missing_titel_field(tmp_path: Path) -> None:
    error = _broken(tmp_path, KOMMUN.replace('id = "titel"', 'id = "rubrik"'))
    assert "titel" in error.message


def test_wrong_type_in_template(tmp_path: Path) -> None:
    error = _broken(tmp_path, KOMMUN.replace('ord = ["jämställd", "kvinnor", "män"]', 'ord = "x"'))
    assert "sektioner[konsekvenser].aspekter[jamstalldhet].ord" in error.message
    assert "ska vara en lista" in error.message


def test_newer_template_format(tmp_path: Path) -> None:
    error = _broken(tmp_path, "format = 2\n" + KOMMUN)
    assert "format 2" in error.message and "Uppdatera drafter" in error.message


def test_unknown_template_name_lists_folders(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as info:
        find_template("finnsinte", near=tmp_path / "a.toml")
    assert "mallen ”finnsinte” finns inte" in info.value.message
    assert str(tmp_path / "mallar") in info.value.message


def test_broken_user_template_is_listed_as_broken(config_dir: Path) -> None:
    (config_dir / "mallar").mkdir(parents=True)
    (config_dir / "mallar" / "trasig.toml").write_text("namn = [", encoding="utf-8")
    found = available_templates()
    broken = [t for t in found if isinstance(t, DrafterError)]
    assert len(broken) == 1 and "trasig.toml" in broken[0].message


def test_arende_naming_a_broken_template_names_both_files(tmp_path: Path) -> None:
    (tmp_path / "mallar").mkdir()
    (tmp_path / "mallar" / "kommun.toml").write_text(
        KOMMUN.replace('typ = "datumfalt"', 'typ = "okand"'), encoding="utf-8"
    )
    arende = tmp_path / "arende.toml"
    arende.write_text(ARENDE, encoding="utf-8")
    with pytest.raises(DrafterError) as info:
        load_arende(arende)
    assert info.value.message.startswith(str(arende))
    assert "kommun.toml" in info.value.message and "okänd regeltyp" in info.value.message
