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
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        validate_by_name=True,
        validate_by_alias=True,
        defer_build=True,
    )


class Margins(_Strict):
    """Page margins in millimetres."""

    top: float = Field(alias="topp", default=40, ge=5, le=100)
    """Top margin; the letterhead (logo, organisation, Datum …) sits in it."""
    right: float = Field(alias="hoger", default=25, ge=5, le=100)
    bottom: float = Field(alias="botten", default=25, ge=5, le=100)
    left: float = Field(alias="vanster", default=25, ge=5, le=100)


class Layout(_Strict):
    """How a published document (DOCX, PDF/A) looks: the ``[layout]`` table of a template."""

    logo: str = Field("", alias="logotyp")
    """A PNG or JPEG file, relative to the template file; empty: no logo."""
    logo_height_mm: float = Field(alias="logotyp_hojd_mm", default=15, ge=3, le=60)
    """Height of the logo in the header."""
    organisation: str = ""
    """The organisation line(s) in the header (a newline starts a new line); empty: the
    ärende's fields ``organisation`` and ``forvaltning``."""
    font: str = Field("", alias="typsnitt")
    """Font family. Empty: Libertinus Serif in the PDF (shipped with drafter, so the PDF is
    the same on every computer), and the Word file's own font in the DOCX."""
    font_dir: str = Field("", alias="typsnittsmapp")
    """A folder with font files (.ttf, .otf) for the PDF, relative to the template file."""
    font_size: float = Field(alias="teckenstorlek", default=11, ge=6, le=24)
    """Font size of the body text in points."""
    margins: Margins = Field(Margins(), alias="marginaler")
    header_fields: tuple[str, ...] = Field(DEFAULT_HEADER_FIELDS, alias="sidhuvud")
    """Ids of the header fields shown in the page header, in order (``dokumenttyp`` is
    shown as the document's kind, the others as ”Etikett: värde”)."""
    word_template: str = Field("", alias="wordmall")
    """A .docx file, relative to the template file, whose styles, header and footer the DOCX
    uses (its body text is replaced). Empty: drafter's own look."""

    @field_validator("logo", "font_dir", "word_template")
    @classmethod
    def _no_nul(cls, value: str) -> str:
        if "\x00" in value:
            raise ValueError("sökvägen innehåller ett ogiltigt tecken (NUL)")
        return value.strip()

    @field_validator("logo")
    @classmethod
    def _logo_kind(cls, value: str) -> str:
        if value and not value.lower().endswith((".png", ".jpg", ".jpeg")):
            raise ValueError("logotypen ska vara en PNG- eller JPEG-fil (.png, .jpg, .jpeg)")
        return value

    @field_validator("word_template")
    @classmethod
    def _docx_kind(cls, value: str) -> str:
        if value and not value.lower().endswith(".docx"):
            raise ValueError("wordmallen ska vara en .docx-fil")
        return value
