"""Make the upload fixtures in fixtures/uploads/ from the real corpus texts.

    .venv/bin/pip install python-docx pypdf Pillow        # generator-only tools, not project dependencies
    apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-hosny-amiri
    .venv/bin/python bench/make_upload_fixtures.py

Sources (the words are the corpus's, unchanged, only the layout is ours):
- cfm38-res32-s: fixtures/corpus/seeds/002_393cbb48b9883689.txt from its session line on (the site's
  navigation, the stray "1/28" line and the "المصدر" line left out), numbers typed as text ("1. ").
- cfm38-res32-s-indic: the same text with every digit written as an Arabic-Indic digit, the operative
  paragraphs as a Word numbered list (the numbers are generated, not typed) and a two-column table at the end.
- astana-declaration: the clean layer (TAB lines) of fixtures/corpus/seeds/000_640f8b6c93fe03bc.txt,
  the UN letter and the Astana Declaration's 26 paragraphs, saved as .odt by LibreOffice; several pages.
- encrypted.pdf: cfm38-res32-s.pdf encrypted with a user password; scanned.pdf: a page that is only a
  picture (no text layer).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "fixtures" / "corpus" / "seeds"
OUT = ROOT / "fixtures" / "uploads"
FONT = "Amiri"
INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_OPERATIVE = re.compile(r"^(\d+)\.\s+")  # \d: ASCII and Arabic-Indic digits


def resolution_lines() -> list[str]:
    text = (SEEDS / "002_393cbb48b9883689.txt").read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if line.startswith("مؤتمر وزراء الخارجية"))
    end = next(i for i, line in enumerate(lines) if line.startswith("-----"))
    return [line for line in lines[start:end] if not line.startswith(("المصدر", "تقرير وقرارات"))]


def declaration_lines() -> list[str]:
    text = (SEEDS / "000_640f8b6c93fe03bc.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if re.match(r"^ *\t", line) and line.strip()]


def _rtl(paragraph) -> None:
    """Mark a python-docx paragraph and its runs right-to-left, Arabic, in the Arabic font."""
    # No w:jc: a bidi paragraph starts at the right margin (jc="right" would mean its end, the left).
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.insert(0, OxmlElement("w:bidi"))
    for run in paragraph.runs:
        r_pr = run._r.get_or_add_rPr()
        fonts = OxmlElement("w:rFonts")
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(attr), FONT)
        r_pr.insert(0, fonts)
        r_pr.append(OxmlElement("w:rtl"))
        lang = OxmlElement("w:lang")
        lang.set(qn("w:bidi"), "ar-SA")
        r_pr.append(lang)
        size = OxmlElement("w:szCs")
        size.set(qn("w:val"), "28")
        r_pr.append(size)
        run.font.size = Pt(14)


def _document(lines: list[str], *, word_numbering: bool = False, table: list[tuple[str, str]] = ()) -> bytes:
    document = docx.Document()
    for line in lines:
        match = _OPERATIVE.match(line) if word_numbering else None
        if match:
            paragraph = document.add_paragraph(line[match.end() :], style="List Number")
        else:
            paragraph = document.add_paragraph(line)
        _rtl(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=2)
        grid.style = "Table Grid"
        bidi = OxmlElement("w:bidiVisual")
        grid._tbl.tblPr.append(bidi)
        for row, cells in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, cells, strict=True):
                cell.paragraphs[0].add_run(value)
                _rtl(cell.paragraphs[0])
    buffer = io.BytesIO()
    document.core_properties.author = "Qararat fixtures"
    document.save(buffer)
    return buffer.getvalue()


def soffice(source: Path, target_format: str) -> Path:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                target_format,
                "--outdir",
                str(source.parent),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    return source.with_suffix("." + target_format.split(":")[0])


def encrypted(pdf: Path, target: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(pdf))
    writer.encrypt(user_password="qararat", owner_password="qararat-owner", algorithm="AES-128")
    with target.open("wb") as handle:
        writer.write(handle)


def scanned(target: Path) -> None:
    from PIL import Image, ImageDraw

    page = Image.new("L", (595, 842), 255)
    draw = ImageDraw.Draw(page)
    for top in range(80, 760, 28):
        draw.rectangle((60 + (top * 7) % 90, top, 535, top + 12), fill=40)
    page.save(target, "PDF", resolution=72)


def main() -> None:
    if not shutil.which("soffice"):
        sys.exit("soffice not found: apt-get install -y --no-install-recommends libreoffice-writer-nogui")
    OUT.mkdir(parents=True, exist_ok=True)
    resolution = resolution_lines()
    (OUT / "cfm38-res32-s.docx").write_bytes(_document(resolution))
    soffice(OUT / "cfm38-res32-s.docx", "pdf")

    indic = [line.translate(INDIC) for line in resolution]
    table = [
        ("الدورة", "الثامنة والثلاثون (٣٨)"),
        ("المكان", "أستانة، جمهورية كازاخستان"),
        ("التاريخ", "٢٦-٢٨ رجب ١٤٣٢هـ"),
    ]
    (OUT / "cfm38-res32-s-indic.docx").write_bytes(_document(indic, word_numbering=True, table=table))
    soffice(OUT / "cfm38-res32-s-indic.docx", "pdf")

    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "astana-declaration.docx"
        source.write_bytes(_document(declaration_lines()))
        odt = soffice(source, "odt")
        shutil.copy(odt, OUT / "astana-declaration.odt")
    soffice(OUT / "astana-declaration.odt", "pdf")

    encrypted(OUT / "cfm38-res32-s.pdf", OUT / "encrypted.pdf")
    scanned(OUT / "scanned.pdf")
    for path in sorted(OUT.iterdir()):
        print(f"{path.stat().st_size:>8}  {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
