"""STAV-1 and the spelling core: misspellings found with suggestions, what the document
vouches for, the three word lists, the modes, and a missing dictionary."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from drafter.checks import run_checks
from drafter.findings import Finding, Severity
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
from drafter.spelling import Mode, load, using_mode
from drafter.spelling.edit import apply_suggestion, field_text
from drafter.spelling.lists import (
    add_arende_word,
    add_user_word,
    read_user_words,
    user_list_path,
)
from drafter.storage import dumps_arende, load_arende, save_arende
from drafter.templates import Template, find_template, load_template_file

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "vanguard.toml"
TEMPLATE_FILE = ROOT / "sections" / "tjansteskrivelse.toml"


@pytest.fixture(scope="module")
def dictionary() -> None:
    if load() is None:
        pytest.fail("the Swedish dictionary (hunspell-sv) is not installed")


@pytest.fixture
def spelling(dictionary: None) -> Iterator[None]:
    with using_mode(Mode.BLOCKING):
        yield


@pytest.fixture
def template() -> Template:
    return find_template("tjansteskrivelse").template


def stav(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.rule == "STAV-1"]


def words_of(findings: list[Finding]) -> list[str | None]:
    return [f.word for f in stav(findings)]


def filled(template: Template) -> Arende:
    """A complete, correctly spelled ärende."""
    arende = Arende.new(template)
    arende.header.update(
        titel="Avsluta medlemskap i nätverket",
        organisation="Region Gävleborg",
        forvaltning="Regionala utvecklingsförvaltningen",
        datum="2025-03-14",
        diarienummer="RS 2025/123",
        beredande_organ="Utvecklingsutskottet",
        beslutsinstans="Regionstyrelsen",
    )
    s = arende.sections
    assert isinstance(s["forslag_till_beslut"], DecisionContent)
    s[
        "forslag_till_beslut"
    ].lead_in = "Utvecklingsutskottet föreslår Regionstyrelsen att besluta följande:"
    s["forslag_till_beslut"].points = ["Region Gävleborg avslutar sitt medlemskap i nätverket."]
    assert isinstance(s["sammanfattning"], ProseContent)
    s["sammanfattning"].text = "Regionen har varit medlem sedan 2018. Nyttan har varit liten."
    assert isinstance(s["arendet"], ProseContent)
    s["arendet"].text = (
        "Förvaltningen har utvärderat medlemskapet tillsammans med andra regioner. "
        "Klusterorganisationer gav inspirationsföreläsningar om vätgasinfrastruktur."
    )
    assert isinstance(s["kostnader_och_finansiering"], ProseContent)
    s["kostnader_och_finansiering"].text = "Kostnaden minskar med 12 500 euro per år."
    assert isinstance(s["konsekvensbeskrivningar"], AspectsContent)
    s["konsekvensbeskrivningar"].aspects["barn"] = AspectEntry(
        assessment="beskriv", text="Barn och unga påverkas inte."
    )
    s["konsekvensbeskrivningar"].text = "Beslutet påverkar inte arbetsmiljö, hälsa eller miljö."
    assert isinstance(s["expedieras_till"], ListContent)
    s["expedieras_till"].items = ["Regionstyrelsen", "Ekonomifunktionen"]
    assert isinstance(s["underskrifter"], SignaturesContent)
    s["underskrifter"].people = [Signature(name="Katrien Vanhaverbeke", title="Direktör")]
    return arende


def test_correct_text_gives_no_spelling_findings(spelling: None, template: Template) -> None:
    assert stav(run_checks(filled(template), template)) == []


# (section or None for the header, field, text with one misspelling, the word, the right one)
PLANTED = [
    (None, "titel", "Avsluta medlemskpa i nätverket", "medlemskpa", "medlemskap"),
    (
        "forslag_till_beslut",
        "inledning",
        "Utvecklingsutskottet föreslår Regionstyrelsen att beslta följande:",
        "beslta",
        "besluta",
    ),
    (
        "forslag_till_beslut",
        "punkter.0",
        "Region Gävleborg avslutar sitt medlemsksapet i nätverket.",
        "medlemsksapet",
        "medlemskapet",
    ),
    (
        "sammanfattning",
        "text",
        "Regionen har varit medlem sedan 2018.\n\nDenna tjänsteskrivlese handlar om det.",
        "tjänsteskrivlese",
        "tjänsteskrivelse",
    ),
    (
        "arendet",
        "text",
        "Förvaltningen har utvärderat medlemskapet med Kommunstyrlesen.",
        "Kommunstyrlesen",
        "Kommunstyrelsen",
    ),
    (
        "konsekvensbeskrivningar",
        "aspekter.barn",
        "Barn och unga påverkas inte av beslutet eller av kostander.",
        "kostander",
        "kostnader",
    ),
    ("expedieras_till", "poster.1", "Ekonomi och handläggre", "handläggre", "handläggare"),
]


def _set(arende: Arende, section: str | None, field: str, text: str) -> None:
    from drafter.spelling.edit import set_field_text

    assert set_field_text(arende, section, field, text), (section, field)


@pytest.mark.parametrize(("section", "field", "text", "wrong", "right"), PLANTED)
def test_planted_misspelling_found_with_the_right_suggestion(
    spelling: None,
    template: Template,
    section: str | None,
    field: str,
    text: str,
    wrong: str,
    right: str,
) -> None:
    arende = filled(template)
    _set(arende, section, field, text)
    found = stav(run_checks(arende, template))
    assert [f.word for f in found] == [wrong]
    finding = found[0]
    assert (finding.section, finding.field) == (section, field)
    assert finding.severity is Severity.INFO
    assert finding.span is not None
    assert text[finding.span[0] : finding.span[1]] == wrong
    assert right in finding.suggestions[:3], finding.suggestions
    assert f"”{wrong}”" in finding.message and f"”{right}”" in finding.message
    # Applying the suggestion fixes the text, and the word is no longer reported.
    assert apply_suggestion(arende, finding, right)
    assert field_text(arende, section, field) == text.replace(wrong, right)
    assert stav(run_checks(arende, template)) == []


def test_suggestion_is_not_applied_when_the_text_changed(
    spelling: None, template: Template
) -> None:
    arende = filled(template)
    _set(arende, "arendet", "text", "Detta är en tjänsteskrivlese.")
    (finding,) = stav(run_checks(arende, template))
    _set(arende, "arendet", "text", "Nu står det något annat här.")
    assert not apply_suggestion(arende, finding, "tjänsteskrivelse")
    assert field_text(arende, "arendet", "text") == "Nu står det något annat här."


def test_example_has_few_findings_and_none_for_its_names(spelling: None) -> None:
    loaded = load_arende(EXAMPLE)
    found = stav(run_checks(loaded.arende, loaded.template.template))
    assert 0 < len(found) <= 5, [f.word for f in found]
    names = {"Katrien", "Vanhaverbeke", "Niclas", "Cronsell", "Gävleborg", "Vanguard"}
    header = " ".join(loaded.arende.header.values())
    for finding in found:
        assert finding.word not in names
        assert finding.word is not None and finding.word not in header


def test_names_the_document_vouches_for(spelling: None, template: Template) -> None:
    arende = filled(template)
    arende.header["organisation"] = "Region Zorblaxia"
    arende.sections["underskrifter"].people.append(  # type: ignore[union-attr]
        Signature(name="Quentin Fribbelgrund", title="Handläggare")
    )
    _set(
        arende,
        "arendet",
        "text",
        "Quentin Fribbelgrund har talat med Zorblaxias förvaltning. Samarbetet med "
        "Krumelbo har varit bra, och Krumelbo vill fortsätta. Troxxelund nämns bara en gång. "
        "Blimpfors står först i meningar. Blimpfors gör det igen.",
    )
    assert words_of(run_checks(arende, template)) == ["Troxxelund", "Blimpfors", "Blimpfors"]


def test_a_recurring_name_vouches_in_other_fields_in_capitals_and_genitive(
    spelling: None, template: Template
) -> None:
    arende = filled(template)
    _set(arende, "sammanfattning", "text", "Vi har mött Krumelbo. Sedan kom Krumelbo igen.")
    _set(
        arende,
        "arendet",
        "text",
        "Krumelbos plan är bra. Det säger KRUMELBO också. Sedan kom Troxxelund.",
    )
    assert words_of(run_checks(arende, template)) == ["Troxxelund"]
    _set(arende, "sammanfattning", "text", "Vi har mött Krumelbo.")  # once: no longer vouched
    assert words_of(run_checks(arende, template)) == [
        "Krumelbo",
        "Krumelbos",
        "KRUMELBO",
        "Troxxelund",
    ]


def test_numbers_addresses_and_abbreviations_are_skipped(
    spelling: None, template: Template
) -> None:
    arende = filled(template)
    _set(
        arende,
        "arendet",
        "text",
        "Skriv till registrator@zqxregion.se eller se https://www.zqxregion.se/xyzzy och "
        "www.qqfoo.se. Beslut RS 2025/123, 3D-printingpiloten, den 14:e, t.ex. bl.a. "
        "medicinskt ansvarig sjuksköterska (MAS), HR-avdelningen och EU-kommissionen.",
    )
    assert words_of(run_checks(arende, template)) == []


def test_hyphenated_word_reports_the_misspelled_part(spelling: None, template: Template) -> None:
    text = "Frågan gick till HR-avdelnignen."
    arende = filled(template)
    _set(arende, "arendet", "text", text)
    (finding,) = stav(run_checks(arende, template))
    assert finding.word == "avdelnignen"
    assert finding.span is not None and text[slice(*finding.span)] == "avdelnignen"
    assert "avdelningen" in finding.suggestions


def test_hunspell_gets_only_bounded_clean_words(spelling: None, template: Template) -> None:
    long_word = "a" * 61 + "bcd"
    arende = filled(template)
    _set(
        arende,
        "arendet",
        "text",
        f"Text med styrtecken\x1b[31m\x00\x07 och {long_word} och ett\u202eomvänt ord.",
    )
    found = words_of(run_checks(arende, template))
    assert long_word not in found
    assert all(w is not None and w.isprintable() for w in found)


@pytest.mark.parametrize(
    "text",
    [
        "a-" * 100_000,
        "a." * 100_000,
        "a'" * 100_000,
        "-" * 200_000,
        "x" * 200_000,
        ("ö" * 59 + " ") * 3000,
        "www." * 50_000,
        "@" * 200_000,
    ],
)
def test_hostile_texts_are_handled(spelling: None, template: Template, text: str) -> None:
    from drafter.spelling.words import tokens

    arende = filled(template)
    _set(arende, "arendet", "text", text)
    found = stav(run_checks(arende, template))
    assert all(f.word is None or len(f.word) <= 60 for f in found)
    assert len(found) <= 201  # max_fynd, then one line for the rest
    assert all(len(t.word) <= 60 for t in tokens(text))


def test_rule_can_be_switched_off_and_severity_changed(
    spelling: None, template: Template, tmp_path: Path
) -> None:
    text = TEMPLATE_FILE.read_text(encoding="utf-8")
    rule = 'id = "STAV-1"\ntyp = "stavningskontroll"\nallvarlighet = "info"'
    assert rule in text
    arende = filled(template)
    _set(arende, "arendet", "text", "En tjänsteskrivlese.")
    off = tmp_path / "av.toml"
    off.write_text(text.replace(rule, rule + "\nav = true"), encoding="utf-8")
    assert stav(run_checks(arende, load_template_file(off))) == []
    warn = tmp_path / "varning.toml"
    warn.write_text(text.replace(rule, rule.replace('"info"', '"varning"')), encoding="utf-8")
    (finding,) = stav(run_checks(arende, load_template_file(warn)))
    assert finding.severity is Severity.WARNING


def test_mode_off_gives_no_spelling_findings(dictionary: None, template: Template) -> None:
    arende = filled(template)
    _set(arende, "arendet", "text", "En tjänsteskrivlese.")
    with using_mode(Mode.OFF):
        assert stav(run_checks(arende, template)) == []
    with using_mode(Mode.NON_BLOCKING):  # loaded by now in this process
        assert words_of(run_checks(arende, template)) == ["tjänsteskrivlese"]


# --------------------------------------------------------------------------- word lists

MISSPELLED = "Vi arbetar tekniknära med Xylofrim och förväntansbild."


def test_template_word_list(spelling: None, template: Template, tmp_path: Path) -> None:
    arende = filled(template)
    _set(arende, "arendet", "text", MISSPELLED)
    assert words_of(run_checks(arende, template)) == ["tekniknära", "Xylofrim", "förväntansbild"]
    custom = tmp_path / "egen.toml"
    custom.write_text(
        TEMPLATE_FILE.read_text(encoding="utf-8")
        + '\n[stavning]\nextra = ["tekniknära", "Xylofrim"]\n',
        encoding="utf-8",
    )
    assert words_of(run_checks(arende, load_template_file(custom))) == ["förväntansbild"]


def test_template_word_list_is_validated(tmp_path: Path) -> None:
    from drafter.errors import TemplateError

    custom = tmp_path / "trasig.toml"
    custom.write_text(
        TEMPLATE_FILE.read_text(encoding="utf-8") + '\n[stavning]\nextra = ["två ord"]\n',
        encoding="utf-8",
    )
    with pytest.raises(TemplateError, match="stavning"):
        load_template_file(custom)


def test_user_word_list(spelling: None, template: Template) -> None:
    arende = filled(template)
    _set(arende, "arendet", "text", MISSPELLED)
    path = add_user_word("förväntansbild")
    assert path == user_list_path()
    assert path.parent == Path(os.environ["DRAFTER_CONFIG_DIR"])
    add_user_word("förväntansbild")  # once only
    add_user_word("Xylofrim")
    assert read_user_words() == ("förväntansbild", "Xylofrim")
    assert path.read_text(encoding="utf-8").count("förväntansbild") == 1
    assert words_of(run_checks(arende, template)) == ["tekniknära"]
    # A word in small letters also covers it capitalised.
    _set(arende, "arendet", "text", "Förväntansbild. Tekniknära.")
    assert words_of(run_checks(arende, template)) == ["Tekniknära"]


def test_broken_user_word_list_is_one_info_line(spelling: None, template: Template) -> None:
    user_list_path().mkdir(parents=True)  # a folder where the file should be
    arende = filled(template)
    _set(arende, "arendet", "text", "En tjänsteskrivlese.")
    found = stav(run_checks(arende, template))
    assert [f.word for f in found] == [None, "tjänsteskrivlese"]
    assert "Din ordlista används inte" in found[0].message
    assert str(user_list_path()) in found[0].message


def test_arende_word_list_survives_save_and_load(
    spelling: None, template: Template, tmp_path: Path
) -> None:
    arende = filled(template)
    _set(arende, "arendet", "text", MISSPELLED)
    assert add_arende_word(arende, "tekniknära")
    assert add_arende_word(arende, "förväntansbild")
    assert not add_arende_word(arende, "två ord")
    assert words_of(run_checks(arende, template)) == ["Xylofrim"]
    path = tmp_path / "a.toml"
    save_arende(path, arende, template)
    assert '[stavning]\nord = [\n    "tekniknära",\n    "förväntansbild",\n]' in path.read_text(
        encoding="utf-8"
    )
    loaded = load_arende(path)
    assert words_of(run_checks(loaded.arende, loaded.template.template)) == ["Xylofrim"]
    assert dumps_arende(loaded.arende, template) == path.read_text(encoding="utf-8")


def test_a_word_one_document_accepts_is_reported_in_the_next(
    spelling: None, template: Template
) -> None:
    # A batch checks many documents in one process: what one document's own list
    # accepts must not be taken as settled for the next.
    accepting = filled(template)
    _set(accepting, "arendet", "text", "Vi ses på Zorblaxiadagen i maj.")
    assert add_arende_word(accepting, "Zorblaxiadagen")
    assert words_of(run_checks(accepting, template)) == []
    other = filled(template)
    _set(other, "arendet", "text", "Vi ses på Zorblaxiadagen i maj.")
    assert words_of(run_checks(other, template)) == ["Zorblaxiadagen"]


def test_hand_written_stavning_table_is_kept(template: Template, tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text('mall = "tjansteskrivelse"\n[stavning]\nord = "inte en lista"\n')
    loaded = load_arende(path)
    assert not add_arende_word(loaded.arende, "ord")
    assert loaded.arende.extra["stavning"] == {"ord": "inte en lista"}


# --------------------------------------------------------------------------- processes


def _run(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "DRAFTER_CONFIG_DIR": str(tmp_path / "config"),
            "DRAFTER_STATE_DIR": str(tmp_path / "state"),
            **env,
        },
        cwd=tmp_path,
        check=False,
        timeout=120,
    )


def test_missing_dictionary_is_one_clear_info_line(tmp_path: Path) -> None:
    empty = tmp_path / "ingen-ordlista"
    empty.mkdir()
    result = _run(
        ["-m", "drafter", "check", str(EXAMPLE), str(EXAMPLE)],
        tmp_path,
        DRAFTER_HUNSPELL_DIR=str(empty),
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stdout.splitlines() if "[STAV-1]" in line]
    assert len(lines) == 2  # one per file
    for line in lines:
        assert line.startswith("    info: Stavningskontrollen är avstängd")
        assert "hunspell-sv" in line


def test_cli_reports_spelling_and_loads_once_for_a_batch(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "import drafter.spelling.dictionary as d\n"
        "calls = []\n"
        "original = d._open_engine\n"
        "d._open_engine = lambda: calls.append(1) or original()\n"
        "from drafter.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "print('LOADS', len(calls))\n"
    )
    result = _run(
        ["-c", script, "check", "--processer", "1", str(EXAMPLE), str(EXAMPLE), str(EXAMPLE)],
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("”förväntansbild” finns inte i ordlistan") == 3
    assert result.stdout.rstrip().endswith("LOADS 1")


def test_cli_without_spelling_reports_no_spelling_and_loads_nothing(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "import drafter.spelling as s\n"
        "from drafter.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "print('STATE', s.state().name)\n"
    )
    result = _run(["-c", script, "check", "--utan-stavning", str(EXAMPLE)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "[STAV-1]" not in result.stdout
    assert "[" in result.stdout  # the other rules still report
    assert result.stdout.rstrip().endswith("STATE NOT_LOADED")
    with_spelling = _run(["-m", "drafter", "check", str(EXAMPLE)], tmp_path)
    assert "[STAV-1]" in with_spelling.stdout  # on by default


def test_non_blocking_mode_finds_nothing_until_loaded(tmp_path: Path) -> None:
    script = (
        "import threading\n"
        "from drafter import spelling\n"
        "from drafter.checks import run_checks\n"
        "from drafter.storage import load_arende\n"
        f"loaded = load_arende(__import__('pathlib').Path({str(EXAMPLE)!r}))\n"
        "def count():\n"
        "    found = run_checks(loaded.arende, loaded.template.template)\n"
        "    return sum(f.rule == 'STAV-1' for f in found)\n"
        "spelling.set_mode(spelling.Mode.NON_BLOCKING)\n"
        "print('BEFORE', count(), spelling.state().name)\n"
        "done = threading.Event()\n"
        "spelling.load_async(lambda speller: done.set())\n"
        "done.wait(60)\n"
        "print('AFTER', count(), spelling.state().name)\n"
    )
    result = _run(["-c", script], tmp_path)
    assert result.returncode == 0, result.stderr
    before, after = result.stdout.splitlines()
    assert before in ("BEFORE 0 NOT_LOADED", "BEFORE 0 LOADING")
    assert after.startswith("AFTER ") and after.endswith(" READY")
    assert int(after.split()[1]) > 0


# --------------------------------------------------------------------------- helper process


@pytest.mark.skipif(os.name != "posix", reason="the helper process is used on POSIX only")
def test_dictionary_answers_from_a_helper_process_like_in_process(dictionary: None) -> None:
    from drafter.spelling.dictionary import LocalEngine, _open_local, find_dictionary
    from drafter.spelling.remote import RemoteEngine

    folder = find_dictionary()
    assert folder is not None
    remote = RemoteEngine(folder)
    try:
        assert remote.wait_ready()
        local = _open_local(folder)
        assert isinstance(local, LocalEngine)
        words = ["medlemskap", "medlemskpa", "Regionstyrelsen", "tekniknära", "e-post", "x" * 61]
        assert remote.spell_many(words) == local.spell_many(words)
        assert local.spell_many(words) == [True, False, True, False, True, True]
        assert remote.suggest_many(words[:2], 3, 600) == local.suggest_many(words[:2], 3, 600)
    finally:
        remote.close()
    assert remote._process.poll() is not None


def test_cli_uses_the_helper_process_for_one_file(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "import drafter.spelling as s\n"
        "from drafter.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "print('ENGINE', type(s.get_if_loaded().engine).__name__)\n"
    )
    result = _run(["-c", script, "check", str(EXAMPLE)], tmp_path)
    assert result.returncode == 0, result.stderr
    expected = "RemoteEngine" if os.name == "posix" else "LocalEngine"
    assert result.stdout.rstrip().endswith(f"ENGINE {expected}")


@pytest.mark.skipif(os.name != "posix", reason="the helper process is used on POSIX only")
def test_helper_refuses_malformed_requests_and_ends(dictionary: None) -> None:
    from drafter.spelling.dictionary import find_dictionary
    from drafter.spelling.remote import EngineError, RemoteEngine

    folder = find_dictionary()
    assert folder is not None
    engine = RemoteEngine(folder)
    assert engine.wait_ready()
    assert engine.spell_many(["beslut", "bselut"]) == [True, False]
    with pytest.raises(EngineError):
        engine._ask({"op": "format c:", "words": ["x"]}, "ok")
    with pytest.raises(EngineError):  # it has ended
        engine.spell_many(["beslut"])
    assert engine._process.poll() is not None


def test_helper_that_dies_gives_one_info_line_then_nothing_more(tmp_path: Path) -> None:
    script = (
        "from pathlib import Path\n"
        "from drafter import spelling\n"
        "from drafter.checks import run_checks\n"
        "from drafter.storage import load_arende\n"
        f"loaded = load_arende(Path({str(EXAMPLE)!r}))\n"
        "spelling.set_mode(spelling.Mode.BLOCKING)\n"
        "speller = spelling.load()\n"
        "speller.engine._process.kill()\n"
        "speller.engine._process.wait()\n"
        "speller._known.clear()\n"
        "for _ in range(2):\n"
        "    found = run_checks(loaded.arende, loaded.template.template)\n"
        "    print([f.message.startswith('Stavningskontrollen är avstängd')"
        " for f in found if f.rule == 'STAV-1'])\n"
    )
    result = _run(["-c", script], tmp_path)
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.splitlines()
    assert first == second == "[True]"


def test_parallel_batch_shares_the_dictionary_with_its_workers(tmp_path: Path) -> None:
    files = []
    for i in range(4):
        path = tmp_path / f"a{i}.toml"
        path.write_text(
            EXAMPLE.read_text(encoding="utf-8").replace(
                "förväntansbild", f"förväntansbild{'x' * i}"
            ),
            encoding="utf-8",
        )
        files.append(str(path))
    result = _run(["-m", "drafter", "check", "--processer", "2", *files], tmp_path)
    assert result.returncode == 0, result.stderr
    for i in range(4):
        assert f"”förväntansbild{'x' * i}” finns inte i ordlistan" in result.stdout


def test_marks_and_cursor_lookup_for_an_editor(spelling: None, template: Template) -> None:
    from drafter.spelling.edit import finding_at, location, word_marks

    text = "Första raden.\nAndra raden har tjänsteskrivlese och medlemskpa."
    arende = filled(template)
    _set(arende, "arendet", "text", text)
    findings = run_checks(arende, template)
    marks = word_marks(findings, "arendet", "text")
    assert [text[start:end] for start, end, _ in marks] == ["tjänsteskrivlese", "medlemskpa"]
    start = marks[1][0]
    assert location(text, start) == (1, text.split("\n")[1].index("medlemskpa"))
    at_cursor = finding_at(findings, "arendet", "text", start + 3)
    assert at_cursor is not None and at_cursor.word == "medlemskpa"
    assert finding_at(findings, "arendet", "text", 2) is None
    assert word_marks(findings, "sammanfattning", "text") == []


@pytest.mark.benchmark
def test_spelling_benchmark_script_runs(tmp_path: Path) -> None:
    """A smoke test of benchmarks/spelling_bench.py: every row has a figure (no budgets)."""
    result = _run([str(ROOT / "benchmarks" / "spelling_bench.py"), "--runs", "1"], tmp_path)
    assert result.returncode == 0, result.stderr
    rows = [
        "drafter check, example, without STAV-1",
        "drafter check, example, with STAV-1",
        "  RSS added by the dictionary",
        "peak RSS of the helper process",
        "longest main-thread pause, load_async, helper process",
        "run_checks 50 KB after a word is typed, STAV-1 on",
    ]
    for name in rows:
        line = next((x for x in result.stdout.splitlines() if x.startswith(name)), "")
        assert line, f"missing row {name!r}:\n{result.stdout}"
        assert any(ch.isdigit() for ch in line[len(name) :]), line


@pytest.mark.parametrize("executable", ["/nonexistent/python", "/bin/true"])
def test_without_a_working_helper_the_dictionary_loads_in_process(
    tmp_path: Path, executable: str
) -> None:
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from drafter import spelling\n"
        "from drafter.checks import run_checks\n"
        "from drafter.storage import load_arende\n"
        f"loaded = load_arende(Path({str(EXAMPLE)!r}))\n"
        f"sys.executable = {executable!r}\n"
        "spelling.set_mode(spelling.Mode.BLOCKING)\n"
        "found = run_checks(loaded.arende, loaded.template.template)\n"
        "print(type(spelling.get_if_loaded().engine).__name__,"
        " sum(f.word == 'förväntansbild' for f in found))\n"
    )
    result = _run(["-c", script], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "LocalEngine 1"
