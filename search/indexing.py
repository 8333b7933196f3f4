"""Keep the search index in step with the database, document by document, in bounded memory.

Paragraphs are read from the database in chunks and written to the engine in batches of BATCH: a 20 MB
document of 60,000 paragraphs never has more than one batch in memory. Removals asked for during one
transaction (a document's paragraphs deleted one by one by Django's cascade) are written in one go when
it commits, instead of one engine write per paragraph.

Indexing 60,000 paragraphs takes longer than a web request may (gunicorn's timeout). Inside
`big_documents_in_background()` (the admin's upload, re-parse and edit pages) a document of more than
QARARAT_BACKGROUND_INDEX_PARAGRAPHS paragraphs is indexed by a separate process, `manage.py
index_document`, started once the database has committed; `index_progress()` says how far it got and
whether it is still running. The database is whole either way (one transaction); if that process is
killed, `index_document`, `check_index --repair` or the admin's "index again" action finish the job.
"""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.db import transaction
from haystack import connections

from archive.models import Document, Paragraph

logger = logging.getLogger(__name__)

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


def batched(items: Iterable, size: int | None = None) -> Iterator[list]:
    size = size or BATCH
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _document_id(document: Document | int) -> int:
    return document.pk if isinstance(document, Document) else document


def index_paragraphs(queryset, on_batch: Callable[[int], None] | None = None) -> int:
    """(Re)index the paragraphs a queryset selects, streamed in batches; how many were written.
    on_batch(written so far) runs after each batch."""
    index = _paragraph_index()
    selected = index.index_queryset().filter(pk__in=queryset.values("pk")).order_by("pk")
    written = 0
    for batch in batched(selected.iterator(chunk_size=CHUNK)):
        _backend().update(index, batch)
        written += len(batch)
        if on_batch is not None:
            on_batch(written)
    return written


def index_document(document: Document | int, on_batch: Callable[[int], None] | None = None) -> int:
    """(Re)index every paragraph of a document; how many were written."""
    return index_paragraphs(Paragraph.objects.filter(document_id=_document_id(document)), on_batch)


# -- big documents in a background process ---------------------------------------------------------------

_background_above: ContextVar[int | None] = ContextVar("qararat_background_above", default=None)


@contextlib.contextmanager
def big_documents_in_background(limit: int | None = None):
    """Within this block, a document of more than `limit` paragraphs (QARARAT_BACKGROUND_INDEX_PARAGRAPHS)
    scheduled for indexing is indexed by a background process, so that the request need not wait."""
    token = _background_above.set(settings.QARARAT_BACKGROUND_INDEX_PARAGRAPHS if limit is None else limit)
    try:
        yield
    finally:
        _background_above.reset(token)


def _marker(document_id: int) -> Path:
    """Written by a running `manage.py index_document` for this document: its process id."""
    return Path(settings.DATA_DIR) / "indexing" / f"document-{document_id}.pid"


def start_background_index(document_id: int) -> None:
    """Start `manage.py index_document ID` on its own, detached from this process (a gunicorn worker may
    be recycled or time out; the indexing goes on). Its output is appended to DATA_DIR/logs/indexing.log."""
    logs = Path(settings.DATA_DIR) / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "index_document", str(document_id)]
    # A short-lived middle process starts the indexer in a session of its own and exits at once, so the
    # indexer is nobody's zombie and no signal to this worker's process group reaches it. It prints the
    # indexer's process id, written down at once so that index_progress() sees it running from the start.
    launcher = (
        "import subprocess, sys\n"
        "log = open(sys.argv[1], 'ab')\n"
        "child = subprocess.Popen(sys.argv[2:], start_new_session=True, stdin=subprocess.DEVNULL, "
        "stdout=log, stderr=subprocess.STDOUT)\n"
        "print(child.pid)\n"
    )
    started = subprocess.run(
        [sys.executable, "-c", launcher, str(logs / "indexing.log"), *command],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=True,
        timeout=60,
    )
    marker = _marker(document_id)
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(started.stdout.strip())
    logger.info("indexing document %s in the background", document_id)


@contextlib.contextmanager
def running_marker(document_id: int):
    """Say, for index_progress(), that this process is indexing the document (until it ends)."""
    marker = _marker(document_id)
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(str(os.getpid()))
    try:
        yield
    finally:
        # Only our own marker: a newer indexer of the same document may have written its own since.
        with contextlib.suppress(OSError):
            if marker.read_text().strip() == str(os.getpid()):
                marker.unlink()


@dataclass(frozen=True)
class IndexProgress:
    indexed: int
    total: int
    running: bool

    @property
    def complete(self) -> bool:
        return self.indexed == self.total


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def index_progress(document: Document | int) -> IndexProgress:
    """How many of a document's paragraphs the index holds, and whether a background indexer is at it."""
    document_id = _document_id(document)
    indexed = _backend().document_count(document=document_id)
    total = Paragraph.objects.filter(document_id=document_id).count()
    try:
        running = _alive(int(_marker(document_id).read_text()))
    except (OSError, ValueError):
        running = False
    return IndexProgress(indexed, total, running)


def is_indexed(document: Document) -> bool:
    """Whether the index holds as many entries for this document as it has paragraphs (a crash between
    the database commit and the index write leaves a stored document without them)."""
    return index_progress(document).complete


def _together(kind: str, key, item, run: Callable[[list], None]) -> None:
    """Run run(items) once the current transaction commits, with every item asked for under (kind, key)
    in that transaction; outside a transaction, run([item]) at once.

    The items travel on the on-commit callback itself, so a rollback that discards the callback discards
    them too, and the next transaction starts afresh.
    """
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for _sids, func, _robust in reversed(connection.run_on_commit):
            if getattr(func, "qararat_kind", None) == (kind, key):
                func.qararat_items.append(item)
                return
    items = [item]

    def callback():
        run(items)

    callback.qararat_kind = (kind, key)
    callback.qararat_items = items
    # robust=True: a failing index write is logged, not raised, so what the database committed stays
    # committed; `manage.py check_index --repair` catches up.
    transaction.on_commit(callback, robust=True)


def schedule_document_index(document_id: int) -> None:
    """Index a document once the current transaction commits; once, however many saves ask for it.
    Inside big_documents_in_background(), a big document is left to a background process."""
    limit = _background_above.get()

    def run(_items):
        if limit is not None and Paragraph.objects.filter(document_id=document_id).count() > limit:
            start_background_index(document_id)
        elif Document.objects.filter(pk=document_id).exists():
            index_document(document_id)

    _together("document", document_id, None, run)


def schedule_removal(identifier: str) -> None:
    """Remove one entry (haystack identifier) from the index once the current transaction commits,
    together with every other removal asked for in the same transaction."""

    def run(identifiers):
        for batch in batched(identifiers):
            _backend().remove_many(batch)

    _together("removals", None, identifier, run)


def schedule_paragraph_index(paragraph_id: int) -> None:
    """Reindex one paragraph once the current transaction commits, together with every other paragraph
    saved in the same transaction (an admin page saving a long document's paragraphs)."""

    def run(ids):
        for batch in batched(sorted(set(ids))):
            index_paragraphs(Paragraph.objects.filter(pk__in=batch))

    _together("paragraphs", None, paragraph_id, run)


def schedule_paragraphs_index(queryset) -> None:
    """Reindex the paragraphs a queryset selects (read when the current transaction commits)."""
    transaction.on_commit(lambda: index_paragraphs(queryset), robust=True)
