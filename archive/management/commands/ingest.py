"""python manage.py ingest PATH... — store source files (or folders of them) in the archive."""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from archive.ingest.errors import IngestError
from archive.notes import note_text
from archive.sync import ingest_bytes
from search.indexing import index_document, is_indexed

SOURCE_SUFFIXES = {".txt", ".htm", ".html", ".pdf", ".docx"}
MANIFEST_NAME = "MANIFEST.tsv"
NOT_SOURCES = {MANIFEST_NAME, "README.md"}
PROGRESS_THRESHOLD = 5


class Command(BaseCommand):
    help = (
        "Ingest source files (.txt, .htm, .html, .pdf, .docx; folders are searched recursively). Files already in the "
        "archive are left as they are. Source addresses come from --manifest or from a MANIFEST.tsv next "
        "to the files or one folder up."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument(
            "--manifest", type=Path, help="TSV with columns file and source (the source URL of each file)"
        )
        parser.add_argument("--progress", action="store_true", help="show a progress bar on stderr")

    def handle(self, *args, paths, manifest, progress, **options):
        files = find_sources(paths)
        fixed_manifest = read_manifest(manifest) if manifest else None
        stream = options.get("stderr") or sys.stderr
        show_bar = len(files) > PROGRESS_THRESHOLD and (progress or stream.isatty())
        counts = Counter()
        manifests: dict[Path, dict[str, str]] = {}
        with tqdm(total=len(files), file=stream, unit="file", disable=not show_bar) as bar:
            for path in files:
                urls = fixed_manifest if fixed_manifest is not None else manifest_for(path, manifests)
                status, line = self.ingest_one(path, urls.get(path.name, ""), options)
                counts[status] += 1
                with tqdm.external_write_mode():
                    self.stdout.write(line)
                bar.update()
        self.stdout.write(
            f"{counts['added']} added, {counts['unchanged']} unchanged, {counts['failed']} failed"
        )
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} of {len(files)} files could not be ingested.")

    def ingest_one(self, path: Path, source_url: str, options) -> tuple[str, str]:
        try:
            result = ingest_bytes(path.read_bytes(), path.name, source_url)
        except OSError as exc:
            return "failed", self.style.ERROR(f"! {path} failed: {exc.strerror or exc}")
        except IngestError as exc:
            return "failed", self.style.ERROR(f"! {path} failed: {exc}")
        except Exception as exc:
            # A parser bug on one file must not stop the others; --traceback shows it in full.
            if options.get("traceback"):
                raise
            return "failed", self.style.ERROR(f"! {path} failed: internal error {type(exc).__name__}: {exc}")
        if not result.created:
            if not is_indexed(result.document):
                # Stored by a run that was killed before its index write: this run completes it.
                index_document(result.document)
                return "unchanged", f"= {path} unchanged (already ingested; its missing index entries restored)"
            return "unchanged", f"= {path} unchanged (already ingested)"
        line = f"+ {path} added"
        if result.warnings:
            count = len(result.warnings)
            line += f" ({count} warning{'s' if count > 1 else ''})"
            if options["verbosity"] >= 2:
                line += "".join(f"\n    - {note_text(warning)}" for warning in result.warnings)
        return "added", self.style.SUCCESS(line)


def find_sources(paths: list[Path]) -> list[Path]:
    """Files named on the command line, and the source files under folders, in a stable order.

    A path that does not exist is kept, so that it is reported as failed like any unreadable file.
    """
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            for candidate in sorted(path.rglob("*")):
                relative = candidate.relative_to(path)
                if candidate.is_file() and is_source(relative):
                    found.setdefault(candidate, None)
        else:
            found.setdefault(path, None)
    return list(found)


def is_source(relative: Path) -> bool:
    if any(part.startswith(".") for part in relative.parts):
        return False
    return relative.name not in NOT_SOURCES and relative.suffix.lower() in SOURCE_SUFFIXES


def manifest_for(path: Path, cache: dict[Path, dict[str, str]]) -> dict[str, str]:
    """The MANIFEST.tsv in the file's folder or the folder above it (e.g. corpus/ for corpus/raw/x.txt)."""
    for folder in (path.parent, path.parent.parent):
        candidate = (folder / MANIFEST_NAME).resolve()
        if candidate.is_file():
            if candidate not in cache:
                cache[candidate] = read_manifest(candidate)
            return cache[candidate]
    return {}


def read_manifest(path: Path) -> dict[str, str]:
    """File name → source URL, from a TSV with at least the columns file and source."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"cannot read manifest {path}: {exc}") from exc
    if rows and not {"file", "source"} <= rows[0].keys():
        raise CommandError(f"manifest {path} needs the columns file and source (tab-separated).")
    return {row["file"].strip(): (row["source"] or "").strip() for row in rows if row.get("file")}
