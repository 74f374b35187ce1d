"""Make the .docx and .pdf files of the import corpus from the .txt documents.

A development tool, not used at run time: ``python tests/data/real/make_binary.py`` rewrites
``*.docx`` and ``*.pdf`` beside this script. It needs python-docx and reportlab (both in the
``test`` extra). The outputs are committed, so the tests do not run this script.

- ``haninge_motion.docx`` and ``soderhamn_tju.docx``: headings as Word heading styles, decision
  points as a numbered list (Word's "List Number" style), header fields in a table.
- ``uppsala_scn_labels.pdf`` and ``haninge_motion.pdf``: two or more pages with a running
  header (organisation, "Sida N av M") and a footer (address), as a PDF printed from Word.
- ``scanned.pdf``: one page with a drawn rectangle and no text layer (a scan).
"""

from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).parent
_NUMBERED = re.compile(r"^\d+\.\s+")
_FIELD = re.compile(r"^(Datum|Diarienummer):\s*(.+)$")

HEADINGS = {
    "Förslag till beslut",
    "Sammanfattning",
    "Motivering",
    "Analys",
    "Ekonomi",
    "Barnperspektiv",
    "Protokollsutdrag till",
    "Ärendebeskrivning",
    "Bedömning",
    "Ekonomiska konsekvenser",
    "Barnkonsekvensanalys",
    "Jämställdhet",
    "Folkhälsa",
    "Beslutet skickas till",
    "Konsekvensanalys",
    "Ärendet",
}


def make_docx(source: Path, title: str) -> None:
    from docx import Document

    doc = Document()
    lines = source.read_text(encoding="utf-8").split("\n")
    fields = [m for line in lines if (m := _FIELD.match(line))]
    table = doc.add_table(rows=len(fields), cols=2)
    for row, match in zip(table.rows, fields, strict=True):
        row.cells[0].text = match.group(1)
        row.cells[1].text = match.group(2)
    for line in lines:
        if not line.strip() or _FIELD.match(line):
            continue
        if line == title:
            doc.add_heading(line, level=1)
        elif line in HEADINGS:
            doc.add_heading(line, level=2)
        elif _NUMBERED.match(line):
            doc.add_paragraph(_NUMBERED.sub("", line), style="List Number")
        else:
            doc.add_paragraph(line)
    doc.core_properties.author = "drafter test corpus"
    doc.save(str(source.with_suffix(".docx")))


def make_pdf(source: Path, organisation: str, address: str) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    width, height = A4
    lines: list[str] = []
    for line in source.read_text(encoding="utf-8").split("\n"):
        words, current = line.split(), ""
        for word in words:
            if len(current) + len(word) + 1 > 85:
                lines.append(current)
                current = word
            else:
                current = f"{current} {word}".strip()
        lines.append(current)
    per_page = 28
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)]
    out = source.with_suffix(".pdf")
    canvas = Canvas(str(out), pagesize=A4, invariant=1)
    for number, page in enumerate(pages, 1):
        canvas.setFont("Helvetica", 9)
        canvas.drawString(60, height - 40, organisation)
        canvas.drawRightString(width - 60, height - 40, f"Sida {number} av {len(pages)}")
        canvas.drawString(60, 40, f"{organisation} {address}")
        canvas.setFont("Helvetica", 11)
        y = height - 90
        for line in page:
            canvas.drawString(60, y, line)
            y -= 22
        canvas.showPage()
    canvas.save()


def make_scan() -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(HERE / "scanned.pdf"), pagesize=A4, invariant=1)
    canvas.rect(60, 400, 400, 300, fill=1)
    canvas.showPage()
    canvas.save()


def main() -> None:
    make_docx(HERE / "haninge_motion.txt", "Svar på motion om gratis mensskydd på kommunens skolor")
    make_docx(HERE / "soderhamn_tju.txt", "Nya öppettider för Söderhamns stadsbibliotek")
    make_pdf(
        HERE / "uppsala_scn_labels.txt",
        "Uppsala kommun Socialförvaltningen",
        "Postadress 753 75 Uppsala Telefon 018-727 00 00",
    )
    make_pdf(
        HERE / "haninge_motion.txt",
        "Haninge kommun Kommunstyrelseförvaltningen",
        "Postadress 136 81 Haninge Telefon 08-606 70 00",
    )
    make_scan()


if __name__ == "__main__":
    main()
