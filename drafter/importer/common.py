"""What the import modules share: heading matching, the assembly result, kept-aside text,
aspect sub-headings and name/title signatures (see :mod:`drafter.importer.assemble`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.importer.blocks import Block, collapse
from drafter.model import (
    Arende,
    Signature,
)
from drafter.templates import AspectDef, SectionDef, Template
from drafter.wrapping import join_wrapped

#: Heading under which text before the first section heading is kept.
BEFORE_FIRST_HEADING = "Text före första rubriken"

KNOWN_DOC_TYPES = (
    "Tjänsteskrivelse",
    "Tjänsteutlåtande",
    "Tjänsteyttrande",
    "Ordförandeförslag",
    "Ärende till sammanträde",
    "Skrivelse",
)
_FIELD_SYNONYMS = {
    "diarienummer": ("dnr", "diarienr", "vår beteckning", "ärendenummer", "ärendenr"),
    "datum": (),
    "text": (),
}
_MONTHS = {
    month: number
    for number, month in enumerate(
        [
            "januari",
            "februari",
            "mars",
            "april",
            "maj",
            "juni",
            "juli",
            "augusti",
            "september",
            "oktober",
            "november",
            "december",
        ],
        1,
    )
}
_ISO_DATE = re.compile(r"^\d{4}-\d\d-\d\d$")
#: "RS 2021/312", "KS 2024:77", "KFN 2024/87", "SCN-2024-0123" on a line of their own
_BARE_DNR = re.compile(r"^[A-ZÅÄÖ]{1,6}[ -]?\d{4}[/:-]\d{1,6}$")
_SWEDISH_DATE = re.compile(r"^(\d{1,2})\s+([a-zåäö]+)\s+(\d{4})$", re.IGNORECASE)
#: A page counter at the end of a line ("TJÄNSTESKRIVELSE 1 (2)"); bounded per position.
_PAGE_COUNTER_END = re.compile(r"\s(?:sida\s)?\d{1,3}\s?(?:[(\[]\d{1,3}[)\]]|av\s\d{1,3})$", re.I)
_FIELD_LINE = re.compile(r"^(?P<label>[^:]{1,40}?)\s*:\s*(?P<value>.*)$")
_SENTENCE_END = re.compile(r"[.!?;,:]$")
_UNLABELLED = (
    (
        "forvaltning",
        re.compile(
            r"^(?:[\w -]{0,60}(?:förvaltning|förvaltningen|kontoret|staben)|Sektor [\w ]{1,40})$",
            re.I,
        ),
    ),
    ("organisation", re.compile(r"^(?:Region \w+|\w+ (?:kommun|region|landsting|stad))$", re.I)),
)
_NAME_PARTICLES = frozenset(
    ["af", "av", "von", "van", "der", "den", "de", "la", "le", "di", "da", "du", "el", "bin", "ter"]
)
_NAME_TOKEN = re.compile(r"^[^\W\d_][\w'’.-]*$")


def norm(text: str) -> str:
    """A heading or label for comparison: spaces collapsed, case folded, no end colon."""
    return " ".join(text.replace("\u00a0", " ").split()).casefold().rstrip(":").rstrip()


class HeadingMatcher:
    """Recognises the template's section headings, aliases and ``<Organ>s <rubrik>``."""

    def __init__(self, template: Template) -> None:
        self.names: dict[str, SectionDef] = {}
        for sec in template.sections:
            for name in (sec.heading, *sec.aliases):
                self.names.setdefault(norm(name), sec)
        self.decision = next((s for s in template.sections if s.kind == "beslut"), None)
        self.aspects = next((s for s in template.sections if s.kind == "aspekter"), None)

    def match(self, text: str) -> SectionDef | None:
        key = norm(text)
        if not key or len(key) > 80:
            return None
        if key in self.names:
            return self.names[key]
        genitive = re.match(r"^\S+s (.+)$", key)
        if genitive and genitive.group(1) in self.names:
            return self.names[genitive.group(1)]
        if self.decision is not None and _proposal_heading(key) is not None:
            return self.decision
        return None


def _proposal_heading(key: str) -> tuple[str, str] | None:
    """("<X>", "<Y>") for a heading "<X>s förslag till <Y>" (key: normalised heading).

    "Förslag till beslut" and "Förvaltningens förslag till beslut" give ("", "") or
    ("förvaltningen", ""): they name no deciding body.
    """
    words = key.split()
    if "förslag" not in words:
        return None
    i = words.index("förslag")
    if i > 4 or words[i + 1 : i + 2] != ["till"] or len(words) - i - 2 not in (1, 2, 3):
        return None
    owner = " ".join(words[:i])
    if owner and not owner.endswith("s"):
        return None
    target = " ".join(words[i + 2 :])
    if target.startswith("beslut") and target != "beslut":
        return None
    return owner[:-1] if owner else "", "" if target == "beslut" else target


@dataclass
class FoundSection:
    """A template section found in the document."""

    section_id: str
    rubrik: str
    heading: str
    """The heading as written ("" when found without one, like signatures at the end)."""
    empty: bool = False


@dataclass
class KeptAside:
    """Text that fits no section, kept in ``extra["importerat"]`` under ``heading``."""

    heading: str
    text: str
    reason: str
    """Swedish: why it was kept aside."""


@dataclass
class Assembly:
    """What the import made of the blocks (see :class:`drafter.importer.ImportResult`)."""

    arende: Arende
    found: list[FoundSection] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    kept_aside: list[KeptAside] = field(default_factory=list)
    header_fields: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    no_headings: bool = False
    """True when no heading was found and the text went to the main prose section."""
    field_labels: dict[str, str] = field(default_factory=dict)
    """Header field id → the label the document used for it, when not the template's."""
    kept_headings: set[str] = field(default_factory=set, repr=False)
    """Headings used in ``kept_aside`` (for unique names)."""


@dataclass
class _Bucket:
    section: SectionDef | None
    heading: str
    blocks: list[Block] = field(default_factory=list)
    line: int = 0


class NoSectionsError(Exception):
    """No heading of the template was found."""


_ASPECT_FILLER = frozenset(
    [
        "konsekvenser",
        "konsekvens",
        "konsekvensanalys",
        "konsekvensbeskrivning",
        "för",
        "och",
        "i",
        "på",
        "påverkan",
        "avseende",
        "ur",
        "bedömning",
        "dimension",
        "dimensionen",
        "perspektiv",
        "perspektivet",
        "analys",
        "beslutets",
        "beslutsförslagets",
        "frågor",
        "samt",
        "&",
        "-",
        "–",
        "/",
        "unga",
    ]
)


def _names_aspect(aspect: AspectDef, word: str) -> bool:
    if any(word.startswith(n) for n in aspect.excluded):
        return False
    return any(word.startswith(o) for o in aspect.words) or any(
        s in word for s in aspect.in_compounds
    )


def _aspect_for(section: SectionDef, text: str) -> str | None:
    """The aspect a (sub-)heading names: its label ("Miljö") or a heading made of the
    aspect's words and filler ("Barnperspektiv", "Konsekvenser för miljö och klimat")."""
    key = norm(text)
    exact = next((a.id for a in section.aspects if norm(a.label) == key), None)
    if exact is not None or not key or not text.strip()[:1].isupper():
        return exact
    words = key.replace("/", " ").split()
    if len(words) > 7 or len(set(words)) < len(words) or any(c in key for c in ".,;!?()"):
        return None
    hits: set[str] = set()
    for word in words:
        named = {a.id for a in section.aspects if _names_aspect(a, word)}
        if not named and word not in _ASPECT_FILLER:
            return None
        hits |= named
    return hits.pop() if len(hits) == 1 else None


def _aspect_blocks(section: SectionDef, block: Block) -> list[Block]:
    """A plain-text paragraph split at aspect sub-headings: "Miljö" on a line of its own or
    "Arbetsmiljö: text" at the start of a line become heading blocks."""
    if block.kind != "para" or block.markdown or not block.lines:
        return [block]
    out: list[Block] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            out.append(Block("para", text=join_wrapped(run), lines=list(run), line=block.line))
            run.clear()

    for line in block.lines:
        label, colon, rest = line.partition(":")
        if _aspect_for(section, line) is not None:
            flush()
            out.append(Block("heading", text=line, level=3, line=block.line))
        elif colon and len(label.split()) <= 4 and _aspect_for(section, label) is not None:
            flush()
            out.append(Block("heading", text=label, level=3, line=block.line))
            if rest.strip():
                run.append(rest.strip())
        else:
            run.append(line)
    flush()
    return out


_NOT_NAME_ENDINGS = ("nämnden", "styrelsen", "förvaltningen", "enheten", "kommun", "region")


def _is_name(text: str) -> bool:
    tokens = text.split()
    if not 2 <= len(tokens) <= 5 or tokens[-1].casefold().endswith(_NOT_NAME_ENDINGS):
        return False
    if any(len(t) > 1 and t.isalpha() and t.isupper() for t in tokens):  # "AB": a company
        return False
    capitals = 0
    for token in tokens:
        if not _NAME_TOKEN.match(token):
            return False
        if token[0].isupper():
            capitals += 1
        elif token.casefold() not in _NAME_PARTICLES:
            return False
    return capitals >= 2


def _signature_pairs(block: Block) -> list[Signature] | None:
    """Name/title pairs if the paragraph is a signature block, else None."""
    if block.kind != "para" or not block.lines:
        return None
    lines = block.lines
    if len(lines) == 1:
        name, sep, title = lines[0].partition(", ")
        if sep and _is_name(name) and len(title) <= 80 and not _SENTENCE_END.search(title):
            return [Signature(name=name, title=title)]
        return None
    if len(lines) > 10 or any(len(x) > 80 or _SENTENCE_END.search(x) for x in lines):
        return None
    pairs = [lines[i : i + 2] for i in range(0, len(lines), 2)]
    if not all(_is_name(pair[0]) for pair in pairs):
        return None
    return [Signature(name=p[0], title=p[1] if len(p) > 1 else "") for p in pairs]


# ------------------------------------------------------------------ sections


def _keep(result: Assembly, heading: str, text: str, reason: str) -> None:
    taken = result.kept_headings  # kept in step with kept_aside: linear in the headings
    if len(taken) != len(result.kept_aside):
        taken.clear()
        taken.update(k.heading for k in result.kept_aside)
    key, n = heading.strip() or "Rubrik utan text", 2
    while key in taken:
        key, n = f"{heading} ({n})", n + 1
    result.kept_aside.append(KeptAside(key, text, reason))
    taken.add(key)


def _block_text(block: Block) -> str:
    if block.kind == "list":
        items = [i for i in block.items if i.strip()]
        if block.ordered:
            return "\n".join(f"{n}. {collapse(i)}" for n, i in enumerate(items, 1))
        return "\n".join(f"- {collapse(i)}" for i in items)
    return block.text


def _prose(blocks: list[Block]) -> str:
    return "\n\n".join(t for b in blocks if (t := _block_text(b).strip()))
