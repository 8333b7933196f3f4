"""What an uploaded file really is, from its first bytes, checked against its file name's extension."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

from archive.ingest.errors import IngestError

PDF, DOCX, HTML, TEXT = "pdf", "docx", "html", "text"
EXTENSIONS = {".txt": TEXT, ".html": HTML, ".htm": HTML, ".pdf": PDF, ".docx": DOCX}
_NAMES = {
    PDF: "a PDF",
    DOCX: "a Word document (.docx)",
    HTML: "an HTML page",
    TEXT: "plain text",
    "zip": "a ZIP archive",
}
_HTML_START = (b"<!doctype html", b"<html", b"<head", b"<body", b"<p", b"<div", b"<table", b"<meta", b"<?xml")


def sniff(raw: bytes) -> str:
    """ "pdf", "docx", "zip" (any other ZIP: .odt, .xlsx …), "html" or "text", from the content alone."""
    head = raw[:1024]
    if b"%PDF-" in head:
        return PDF
    if raw.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                return DOCX if "word/document.xml" in archive.namelist() else "zip"
        except zipfile.BadZipFile:
            return "zip"
    start = head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").replace(b"\x00", b"").lower()
    return HTML if start.startswith(_HTML_START) else TEXT


def check(raw: bytes, filename: str) -> str:
    """The format of raw, after checking it agrees with the extension of filename (no name: any format).

    HTML and plain text stand in for each other (a saved page may be named .txt); a PDF or a Word
    document must be named as what it is.
    """
    if not raw or not raw.strip():
        raise IngestError("الملف فارغ (empty file).")
    found = sniff(raw)
    if not filename:
        if found == "zip":
            raise IngestError(
                "صيغة الملف غير مدعومة (unsupported file: a ZIP archive, not a Word .docx document)."
            )
        return found
    extension = PurePath(filename).suffix.lower()
    expected = EXTENSIONS.get(extension)
    if expected is None:
        shown = extension or "no extension"
        raise IngestError(
            f"صيغة الملف غير مدعومة (unsupported file type {shown!s}: upload .txt, .html, .htm, .pdf or .docx; "
            f"the content is {_NAMES[found]})."
        )
    if found == expected or {found, expected} <= {HTML, TEXT}:
        return found
    raise IngestError(
        f"امتداد الملف لا يطابق محتواه (the file is named {extension} but its content is {_NAMES[found]})."
    )
