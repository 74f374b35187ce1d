"""Consistency across sections: what the decision says must agree with the rest.

* KONS-1 ``belopp_i_ekonomi``: an amount in Förslag till beslut also appears in Kostnader
  och finansiering (in any notation: "1,2 mnkr" matches "1 200 000 kronor").
* KONS-2 ``beslutsinstans_i_inledning``: the body named in the decision lead-in is the
  header's beslutsinstans (case-insensitive).
* EXP-3 ``uppdrag_expedieras``: whoever the decision gives an assignment ("får i uppdrag",
  "uppdrar åt X", "ger X i uppdrag", "X uppdras att") is in Expedieras till.

They are document rules; the section ids they compare are parameters with the default
template's ids. A rule whose sections the template lacks finds nothing.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from pydantic import Field

from drafter.checks.lazyre import lazy_compile
from drafter.checks.registry import CheckContext, Params, check_kind
from drafter.findings import Finding
from drafter.model import DecisionContent, ListContent, ProseContent, SectionContent
from drafter.templates import SectionDef
from drafter.text import numbered_points, parse_lead_in


def _section(ctx: CheckContext, section_id: str) -> SectionDef | None:
    try:
        return ctx.template.section(section_id)
    except KeyError:
        return None


def _content(ctx: CheckContext, section_id: str) -> tuple[SectionDef, SectionContent] | None:
    section = _section(ctx, section_id)
    if section is None:
        return None
    return section, ctx.arende.content(section)


def _strip_numbering(point: str) -> str:
    return re.sub(r"^\s*\d+\s*[.)]\s*", "", point.strip())


# --------------------------------------------------------------------------- KONS-1

#: Unit → (currency, factor). Longer units first in the pattern.
UNITS: dict[str, tuple[str, float]] = {
    "kronor": ("SEK", 1),
    "kr": ("SEK", 1),
    "sek": ("SEK", 1),
    "tkr": ("SEK", 1e3),
    "tusen kronor": ("SEK", 1e3),
    "mnkr": ("SEK", 1e6),
    "miljoner kronor": ("SEK", 1e6),
    "miljon kronor": ("SEK", 1e6),
    "mdkr": ("SEK", 1e9),
    "miljarder kronor": ("SEK", 1e9),
    "miljard kronor": ("SEK", 1e9),
    "euro": ("EUR", 1),
    "eur": ("EUR", 1),
    "€": ("EUR", 1),
    "t euro": ("EUR", 1e3),
    "tusen euro": ("EUR", 1e3),
    "mn euro": ("EUR", 1e6),
    "miljoner euro": ("EUR", 1e6),
}
_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_UNIT_ALTERNATIVES = "|".join(
    r"\s+".join(re.escape(w) for w in u.split()) for u in sorted(UNITS, key=len, reverse=True)
)
_AMOUNT = lazy_compile(
    rf"(?<![\w,.])(?P<num>{_NUMBER})\s?(?P<unit>{_UNIT_ALTERNATIVES})(?![^\W\d_])",
    re.IGNORECASE,
)
_BARE_NUMBER = lazy_compile(rf"(?<![\w,.])(?:{_NUMBER})(?![\w])")


def _number_value(text: str) -> float:
    return float(re.sub(r"[\s\u00a0\u202f]", "", text).replace(",", "."))


def amounts(text: str) -> list[tuple[str, str, float]]:
    """(as written, currency, value in the currency's base unit) for each amount in text."""
    found = []
    for match in _AMOUNT.finditer(text):
        unit = " ".join(match.group("unit").lower().split())
        currency, factor = UNITS[unit]
        found.append((match.group(0), currency, _number_value(match.group("num")) * factor))
    return found


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1.0)


class AmountConsistencyParams(Params):
    beslut: str = "forslag_till_beslut"
    ekonomi: str = "kostnader_och_finansiering"


@check_kind("belopp_i_ekonomi", AmountConsistencyParams)
def check_amounts_in_economy(
    ctx: CheckContext, params: AmountConsistencyParams
) -> Iterator[Finding]:
    """An amount in the decision is described under Kostnader och finansiering."""
    decision = _content(ctx, params.beslut)
    economy = _content(ctx, params.ekonomi)
    if decision is None or economy is None:
        return
    decision_section, decision_content = decision
    economy_section, economy_content = economy
    if not isinstance(decision_content, DecisionContent) or not isinstance(
        economy_content, ProseContent
    ):
        return
    if economy_content.is_empty():
        return  # the empty section is reported on its own
    economy_text = economy_content.text
    economy_amounts = amounts(economy_text)
    economy_numbers = {_number_value(n) for n in _BARE_NUMBER.findall(economy_text)}
    for i, number, point in numbered_points(decision_content.points):
        for written, currency, value in amounts(point):
            if any(c == currency and _close(v, value) for _, c, v in economy_amounts):
                continue
            match = _AMOUNT.search(written)
            assert match is not None
            if _number_value(match.group("num")) in economy_numbers:
                continue  # same figure, other notation of the unit
            yield ctx.finding(
                f"Punkt {number} nämner {' '.join(written.split())}, men beloppet finns inte "
                f"under ”{economy_section.heading}”. Beskriv där vad beslutet kostar, vem som "
                "betalar och hur det finansieras. Källa: Söderhamns kommun (belopp, vilken "
                "nämnd och finansiering).",
                field=f"punkter.{i}",
                section=decision_section.id,
            )


# --------------------------------------------------------------------------- KONS-2


class BodyConsistencyParams(Params):
    beslut: str = "forslag_till_beslut"
    falt: str = "beslutsinstans"


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


@check_kind("beslutsinstans_i_inledning", BodyConsistencyParams)
def check_body_matches(ctx: CheckContext, params: BodyConsistencyParams) -> Iterator[Finding]:
    """The body that decides, in the decision lead-in, is the header's beslutsinstans."""
    decision = _content(ctx, params.beslut)
    if decision is None:
        return
    section, content = decision
    if not isinstance(content, DecisionContent):
        return
    header_body = ctx.arende.field_value(params.falt).strip()
    lead_in = parse_lead_in(content.lead_in.strip()) if content.lead_in.strip() else None
    if not header_body or lead_in is None:
        return  # an empty lead-in is written from the header; a bad one is FTB-8's job
    body = _norm(lead_in.body)
    wanted = _norm(header_body)
    if re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", body):
        return
    label = next((f.label for f in ctx.template.fields if f.id == params.falt), params.falt)
    yield ctx.finding(
        f"Inledningen säger att ”{lead_in.body}” beslutar, men {label} under Uppgifter om "
        f"ärendet är ”{header_body}”. Rätta det som är fel så att de stämmer.",
        field="inledning",
        section=section.id,
    )


# --------------------------------------------------------------------------- EXP-3

# Each way of giving an assignment is found from its verb, and the assignee is cut out
# around it with plain string work: one pass over the text whatever it holds (a lazy
# ".+?" before or after the verb, tried from every position, made a 12 KB point take 5 s).
_SUBJECT_BEFORE: tuple[re.Pattern[str], ...] = (
    # "<X> får i uppdrag att …", "<X> får uppdraget att …"
    re.compile(r"(?<=\s)får\s+(?:i\s+uppdrag|uppdraget)\b", re.IGNORECASE),
    # "<X> uppdras att …"
    re.compile(r"(?<=\s)uppdras\s+att\b", re.IGNORECASE),
)
_OBJECT_AFTER: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    # "… uppdrar åt <X> att …", "uppdra <X> att …"
    (
        re.compile(r"\buppdrar?\s+(?:åt\s+)?", re.IGNORECASE),
        re.compile(r"(?<=\s)att\b", re.IGNORECASE),
    ),
    # "… ger <X> i uppdrag att …", "ge <X> uppdraget att …"
    (
        re.compile(r"\bger?\s+", re.IGNORECASE),
        re.compile(r"(?<=\s)(?:i\s+uppdrag|uppdraget)\b", re.IGNORECASE),
    ),
)
_SUBJECT_STOPS = lazy_compile(r"[,;:]")


def _whitespace_start(text: str, end: int, floor: int) -> int:
    """Where the run of whitespace that ends at ``end`` starts (not before ``floor``)."""
    while end > floor and text[end - 1].isspace():
        end -= 1
    return end


def _subjects_before(text: str, verb: re.Pattern[str]) -> list[str]:
    """Text between the last , ; : (or the previous match) and each ``verb``, which
    follows whitespace: "<X> får i uppdrag"."""
    # the comma of "Bygg-, miljö- och hälsoskyddsnämnden" does not end the subject
    stops = [
        m.start()
        for m in _SUBJECT_STOPS.finditer(text)
        if not (m.group() == "," and m.start() > 0 and text[m.start() - 1] == "-")
    ]
    found: list[str] = []
    done = 0  # the end of the previous match: a subject starts after it
    for match in verb.finditer(text):
        if match.start() < done:
            continue
        space = _whitespace_start(text, match.start(), done)
        i = bisect.bisect_left(stops, space) - 1  # the last stop before the whitespace
        start = max(done, stops[i] + 1 if i >= 0 else 0)
        if start >= space:
            continue  # nothing before the verb
        found.append(text[start:space])
        done = match.end()
    return found


def _objects_after(text: str, verb: re.Pattern[str], until: re.Pattern[str]) -> list[str]:
    """Text on the same line between each ``verb`` and the next ``until`` that follows
    whitespace: "ger <X> i uppdrag"."""
    ends = [(m.start(), m.end()) for m in until.finditer(text)]
    starts = [start for start, _ in ends]
    newlines = [i for i, char in enumerate(text) if char == "\n"]
    found: list[str] = []
    done = 0
    for match in verb.finditer(text):
        begin = match.end()
        if match.start() < done or begin >= len(text):
            continue
        j = bisect.bisect_right(starts, begin + 1)  # at least one character, then space
        if j == len(ends):
            continue
        stop = max(_whitespace_start(text, starts[j], begin + 1), begin + 1)
        k = bisect.bisect_left(newlines, begin)
        if k < len(newlines) and newlines[k] < stop:
            continue  # the assignee ends at the line end
        found.append(text[begin:stop])
        done = ends[j][1]
    return found


#: Words after which the subject of "får i uppdrag" starts ("… och regiondirektören får …").
_CLAUSE_STARTERS = frozenset({"att", "och", "samt", "beslutar", "som", "där", "vilket", "även"})
_SPLIT_RECIPIENTS_KEEP = lazy_compile(r"(\s*(?:,|\boch\b|\bsamt\b)\s*)", re.IGNORECASE)


def assignees(point: str) -> list[str]:
    """Who a decision point gives an assignment to, as written ("regiondirektören").

    When the assignee comes before the verb ("X får i uppdrag"), only the words after the
    last clause word count, so "… godkänner planen och regiondirektören får i uppdrag"
    gives "regiondirektören"; after "ger"/"uppdrar åt", "X och Y" are two assignees.
    """
    found: list[str] = []
    if "uppdra" not in point.lower():
        return found  # every pattern needs "uppdrag", "uppdra" or "uppdras"
    body = _strip_numbering(point)
    spans = [(x, True) for verb in _SUBJECT_BEFORE[:1] for x in _subjects_before(body, verb)]
    spans += [
        (x, False) for verb, until in _OBJECT_AFTER for x in _objects_after(body, verb, until)
    ]
    spans += [(x, True) for verb in _SUBJECT_BEFORE[1:] for x in _subjects_before(body, verb)]
    for span, subject_before in spans:
        words = span.split()
        if subject_before:
            for j in range(len(words) - 1, -1, -1):
                if words[j].lower() in _CLAUSE_STARTERS and not (
                    j > 0 and words[j - 1].rstrip(",").endswith("-")
                ):  # not the "och" of "Kultur- och fritidsförvaltningen"
                    words = words[j + 1 :]
                    break
        phrase = " ".join(words).strip(" .")
        for name in _split_recipients(phrase):
            name = name.strip(" .")
            if name and name not in found and any(ch.isalpha() for ch in name):
                found.append(name)
    return found


def _split_recipients(phrase: str) -> list[str]:
    """ "X och Y" → ["X", "Y"]; a coordinated compound stays whole: "Kultur- och
    fritidsförvaltningen", "Bygg-, miljö- och hälsoskyddsnämnden" (a part ending in a
    hyphen shares the last part's head word)."""
    pieces = _SPLIT_RECIPIENTS_KEEP.split(phrase)  # text, separator, text, …
    names: list[str] = []
    pending = ""
    for k in range(0, len(pieces), 2):
        text = pieces[k]
        separator = pieces[k + 1] if k + 1 < len(pieces) else ""
        if text.strip().endswith("-") and separator:
            pending += text + separator
            continue
        names.append(pending + text)
        pending = ""
    if pending:
        names.append(pending.strip())
    return names


def _same_stem(a: str, b: str) -> bool:
    short, long_ = sorted((a, b), key=len)
    if len(short) < 3:
        return short == long_
    if long_.startswith(short) and len(short) >= 5:
        return True  # regiondirektör / regiondirektören
    return (len(short) >= 6 and short in long_) or short == long_


def recipient_listed(name: str, recipients: list[str]) -> bool:
    """True when the head word of ``name`` matches a word of one of the recipients."""
    name_words = re.findall(r"[^\W\d_]+", name.casefold())
    if not name_words:
        return True
    head = name_words[-1]
    for recipient in recipients:
        for word in re.findall(r"[^\W\d_]+", recipient.casefold()):
            if _same_stem(head, word):
                return True
    return False


class AssignmentParams(Params):
    beslut: str = "forslag_till_beslut"
    expediering: str = "expedieras_till"
    ignorera: tuple[str, ...] = Field(default=())
    """Assignees never required in the list (for example "förvaltningen")."""


@check_kind("uppdrag_expedieras", AssignmentParams)
def check_assignees_listed(ctx: CheckContext, params: AssignmentParams) -> Iterator[Finding]:
    """Whoever the decision gives an assignment is in Expedieras till."""
    decision = _content(ctx, params.beslut)
    listing = _content(ctx, params.expediering)
    if decision is None or listing is None:
        return
    _, decision_content = decision
    list_section, list_content = listing
    if not isinstance(decision_content, DecisionContent) or not isinstance(
        list_content, ListContent
    ):
        return
    recipients = [p for p in list_content.items if p.strip()]
    ignored = {_norm(i) for i in params.ignorera}
    reported: set[str] = set()
    for _, number, point in numbered_points(decision_content.points):
        for name in assignees(point):
            key = _norm(name)
            if key in ignored or key in reported or recipient_listed(name, recipients):
                continue
            reported.add(key)
            yield ctx.finding(
                f"Punkt {number} ger {name} ett uppdrag, men {name} finns inte under "
                f"”{list_section.heading}”. Lägg till mottagaren, så att den som ska utföra "
                "uppdraget får beslutet. Källa: Forshaga kommun, ”Hur går det till att fatta "
                "ett beslut” (beslutet expedieras till dem som berörs).",
                field="poster",
                section=list_section.id,
            )
