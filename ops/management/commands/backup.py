"""manage.py backup PATH — the whole database as one database-neutral JSON file (and its manifest)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, dump, manifest_path


class Command(BaseCommand):
    help = (
        "Dump the database (archive with raw source files, synonyms, users, audit trail) to PATH "
        "(.json, .json.gz or .json.xz) with PATH.manifest.json beside it. The search index is not dumped: "
        "restore rebuilds it."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, metavar="PATH")
        parser.add_argument("--database", default="default")

    def handle(self, *args, path, database, **options):
        try:
            manifest = dump(path, using=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        counts = manifest["counts"]
        self.stdout.write(
            f"{path}: {counts.get('archive.document', 0)} documents, {counts.get('archive.paragraph', 0)} "
            f"paragraphs, {sum(counts.values())} rows in all; manifest {manifest_path(path)}"
        )
