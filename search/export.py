"""A search's results to take away: every page of them (up to EXPORT_LIMIT paragraphs) as CSV, or the
resolutions and documents they belong to as RIS or BibTeX references.

The export runs the results page's own search (SearchForm.search over the same parameters) and
reads its pages' entries in their order (grouped: each resolution's best paragraph), so the file holds what
the pages show. Paragraphs are read from the database a batch at a time and written as they come
(StreamingHttpResponse): memory grows with the limit's ids, not with the text.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from itertools import islice

from django.http import StreamingHttpResponse
from django.utils.translation import gettext as _

from archive import citation_export
from archive.models import Document, Paragraph, Resolution
from search import engine
from search.forms import SearchForm
from search.grouping import Group
from search.retrieve import MAX_HITS

# The most paragraphs one export holds: as many as a Whoosh search returns (search.retrieve.MAX_HITS).
EXPORT_LIMIT = MAX_HITS
BATCH = 200


def result_ids(request, limit: int | None = None) -> list[int]:
    """The paragraph ids of the search this request asks for, in the order its pages show them."""
    form = SearchForm(request.GET)
    form.is_valid()
    if not form.value("q", ""):
        return []
    found = form.search()
    entries = islice(found.paginator().object_list, limit or EXPORT_LIMIT)
    return [entry.best if isinstance(entry, Group) else entry for entry in entries]


def paragraphs(ids: list[int]) -> Iterator:
    for start in range(0, len(ids), BATCH):
        yield from engine.load_paragraphs(ids[start : start + BATCH])


# What a spreadsheet reads as the start of a formula: a paragraph or title edited in the admin to open with
# "=", "+", "-" or "@" would run as one in Excel (or show #NAME?). The parser strips list dashes, so the
# corpus has none, but text comes from uploads and edits too. Such a cell gets a leading apostrophe, which
# makes it text (OWASP's advice on CSV injection); no other cell is changed.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    """A file-like object whose write() returns what it was given, for csv.writer in a streaming response."""

    def write(self, value):
        return value


def csv_rows(request, ids: list[int]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    # A byte-order mark first: without it Excel reads UTF-8 as the local code page and the Arabic is lost.
    yield "\ufeff"
    yield writer.writerow(
        [
            _("الرابط الدائم"),
            _("الوثيقة"),
            _("الدورة"),
            _("الهيئة"),
            _("رقم القرار"),
            _("رقم الفقرة"),
            _("النص"),
        ]
    )
    for paragraph in paragraphs(ids):
        sessions = list(paragraph.document.sessions.all())
        row = [
            request.build_absolute_uri(paragraph.get_absolute_url()),
            paragraph.document.title,
            _("؛ ").join(session.title for session in sessions),
            _("؛ ").join(dict.fromkeys(session.body_name for session in sessions)),
            paragraph.resolution.number if paragraph.resolution else "",
            paragraph.number,
            paragraph.text,
        ]
        yield writer.writerow([_cell(value) for value in row])


def references(request, ids: list[int]) -> Iterator[citation_export.Reference]:
    """The resolutions (else documents) of these paragraphs, each once, where it first appears."""
    where = {}
    for start in range(0, len(ids), BATCH):
        found = Paragraph.objects.filter(pk__in=ids[start : start + BATCH])
        for pk, resolution, document in found.values_list("pk", "resolution_id", "document_id"):
            where[pk] = ("r", resolution) if resolution else ("d", document)
    order = list(dict.fromkeys(where[pk] for pk in ids if pk in where))
    resolutions = {
        r.pk: r
        for r in Resolution.objects.with_document()
        .prefetch_related("document__sessions")
        .filter(pk__in=[pk for kind, pk in order if kind == "r"])
    }
    documents = {
        d.pk: d
        for d in Document.objects.light()
        .prefetch_related("sessions")
        .filter(pk__in=[pk for kind, pk in order if kind == "d"])
    }
    for kind, pk in order:
        if kind == "r" and pk in resolutions:
            resolution = resolutions[pk]
            url = request.build_absolute_uri(resolution.get_absolute_url())
            yield citation_export.resolution_reference(resolution, url)
        elif kind == "d" and pk in documents:
            document = documents[pk]
            url = request.build_absolute_uri(document.get_absolute_url())
            yield citation_export.document_reference(document, list(document.sessions.all()), url)


FORMATS = {
    "ris": ("application/x-research-info-systems; charset=utf-8", citation_export.as_ris),
    "bib": ("application/x-bibtex; charset=utf-8", citation_export.as_bibtex),
}


def export_csv(request):
    ids = result_ids(request)
    response = StreamingHttpResponse(csv_rows(request, ids), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="qararat-search.csv"'
    return response


def export_references(request, style: str):
    content_type, write = FORMATS[style]
    ids = result_ids(request)
    chunks = (
        "\n" + write(reference) if n else write(reference)
        for n, reference in enumerate(references(request, ids))
    )
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="qararat-search.{style}"'
    return response
