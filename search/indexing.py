"""Keep the search index in step with the database, document by document."""

from __future__ import annotations

from haystack import connections

from archive.models import Document, Paragraph


def index_document(document: Document) -> None:
    """(Re)index every paragraph of a document, in one write to the engine."""
    index = connections["default"].get_unified_index().get_index(Paragraph)
    paragraphs = list(index.index_queryset().filter(document=document))
    if paragraphs:
        connections["default"].get_backend().update(index, paragraphs)
