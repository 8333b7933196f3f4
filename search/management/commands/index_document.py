"""manage.py index_document ID [ID ...] — (re)index every paragraph of the given documents, with progress.

What the admin starts in the background for a document too big to index within a web request; also the
way to finish by hand an indexing that was killed (`check_index --repair` finds and fixes it too).
"""

from __future__ import annotations

import resource
import time

from django.core.management.base import BaseCommand, CommandError

from archive.models import Document
from search.indexing import index_document, running_marker


class Command(BaseCommand):
    help = "Re-index every paragraph of the given documents (ids), printing progress after each batch."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="+", type=int, metavar="ID")

    def handle(self, *args, ids, **options):
        missing = sorted(set(ids) - set(Document.objects.filter(pk__in=ids).values_list("pk", flat=True)))
        if missing:
            raise CommandError(f"no document with id {', '.join(map(str, missing))}")
        for document_id in ids:
            started = time.monotonic()
            total = Document.objects.light().get(pk=document_id).paragraphs.count()
            self.stdout.write(f"document {document_id}: indexing {total} paragraphs")
            with running_marker(document_id):
                written = index_document(
                    document_id,
                    on_batch=lambda done, id=document_id, total=total: self.stdout.write(
                        f"document {id}: {done} of {total} paragraphs indexed"
                    ),
                )
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            self.stdout.write(
                self.style.SUCCESS(
                    f"document {document_id}: {written} paragraphs indexed in {time.monotonic() - started:.1f} s "
                    f"(peak memory {peak:.0f} MB)"
                )
            )
