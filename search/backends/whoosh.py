"""The Whoosh backend (search.backends.base's contract) on haystack's Whoosh engine.

Queries: a query tree goes to Whoosh in haystack's query syntax (`to_sq`), each term as a string whose
analysis is exactly that term (`engine_text`), because Whoosh's query parser runs the field's analyzer (ours)
on every word it gets and our analysis is not idempotent (الفلسطينية -> فلسطين -> فلسط; والتي -> التي,
a stop word).

Removals wait for the index lock instead of being dropped.

haystack writes additions through Whoosh's AsyncWriter (it waits for the lock), but removes with a plain
writer that fails at once when another process holds the lock; with SILENTLY_FAIL on, the removal is
only logged and the index keeps a paragraph the database no longer has. Waiting for the lock keeps the
two in step when an ingest and an admin edit write at the same time.
"""

from __future__ import annotations

import fcntl
import operator
import os
import time
from collections.abc import Iterator
from functools import reduce

from django.conf import settings
from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend, WhooshSearchQuery
from haystack.constants import DJANGO_ID, ID
from haystack.inputs import Raw
from haystack.query import SQ, SearchQuerySet
from haystack.utils import get_identifier
from whoosh.fields import ID as WHOOSH_ID
from whoosh.index import TOC, FileIndex
from whoosh.qparser import FuzzyTermPlugin, MultifieldParser
from whoosh.query import Phrase as WhooshPhrase
from whoosh.query import Term as WhooshTerm

from search import analysis
from search.backends.base import ArchiveSearchBackend
from search.backends.whoosh_dense import DenseScorer
from search.query import And, Node, Not, Phrase, Term

LOCK_TIMEOUT_SECONDS = 30.0
TOC_READ_ATTEMPTS = 10  # as many as Whoosh's own reader() makes, 50 ms apart
TOC_RETRY_SECONDS = 0.05


class CommitSafeFileIndex(FileIndex):
    """Whoosh's FileIndex, whose opening and table-of-contents reads survive a writer committing meanwhile.

    Opening an index lists the folder for the latest generation, then reads that generation's TOC file; a
    writer committing in between writes the next one and deletes it (FileNotFoundError: a fresh install's
    second upload, setting up while the first commits, failed this way; a web worker opening the index
    during an ingest could too). Whoosh's reader() retries exactly this; opening the index and is_empty()
    did not. A retry reads the newer generation.
    """

    def __init__(self, storage, schema=None, indexname="MAIN"):
        _retrying_toc_reads(lambda: FileIndex.__init__(self, storage, schema, indexname))

    def _read_toc(self):
        return _retrying_toc_reads(super()._read_toc)


def _retrying_toc_reads(read):
    for attempt in range(1, TOC_READ_ATTEMPTS + 1):
        try:
            return read()
        except FileNotFoundError:
            if attempt == TOC_READ_ATTEMPTS:
                raise
            time.sleep(TOC_RETRY_SECONDS)


def engine_text(term: Term) -> str:
    """A string the field analyzer turns into exactly [term.text]: the engine then holds our term."""
    if analysis.analyse(term.text) == [term.text]:
        return term.text
    return term.surface


def to_sq(node: Node) -> SQ:
    """The query tree as haystack SQ objects on the document field (content), in Whoosh query syntax.

    Every string is built from analysis word runs (letters, marks, digits), so it holds no query syntax;
    Latin terms are lower case, so no word reads as an AND/OR/NOT operator.
    """
    if isinstance(node, Term):
        return SQ(content=Raw(engine_text(node)))
    if isinstance(node, Phrase):
        words = " ".join(engine_text(term) for term in node.terms)
        slop = f"~{node.slop}" if node.slop > 1 else ""
        return SQ(content=Raw(f'"{words}"{slop}'))
    if isinstance(node, Not):
        return ~to_sq(node.node)
    children = [to_sq(child) for child in node.nodes]
    return reduce(operator.and_ if isinstance(node, And) else operator.or_, children)


def query_string(tree: Node, using: str = "default") -> str:
    """The tree in haystack's Whoosh query syntax, limited to paragraphs."""
    from archive.models import Paragraph

    query = WhooshSearchQuery(using=using)
    return SearchQuerySet(using=using, query=query).models(Paragraph).filter(to_sq(tree)).query.build_query()


def context_parser(schema, content_field: str) -> MultifieldParser:
    """haystack's query parser, with each word and phrase looked for in the paragraph's text and, with a
    smaller weight, in its context (search_indexes.FIELD_BOOSTS); haystack's parser reads the text alone.
    """
    from search.search_indexes import FIELD_BOOSTS

    fields = [content_field, *(name for name in FIELD_BOOSTS if name != content_field and name in schema)]
    parser = MultifieldParser(
        fields, schema=schema, fieldboosts={name: FIELD_BOOSTS.get(name, 1.0) for name in fields}
    )
    parser.add_plugins([FuzzyTermPlugin])
    return parser


class WaitingWhooshBackend(ArchiveSearchBackend, WhooshSearchBackend):
    def build_schema(self, fields):
        """haystack's schema, with each paragraph's id also in a column (sortable): a hit's id is then read
        from that column instead of unpickling its stored fields, the whole paragraph text included (at
        100,000 paragraphs, 37 of /search/'s 213 ms on average went to reading 5,000 hits' stored fields)."""
        content_field_name, schema = super().build_schema(fields)
        schema.remove(DJANGO_ID)
        schema.add(DJANGO_ID, WHOOSH_ID(stored=True, sortable=True))
        return content_field_name, schema

    def setup(self):
        """haystack's setup, one process or thread at a time per index folder.

        On a folder with no index yet, haystack creates one; two writers setting up at once (two uploads
        confirmed together on a fresh install) both created it, the second wiping the first's segment list
        ("Index 'MAIN' does not exist") and its writes with it. Under the lock the second finds the index
        the first created and opens it.
        """
        if not self.use_file_storage:
            super().setup()
        else:
            os.makedirs(self.path, exist_ok=True)
            with open(os.path.join(self.path, "SETUP_LOCK"), "a") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                try:
                    # haystack opens the index as a plain FileIndex: a commit by a writer past its own setup
                    # can delete the TOC file being opened; the whole setup is safe to repeat.
                    _retrying_toc_reads(super().setup)
                finally:
                    fcntl.flock(lock, fcntl.LOCK_UN)
            self.index = CommitSafeFileIndex(self.storage, self.schema, self.index.indexname)
        self.parser = context_parser(self.schema, self.content_field_name)

    def remove_many(self, identifiers: list[str]) -> None:
        """Remove several search documents in one write, waiting for the lock."""
        if not identifiers:
            return
        if not self.setup_complete:
            self.setup()
        self.index = self.index.refresh()
        writer = self.index.writer(timeout=LOCK_TIMEOUT_SECONDS, delay=0.05)
        try:
            for identifier in identifiers:
                writer.delete_by_term(ID, identifier)
        except Exception:
            writer.cancel()
            raise
        writer.commit()

    def remove(self, obj_or_string, commit=True):
        self.remove_many([get_identifier(obj_or_string)])

    def expected_document(self, index, obj) -> dict:
        """The fields update() would write for obj (for manage.py check_index)."""
        return {key: self._from_python(value) for key, value in index.full_prepare(obj).items()}

    def stored_documents(self) -> Iterator[tuple[str, dict]]:
        """(identifier, stored fields) of every document in the index."""
        if not self.setup_complete:
            self.setup()
        self.index = self.index.refresh()
        with self.index.searcher() as searcher:
            for fields in searcher.all_stored_fields():
                yield fields[ID], fields

    def _current_searcher(self):
        """A searcher kept between requests, refreshed only when the index changed."""
        if not self.setup_complete:
            self.setup()
        searcher = getattr(self, "_searcher", None)
        if searcher is None or not searcher.up_to_date():
            if searcher is not None:
                searcher.close()
            self.index = self.index.refresh()
            searcher = self._searcher = self.index.searcher()
        return searcher

    def _id_column(self, searcher):
        """The searcher's reader of the paragraph id column, made once per searcher (making one reads the
        column's offsets: 2,310 of them cost 3.9 s in 200 searches at 100,000 paragraphs); None for an index
        built before the column existed."""
        cached = getattr(self, "_ids", None)
        if cached is None or cached[0] is not searcher:
            reader = searcher.reader()
            cached = self._ids = (searcher, reader.column_reader(DJANGO_ID) if reader.has_column(DJANGO_ID) else None)
        return cached[1]

    def ranked_ids(self, tree: Node, limit: int) -> list[tuple[int, float]]:
        """(paragraph id, score) best first for a query tree (search.backends.base).

        haystack's own search builds a SearchResult (and reads every stored field) for each hit; the
        archive only needs ids and scores, and facets and pages come from the database.
        """
        searcher = self._current_searcher()
        query = self.parser.parse(query_string(tree, self.connection_alias))
        dense = self._dense(searcher) if settings.QARARAT_WHOOSH_ARRAY_SCORING else None
        found = dense.top(query, limit) if dense is not None else None
        if found is None:  # an AndNot or a fuzzy term: Whoosh's own collector
            found = list(searcher.search(query, limit=limit).items())
        ids = dense.paragraph_ids(DJANGO_ID) if dense is not None else None
        if ids is not None:
            pks = ids[[docnum for docnum, _ in found]].tolist()
            return list(zip(pks, (score for _, score in found), strict=True))
        column = self._id_column(searcher)
        if column is not None:
            return [(int(column[docnum]), score) for docnum, score in found]
        # An index built before the id column existed (rebuild_index adds it).
        return [(int(searcher.stored_fields(docnum)[DJANGO_ID]), score) for docnum, score in found]

    def _dense(self, searcher) -> DenseScorer:
        """The searcher's index as arrays (search.backends.whoosh_dense), made once per searcher."""
        cached = getattr(self, "_dense_scorer", None)
        if cached is None or cached.searcher is not searcher:
            cached = self._dense_scorer = DenseScorer(searcher)
        return cached

    def symbol_ids(self, terms: tuple[str, ...], limit: int) -> list[int]:
        searcher = self._current_searcher()
        if not terms or "symbol" not in searcher.schema:
            return []  # an index built before the symbol field (rebuild_index adds it)
        query = WhooshTerm("symbol", terms[0]) if len(terms) == 1 else WhooshPhrase("symbol", list(terms))
        results = searcher.search(query, limit=limit)
        ids = self._id_column(searcher)
        return [
            int(ids[docnum]) if ids is not None else int(searcher.stored_fields(docnum)[DJANGO_ID])
            for docnum in results.docs()
        ]

    def corrections(self, terms: list[str]) -> dict[str, str]:
        """Whoosh's corrector over the text field's analysed terms, for the terms it does not hold."""
        searcher = self._current_searcher()
        if not searcher.doc_count():
            return {}
        fieldname = self.content_field_name
        reader = searcher.reader()
        corrector = reader.corrector(fieldname)
        found = {}
        for term in terms:
            if reader.doc_frequency(fieldname, term):
                continue
            suggested = corrector.suggest(term, limit=1, maxdist=1 if len(term) <= 4 else 2)
            if suggested:
                found[term] = suggested[0]
        return found

    def term_ids(self, term: str, limit: int) -> list[int]:
        searcher = self._current_searcher()
        hits = searcher.search(WhooshTerm(self.content_field_name, term), limit=limit)
        return [int(hit[DJANGO_ID]) for hit in hits]

    def state(self) -> str:
        """The index folder, its latest generation (every commit writes a new one) and that generation's
        table of contents file's inode and modification time: a cleared index (rebuild_index) starts its
        generations again from 0, so the number alone would come back to a state of the old index."""
        if not self.setup_complete:
            self.setup()
        generation = self.index.latest_generation()
        stamp = ""
        if self.use_file_storage:
            try:
                toc = os.stat(os.path.join(self.path, TOC._filename(self.index.indexname, generation)))
                stamp = f":{toc.st_ino}:{toc.st_mtime_ns}"
            except OSError:  # written over between the listing and the stat: the next search asks again
                stamp = ":?"
        return f"whoosh:{self.path}:{generation}{stamp}"

    def document_count(self, document: int | None = None) -> int:
        if document is not None:
            from archive.models import Paragraph

            return SearchQuerySet(using=self.connection_alias).models(Paragraph).filter(document=document).count()
        if not self.setup_complete:
            self.setup()
        self.index = self.index.refresh()
        return self.index.doc_count()


class QararatWhooshEngine(WhooshEngine):
    backend = WaitingWhooshBackend


__all__ = ["QararatWhooshEngine"]
