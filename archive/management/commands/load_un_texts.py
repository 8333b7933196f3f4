"""python manage.py load_un_texts [--from FOLDER] — store whole UN texts (the UN Charter, the UDHR) read from
../shared, with their metadata from fixtures/un-texts/MANIFEST.tsv."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from archive.ingest import records
from archive.ingest.articles import html_lines, parse_articles
from archive.ingest.records import ParsedDocument, ParsedResolution, ParsedSession
from archive.models import Document
from archive.sync import checksum, store_document

MANIFEST = Path(__file__).resolve().parents[3] / "fixtures" / "un-texts" / "MANIFEST.tsv"
PARSER_VERSION = "articles-1"


def default_folder() -> Path:
    """Where the texts are: ../shared/corpus/extra beside the project (they are not ours to re-publish)."""
    return Path(settings.BASE_DIR).parent / "shared" / "corpus" / "extra"


def read_manifest(path: Path = MANIFEST) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle, delimiter="\t") if row.get("file")]


def parsed_document(raw: bytes, row: dict[str, str]) -> ParsedDocument:
    """The text's preamble, chapters and articles, with the manifest row's metadata."""
    text = raw.decode("utf-8-sig")
    if row["file"].endswith((".html", ".htm")):
        title, lines = html_lines(text)
    else:
        title, lines = "", text.splitlines()
    read = parse_articles(lines, row.get("title") or title)
    sessions, resolutions = [], []
    if row.get("body") and row.get("session_number"):
        sessions.append(
            ParsedSession(
                body=row["body"],
                number=int(row["session_number"]),
                place=row.get("place", ""),
                place_printed=row.get("place", ""),
                country=row.get("country", ""),
            )
        )
        if row.get("resolution_number"):
            resolutions.append(
                ParsedResolution(
                    number=row["resolution_number"],
                    printed_number=row.get("printed_number", ""),
                    subject=read.title,
                    session_index=0,
                )
            )
    if resolutions:
        for paragraph in read.paragraphs:
            paragraph.resolution_index = 0
    return ParsedDocument(
        title=read.title,
        kind=row.get("kind") or records.OTHER_KIND,
        symbol=row.get("symbol", ""),
        date=datetime.date.fromisoformat(row["date"]) if row.get("date") else None,
        source_url=row.get("source", ""),
        source_format="articles",
        encoding="utf-8",
        sessions=sessions,
        resolutions=resolutions,
        paragraphs=read.paragraphs,
        warnings=list(read.warnings),
        parser_version=PARSER_VERSION,
    )


class Command(BaseCommand):
    help = (
        "Store the whole UN texts listed in fixtures/un-texts/MANIFEST.tsv (UN Charter, UDHR), read from "
        "../shared/corpus/extra (or --from); a text not found there is skipped, one already stored is left."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="folder", type=Path, help="the folder holding the texts")

    def handle(self, *args, folder, **options):
        folder = folder or default_folder()
        if not folder.is_dir():
            self.stdout.write(f"- {folder} not found: no UN texts loaded (they are read from ../shared)")
            return
        failed = 0
        for row in read_manifest():
            path = folder / row["file"]
            if not path.is_file():
                self.stdout.write(f"- {row['file']} skipped: not found in {folder}")
                continue
            raw = path.read_bytes()
            existing = Document.objects.filter(checksum=checksum(raw)).first()
            if existing is not None:
                self.stdout.write(f"= {row['file']} unchanged (document {existing.pk})")
                continue
            try:
                parsed = parsed_document(raw, row)
                document, _created = store_document(parsed, raw=raw, encoding="utf-8", source_name=path.name)
            except (UnicodeDecodeError, ValueError) as exc:
                failed += 1
                self.stderr.write(f"! {row['file']} failed: {exc}")
                continue
            articles = sum(1 for p in parsed.paragraphs if p.number)
            self.stdout.write(
                f"+ {row['file']} added: document {document.pk}, {len(parsed.paragraphs)} paragraphs "
                f"({articles} articles)"
            )
        if failed:
            raise CommandError(f"{failed} texts could not be stored")
