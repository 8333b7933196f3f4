"""Entry point of the pure parser: raw bytes in, ParsedDocument out."""

from __future__ import annotations

from archive.ingest.decoding import decode
from archive.ingest.errors import IngestError
from archive.ingest.records import ParsedDocument, ParsedParagraph

__all__ = ["IngestError", "parse"]


def parse(raw: bytes, filename: str = "", source_url: str = "") -> ParsedDocument:
    """Parse one source file. Raises IngestError with a readable reason for bad input."""
    text, _encoding = decode(raw)
    paragraphs = [ParsedParagraph(text=line.strip()) for line in text.splitlines() if line.strip()]
    if not paragraphs:
        raise IngestError("لا يحتوي الملف على نص (no text found).")
    return ParsedDocument(title=paragraphs[0].text[:200], paragraphs=paragraphs, source_url=source_url)
