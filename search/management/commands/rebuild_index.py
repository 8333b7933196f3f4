"""manage.py rebuild_index: the whole search index again from the database, as one replacement.

Replaces haystack's command of the same name (this app comes before haystack in INSTALLED_APPS), which
clears the index and then fills it, so searches in between see an empty or half-built index. Here the
backend's `rebuild()` (search.backends.base) gets the paragraphs streamed in batches: OpenSearch builds a
new index and swaps its alias when every batch is in; Whoosh clears and fills its folder, as before.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from haystack import connections

from search.indexing import BATCH, CHUNK, batched


class Command(BaseCommand):
    help = "Rebuild the search index from the database (an OpenSearch index is swapped in when complete)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive",
            help="accepted for haystack's command line; nothing is asked either way",
        )
        parser.add_argument("--batch-size", type=int, default=BATCH, help=f"paragraphs per write ({BATCH})")
        parser.add_argument("--using", default="default", help="haystack connection (default: default)")

    def handle(self, *args, batch_size=BATCH, using="default", verbosity=1, **options):
        connection = connections[using]
        backend = connection.get_backend()
        written = 0
        for index in connection.get_unified_index().collect_indexes():
            queryset = index.index_queryset(using=using).order_by("pk")
            written += backend.rebuild(index, batched(queryset.iterator(chunk_size=CHUNK), batch_size))
        if verbosity:
            self.stdout.write(f"indexed {written} paragraphs; the index holds {backend.document_count()}")
