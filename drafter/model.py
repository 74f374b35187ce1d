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


# Mutable defaults are written as ``default=[]``/``default={}``, not ``default_factory``:
# pydantic copies a mutable default for every instance, and a factory such as ``list``
# makes it inspect the builtin's signature when the class is built (a start-up cost).


class _Content(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        validate_assignment=True,
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        defer_build=True,
    )

    if not TYPE_CHECKING:  # (hidden from mypy, which would then allow any attribute)

        def __setattr__(self, name: str, value: Any) -> None:
            # Unknown keys are kept (extra="allow"), so an assignment to a file key such as
            # ``punkter`` instead of the attribute ``points`` would silently add a copy.
            fields = type(self).model_fields
            if name not in fields and any(f.alias == name for f in fields.values()):
                raise AttributeError(f"{type(self).__name__}: use the attribute, not {name!r}")
            super().__setattr__(name, value)

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

    lead_in: str = Field("", alias="inledning")
    points: list[str] = Field(alias="punkter", default=[])

    def is_empty(self) -> bool:
        return not any(p.strip() for p in self.points)


class AspectEntry(_Content):
    """One consequence aspect: the choice and, for "beskriv", the description."""

    assessment: AspectChoice = Field("", alias="bedomning")
    text: str = ""

    def is_empty(self) -> bool:
        return not self.assessment and not self.text.strip()


class AspectsContent(_Content):
    """Konsekvensbeskrivningar: prose (text) and/or one entry per aspect (aspekter)."""

    text: str = ""
    aspects: dict[str, AspectEntry] = Field(alias="aspekter", default={})

    def is_empty(self) -> bool:
        return not self.text.strip() and all(a.is_empty() for a in self.aspects.values())


class ListContent(_Content):
    """A list, one item per entry (Expedieras till, Beslutsunderlag)."""

    items: list[str] = Field(alias="poster", default=[])

    def is_empty(self) -> bool:
        return not any(p.strip() for p in self.items)


class Signature(_Content):
    """A signature: name and title (befattning)."""

    name: str = Field("", alias="namn")
    title: str = Field("", alias="titel")

    def is_empty(self) -> bool:
        return not self.name.strip() and not self.title.strip()


class SignaturesContent(_Content):
    """Underskrifter, stored in the file as an array of tables under the section id."""

    people: list[Signature] = Field(alias="personer", default=[])

    def is_empty(self) -> bool:
        return all(p.is_empty() for p in self.people)


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
    content = CONTENT_TYPES[section.kind]()
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

    model_config = ConfigDict(
        validate_assignment=False, validate_by_name=True, validate_by_alias=True, defer_build=True
    )

    format: int = FORMAT_VERSION
    template_ref: str = Field(alias="mall")
    header: dict[str, Any] = Field(alias="arende", default={})
    sections: dict[str, SectionContent] = Field(alias="sektioner", default={})
    extra: dict[str, Any] = Field(default={})

    @classmethod
    def new(cls, template: Template) -> Arende:
        """An empty ärende for a template, with the template's default header values."""
        header: dict[str, Any] = {f.id: f.default for f in template.fields}
        sections = {s.id: empty_content(s) for s in template.sections}
        for content in sections.values():
            if isinstance(content, SignaturesContent):
                content.people.append(Signature())
        return cls(template_ref=template.name, header=header, sections=sections)

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
        value = self.header.get(field_id, "")
        return value if isinstance(value, str) else ""

    def content(self, section: SectionDef) -> SectionContent:
        """The content of a section, created empty if the ärende has none yet."""
        existing = self.sections.get(section.id)
        if existing is None or not isinstance(existing, CONTENT_TYPES[section.kind]):
            existing = empty_content(section)
            self.sections[section.id] = existing
        return existing
