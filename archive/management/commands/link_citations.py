"""python manage.py link_citations — read every paragraph's citations again and regroup the series.

Ingest, re-parse, upload and edits keep citations and series up to date on their own (archive.sync,
archive.citing, archive.series); this is for a database filled before they existed, or after a change
to the citation reader. It prints what the archive holds afterwards.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Count

from archive.citing import store_documents_citations
from archive.models import Citation, Document, Resolution, ResolutionSeries
from archive.series import assign_series

BATCH = 200  # documents per transaction


class Command(BaseCommand):
    help = "Read the citations of every paragraph again, resolve them, and group resolutions into series."

    def handle(self, *args, **options):
        ids = list(Document.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            with transaction.atomic():
                store_documents_citations(Document.objects.light().filter(pk__in=ids[start : start + BATCH]))
        for resolution in Resolution.objects.select_related("session", "series").iterator(chunk_size=500):
            assign_series(resolution)
        found = Citation.objects.count()
        resolved = Citation.objects.filter(resolution__isnull=False).count()
        cited = Citation.objects.filter(resolution__isnull=False).values("resolution").distinct().count()
        series = ResolutionSeries.objects.annotate(n=Count("resolutions")).filter(n__gte=2)
        in_series = sum(s.n for s in series)
        self.stdout.write(
            f"{found} citations, {resolved} resolved to resolutions the archive holds ({cited} different); "
            f"{series.count()} series of two or more resolutions ({in_series} resolutions)"
        )
