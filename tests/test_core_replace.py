"""Find and replace in a whole ärende, quick fixes and their undo history (no TUI)."""

from __future__ import annotations

from drafter.checks import run_checks
from drafter.findings import Finding, Severity
from drafter.history import History
from drafter.model import (
    Arende,
    DecisionContent,
    ListContent,
    ProseContent,
    Signature,
    SignaturesContent,
)
from drafter.replace import (
    apply_quick_fix,
    describe,
    find_all,
    get_text,
    hits_label,
    quick_fix,
    replace_all,
)
from drafter.templates import Template


def filled(template: Template) -> Arende:
    arende = Arende.new(template)
    arende.header["titel"] = "Kommunens bibliotek"
    sections = arende.sections
    summary = sections["sammanfattning"]
    assert isinstance(summary, ProseContent)
    summary.text = "Kommunen skall bygga. Kommunen skall betala.\n\nMer om kommunen."
    decision = sections["forslag_till_beslut"]
    assert isinstance(decision, DecisionContent)
    decision.points = ["Regionstyrelsen ger kommunen uppdraget.", "Inget här."]
    listing = sections["expedieras_till"]
    assert isinstance(listing, ListContent)
    listing.items = ["Kommunen (a.b)", "Region Gävleborg"]
    signatures = sections["underskrifter"]
    assert isinstance(signatures, SignaturesContent)
    signatures.people = [Signature(namn="Anna Kommunsson", titel="Chef")]
    return arende


def test_find_is_case_insensitive_over_header_sections_and_rows(template: Template) -> None:
    hits = find_all(filled(template), template, "KOMMUN")
    places = [(h.section, h.field) for h in hits]
    assert places[0] == (None, "titel")
    assert places.count(("sammanfattning", "text")) == 3
    assert ("forslag_till_beslut", "punkter.0") in places
    assert ("expedieras_till", "poster.0") in places
    assert ("underskrifter", "personer.0.namn") in places
    text = get_text(filled(template), "sammanfattning", "text")
    assert text is not None
    first = next(h for h in hits if h.section == "sammanfattning")
    assert text[first.start : first.end] == "Kommun"


def test_search_text_is_plain_text_not_a_pattern(template: Template) -> None:
    arende = filled(template)
    assert [(h.section, h.field) for h in find_all(arende, template, "(a.b)")] == [
        ("expedieras_till", "poster.0")
    ]
    assert find_all(arende, template, "a.c") == []
    assert find_all(arende, template, ".*") == []
    assert find_all(arende, template, "") == []


def test_replace_all_changes_a_copy_in_every_section(template: Template) -> None:
    arende = filled(template)
    result = replace_all(arende, template, "kommunen", "regionen")
    assert result.count == 6
    assert result.sections == (None, "forslag_till_beslut", "sammanfattning", "expedieras_till")
    assert describe(result.count, len(result.sections)) == "Ersatte 6 förekomster i 4 avsnitt."
    new = result.arende
    assert new.header["titel"] == "Regionens bibliotek"  # a capital stays a capital
    assert get_text(new, "sammanfattning", "text") == (
        "Regionen skall bygga. Regionen skall betala.\n\nMer om regionen."
    )
    assert get_text(new, "forslag_till_beslut", "punkter.0") == (
        "Regionstyrelsen ger regionen uppdraget."
    )
    assert get_text(new, "expedieras_till", "poster.0") == "Regionen (a.b)"
    # the ärende passed in is unchanged
    assert get_text(arende, "sammanfattning", "text") == (
        "Kommunen skall bygga. Kommunen skall betala.\n\nMer om kommunen."
    )


def test_counts_are_swedish() -> None:
    assert describe(1, 1) == "Ersatte 1 förekomst i 1 avsnitt."
    assert describe(0, 0) == "Inga träffar: inget ersattes."
    assert [hits_label(n) for n in (0, 1, 3)] == ["Inga träffar", "1 träff", "3 träffar"]


def test_undo_and_redo_a_replace_all(template: Template) -> None:
    arende = filled(template)
    result = replace_all(arende, template, "skall", "ska")
    history = History()
    for change in result.changes:  # the TUI applies the changes to its ärende in place
        from drafter.replace import set_text

        set_text(arende, change.section, change.field, change.after)
    history.record("Ersätt alla", result.changes)
    history.sync(7)
    assert history.can_undo(7) and not history.can_undo(8)  # 8: typed since
    undone = history.undo(arende)
    assert undone is not None and undone.skipped == 0
    assert "skall bygga" in (get_text(arende, "sammanfattning", "text") or "")
    assert history.can_redo() and not history.can_undo()
    history.redo(arende)
    assert "ska bygga" in (get_text(arende, "sammanfattning", "text") or "")


def test_undo_leaves_a_field_edited_since(template: Template) -> None:
    arende = filled(template)
    result = replace_all(arende, template, "kommunen", "regionen")
    arende = result.arende
    history = History()
    history.record("Ersätt alla", result.changes)
    summary = arende.sections["sammanfattning"]
    assert isinstance(summary, ProseContent)
    summary.text = "Skrivet efteråt."
    undone = history.undo(arende)
    assert undone is not None and undone.skipped == 1
    assert summary.text == "Skrivet efteråt."
    assert get_text(arende, "expedieras_till", "poster.0") == "Kommunen (a.b)"


def test_skall_finding_has_its_place_and_a_quick_fix(template: Template) -> None:
    arende = Arende.new(template)
    summary = arende.sections["sammanfattning"]
    assert isinstance(summary, ProseContent)
    summary.text = "Nämnden beslutar. Projektet Skall redovisas i maj."
    finding = next(f for f in run_checks(arende, template) if f.rule == "ORD-1")
    assert finding.word == "Skall"
    assert finding.span is not None
    assert summary.text[finding.span[0] : finding.span[1]] == "Skall"
    assert quick_fix(finding) == "Ska"
    change = apply_quick_fix(arende, finding)
    assert change is not None
    assert summary.text == "Nämnden beslutar. Projektet Ska redovisas i maj."
    # applied again, the word is no longer there: nothing changes
    assert apply_quick_fix(arende, finding) is None


def test_no_quick_fix_for_spelling_or_inflected_forms(template: Template) -> None:
    spelling = Finding("STAV-1", Severity.INFO, "", "a", "text", "Hej", (0, 3), ("Hej",))
    assert quick_fix(spelling) is None
    arende = Arende.new(template)
    summary = arende.sections["sammanfattning"]
    assert isinstance(summary, ProseContent)
    summary.text = "Det är erforderliga åtgärder."  # an inflected form: no safe replacement
    finding = next(f for f in run_checks(arende, template) if f.rule == "ORD-1")
    assert finding.word == "erforderliga"
    assert quick_fix(finding) is None


def test_number_findings_select_their_place_and_fix_it(template: Template) -> None:
    arende = Arende.new(template)
    summary = arende.sections["sammanfattning"]
    assert isinstance(summary, ProseContent)
    summary.text = "Det kostar 12500 kronor och 3 MSEK. Mötet är 14:e mars."
    findings = {f.rule: f for f in run_checks(arende, template) if f.section == "sammanfattning"}
    expected = {
        "FORM-2a": ("12500", "12 500"),
        "FORM-3b": ("MSEK", "mnkr"),
        "FORM-1d": ("14:e mars", "14 mars"),
    }
    for rule, (word, fix) in expected.items():
        finding = findings[rule]
        assert finding.word == word and finding.span is not None
        assert summary.text[finding.span[0] : finding.span[1]] == word
        assert quick_fix(finding) == fix
    for rule in expected:  # each fix, on the text as the earlier fixes left it
        again = {f.rule: f for f in run_checks(arende, template) if f.section == "sammanfattning"}
        assert apply_quick_fix(arende, again[rule]) is not None
    assert summary.text == "Det kostar 12 500 kronor och 3 mnkr. Mötet är 14 mars."


def test_abbreviation_and_nominalisation_findings_name_their_place(template: Template) -> None:
    arende = Arende.new(template)
    summary = arende.sections["sammanfattning"]
    assert isinstance(summary, ProseContent)
    summary.text = "Förvaltningen ansvarar för genomförandet av planen. Kontakta MAS i tid."
    findings = {f.rule: f for f in run_checks(arende, template) if f.section == "sammanfattning"}
    for rule, word in (("FORM-5", "MAS"), ("NOM-1", "genomförandet av")):
        finding = findings[rule]
        assert finding.word == word and finding.span is not None
        assert summary.text[finding.span[0] : finding.span[1]] == word
        assert quick_fix(finding) is None  # the writer rewrites: no one-key fix


def test_a_long_sentence_finding_spans_the_sentence_as_written(template: Template) -> None:
    arende = Arende.new(template)
    summary = arende.sections["sammanfattning"]
    assert isinstance(summary, ProseContent)
    long_one = "Många " + " ".join(["ord"] * 20) + "\n" + " ".join(["till"] * 12) + "."
    summary.text = f"Kort mening. {long_one} Slut."
    finding = next(
        f
        for f in run_checks(arende, template)
        if f.rule == "MEN-1" and f.section == "sammanfattning"
    )
    assert finding.span is not None
    assert summary.text[finding.span[0] : finding.span[1]] == long_one == finding.word
