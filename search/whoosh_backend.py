"""haystack's Whoosh engine, with removals that wait for the index lock instead of being dropped.

haystack writes additions through Whoosh's AsyncWriter (it waits for the lock), but removes with a plain
writer that fails at once when another process holds the lock; with SILENTLY_FAIL on, the removal is
only logged and the index keeps a paragraph the database no longer has. Waiting for the lock keeps the
two in step when an ingest and an admin edit write at the same time.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator

from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend
from haystack.constants import DJANGO_ID, ID
from haystack.utils import get_identifier
from whoosh.qparser import FuzzyTermPlugin, MultifieldParser

LOCK_TIMEOUT_SECONDS = 30.0


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


class WaitingWhooshBackend(WhooshSearchBackend):
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
                    super().setup()
                finally:
                    fcntl.flock(lock, fcntl.LOCK_UN)
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

    def ranked_ids(self, query_string: str, limit: int) -> list[tuple[int, float]]:
        """(paragraph id, score) best first, for a query in haystack's query syntax.

        haystack's own search builds a SearchResult (and reads every stored field) for each hit; the
        archive only needs ids and scores, and facets and pages come from the database. A searcher is
        kept between requests and refreshed only when the index changed.
        """
        if not self.setup_complete:
            self.setup()
        searcher = getattr(self, "_searcher", None)
        if searcher is None or not searcher.up_to_date():
            if searcher is not None:
                searcher.close()
            self.index = self.index.refresh()
            searcher = self._searcher = self.index.searcher()
        query = self.parser.parse(query_string)
        results = searcher.search(query, limit=limit)
        return [(int(searcher.stored_fields(docnum)[DJANGO_ID]), score) for docnum, score in results.items()]


class QararatWhooshEngine(WhooshEngine):
    backend = WaitingWhooshBackend


__all__ = ["QararatWhooshEngine"]
