"""Store documents of the UN Parallel Corpus (archive.ingest.unpc): a batch of documents per transaction,
indexed in bulk after it commits, resumable.

A document is known by its corpus name (Document.source_name, with source_format "unpc"): a batch whose
transaction never committed left nothing, and a re-run skips the documents an earlier run stored, so a
killed import run again continues where it stopped, without duplicates. Documents stored but not yet
indexed when a run was killed (the index is written after the commit, every INDEX_EVERY paragraphs) are
found on the re-run by comparing their paragraphs with the index's entries, and indexed then.

Rows are written with bulk_create (no per-row signals), so nothing is indexed paragraph by paragraph: the
paragraphs of many documents go to the engine together through search.indexing.index_paragraphs, which
writes batches of search.indexing.BATCH on Whoosh and OpenSearch alike.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

from django.db import transaction
from django.db.models import Count
from haystack import connections

from archive.citing import store_documents_citations
from archive.ingest.records import OTHER_PARAGRAPH
from archive.ingest.unpc import CorpusDocument
from archive.models import Document, Paragraph, Resolution, Session

SOURCE_FORMAT = "unpc"
PARSER_VERSION = "unpc-1"
BATCH_DOCUMENTS = 200  # documents per transaction
INDEX_EVERY = 10_000  # paragraphs stored before they are sent to the index together


@dataclass
class ImportTotals:
    documents: int = 0
    skipped: int = 0  # already stored by an earlier run
    paragraphs: int = 0
    english: int = 0  # paragraphs stored with their English
    excerpts: int = 0
    resolutions: int = 0
    sessions_created: list[str] = field(default_factory=list)
    indexed: int = 0
    reindexed_documents: int = 0  # stored by a killed run before its index write
    store_seconds: float = 0.0
    index_seconds: float = 0.0


def source_url(symbol: str) -> str:
    """The document at the UN's Official Document System, by its symbol (undocs.org redirects there)."""
    return "https://undocs.org/ar/" + quote(symbol, safe="/()")


class Importer:
    """Stores batches of CorpusDocuments; call `finish()` at the end to index what is left."""

    def __init__(
        self, *, excerpt: bool = True, index: bool = True, on_indexed: Callable[[int], None] | None = None
    ):
        self.excerpt = excerpt
        self.index = index
        self.totals = ImportTotals()
        self.on_indexed = on_indexed
        self._sessions: dict[tuple, Session] = {}
        self._pending: list[int] = []  # stored documents not yet indexed
        self._pending_paragraphs = 0

    # -- storing --------------------------------------------------------------------------------------

    def store(self, batch: list[CorpusDocument]) -> list[CorpusDocument]:
        """Store the batch's new documents in one transaction; the documents it stored."""
        started = time.perf_counter()
        with transaction.atomic():
            stored_before = dict(
                Document.objects.filter(
                    source_format=SOURCE_FORMAT, source_name__in=[d.name for d in batch]
                ).values_list("source_name", "pk")
            )
            new = [document for document in batch if document.name not in stored_before]
            rows = [self._document_row(document) for document in new]
            Document.objects.bulk_create(rows)
            links = []
            paragraphs = []
            for document, row in zip(new, rows, strict=True):
                session = self._session(document)
                if session is not None:
                    links.append(Document.sessions.through(document_id=row.pk, session_id=session.pk))
                resolution = self._resolution(document, session, row)
                for position, paragraph in enumerate(document.paragraphs, start=1):
                    paragraphs.append(
                        Paragraph(
                            document_id=row.pk,
                            resolution=resolution,
                            position=position,
                            kind=OTHER_PARAGRAPH,
                            text=paragraph.text,
                            text_en=paragraph.text_en,
                        )
                    )
            Document.sessions.through.objects.bulk_create(links)
            Paragraph.objects.bulk_create(paragraphs, batch_size=2000)
            # The resolutions they cite (archive.citing), as every other way in stores them.
            store_documents_citations(rows)
        self.totals.store_seconds += time.perf_counter() - started
        self.totals.documents += len(new)
        self.totals.skipped += len(batch) - len(new)
        self.totals.paragraphs += len(paragraphs)
        self.totals.english += sum(1 for paragraph in paragraphs if paragraph.text_en)
        self.totals.excerpts += sum(1 for row in rows if row.excerpt)
        self._pending.extend(row.pk for row in rows)
        self._pending_paragraphs += len(paragraphs)
        if self._pending_paragraphs >= INDEX_EVERY:
            self.flush()
        return new

    def _document_row(self, document: CorpusDocument) -> Document:
        raw = document.raw
        symbol = document.symbol
        return Document(
            title=symbol.symbol,
            kind=symbol.kind,
            symbol=symbol.symbol,
            source_name=document.name,
            source_url=source_url(symbol.symbol),
            excerpt=self.excerpt,
            # Without a session (ECOSOC, other organs) the document's year is its symbol's, else the corpus's.
            issued_year=symbol.year if symbol.session is None else None,
            source_format=SOURCE_FORMAT,
            raw=raw,
            encoding="utf-8",
            checksum=hashlib.sha256(raw).hexdigest(),
            parser_version=PARSER_VERSION,
            warnings=[],
        )

    def _session(self, document: CorpusDocument) -> Session | None:
        symbol = document.symbol
        if symbol.session is None:
            return None
        key = (symbol.body, "", symbol.session, symbol.extraordinary)
        if key not in self._sessions:
            session, created = Session.objects.get_or_create(
                body=symbol.body,
                organ="",
                number=symbol.session,
                extraordinary=symbol.extraordinary,
                defaults={"slug": Session.make_slug(symbol.body, symbol.session, symbol.extraordinary)},
            )
            if created:
                self.totals.sessions_created.append(session.slug)
            self._sessions[key] = session
        return self._sessions[key]

    def _resolution(
        self, document: CorpusDocument, session: Session | None, row: Document
    ) -> Resolution | None:
        """A General Assembly or Security Council resolution: its Resolution (one another source already
        stored is joined, as a continuation page joins its first page's)."""
        number = document.symbol.resolution
        if not number or session is None:
            return None
        resolution, created = Resolution.objects.get_or_create(
            session=session, number=number, defaults={"document_id": row.pk}
        )
        self.totals.resolutions += created
        return resolution

    # -- indexing -------------------------------------------------------------------------------------

    def flush(self) -> None:
        """Index the stored documents' paragraphs that are not indexed yet, together."""
        if not self._pending or not self.index:
            self._pending, self._pending_paragraphs = [], 0
            return
        from search.indexing import index_paragraphs

        started = time.perf_counter()
        written = index_paragraphs(Paragraph.objects.filter(document_id__in=self._pending))
        self.totals.index_seconds += time.perf_counter() - started
        self.totals.indexed += written
        if self.on_indexed is not None:
            self.on_indexed(written)
        self._pending, self._pending_paragraphs = [], 0

    def catch_up(self) -> None:
        """Queue for indexing the imported documents a killed run stored but did not index.

        Nothing to do when the index holds as many entries as there are paragraphs (two counts). Else the
        documents a run stores are the newest ones (increasing ids), and a run indexes at least every
        INDEX_EVERY paragraphs, so only the newest imported documents, up to twice that many paragraphs,
        are compared with the index one by one (`manage.py check_index --repair` covers anything older)."""
        backend = connections["default"].get_backend()
        if backend.document_count() == Paragraph.objects.count():
            return
        newest = (
            Document.objects.filter(source_format=SOURCE_FORMAT)
            .order_by("-pk")
            .annotate(n=Count("paragraphs"))
            .values_list("pk", "n")
        )
        seen = 0
        for document_id, n in newest.iterator(chunk_size=500):
            if seen > 2 * INDEX_EVERY:
                break
            seen += n
            if backend.document_count(document=document_id) != n:
                self._pending.append(document_id)
                self._pending_paragraphs += n
                self.totals.reindexed_documents += 1

    def finish(self) -> ImportTotals:
        self.flush()
        return self.totals
