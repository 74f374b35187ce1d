"""The built-in check kinds. Each is referenced from templates by its name (``typ``)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Literal

from pydantic import Field, field_validator

from drafter.checks.lazyre import lazy_compile
from drafter.checks.registry import CheckContext, Params, check_kind
from drafter.findings import Finding, Severity
from drafter.model import AspectsContent, DecisionContent, ProseContent, SignaturesContent
from drafter.templates import AspectDef, check_placeholders, fill_placeholder
from drafter.text import parse_lead_in, words

# --------------------------------------------------------------------------- FTB-8


class LeadInParams(Params):
    pass


_BODY_ENDINGS = ("styrelsen", "fullmäktige", "nämnden", "utskottet", "beredningen")


def _names_a_body(point: str, body: str) -> bool:
    """A decision point written as a full sentence whose subject is a decision-making body
    ("Regionstyrelsen godkänner …", or the header's Beslutsinstans)."""
    if body and point.casefold().startswith(body.casefold() + " "):
        return True
    first = point.split(maxsplit=1)[0]
    return first[:1].isupper() and first.casefold().endswith(_BODY_ENDINGS)


@check_kind("beslutsinledning", LeadInParams, severity=Severity.ERROR, sections={"beslut"})
def check_lead_in(ctx: CheckContext, params: LeadInParams) -> Iterator[Finding]:
    """The decision lead-in names who proposes and which body decides."""
    assert ctx.section is not None
    content = ctx.arende.content(ctx.section)
    assert isinstance(content, DecisionContent)
    lead_in = content.lead_in.strip()
    if not lead_in:
        proposer = ctx.arende.field_value("beredande_organ").strip()
        body = ctx.arende.field_value("beslutsinstans").strip()
        if proposer and body:
            return  # drafter writes "<proposer> föreslår <body> att besluta följande:"
        points = [p.strip() for p in content.points if p.strip()]
        if points and all(_names_a_body(p, body) for p in points):
            return  # "Kommunfullmäktige avslår motionen.": each point says who decides
        yield ctx.finding(
            "Inledningen saknas. Skriv vem som föreslår och vem som beslutar, till exempel "
            "”Utvecklingsutskottet föreslår Regionstyrelsen att besluta följande:”, eller fyll "
            "i Beredande organ och Beslutsinstans under Uppgifter om ärendet.",
            field="inledning",
        )
        return
    if parse_lead_in(lead_in) is None:
        yield ctx.finding(
            f"Inledningen ”{_short(lead_in)}” säger inte vem som föreslår och vilket organ "
            "som beslutar. Skriv till exempel ”Utvecklingsutskottet föreslår Regionstyrelsen "
            "att besluta följande:”.",
            field="inledning",
        )


# --------------------------------------------------------------------------- phrases


class PhraseParams(Params):
    fraser: tuple[str, ...] = Field(min_length=1)
    var: Literal["punkter", "inledning", "text", "allt"] = "allt"
    meddelande: str = "Texten innehåller ”{fras}”. Skriv om så att texten kan förstås på egen hand."

    @field_validator("meddelande")
    @classmethod
    def _has_placeholder(cls, value: str) -> str:
        return check_placeholders(value, "fras")


@lru_cache(maxsize=32)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(p.strip()) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _texts(content: object, where: str) -> Iterator[tuple[str, str]]:
    """(field, text) pairs of a section's content selected by ``where``."""
    if isinstance(content, DecisionContent):
        if where in ("inledning", "allt"):
            yield "inledning", content.lead_in
        if where in ("punkter", "allt"):
            for i, point in enumerate(content.points):
                yield f"punkter.{i}", point
    elif isinstance(content, AspectsContent):
        if where in ("text", "allt"):
            yield "text", content.text
        if where == "allt":
            for key, entry in content.aspects.items():
                yield f"aspekter.{key}", entry.text
    elif isinstance(content, ProseContent) and where in ("text", "allt"):
        yield "text", content.text


@check_kind("forbjudna_fraser", PhraseParams, sections={"beslut", "prosa", "aspekter"})
def check_phrases(ctx: CheckContext, params: PhraseParams) -> Iterator[Finding]:
    """Flag phrases that should not be used (for example "enligt bilaga" in a decision)."""
    assert ctx.section is not None
    pattern = _phrase_pattern(params.fraser)
    for field, text in _texts(ctx.arende.content(ctx.section), params.var):
        for match in pattern.finditer(text):
            message = fill_placeholder(params.meddelande.strip(), "fras", match.group(0))
            yield ctx.finding(message, field=field)


# --------------------------------------------------------------------------- KON-1


class AspectParams(Params):
    pass


def aspect_mentioned(aspect: AspectDef, text: str) -> bool:
    """True when a word of ``text`` addresses the aspect (see :class:`AspectDef`)."""
    never, stems, inside = aspect.excluded, aspect.words, aspect.in_compounds
    for word in _unique_words(text):
        if never and word.startswith(never):
            continue
        if word.startswith(stems):
            return True
        if inside and any(stem in word for stem in inside):
            return True
    return False


@lru_cache(maxsize=256)
def _unique_words(text: str) -> tuple[str, ...]:
    # The words of a text once each, in order (cached: every aspect looks at the same text).
    return tuple(dict.fromkeys(words(text)))


@check_kind("aspekter_tackta", AspectParams, severity=Severity.ERROR, sections={"aspekter"})
def check_aspects(ctx: CheckContext, params: AspectParams) -> Iterator[Finding]:
    """Every aspect the template lists is addressed, per aspect or in the prose."""
    assert ctx.section is not None
    content = ctx.arende.content(ctx.section)
    assert isinstance(content, AspectsContent)
    for aspect in ctx.section.aspects:
        entry = content.aspects.get(aspect.id)
        if entry is not None and entry.assessment == "inga":
            continue
        if entry is not None and entry.assessment == "beskriv":
            if entry.text.strip():
                continue
            yield ctx.finding(
                f"Du har valt att beskriva konsekvenserna för {aspect.label} men inte skrivit "
                "något. Beskriv dem, eller välj ”inga konsekvenser”.",
                field=f"aspekter.{aspect.id}",
            )
            continue
        if aspect_mentioned(aspect, content.text):
            continue
        yield ctx.finding(
            f"Konsekvensbeskrivningen tar inte upp {aspect.label}. Beskriv hur beslutet "
            f"påverkar {aspect.label}, eller skriv att det inte påverkar (”Beslutet bedöms "
            f"inte ha några konsekvenser för {aspect.label}.”).",
            field=f"aspekter.{aspect.id}",
        )


# --------------------------------------------------------------------------- KON-2


class ContradictionParams(Params):
    fraser: tuple[str, ...] = Field(min_length=1)
    """Phrases that say there are no consequences for what follows ("inga konsekvenser
    för"); the words after one, to the end of its sentence, name the aspects it means."""
    undantag: tuple[str, ...] = ()
    """Words that, after the phrase in the same sentence, make it a partial statement
    ("utöver", "förutom"): such a sentence is not flagged."""
    meddelande: str = (
        "Den gemensamma texten säger att beslutet inte har några konsekvenser för "
        "{aspekt}, men under {aspekt} beskriver du konsekvenser. Rätta det som är fel."
    )

    @field_validator("meddelande")
    @classmethod
    def _has_placeholder(cls, value: str) -> str:
        return check_placeholders(value, "aspekt")


@lru_cache(maxsize=32)
def _no_consequence_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    # Literal words with a run of spaces between them: no overlapping quantifiers.
    alternatives = "|".join(
        r"\s+".join(re.escape(w) for w in p.split())
        for p in sorted(phrases, key=len, reverse=True)
        if p.split()
    )
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


_SENTENCE_END = lazy_compile(r"[.!?;:\n]")
_SCOPE_CHARS = 200
"""How far after the phrase its list of aspects may reach (within the sentence)."""


def _denied_scopes(text: str, params: ContradictionParams) -> list[str]:
    """The text after each "no consequences for" phrase up to the sentence's end."""
    scopes: list[str] = []
    exceptions = {w.casefold() for w in params.undantag}
    for match in _no_consequence_pattern(params.fraser).finditer(text):
        start = match.end()
        window = text[start : start + _SCOPE_CHARS]
        end = _SENTENCE_END.search(window)
        scope = window[: end.start()] if end else window
        if exceptions and any(w in exceptions for w in words(scope)):
            continue
        scopes.append(scope)
    return scopes


@check_kind(
    "konsekvenser_motsager_aspekt", ContradictionParams, severity=Severity.WARNING,
    sections={"aspekter"},
)  # fmt: skip
def check_contradicted_aspects(ctx: CheckContext, params: ContradictionParams) -> Iterator[Finding]:
    """The shared text says "no consequences for <aspect>" while that aspect's own text
    describes consequences."""
    assert ctx.section is not None
    content = ctx.arende.content(ctx.section)
    assert isinstance(content, AspectsContent)
    scopes = _denied_scopes(content.text, params)
    if not scopes:
        return
    for aspect in ctx.section.aspects:
        entry = content.aspects.get(aspect.id)
        if entry is None or entry.assessment != "beskriv" or not entry.text.strip():
            continue
        if _denied_scopes(entry.text, params):
            continue  # the aspect's own text says there are none: KON-1's business
        if any(aspect_mentioned(aspect, scope) for scope in scopes):
            yield ctx.finding(
                fill_placeholder(params.meddelande.strip(), "aspekt", aspect.label),
                field="text",
            )


# --------------------------------------------------------------------------- EK-2


class AmountParams(Params):
    enheter: tuple[str, ...] = Field(min_length=1)
    fraser: tuple[str, ...] = ()


_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"


@lru_cache(maxsize=32)
def amount_pattern(units: tuple[str, ...]) -> re.Pattern[str]:
    """A number with one of the units after it (or before it: "SEK 100", "€100")."""
    unit = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    return re.compile(
        rf"(?:(?<![\w]){'(?:' + _NUMBER + ')'}\s?(?:{unit})(?![^\W\d_]))"
        rf"|(?:(?<!\w)(?:{unit})\s?(?:{_NUMBER}))",
        re.IGNORECASE,
    )


@check_kind("belopp_eller_fras", AmountParams, sections={"prosa"})
def check_amount(ctx: CheckContext, params: AmountParams) -> Iterator[Finding]:
    """The text states an amount with a unit, or says plainly there are no costs."""
    assert ctx.section is not None
    content = ctx.arende.content(ctx.section)
    assert isinstance(content, ProseContent)
    text = content.text
    if amount_pattern(params.enheter).search(text):
        return
    lowered = text.lower()
    if any(phrase.lower() in lowered for phrase in params.fraser):
        return
    yield ctx.finding(
        "Ange kostnaden med belopp och enhet (till exempel ”12 500 euro/år” eller "
        "”1,2 mnkr”), eller skriv uttryckligen att beslutet inte medför några kostnader "
        "eller att kostnaden ryms inom budget.",
        field="text",
    )


# --------------------------------------------------------------------------- SIG-1


class SignatureParams(Params):
    minst: int = Field(default=1, ge=0)


@check_kind("underskrifter", SignatureParams, severity=Severity.ERROR, sections={"underskrifter"})
def check_signatures(ctx: CheckContext, params: SignatureParams) -> Iterator[Finding]:
    """At least ``minst`` signatures, each with name and title."""
    assert ctx.section is not None
    content = ctx.arende.content(ctx.section)
    assert isinstance(content, SignaturesContent)
    complete = 0
    for i, person in enumerate(content.people):
        if person.is_empty():
            continue
        if not person.name.strip():
            yield ctx.finding(
                f"Underskrift {i + 1} saknar namn. Skriv namnet på den som skriver under.",
                field=f"personer.{i}",
            )
        elif not person.title.strip():
            yield ctx.finding(
                f"Underskriften för {person.name.strip()} saknar befattning. Skriv "
                "befattningen, till exempel ”Handläggare” eller ”Regional utvecklingsdirektör”.",
                field=f"personer.{i}",
            )
        else:
            complete += 1
    if complete < params.minst:
        yield ctx.finding(
            f"Skrivelsen behöver minst {params.minst} underskrift med både namn och befattning.",
            field="personer",
        )


# --------------------------------------------------------------------------- FORM-1a


class NoParams(Params):
    pass


_ISO_DATE = lazy_compile(r"^\d{4}-\d{2}-\d{2}$")


def is_iso_date(value: str) -> bool:
    """True for a real calendar date written YYYY-MM-DD."""
    if not _ISO_DATE.match(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


@check_kind("datumfalt", NoParams, severity=Severity.ERROR)
def check_date_fields(ctx: CheckContext, params: NoParams) -> Iterator[Finding]:
    """Header fields of type datum hold a real date in ISO form (YYYY-MM-DD)."""
    for fld in ctx.template.fields:
        value = ctx.arende.field_value(fld.id).strip()
        if fld.kind != "datum" or not value or is_iso_date(value):
            continue
        yield ctx.finding(
            f"{fld.label} ”{value}” är inte ett giltigt datum i formen ÅÅÅÅ-MM-DD. "
            f"Skriv till exempel {dt.date.today().isoformat()}.",
            field=fld.id,
        )


# --------------------------------------------------------------------------- DNR


_LENIENT_DNR = lazy_compile(
    r"^(?:dnr:?\s*)?"  # optional "Dnr"
    r"(?=.*[^\W\d_])"  # a prefix somewhere (letters)
    r"(?=.*(?:(?<!\d)(?:19|20)\d{2}(?!\d)|(?<!\d)\d{2}(?!\d)))"  # a year, 4 or 2 digits
    r"[\w \-–/:.]+$",
    re.IGNORECASE,
)


def looks_like_diarienummer(value: str) -> bool:
    """Lenient: a prefix, a year and a serial number ("RS 2025/123", "KS/2017:457")."""
    digit_groups = re.findall(r"\d+", value)
    return bool(_LENIENT_DNR.match(value)) and len(digit_groups) >= 2


@check_kind("diarienummer", NoParams, severity=Severity.WARNING)
def check_diarienummer(ctx: CheckContext, params: NoParams) -> Iterator[Finding]:
    """Diarienummer fields look like one (the field's ``monster`` makes it strict)."""
    for fld in ctx.template.fields:
        value = ctx.arende.field_value(fld.id).strip()
        if fld.kind != "diarienummer" or not value:
            continue
        if fld.pattern is not None:
            # checked at template load (drafter.regexcheck); the input is kept short too
            from drafter.regexcheck import MAX_INPUT

            if len(value) <= MAX_INPUT and re.fullmatch(fld.pattern, value):
                continue
            yield ctx.finding(
                f"Diarienumret ”{value}” följer inte organisationens format"
                f"{' (till exempel ' + fld.example + ')' if fld.example else ''}. "
                "Kontrollera numret i diariet.",
                field=fld.id,
            )
        elif not looks_like_diarienummer(value):
            yield ctx.finding(
                f"”{value}” ser inte ut som ett diarienummer. Det brukar ha prefix, år och "
                "löpnummer, till exempel RS 2025/123.",
                field=fld.id,
            )


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
