"""python manage.py load_corpus — ingest the real sources in fixtures/corpus (a demo archive)."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Ingest fixtures/corpus (the real sample sources) with their MANIFEST.tsv."

    def handle(self, *args, **options):
        call_command(
            "ingest",
            settings.BASE_DIR / "fixtures" / "corpus",
            stdout=self.stdout._out,
            stderr=self.stderr._out,
            verbosity=options["verbosity"],
        )
