"""Registry of check kinds: the code half of "rules are data".

A template rule names a kind (``typ``) and gives parameters; the kind is a function
registered here with a pydantic model for its parameters, so a template is validated when
it loads. New kinds register with :func:`check_kind` and are listed in :data:`KIND_MODULES`.

A kind's module is imported the first time a template names the kind: checking a document
loads only the kinds its template uses (and the list of known kinds in an error message
needs none of them).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from drafter.errors import describe_validation_error
from drafter.findings import Finding, Severity

if TYPE_CHECKING:
    from drafter.model import Arende
    from drafter.templates import RuleDef, SectionDef, Template


class Params(BaseModel):
    """Base for a check kind's parameters; unknown keys are errors.

    The schema of a kind's model is built the first time a rule gives it parameters
    (``defer_build``): most rules give none, and building every model at import would
    cost a noticeable part of drafter's start-up (see :func:`_parse`).
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


P = TypeVar("P", bound=Params)


class CheckContext(NamedTuple):
    """What a check function gets: the ärende, the template, its section and its rule
    (a NamedTuple, like :class:`CheckKind`)."""

    arende: Arende
    template: Template
    section: SectionDef | None
    rule_id: str
    severity: Severity
    memo: dict[Hashable, Any]
    """Shared by the rules of one check run: what several rules derive from the same
    unchanged ärende (for example the texts of the sections) is worked out once."""

    def finding(
        self, message: str, field: str | None = None, section: str | None = None
    ) -> Finding:
        """A finding for this rule, in this section unless another is given."""
        sec = section if section is not None else (self.section.id if self.section else None)
        return Finding(self.rule_id, self.severity, message, sec, field)


CheckFunc = Callable[[CheckContext, Any], Iterable[Finding]]


class CheckKind(NamedTuple):
    """A registered kind of check (a NamedTuple: a frozen dataclass compiles its methods
    when the module loads)."""

    name: str
    func: CheckFunc
    params: type[Params]
    default_severity: Severity
    section_kinds: frozenset[str] | None
    """Section kinds it applies to; ``None`` for a document-wide check."""
    description: str


KINDS: dict[str, CheckKind] = {}
"""The kinds registered so far: those whose modules are imported."""

#: The module of :mod:`drafter.checks` that registers each kind (the ``typ`` of a rule).
#: A kind is imported from here on first use; :func:`check_kind` refuses a kind that is
#: missing or listed under another module, so the table cannot drift from the code.
KIND_MODULES: dict[str, str] = {
    "aspekter_tackta": "kinds",
    "belopp_eller_fras": "kinds",
    "belopp_i_ekonomi": "consistency",
    "beloppsforkortningar": "numbers",
    "beslutsinledning": "kinds",
    "beslutsinstans_i_inledning": "consistency",
    "beslutspunkternas_form": "klarsprak",
    "datumfalt": "kinds",
    "diarienummer": "kinds",
    "en_atgard_per_punkt": "klarsprak",
    "forbjudna_fraser": "kinds",
    "forkortningar": "abbreviations",
    "konsekvenser_motsager_aspekt": "kinds",
    "langa_meningar": "klarsprak",
    "lix": "klarsprak",
    "lix_dokument": "klarsprak",
    "max_ord": "klarsprak",
    "ordlista": "klarsprak",
    "ordningstal_i_datum": "numbers",
    "sammanfattning_utan_forslag": "klarsprak",
    "stavningskontroll": "spelling",
    "substantiv_for_verb": "nominalisations",
    "tusental": "numbers",
    "tvasiffrigt_ar": "numbers",
    "underskrifter": "kinds",
    "uppdrag_expedieras": "consistency",
}


def check_kind(
    name: str,
    params: type[P],
    *,
    severity: Severity = Severity.WARNING,
    sections: Iterable[str] | None = None,
) -> Callable[
    [Callable[[CheckContext, P], Iterable[Finding]]], Callable[[CheckContext, P], Iterable[Finding]]
]:
    """Register a check kind under ``name`` (the ``typ`` used in templates).

    ``sections`` lists the section kinds it can be attached to; leave it out for a
    document-wide kind, which goes in the template's top-level ``[[regler]]``.
    """

    def register(
        func: Callable[[CheckContext, P], Iterable[Finding]],
    ) -> Callable[[CheckContext, P], Iterable[Finding]]:
        module = func.__module__.rpartition(".")[2]
        if KIND_MODULES.get(name) != module:
            raise RuntimeError(f"check kind {name!r}: list it in KIND_MODULES as {module!r}")
        KINDS[name] = CheckKind(
            name=name,
            func=func,
            params=params,
            default_severity=severity,
            section_kinds=frozenset(sections) if sections is not None else None,
            description=(func.__doc__ or "").strip().splitlines()[0] if func.__doc__ else "",
        )
        return func

    return register


def get_kind(name: str) -> CheckKind | None:
    """The kind with this name (its module imported on first use), or ``None``."""
    kind = KINDS.get(name)
    if kind is None:
        module = KIND_MODULES.get(name)
        if module is None:
            return None
        import_module(f"drafter.checks.{module}")
        kind = KINDS[name]
    return kind


def validate_rule(rule: RuleDef, section: SectionDef | None) -> str | None:
    """Why a template rule is invalid, in Swedish, or ``None`` when it is fine."""
    kind = get_kind(rule.kind)
    if kind is None:
        known = ", ".join(sorted(KIND_MODULES))
        return f"okänd regeltyp ”{rule.kind}”; kända typer är: {known}"
    if section is None and kind.section_kinds is not None:
        return f"regeltypen ”{rule.kind}” hör till en sektion, inte till hela dokumentet"
    if section is not None:
        if kind.section_kinds is None:
            return f"regeltypen ”{rule.kind}” gäller hela dokumentet; lägg den i [[regler]]"
        if section.kind not in kind.section_kinds:
            allowed = ", ".join(sorted(kind.section_kinds))
            return (
                f"regeltypen ”{rule.kind}” passar inte en sektion av typen ”{section.kind}” "
                f"(bara {allowed})"
            )
    try:
        _parse(kind.params, rule.params)
    except ValidationError as exc:
        return describe_validation_error(exc)
    return None


def parsed_params(kind: CheckKind, rule: RuleDef) -> Params:
    """The rule's parameters as the kind's model (the template was validated at load)."""
    return _parse(kind.params, rule.params)


def _parse(model: type[Params], params: Mapping[str, Any]) -> Params:
    """``model.model_validate(params)``, without building the model's schema when no
    parameters are given and nothing could reject or change the defaults."""
    if not params and _defaults_are_valid(model):
        return model.model_construct()
    return model.model_validate(params)


@cache
def _defaults_are_valid(model: type[Params]) -> bool:
    """Whether validating ``{}`` surely gives the defaults: every field has one, and no
    validator or ``validate_default`` would run on them."""
    decorators = model.__pydantic_decorators__
    if decorators.model_validators or decorators.field_validators or decorators.validators:
        return False
    if model.model_config.get("validate_default"):
        return False
    return all(
        not info.is_required() and not info.validate_default for info in model.model_fields.values()
    )
