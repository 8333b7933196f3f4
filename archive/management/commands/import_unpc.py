"""python manage.py import_unpc AR_FILE IDS_FILE [--en EN_FILE] [--limit N] — import a UN Parallel Corpus release."""

from __future__ import annotations

import sys
import time
from collections import Counter
from itertools import islice
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from archive.ingest.unpc import BadLine, UnpcError, check_lengths, read_corpus
from archive.models import Body
from archive.unpc_import import BATCH_DOCUMENTS, Importer

SHAPES_SHOWN = 25
BAD_LINES_SHOWN = 50


class Command(BaseCommand):
    help = (
        "Import a UN Parallel Corpus release: the Arabic sentences (AR_FILE), their ids (IDS_FILE) and, with "
        "--en, their English. Lines are grouped into documents by UN symbol; documents already imported are "
        "skipped, so a killed import run again continues where it stopped."
    )

    def add_arguments(self, parser):
        parser.add_argument("ar_file", type=Path, metavar="AR_FILE")
        parser.add_argument("ids_file", type=Path, metavar="IDS_FILE")
        parser.add_argument("--en", type=Path, metavar="EN_FILE", help="the English sentences, line for line")
        parser.add_argument("--limit", type=int, metavar="N", help="import at most N documents")
        parser.add_argument("--batch", type=int, default=BATCH_DOCUMENTS, help="documents per transaction")
        parser.add_argument(
            "--whole", action="store_true", help="the files hold whole documents (default: excerpts)"
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help="refuse the whole import if any line is bad (default: skip it)",
        )
        parser.add_argument(
            "--progress", action="store_true", help="show the progress bar even when not a terminal"
        )
        parser.add_argument(
            "--no-index",
            action="store_true",
            help="store only; index afterwards with manage.py rebuild_index (or check_index --repair)",
        )

    def handle(
        self, *args, ar_file, ids_file, en, limit, batch, whole, strict, progress, no_index, **options
    ):
        for path in (ar_file, ids_file, en):
            if path is not None and not path.is_file():
                raise CommandError(f"{path} is not a file")
        if batch < 1 or (limit is not None and limit < 0):
            raise CommandError("--batch must be at least 1 and --limit at least 0")
        try:
            total_lines = check_lengths(ids_file, ar_file, en)
        except UnpcError as exc:
            raise CommandError(f"refused, nothing imported: {exc}") from exc

        started = time.perf_counter()
        bad: list[BadLine] = []
        documents = read_corpus(ids_file, ar_file, en, bad=bad)
        if limit is not None:
            documents = islice(documents, limit)
        first = next(documents, None)
        # Every bad line is known once the first document comes (the lines are sorted by then).
        reported = len(bad)
        self.report_bad_lines(bad)
        if bad and strict:
            raise CommandError(f"refused, nothing imported: {len(bad)} bad lines (--strict)")

        stream = options.get("stderr") or sys.stderr
        importer = Importer(excerpt=not whole, index=not no_index)
        if not no_index:
            importer.catch_up()
        shapes: Counter = Counter()
        bar = tqdm(
            total=total_lines - reported,
            file=stream,
            unit="sentence",
            disable=not (progress or stream.isatty()),
        )
        with bar:
            pending = [first] if first is not None else []
            for document in documents:
                pending.append(document)
                if len(pending) >= batch:
                    self.store(importer, pending, shapes, bar)
                    pending = []
            if pending:
                self.store(importer, pending, shapes, bar)
            bar.set_postfix_str("indexing")
            totals = importer.finish()
        self.report_bad_lines(bad[reported:])
        self.summary(totals, time.perf_counter() - started, len(bad), shapes, options["verbosity"])

    def store(self, importer: Importer, batch: list, shapes: Counter, bar: tqdm) -> None:
        importer.store(batch)
        for document in batch:
            symbol = document.symbol
            shapes[(symbol.shape, symbol.body, symbol.session is not None, bool(symbol.resolution))] += 1
        bar.update(sum(len(paragraph.places) for document in batch for paragraph in document.paragraphs))
        totals = importer.totals
        if totals.store_seconds:
            bar.set_postfix(
                paragraphs=totals.paragraphs + totals.skipped,
                stored_per_s=int(totals.paragraphs / totals.store_seconds),
            )

    def report_bad_lines(self, bad: list[BadLine]) -> None:
        for item in bad[:BAD_LINES_SHOWN]:
            self.stderr.write(f"! line {item.line}: {item.reason} (skipped)")
        if len(bad) > BAD_LINES_SHOWN:
            self.stderr.write(f"! … and {len(bad) - BAD_LINES_SHOWN} more bad lines")

    def summary(self, totals, elapsed: float, bad: int, shapes: Counter, verbosity: int) -> None:
        parse_store = max(elapsed - totals.index_seconds, 1e-9)
        write = self.stdout.write
        write(
            f"{totals.documents} documents imported ({totals.excerpts} excerpts, {totals.resolutions} resolutions), "
            f"{totals.skipped} already there; {totals.paragraphs} paragraphs ({totals.english} with English); "
            f"{len(totals.sessions_created)} sessions created{': ' if totals.sessions_created else ''}"
            f"{', '.join(totals.sessions_created)}; {bad} bad lines skipped"
        )
        write(
            f"parse + store: {parse_store:.2f} s ({totals.paragraphs / parse_store:,.0f} paragraphs/s); "
            f"indexing: {totals.index_seconds:.2f} s for {totals.indexed} paragraphs"
            + (f" ({totals.indexed / totals.index_seconds:,.0f}/s)" if totals.index_seconds else "")
            + (
                f"; {totals.reindexed_documents} documents of an earlier run indexed"
                if totals.reindexed_documents
                else ""
            )
        )
        if not shapes:
            return
        write("symbol shapes (documents, shape, body, session?, resolution?):")
        rows = shapes.most_common(None if verbosity >= 2 else SHAPES_SHOWN)
        for (shape, body, has_session, resolution), count in rows:
            label = Body(body).label if body in Body.values else body
            write(
                f"  {count:5}  {shape:<32} {label}{'' if has_session else ' (no session)'}"
                f"{', resolution' if resolution else ''}"
            )
        if len(shapes) > len(rows):
            write(f"  … {len(shapes) - len(rows)} more shapes (-v 2 lists them all)")
