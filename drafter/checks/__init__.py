"""The check engine: pure functions from an ärende and its template to findings.

:func:`run_checks` checks a whole document; :func:`check_section` and
:func:`check_header` check one part, for live validation while the user types.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

from drafter.checks.registry import CheckContext, CheckKind, get_kind, parsed_params
from drafter.findings import Finding, Severity
from drafter.model import IMPORTED_KEY, Arende

if TYPE_CHECKING:  # drafter.templates imports the registry to validate rules at load
    from drafter.templates import RuleDef, SectionDef, Template

EMPTY_SECTION_RULE = "tom-sektion"
EMPTY_FIELD_RULE = "tomt-falt"
IMPORTED_RULE = "importerat"

_EMPTY_HINT = {
    "prosa": "Skriv texten här.",
    "beslut": "Lägg till minst en beslutspunkt.",
    "aspekter": "Beskriv konsekvenserna eller ange att det inte finns några.",
    "lista": "Lägg till minst en rad.",
    "underskrifter": "Lägg till namn och befattning för den som skriver under.",
}


def _run_rule(
    arende: Arende,
    template: Template,
    section: SectionDef | None,
    rule: RuleDef,
    memo: dict[Hashable, Any],
) -> list[Finding]:
    prepared = _prepare(rule)
    if prepared is None:
        return []
    kind, params, rule_id, severity = prepared
    ctx = CheckContext(arende, template, section, rule_id, severity, memo)
    return list(kind.func(ctx, params))


_Prepared = tuple[CheckKind, object, str, Severity]
_PREPARED: dict[int, tuple[RuleDef, _Prepared | None]] = {}


def _prepare(rule: RuleDef) -> _Prepared | None:
    """The rule's kind, parsed parameters, id and severity; ``None`` when it is off.

    Templates are frozen, so this is worked out once per rule object (keyed by identity,
    which the stored rule keeps alive), not once per check run.
    """
    cached = _PREPARED.get(id(rule))
    if cached is not None and cached[0] is rule:
        return cached[1]
    prepared: _Prepared | None = None
    kind = get_kind(rule.typ)
    if not rule.av and kind is not None:  # unknown kinds: templates are validated at load
        severity = rule.severity or kind.default_severity
        prepared = (kind, parsed_params(kind, rule), rule.id or rule.typ, severity)
    if len(_PREPARED) >= 1024:
        _PREPARED.clear()
    _PREPARED[id(rule)] = (rule, prepared)
    return prepared


def check_section(
    arende: Arende,
    template: Template,
    section_id: str,
    *,
    memo: dict[Hashable, Any] | None = None,
) -> list[Finding]:
    """Findings for one section: emptiness and the section's own rules.

    ``memo`` is shared by the rules of one check run (see :func:`run_checks`).
    """
    memo = {} if memo is None else memo
    section = template.section(section_id)
    content = arende.content(section)
    if content.is_empty():
        severity = section.empty_severity
        if severity is None:
            return []
        hint = _first_sentence(section.hjalp) if section.typ == "prosa" else ""
        hint = hint or _EMPTY_HINT[section.typ]
        message = f"Sektionen ”{section.rubrik}” är tom. {hint}"
        return [Finding(EMPTY_SECTION_RULE, severity, message, section.id)]
    findings: list[Finding] = []
    for rule in section.regler:
        findings += _run_rule(arende, template, section, rule, memo)
    return findings


def check_header(
    arende: Arende, template: Template, *, memo: dict[Hashable, Any] | None = None
) -> list[Finding]:
    """Findings for the header fields: empty required fields and document-wide rules."""
    memo = {} if memo is None else memo
    findings: list[Finding] = []
    for fld in template.falt:
        severity = fld.empty_severity
        if severity is not None and not arende.field_value(fld.id).strip():
            findings.append(
                Finding(
                    EMPTY_FIELD_RULE,
                    severity,
                    _empty_field_message(fld.etikett, fld.exempel),
                    None,
                    fld.id,
                )
            )
    for rule in template.regler:
        findings += _run_rule(arende, template, None, rule, memo)
    return findings


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def _empty_field_message(label: str, example: str) -> str:
    hint = f" Fyll i det, till exempel ”{example}”." if example else " Fyll i det."
    return f"Fältet ”{label}” är tomt.{hint}"


def check_imported(arende: Arende) -> list[Finding]:
    """A warning for each text an import kept aside that is still there.

    The findings' section is :data:`~drafter.model.IMPORTED_KEY` and their field the
    text's position ("0", "1" …) among the kept texts.
    """
    return [
        Finding(
            IMPORTED_RULE,
            Severity.WARNING,
            f"Texten under ”{heading}” kom med vid importen men hör inte till någon sektion "
            "i mallen. Flytta det som ska vara kvar till rätt sektion och ta bort resten (i "
            "skrivprogrammet under steget ”Importerad text”, eller under [importerat] i "
            "filen); annars hamnar texten sist i exporten under en egen rubrik.",
            IMPORTED_KEY,
            str(i),
        )
        for i, (heading, text) in enumerate(arende.imported_texts().items())
        if text.strip()
    ]


def run_checks(arende: Arende, template: Template) -> list[Finding]:
    """All findings for the whole ärende: header, sections in template order, then text
    an import kept aside."""
    memo: dict[Hashable, Any] = {}  # one run: the ärende does not change in between
    findings = check_header(arende, template, memo=memo)
    for section in template.sektioner:
        findings += check_section(arende, template, section.id, memo=memo)
    if IMPORTED_KEY in arende.extra:
        findings += check_imported(arende)
    return findings
