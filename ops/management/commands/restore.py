"""manage.py restore PATH [--flush] — load a backup into an empty database, check it, rebuild the index."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Load a dump made by `manage.py backup` into this migrated database (empty, or emptied with --flush), "
        "check row counts against its manifest and every document's raw bytes against its checksum, then "
        "rebuild the search index from the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, metavar="PATH")
        parser.add_argument("--flush", action="store_true", help="empty the whole database first")
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
