"""The PDF/A-2b writer (typst, whose Python package ships the compiler and its fonts).

The layout is ``tjansteskrivelse.typ`` beside this module; the document reaches it as JSON
(``dokument.json``) and every text is shown as a string, so nothing a user types is ever
typst markup. The typst project lives in a private temporary folder (the only folder typst
may read): the layout, the JSON and the logo, which was read here as a bounded regular
file. The default font, Libertinus Serif, is embedded in typst itself, so the PDF looks the
same on a bare machine; system fonts are searched only when ``[layout] typsnitt`` names a
font typst does not ship.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from importlib import resources
from pathlib import Path

import typst

from drafter.errors import DrafterError
from drafter.publish.document import Block, PublishDocument
from drafter.text import printable

#: Fonts embedded in the typst package (no system font needed).
DEFAULT_FONT = "Libertinus Serif"
EMBEDDED_FONTS = frozenset({"libertinus serif", "new computer modern", "dejavu sans mono"})
#: Tried for characters the first fonts lack (it has more symbols).
FALLBACK_FONT = "DejaVu Sans Mono"

#: Control pictures (what ``printable`` shows for control characters) are in none of the
#: embedded fonts, and PDF/A forbids a character without a glyph: they become U+FFFD.
_NO_GLYPH = {c: "\ufffd" for c in range(0x2400, 0x2427)}

_MISSING_GLYPH = re.compile(r'the text `"([^`]{1,16}?)"` could not be displayed')
_UNKNOWN_FONT = re.compile(r"unknown font family")


class LogoError(DrafterError):
    """typst could not use the logo (the caller names the template and key)."""


def _layout_file() -> bytes:
    return resources.files("drafter.publish").joinpath("tjansteskrivelse.typ").read_bytes()


def _data(
    doc: PublishDocument, logo_name: str | None, replace: dict[int, str]
) -> dict[str, object]:
    def t(text: str) -> str:
        return text.translate(replace)

    layout = doc.layout
    fonts = [layout.typsnitt] if layout.typsnitt else []
    fonts += [DEFAULT_FONT, FALLBACK_FONT]
    margins = layout.marginaler
    return {
        "title": t(doc.title or doc.doc_type),
        "author": t(doc.author),
        "subject": t(doc.subject),
        "doc_type": t(doc.doc_type),
        "show_doc_type": doc.show_doc_type,
        "organisation": [t(line) for line in doc.organisation],
        "header": [{"label": t(f.label), "value": t(f.value)} for f in doc.header_fields],
        "logo": logo_name,
        "layout": {
            "fonts": fonts,
            "size": layout.teckenstorlek,
            "logo_height": layout.logotyp_hojd_mm,
            "margins": {
                "top": margins.topp,
                "bottom": margins.botten,
                "left": margins.vanster,
                "right": margins.hoger,
            },
        },
        "blocks": [_block_json(b, t) for b in doc.blocks],
    }


def _block_json(block: Block, t: object) -> dict[str, object]:
    assert callable(t)
    data = block.as_json()
    for key in ("text", "label"):
        data[key] = t(data[key])
    for key in ("lines", "items"):
        value = data[key]
        assert isinstance(value, list)
        data[key] = [t(v) for v in value]
    return data


def write_pdf(
    doc: PublishDocument,
    *,
    logo: bytes | None = None,
    logo_suffix: str = ".png",
    font_dir: Path | None = None,
    timestamp: dt.datetime | None = None,
) -> tuple[bytes, tuple[str, ...]]:
    """The document as PDF/A-2b bytes, and Swedish warnings."""
    stamp = (timestamp or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    replace = dict(_NO_GLYPH)
    warnings: list[str] = []
    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as folder:
        root = Path(folder)
        (root / "main.typ").write_bytes(_layout_file())
        logo_name = None
        if logo is not None:
            logo_name = f"logo{logo_suffix}"
            (root / logo_name).write_bytes(logo)
        font_paths = [str(font_dir)] if font_dir is not None else []
        system_fonts = bool(doc.layout.typsnitt) and (
            doc.layout.typsnitt.lower() not in EMBEDDED_FONTS
        )
        for attempt in range(2):
            data = json.dumps(_data(doc, logo_name, replace), ensure_ascii=False)
            (root / "dokument.json").write_text(data, encoding="utf-8")
            try:
                pdf, notes = typst.compile_with_warnings(
                    str(root / "main.typ"),
                    root=str(root),
                    format="pdf",
                    pdf_standards="a-2b",
                    font_paths=font_paths,
                    ignore_system_fonts=not system_fonts,
                    timestamp=stamp,
                )
            except typst.TypstError as exc:
                missing = _MISSING_GLYPH.findall(exc.diagnostic or exc.message)
                chars = {c for text in missing for c in text if ord(c) > 0x7F and c.strip()}
                if attempt == 0 and chars:
                    # characters no font has: PDF/A allows no blank glyph, so U+FFFD shows them
                    replace.update({ord(c): "\ufffd" for c in chars})
                    warnings.append(
                        "typsnittet saknar tecknen "
                        + " ".join(printable(c) for c in sorted(chars))
                        + "; de visas som \ufffd i PDF-filen"
                    )
                    continue
                detail = printable(exc.message or str(exc))
                if logo is not None and "image" in detail:
                    raise LogoError(detail) from exc
                raise DrafterError(f"PDF-filen kunde inte skapas (typst: {detail})") from exc
            except (RuntimeError, OSError, ValueError) as exc:
                raise DrafterError(f"PDF-filen kunde inte skapas: {printable(str(exc))}") from exc
            break
        else:  # pragma: no cover - the loop always breaks or raises
            raise DrafterError("PDF-filen kunde inte skapas")
    for note in notes:
        text = getattr(note, "message", str(note))
        if _UNKNOWN_FONT.search(text):
            warnings.append(
                f"typsnittet ”{printable(doc.layout.typsnitt)}” finns inte; PDF-filen använder "
                f"{DEFAULT_FONT} i stället ([layout] typsnitt, typsnittsmapp)"
            )
    assert isinstance(pdf, bytes)
    return pdf, tuple(warnings)
