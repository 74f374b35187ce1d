"""The letterhead (brevmall) of a template: the ``[layout]`` table, as data.

A kommun or region gets its own look without code: logo, the organisation line, font,
margins, which header fields show, and optionally its own Word file whose styles, header
and footer are used. Every key has a default that looks like a Swedish tjänsteskrivelse.
Paths are relative to the template file; they are checked when a document is exported.

This module imports nothing from the rest of drafter, so :mod:`drafter.templates` can use
it without an import cycle.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

#: The header fields shown by default: the document type, Datum and Diarienummer.
DEFAULT_HEADER_FIELDS = ("dokumenttyp", "datum", "diarienummer")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Margins(_Strict):
    """Page margins in millimetres."""

    topp: float = Field(default=40, ge=5, le=100)
    """Top margin; the letterhead (logo, organisation, Datum …) sits in it."""
    hoger: float = Field(default=25, ge=5, le=100)
    botten: float = Field(default=25, ge=5, le=100)
    vanster: float = Field(default=25, ge=5, le=100)


class Layout(_Strict):
    """How a published document (DOCX, PDF/A) looks: the ``[layout]`` table of a template."""

    logotyp: str = ""
    """A PNG or JPEG file, relative to the template file; empty: no logo."""
    logotyp_hojd_mm: float = Field(default=15, ge=3, le=60)
    """Height of the logo in the header."""
    organisation: str = ""
    """The organisation line(s) in the header (a newline starts a new line); empty: the
    ärende's fields ``organisation`` and ``forvaltning``."""
    typsnitt: str = ""
    """Font family. Empty: Libertinus Serif in the PDF (shipped with drafter, so the PDF is
    the same on every computer), and the Word file's own font in the DOCX."""
    typsnittsmapp: str = ""
    """A folder with font files (.ttf, .otf) for the PDF, relative to the template file."""
    teckenstorlek: float = Field(default=11, ge=6, le=24)
    """Font size of the body text in points."""
    marginaler: Margins = Margins()
    sidhuvud: tuple[str, ...] = DEFAULT_HEADER_FIELDS
    """Ids of the header fields shown in the page header, in order (``dokumenttyp`` is
    shown as the document's kind, the others as ”Etikett: värde”)."""
    wordmall: str = ""
    """A .docx file, relative to the template file, whose styles, header and footer the DOCX
    uses (its body text is replaced). Empty: drafter's own look."""

    @field_validator("logotyp", "typsnittsmapp", "wordmall")
    @classmethod
    def _no_nul(cls, value: str) -> str:
        if "\x00" in value:
            raise ValueError("sökvägen innehåller ett ogiltigt tecken (NUL)")
        return value.strip()

    @field_validator("logotyp")
    @classmethod
    def _logo_kind(cls, value: str) -> str:
        if value and not value.lower().endswith((".png", ".jpg", ".jpeg")):
            raise ValueError("logotypen ska vara en PNG- eller JPEG-fil (.png, .jpg, .jpeg)")
        return value

    @field_validator("wordmall")
    @classmethod
    def _docx_kind(cls, value: str) -> str:
        if value and not value.lower().endswith(".docx"):
            raise ValueError("wordmallen ska vara en .docx-fil")
        return value
