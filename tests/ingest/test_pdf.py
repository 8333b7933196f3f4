"""PDF uploads: text in reading order from real LibreOffice PDFs, and every broken PDF refused clearly."""

from __future__ import annotations

import datetime

import pytest

from archive.ingest import records
from archive.ingest.errors import IngestError
from archive.ingest.parser import parse
from archive.ingest.pdf import PAGE_BREAK, extract_text
from tests.ingest._uploads import INDIC, OPENER, OPERATIVE_3, SUBJECT, parsed, read, texts


def test_the_resolution_pdf_is_resolution_32_of_cfm_38_in_astana():
    document = parsed("cfm38-res32-s.pdf")
    assert (document.encoding, document.source_format, document.kind) == ("pdf", "pdf", records.RESOLUTION)
    session = document.sessions[0]
    assert (session.body, session.number, session.place, session.country) == (
        "oic-cfm",
        38,
        "أستانا",
        "كازاخستان",
    )
    assert (session.start_date, session.end_date) == (datetime.date(2011, 6, 28), datetime.date(2011, 6, 30))
    assert (session.hijri_start, session.hijri_end) == ("1432-07-26", "1432-07-28")
    resolution = document.resolutions[0]
    assert (resolution.number, resolution.printed_number, resolution.subject) == (
        "32/38-س",
        "38/32- س",
        SUBJECT,
    )


def test_the_resolution_pdf_gives_whole_paragraphs_with_words_and_digits_in_order():
    document = parsed("cfm38-res32-s.pdf")
    assert OPENER in texts(document)
    assert "(دورة: السلام والتعاون والتطور)" in texts(document)
    operative = [p for p in document.paragraphs if p.kind == records.OPERATIVE]
    assert [p.number for p in operative] == ["1", "2", "3", "4", "5"]
    assert operative[2].text == OPERATIVE_3
    assert operative[0].text.endswith("التي عقدت في إسطنبول في يونيو 2010.")
    assert len([p for p in document.paragraphs if p.kind == records.PREAMBULAR]) == 4


def test_the_arabic_indic_pdf_keeps_its_digits_and_its_generated_list_numbers():
    document = parsed("cfm38-res32-s-indic.pdf")
    assert OPENER.translate(INDIC) in texts(document)
    assert [p.number for p in document.paragraphs if p.kind == records.OPERATIVE] == ["1", "2", "3", "4", "5"]
    assert document.resolutions[0].number == "32/38-س"
    assert document.sessions[0].hijri_start == "1432-07-26"


def test_a_pdf_of_several_pages_keeps_page_breaks_and_all_26_declaration_paragraphs_in_order():
    text = extract_text(read("astana-declaration.pdf"))
    assert text.count(PAGE_BREAK) == 7
    document = parsed("astana-declaration.pdf")
    assert [p.number for p in document.paragraphs if p.number] == [str(n) for n in range(1, 27)]
    sixth = next(p.text for p in document.paragraphs if p.number == "6")
    assert "ولا سيما القرارات 242 (1967)، و 338 (1973)، و 425 (" in sixth
    assert document.sessions[0].number == 38


def test_the_raw_text_of_a_pdf_is_the_extracted_text():
    document = parsed("cfm38-res32-s.pdf")
    assert document.text.startswith(
        "مؤتمر وزراء الخارجية الإسلامي الثامن والثلاثون أستانة - جمهورية كازاخستان\n"
    )


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (read("encrypted.pdf"), "encrypted PDF"),
        (read("scanned.pdf"), "no text layer"),
        (read("cfm38-res32-s.pdf")[:5000], "corrupt PDF"),
        (b"%PDF-1.7\n" + b"\x00garbage" * 50, "corrupt PDF"),
    ],
    ids=["encrypted", "image-only", "truncated", "garbage"],
)
def test_a_pdf_that_cannot_be_read_is_refused_with_the_reason(raw, reason):
    with pytest.raises(IngestError, match=reason):
        parse(raw, filename="upload.pdf")
