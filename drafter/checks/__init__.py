"""The check engine: pure functions from an ärende and its template to findings.

:func:`run_checks` checks a whole document; :func:`check_section` and
:func:`check_header` check one part, for live validation while the user types.
"""

from __future__ import annotations

from functools import lru_cache

from drafter.checks.registry import CheckContext, get_kind, parsed_params
from drafter.findings import Finding
from drafter.model import Arende
from drafter.templates import RuleDef, SectionDef, Template

EMPTY_SECTION_RULE = "tom-sektion"
EMPTY_FIELD_RULE = "tomt-falt"

_EMPTY_HINT = {
    "prosa": "Skriv texten här.",
    "beslut": "Lägg till minst en beslutspunkt.",
    "aspekter": "Beskriv konsekvenserna eller ange att det inte finns några.",
    "lista": "Lägg till minst en rad.",
    "underskrifter": "Lägg till namn och befattning för den som skriver under.",
}


def _run_rule(
    arende: Arende, template: Template, section: SectionDef | None, rule: RuleDef
) -> list[Finding]:
    if rule.av:
        return []
    kind = get_kind(rule.typ)
    if kind is None:  # pragma: no cover - templates are validated when loaded
        return []
    ctx = CheckContext(
        arende=arende,
        template=template,
        section=section,
        rule_id=rule.id or rule.typ,
        severity=rule.severity or kind.default_severity,
    )
    return list(kind.func(ctx, _params(kind.name, rule)))


@lru_cache(maxsize=256)
def _params_cached(kind_name: str, rule: RuleDef) -> object:
    kind = get_kind(kind_name)
    assert kind is not None
    return parsed_params(kind, rule)


def _params(kind_name: str, rule: RuleDef) -> object:
    try:
        return _params_cached(kind_name, rule)
    except TypeError:  # unhashable parameter values (lists): parse every time
        kind = get_kind(kind_name)
        assert kind is not None
        return parsed_params(kind, rule)


def check_section(arende: Arende, template: Template, section_id: str) -> list[Finding]:
    """Findings for one section: emptiness and the section's own rules."""
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
        findings += _run_rule(arende, template, section, rule)
    return findings


def check_header(arende: Arende, template: Template) -> list[Finding]:
    """Findings for the header fields: empty required fields and document-wide rules."""
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
        findings += _run_rule(arende, template, None, rule)
    return findings


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def _empty_field_message(label: str, example: str) -> str:
    hint = f" Fyll i det, till exempel ”{example}”." if example else " Fyll i det."
    return f"Fältet ”{label}” är tomt.{hint}"


def run_checks(arende: Arende, template: Template) -> list[Finding]:
    """All findings for the whole ärende, header first, then sections in template order."""
    findings = check_header(arende, template)
    for section in template.sektioner:
        findings += check_section(arende, template, section.id)
    return findings


def has_errors(findings: list[Finding]) -> bool:
    """True when any finding is an error."""
    from drafter.findings import Severity

    return any(f.severity is Severity.ERROR for f in findings)
