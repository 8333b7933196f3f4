"""Word uploads: paragraphs, generated list numbers and table cells, and corrupt files refused clearly."""

from __future__ import annotations

import io
import zipfile

import pytest

from archive.ingest import records
from archive.ingest.docx import extract_text
from archive.ingest.errors import IngestError
from archive.ingest.parser import parse
from tests.ingest._uploads import INDIC, OPENER, OPENER_PRINTED, OPERATIVE_3, SUBJECT, parsed, read, texts


def test_the_resolution_docx_is_resolution_32_of_cfm_38_with_its_paragraphs():
    document = parsed("cfm38-res32-s.docx")
    assert (document.encoding, document.source_format, document.kind) == ("docx", "docx", records.RESOLUTION)
    assert (document.sessions[0].body, document.sessions[0].number) == ("oic-cfm", 38)
    assert (document.resolutions[0].number, document.resolutions[0].subject) == ("32/38-س", SUBJECT)
    assert OPENER in texts(document)
    operative = [p for p in document.paragraphs if p.kind == records.OPERATIVE]
    assert [p.number for p in operative] == ["1", "2", "3", "4", "5"]
    assert operative[2].text == OPERATIVE_3


def test_word_list_numbers_are_written_out_and_arabic_indic_digits_kept():
    text = extract_text(read("cfm38-res32-s-indic.docx"))
    assert "\n1. يعرب عن امتنانه" in text
    assert "\n5. يشجع الأمانة العامة" in text
    assert OPENER_PRINTED.translate(INDIC) in text.splitlines()
    document = parsed("cfm38-res32-s-indic.docx")
    assert [p.number for p in document.paragraphs if p.kind == records.OPERATIVE] == ["1", "2", "3", "4", "5"]


def test_a_table_row_is_one_line_with_its_cells_in_order():
    lines = extract_text(read("cfm38-res32-s-indic.docx")).splitlines()
    assert lines[-3:] == [
        "الدورة | الثامنة والثلاثون (٣٨)",
        "المكان | أستانة، جمهورية كازاخستان",
        "التاريخ | ٢٦-٢٨ رجب ١٤٣٢هـ",
    ]


def _without(raw: bytes, member: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            if item.filename != member:
                target.writestr(item, source.read(item))
    return out.getvalue()


def _replaced(raw: bytes, member: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, data if item.filename == member else source.read(item))
    return out.getvalue()


def test_a_truncated_docx_is_refused_as_corrupt():
    with pytest.raises(IngestError, match=r"corrupt \.docx"):
        extract_text(read("cfm38-res32-s.docx")[:4000])


def test_a_docx_whose_xml_is_broken_is_refused_as_corrupt():
    broken = _replaced(read("cfm38-res32-s.docx"), "word/document.xml", b"<w:document><w:body>")
    with pytest.raises(IngestError, match="XML does not parse"):
        parse(broken, filename="upload.docx")


def test_a_zip_without_a_word_document_is_not_taken_for_a_docx():
    with pytest.raises(IngestError, match=r"named \.docx but its content is a ZIP archive"):
        parse(_without(read("cfm38-res32-s.docx"), "word/document.xml"), filename="upload.docx")
