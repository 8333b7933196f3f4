"""An upload's content must be what its name says, and only .txt, .html, .htm, .pdf and .docx are taken."""

from __future__ import annotations

import pytest

from archive.ingest.errors import IngestError
from archive.ingest.formats import DOCX, HTML, PDF, TEXT, check, sniff
from archive.ingest.parser import parse
from tests.ingest._uploads import read


@pytest.mark.parametrize(
    ("name", "kind"),
    [("cfm38-res32-s.pdf", PDF), ("cfm38-res32-s.docx", DOCX), ("astana-declaration.odt", "zip")],
)
def test_the_format_is_told_from_the_content(name, kind):
    assert sniff(read(name)) == kind


def test_text_and_html_are_told_apart_and_may_stand_for_each_other():
    page = "<!DOCTYPE html><html><body><p>قرار</p></body></html>".encode()
    assert sniff(page) == HTML
    assert sniff("قرار بشأن".encode()) == TEXT
    assert check(page, "page.txt") == HTML
    assert check("قرار".encode(), "page.HTM") == TEXT


@pytest.mark.parametrize(
    ("raw", "name", "message"),
    [
        (read("cfm38-res32-s.docx"), "resolution.pdf", "named .pdf but its content is a Word document"),
        ("قرار بشأن التعاون".encode(), "resolution.docx", "named .docx but its content is plain text"),
        (read("cfm38-res32-s.pdf"), "resolution.docx", "named .docx but its content is a PDF"),
        (read("cfm38-res32-s.pdf"), "resolution.txt", "named .txt but its content is a PDF"),
        (read("astana-declaration.odt"), "declaration.docx", "named .docx but its content is a ZIP archive"),
        (b"MZ\x90\x00\x03", "setup.exe", "unsupported file type .exe"),
        (read("cfm38-res32-s.docx"), "resolution.doc", "unsupported file type .doc"),
        (read("astana-declaration.odt"), "declaration.odt", "unsupported file type .odt"),
        ("قرار".encode(), "README", "unsupported file type no extension"),
    ],
)
def test_a_file_whose_name_and_content_disagree_is_refused_naming_both(raw, name, message):
    with pytest.raises(IngestError, match=message.replace(".", r"\.")):
        parse(raw, filename=name)


@pytest.mark.parametrize("name", ["empty.txt", "empty.pdf", "empty.docx"])
def test_an_empty_upload_is_refused_as_empty(name):
    with pytest.raises(IngestError, match="empty file"):
        parse(b"", filename=name)
    with pytest.raises(IngestError, match="empty file"):
        parse(b" \n ", filename=name)
