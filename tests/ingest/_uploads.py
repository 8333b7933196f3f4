"""The upload fixtures (fixtures/uploads/, made by bench/make_upload_fixtures.py) and their source text."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from archive.ingest.parser import parse
from archive.ingest.records import ParsedDocument

UPLOADS = Path(__file__).resolve().parents[2] / "fixtures" / "uploads"

OPENER_PRINTED = (
    "إن مجلس وزراء الخارجية المنعقد في دورته الثامنة والثلاثين (دورة: السلام والتعاون والتطور) في أستانة، "
    "جمهورية كازاخستان خلال الفترة من 26 إلى 28 رجب 1432هـ (الموافق 28 -30 يونيه 2011م)؛"
)
# The parser drops tatweel, so the Hijri sign هـ becomes ه in paragraphs (as for the text sources).
OPENER = OPENER_PRINTED.replace("هـ", "ه")
OPERATIVE_3 = (
    "يرحب بالعرض الذي تقدمت به جمهورية كازاخستان لاستضافة مؤتمر دولي لمنظمة المؤتمر الإسلامي ومنظمة "
    "الأمن والتعاون في أوربا حول حوار الحضارات والحوار بين الأديان."
)
SUBJECT = "التعاون بين منظمة المؤتمر الإسلامي والمنظمات والتجمعات الدولية والإقليمية الأخرى"
INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def read(name: str) -> bytes:
    return (UPLOADS / name).read_bytes()


@cache
def parsed(name: str) -> ParsedDocument:
    return parse(read(name), filename=name)


def texts(document: ParsedDocument) -> list[str]:
    return [paragraph.text for paragraph in document.paragraphs]
