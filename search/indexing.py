"""Keep the search index in step with the database, document by document, in bounded memory.

Paragraphs are read from the database in chunks and written to the engine in batches of BATCH: a 20 MB
document of 66,000 paragraphs never has more than one batch in memory. Removals asked for during one
transaction (a document's paragraphs deleted one by one by Django's cascade) are written in one go when
it commits, instead of one engine write per paragraph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from django.db import transaction
from haystack import connections
from haystack.query import SearchQuerySet

from archive.models import Document, Paragraph

# Paragraphs per engine write: each write is a Whoosh commit that may merge segments, so fewer, larger
# writes are faster (45,000 paragraphs: 57 s of CPU in writes of 2,000, 35 s in writes of 10,000), and
# 10,000 paragraphs with their documents stay within a few tens of MB.
BATCH = 10_000
# Rows per database round trip while streaming them.
CHUNK = 2000


def _paragraph_index():
    return connections["default"].get_unified_index().get_index(Paragraph)


def _backend():
    return connections["default"].get_backend()


def batched(items: Iterable, size: int = BATCH) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def index_paragraphs(queryset) -> int:
    """(Re)index the paragraphs a queryset selects, streamed in batches; how many were written."""
    index = _paragraph_index()
    selected = index.index_queryset().filter(pk__in=queryset.values("pk")).order_by("pk")
    written = 0
    for batch in batched(selected.iterator(chunk_size=CHUNK)):
        _backend().update(index, batch)
        written += len(batch)
    return written


def index_document(document: Document | int) -> int:
    """(Re)index every paragraph of a document; how many were written."""
    document_id = document.pk if isinstance(document, Document) else document
    return index_paragraphs(Paragraph.objects.filter(document_id=document_id))


def is_indexed(document: Document) -> bool:
    """Whether the index holds as many entries for this document as it has paragraphs (a crash between
    the database commit and the index write leaves a stored document without them)."""
    indexed = SearchQuerySet().models(Paragraph).filter(document=document.pk).count()
    return indexed == document.paragraphs.count()


def _pending(kind: str, key, make, add=None) -> None:
    """Add to this transaction's pending index work of one kind, made (with its on-commit callback) on first
    use; outside a transaction the work runs at once.

    make() returns (callback, work); add(work) records one more item in it. The work is attached to the
    callback, so when a rollback discards the callback the work goes with it and the next transaction
    starts afresh.
    """
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for _sids, func, _robust in reversed(connection.run_on_commit):
            if getattr(func, "qararat_kind", None) == (kind, key):
                if add is not None:
                    add(func.qararat_work)
                return
    func, work = make()
    func.qararat_kind = (kind, key)
    func.qararat_work = work
    if add is not None:
        add(work)
    # robust=True: a failing index write is logged, not raised, so what the database committed stays
    # committed; `manage.py check_index --repair` catches up.
    transaction.on_commit(func, robust=True)


def schedule_document_index(document_id: int) -> None:
    """Index a document once the current transaction commits; once, however many saves ask for it."""

    def make():
        def run():
            if Document.objects.filter(pk=document_id).exists():
                index_document(document_id)

        return run, None

    _pending("document", document_id, make)


def schedule_removal(identifier: str) -> None:
    """Remove one entry (haystack identifier) from the index once the current transaction commits,
    together with every other removal asked for in the same transaction."""

    def make():
        identifiers: list[str] = []

        def run():
            for batch in batched(identifiers):
                _backend().remove_many(batch)

        return run, identifiers

    _pending("removals", None, make, lambda identifiers: identifiers.append(identifier))


def schedule_paragraph_index(paragraph_id: int) -> None:
    """Reindex one paragraph once the current transaction commits, together with every other paragraph
    saved in the same transaction (an admin page saving a long document's paragraphs)."""

    def make():
        ids: set[int] = set()

        def run():
            for batch in batched(sorted(ids)):
                index_paragraphs(Paragraph.objects.filter(pk__in=batch))

        return run, ids

    _pending("paragraphs", None, make, lambda ids: ids.add(paragraph_id))


def schedule_paragraphs_index(queryset) -> None:
    """Reindex the paragraphs a queryset selects (read when the current transaction commits)."""
    transaction.on_commit(lambda: index_paragraphs(queryset), robust=True)
