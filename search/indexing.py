"""Keep the search index in step with the database, document by document."""

from __future__ import annotations

from django.db import transaction
from haystack import connections
from haystack.query import SearchQuerySet

from archive.models import Document, Paragraph


def index_document(document: Document) -> None:
    """(Re)index every paragraph of a document, in one write to the engine."""
    index = connections["default"].get_unified_index().get_index(Paragraph)
    paragraphs = list(index.index_queryset().filter(document=document))
    if paragraphs:
        connections["default"].get_backend().update(index, paragraphs)


def is_indexed(document: Document) -> bool:
    """Whether the index holds as many entries for this document as it has paragraphs (a crash between
    the database commit and the index write leaves a stored document without them)."""
    indexed = SearchQuerySet().models(Paragraph).filter(document=document.pk).count()
    return indexed == document.paragraphs.count()


def schedule_document_index(document_id: int) -> None:
    """Index a document once the current transaction commits; once, however many saves ask for it.

    robust=True: a failing index update is logged, not raised, so the stored document stays stored;
    `manage.py update_index` catches up.
    """
    connection = transaction.get_connection()
    if any(getattr(func, "qararat_document", None) == document_id for _s, func, _r in connection.run_on_commit):
        return

    def run():
        document = Document.objects.filter(pk=document_id).first()
        if document is not None:
            index_document(document)

    run.qararat_document = document_id
    transaction.on_commit(run, robust=True)
