"""The ärende (case) model: header fields and one content object per template section.

An :class:`Arende` is independent of files; :mod:`drafter.storage` maps it to and from
TOML. Every content model keeps keys it does not know (``extra="allow"``), so data a user
added by hand survives a load and save.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from drafter import FORMAT_VERSION

if TYPE_CHECKING:  # templates import the check registry, whose checks import this module
    from drafter.templates import SectionDef, SectionKind, Template

#: Key in the file (and in ``Arende.extra``) of text an import could not place in a
#: section, kept as a table of heading → text until the user moves it.
IMPORTED_KEY = "importerat"

AspectChoice = Literal["", "inga", "beskriv"]
"""An aspect's assessment: not chosen yet, "inga konsekvenser", or "beskriv konsekvenserna"."""


class _Content(BaseModel):
    model_config = ConfigDict(extra="allow", validate_assignment=True)

    def is_empty(self) -> bool:
        """True when nothing has been written in this section."""
        raise NotImplementedError


class ProseContent(_Content):
    """Free text (Sammanfattning, Ärendet …). Paragraphs are separated by blank lines."""

    text: str = ""

    def is_empty(self) -> bool:
        return not self.text.strip()


class DecisionContent(_Content):
    """Förslag till beslut: a lead-in (inledning) and numbered decision points (punkter)."""

    inledning: str = ""
    punkter: list[str] = Field(default_factory=list)

    def is_empty(self) -> bool:
        return not any(p.strip() for p in self.punkter)


class AspectEntry(_Content):
    """One consequence aspect: the choice and, for "beskriv", the description."""

    bedomning: AspectChoice = ""
    text: str = ""

    def is_empty(self) -> bool:
        return not self.bedomning and not self.text.strip()


class AspectsContent(_Content):
    """Konsekvensbeskrivningar: prose (text) and/or one entry per aspect (aspekter)."""

    text: str = ""
    aspekter: dict[str, AspectEntry] = Field(default_factory=dict)

    def is_empty(self) -> bool:
        return not self.text.strip() and all(a.is_empty() for a in self.aspekter.values())


class ListContent(_Content):
    """A list, one item per entry (Expedieras till, Beslutsunderlag)."""

    poster: list[str] = Field(default_factory=list)

    def is_empty(self) -> bool:
        return not any(p.strip() for p in self.poster)


class Signature(_Content):
    """A signature: name and title (befattning)."""

    namn: str = ""
    titel: str = ""

    def is_empty(self) -> bool:
        return not self.namn.strip() and not self.titel.strip()


class SignaturesContent(_Content):
    """Underskrifter, stored in the file as an array of tables under the section id."""

    personer: list[Signature] = Field(default_factory=list)

    def is_empty(self) -> bool:
        return all(p.is_empty() for p in self.personer)


SectionContent = ProseContent | DecisionContent | AspectsContent | ListContent | SignaturesContent

CONTENT_TYPES: dict[SectionKind, type[_Content]] = {
    "prosa": ProseContent,
    "beslut": DecisionContent,
    "aspekter": AspectsContent,
    "lista": ListContent,
    "underskrifter": SignaturesContent,
}


def empty_content(section: SectionDef) -> SectionContent:
    """A fresh, empty content object for a section of this kind."""
    content = CONTENT_TYPES[section.typ]()
    assert isinstance(
        content, ProseContent | DecisionContent | AspectsContent | ListContent | SignaturesContent
    )
    return content


class Arende(BaseModel):
    """A tjänsteskrivelse being written.

    Attributes:
        mall: Name of the template the ärende follows.
        arende: Header field values by field id (titel, datum …); unknown keys are kept.
        sektioner: Section content by section id, in template order.
        extra: Top-level keys of the file that drafter does not know, kept as they were.
    """

    model_config = ConfigDict(validate_assignment=False)

    format: int = FORMAT_VERSION
    mall: str
    arende: dict[str, Any] = Field(default_factory=dict)
    sektioner: dict[str, SectionContent] = Field(default_factory=dict)
    extra: dict[str, Any] = Field(default_factory=dict)

    @classmethod
    def new(cls, template: Template) -> Arende:
        """An empty ärende for a template, with the template's default header values."""
        header: dict[str, Any] = {f.id: f.standard for f in template.falt}
        sections = {s.id: empty_content(s) for s in template.sektioner}
        for content in sections.values():
            if isinstance(content, SignaturesContent):
                content.personer.append(Signature())
        return cls(mall=template.namn, arende=header, sektioner=sections)

    def imported_texts(self) -> dict[str, str]:
        """Text an import kept aside (heading → text), in file order; only text values."""
        kept = self.extra.get(IMPORTED_KEY)
        if not isinstance(kept, dict):
            return {}
        return {str(heading): text for heading, text in kept.items() if isinstance(text, str)}

    def set_imported_text(self, heading: str, text: str) -> None:
        """Change text kept aside by an import; an empty text is dropped, and the table
        with its last text."""
        keep = bool(text.strip())
        kept = self.extra.setdefault(IMPORTED_KEY, {}) if keep else self.extra.get(IMPORTED_KEY)
        if not isinstance(kept, dict):
            return  # absent, or something else the user wrote there by hand: left alone
        if keep:
            kept[heading] = text
        else:
            kept.pop(heading, None)
            if not kept:
                del self.extra[IMPORTED_KEY]

    def field_value(self, field_id: str) -> str:
        """A header field's text, "" when missing or not text."""
        value = self.arende.get(field_id, "")
        return value if isinstance(value, str) else ""

    def content(self, section: SectionDef) -> SectionContent:
        """The content of a section, created empty if the ärende has none yet."""
        existing = self.sektioner.get(section.id)
        if existing is None or not isinstance(existing, CONTENT_TYPES[section.typ]):
            existing = empty_content(section)
            self.sektioner[section.id] = existing
        return existing
