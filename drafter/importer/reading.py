"""Decoding a text document to import: type checks, encoding detection, line ends.

(Word and PDF files are read by :mod:`drafter.importer.sources`.)

Text from Windows (cp1252) is decoded when it is clearly Swedish text; anything that cannot
be decoded without guessing is refused with a Swedish message, so no mojibake is written.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import DrafterError


class ImportInputError(DrafterError):
    """The document to import cannot be read or is not text."""


@dataclass(frozen=True)
class DecodedText:
    """A document's text with normalised line ends, and how it was decoded."""

    text: str
    encoding: str
    """Swedish name of the encoding: "UTF-8", "UTF-8 med BOM", "Windows-1252", "UTF-16"."""
    notes: tuple[str, ...] = ()
    """Swedish remarks for the report (line ends converted, suspicious characters …)."""


_SWEDISH_LETTERS = frozenset("åäöÅÄÖéÉ")
# Bytes that are Swedish letters in cp1252/latin-1 and never valid alone in UTF-8.
_CP1252_SWEDISH = frozenset(b"\xe5\xe4\xf6\xc5\xc4\xd6\xe9\xc9")
_MOJIBAKE = re.compile(r"Ã[¤¥¶„…–©‰]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAGIC: tuple[tuple[bytes, str], ...] = (
    # (PDF and .docx never get here from a file: drafter.importer reads them directly)
    (b"%PDF", "filen är en PDF, inte text; importera filen som den är (.pdf)"),
    (b"PK\x03\x04", "filen är ett Word-dokument eller zip-arkiv, inte text"),
    (
        b"\xd0\xcf\x11\xe0",
        "filen är ett äldre Word-dokument (.doc). Spara det som oformaterad text (.txt) "
        "och importera textfilen",
    ),
    (b"{\\rtf", "filen är i RTF-format. Spara den som oformaterad text (.txt) och importera den"),
)


def decode_document(raw: bytes, path: Path | None = None) -> DecodedText:
    """Decode the bytes of a text or Markdown document.

    Raises :class:`ImportInputError` (exit code 2 in the CLI) for an empty or binary file
    and for text in an encoding that cannot be identified.
    """
    if not raw.strip(b" \t\r\n\x0c\xef\xbb\xbf"):
        raise ImportInputError("filen är tom; det finns ingen text att importera", path)
    for magic, message in _MAGIC:
        if raw.startswith(magic):
            raise ImportInputError(message, path)
    notes: list[str] = []
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text, encoding = raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as exc:
            raise ImportInputError(
                "filen ser ut att vara UTF-16 men går inte att läsa", path
            ) from exc
    else:
        if b"\x00" in raw[:8192]:
            raise ImportInputError(
                "filen ser ut att vara binär, inte text. Importera en textfil (.txt) eller "
                "Markdown-fil (.md), sparad som UTF-8",
                path,
            )
        text, encoding = _decode_8bit(raw, path)
        if encoding == "Windows-1252":
            notes.append(
                "Filen var sparad med Windows-teckenkodning (Windows-1252) och har lästs om "
                "till UTF-8."
            )
    text = text.lstrip("\ufeff")
    if len(_CONTROL.findall(text[:8192])) > max(2, len(text[:8192]) // 100):
        raise ImportInputError("filen ser ut att vara binär, inte text", path)
    if "\r" in text:
        notes.append("Radslut i Windows-format (CRLF) har gjorts om.")
    text = normalise_line_ends(text)
    if not text.strip():
        raise ImportInputError("filen är tom; det finns ingen text att importera", path)
    if match := _MOJIBAKE.search(text):
        notes.append(
            f"Texten innehåller ”{match.group(0)}”, som ser ut som ett felkodat å, ä eller ö. "
            "Kontrollera texten och rätta den vid behov."
        )
    return DecodedText(text, encoding, tuple(notes))


def _decode_8bit(raw: bytes, path: Path | None) -> tuple[str, str]:
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw.decode("utf-8-sig"), "UTF-8 med BOM"
        except UnicodeDecodeError as exc:
            raise ImportInputError(
                f"filen börjar som UTF-8 men har en ogiltig byte vid position {exc.start}; "
                "spara om den som UTF-8",
                path,
            ) from exc
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            text = ""
        if text and any(b in _CP1252_SWEDISH for b in raw) and _SWEDISH_LETTERS & set(text):
            return text, "Windows-1252"
        raise ImportInputError(
            "filen är varken UTF-8 eller Windows-1252 med svenska tecken (ogiltig byte vid "
            f"position {utf8_error.start}). Spara om den som UTF-8 och importera igen",
            path,
        ) from utf8_error


_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def normalise_line_ends(text: str) -> str:
    """CRLF, CR, form feeds (PDF page breaks) and Unicode line separators become ``\\n``."""
    return _LINE_BREAKS.sub("\n", text)
