"""manage.py restore PATH [--flush] — check a backup, load it in one transaction, rebuild the index."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Check a dump made by `manage.py backup` before touching anything (its SHA-256, its JSON, its row "
        "counts against the manifest, every document's raw bytes against its checksum), then load it into "
        "this migrated database (empty, or emptied with --flush) in one transaction that checks counts and "
        "raw bytes again before it commits, then rebuild the search index from the database. A dump that "
        "fails any check changes neither the database nor the index."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, metavar="PATH")
        parser.add_argument(
            "--flush",
            action="store_true",
            help="replace what the database holds (emptied in the same transaction as the load)",
        )
        parser.add_argument("--no-index", action="store_true", help="leave the search index alone")
        parser.add_argument("--database", default="default")

    def handle(self, *args, path, flush, no_index, database, **options):
        if not path.exists():
            raise CommandError(f"{path} does not exist")
        try:
            result = restore(path, flush=flush, index=not no_index, using=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        counts = result["counts"]
        line = (
            f"restored {counts.get('archive.document', 0)} documents ({result['documents_checked']} raw files "
            f"match their checksums), {counts.get('archive.paragraph', 0)} paragraphs, "
            f"{sum(counts.values())} rows in all"
        )
        if "indexed" in result:
            line += f"; search index rebuilt: {result['indexed']} paragraphs"
        self.stdout.write(line)
