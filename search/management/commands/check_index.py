"""manage.py check_index [--repair]: does the search index hold exactly what the database says it should?

For every paragraph the database has, the fields the index should store for it (what ParagraphIndex
prepares and the backend writes: text, document, resolution number, session slugs, bodies, kind, year)
are compared with what the index stores under its identifier. Reported:

- missing: in the database, not in the index;
- stale: in the index, no longer in the database;
- drifted: in both, with fields that differ (named in the report).

Exit status 1 when anything differs and --repair was not given. --repair re-indexes missing and drifted
paragraphs, removes stale entries, checks again and says "index consistent" (or exits 1 if it is not).

Written against haystack (the unified index, full_prepare, the backend's update/remove) plus two methods
every backend provides (search.backends.base): `stored_documents()` (every stored entry) and `expected_document()` (the
fields update() would write). With OpenSearch the stored text is the analysed text, so after the
analysis changes every paragraph shows as drifted until the index is rebuilt; Whoosh stores the original.
"""

from __future__ import annotations

import hashlib
import json

from django.core.management.base import BaseCommand, CommandError
from haystack import connections
from haystack.constants import DJANGO_CT, ID
from haystack.utils import get_identifier

from archive.models import Paragraph

BATCH = 500
SHOWN = 20  # identifiers listed per kind of problem (all with -v 2)


def normalised(value) -> str | None:
    """One comparable form for a value as prepared or as read back from either engine."""
    if value is None or value == "" or value == "None" or value == [] or value == ():
        return None
    if isinstance(value, (list, tuple, set)):
        return ",".join(str(item) for item in value)
    return str(value)


def fingerprint(fields: dict, names: tuple[str, ...]) -> tuple[str, ...]:
    """A short digest per field, so a large index is compared without keeping its text in memory."""
    return tuple(
        hashlib.blake2b(json.dumps(normalised(fields.get(name)), ensure_ascii=False).encode(), digest_size=8)
        .hexdigest()
        for name in names
    )


class Report:
    def __init__(self):
        self.checked = 0
        self.indexed = 0
        self.missing: list[int] = []
        self.stale: list[str] = []
        self.drifted: dict[int, list[str]] = {}

    @property
    def consistent(self) -> bool:
        return not (self.missing or self.stale or self.drifted)


class Command(BaseCommand):
    help = "Compare the search index with the database (missing, stale, drifted entries); --repair fixes them."

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="re-index what differs and check again")
        parser.add_argument("--using", default="default", help="haystack connection (default: default)")

    def handle(self, *args, repair=False, using="default", verbosity=1, **options):
        self.connection = connections[using]
        self.backend = self.connection.get_backend()
        self.index = self.connection.get_unified_index().get_index(Paragraph)
        self.verbosity = verbosity
        report = self.compare()
        self.print_report(report)
        if report.consistent:
            self.stdout.write(self.style.SUCCESS("index consistent"))
            return
        if not repair:
            raise CommandError("the index differs from the database: run manage.py check_index --repair")
        self.repair(report)
        again = self.compare()
        if not again.consistent:
            self.print_report(again)
            raise CommandError("the index still differs from the database after the repair")
        self.stdout.write(self.style.SUCCESS(f"index consistent ({again.indexed} paragraphs)"))

    # -- checking ----------------------------------------------------------------------------------------

    def field_names(self) -> tuple[str, ...]:
        return tuple(sorted(field.index_fieldname for field in self.index.fields.values()))

    def compare(self) -> Report:
        report = Report()
        names = self.field_names()
        content_type = get_identifier(Paragraph(pk=0)).rsplit(".", 1)[0]
        stored: dict[str, tuple[str, ...]] = {}
        for identifier, fields in self.backend.stored_documents():
            if fields.get(DJANGO_CT, content_type) != content_type:
                continue  # another model's entry: not ours to judge
            stored[identifier] = fingerprint(fields, names)
        report.indexed = len(stored)
        queryset = self.index.index_queryset().order_by("pk")
        for paragraph in queryset.iterator(chunk_size=BATCH):
            report.checked += 1
            expected = self.backend.expected_document(self.index, paragraph)
            identifier = expected.get(ID) or get_identifier(paragraph)
            found = stored.pop(identifier, None)
            if found is None:
                report.missing.append(paragraph.pk)
                continue
            wanted = fingerprint(expected, names)
            if found != wanted:
                report.drifted[paragraph.pk] = [name for name, a, b in zip(names, found, wanted, strict=True) if a != b]
        report.stale = sorted(stored)
        return report

    def print_report(self, report: Report) -> None:
        write = self.stdout.write
        write(f"paragraphs in the database: {report.checked}")
        write(f"entries in the search index: {report.indexed}")
        write(f"missing from the index: {len(report.missing)}")
        self.list_some([str(pk) for pk in report.missing])
        write(f"stale in the index (not in the database): {len(report.stale)}")
        self.list_some(report.stale)
        write(f"drifted (fields differ): {len(report.drifted)}")
        self.list_some([f"{pk}: {', '.join(names)}" for pk, names in report.drifted.items()])

    def list_some(self, items: list[str]) -> None:
        shown = items if self.verbosity >= 2 else items[:SHOWN]
        for item in shown:
            self.stdout.write(f"  {item}")
        if len(items) > len(shown):
            self.stdout.write(f"  … and {len(items) - len(shown)} more (-v 2 lists all)")

    # -- repairing ---------------------------------------------------------------------------------------

    def repair(self, report: Report) -> None:
        ids = sorted(report.missing + list(report.drifted))
        for start in range(0, len(ids), BATCH):
            paragraphs = list(self.index.index_queryset().filter(pk__in=ids[start : start + BATCH]))
            self.backend.update(self.index, paragraphs)
        if report.stale:
            self.backend.remove_many(report.stale)
        self.stdout.write(f"re-indexed {len(ids)} paragraphs, removed {len(report.stale)} stale entries")
