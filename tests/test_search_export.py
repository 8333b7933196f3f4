"""A search's results as CSV (every page, up to the limit, UTF-8 with a byte-order mark, streamed) and as
RIS and BibTeX references (each resolution or document once): the same search, order and filters as the
results page, on whichever engine the suite runs on (QARARAT_TEST_ENGINE)."""

from __future__ import annotations

import csv
import io

import bibtexparser
import pytest
import rispy
from django.http import StreamingHttpResponse

from archive.models import Document
from search import export
from tests.helpers import ingest_fixtures

pytestmark = pytest.mark.django_db(transaction=True)

FIXTURES = [
    "raw/oic-cfm17-res18-s-quds.txt",
    "raw/oic-cfm19-res10-s-quds.txt",
    "raw/oic-cfm38-economic-affairs.txt",
    "raw/oic-cfm10-final-communique-habous.txt",
    "raw/un-sc-res450-1979.txt",
    "raw/un-sc-res474-1980.txt",
    "raw/un-a-res-38-58-palquest.txt",
]
HEADER = ["الرابط الدائم", "الوثيقة", "الدورة", "الهيئة", "رقم القرار", "رقم الفقرة", "النص"]


@pytest.fixture
def documents():
    return ingest_fixtures(*FIXTURES)


def download(client, path: str, **params) -> tuple[StreamingHttpResponse, str]:
    response = client.get(path, params)
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    return response, b"".join(response.streaming_content).decode("utf-8")


def csv_rows(client, **params) -> list[list[str]]:
    response, text = download(client, "/search/export.csv", **params)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="qararat-search.csv"'
    assert text.startswith("\ufeff")  # Excel reads the Arabic as UTF-8 only with it
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0] == HEADER
    return rows[1:]


def shown_on_every_page(client, **params) -> list[str]:
    """The permalinks the results pages show, page after page."""
    links, number = [], 1
    while True:
        page = client.get("/search/", {**params, "page": number})
        links += [
            f"http://testserver{item['paragraph'].get_absolute_url()}" for item in page.context["items"]
        ]
        if not page.context["page"].has_next():
            return links
        number += 1


def test_the_csv_holds_every_page_of_results_in_the_pages_order(client, documents):
    rows = csv_rows(client, q="القرار")
    assert len(rows) > 20  # more than one page
    assert [row[0] for row in rows] == shown_on_every_page(client, q="القرار")
    print(f"\nCSV export of «القرار»: {len(rows)} rows")


def test_a_csv_row_names_the_document_session_body_resolution_and_paragraph(client, documents):
    rows = csv_rows(client, q="مدينة القدس الشريف")
    quds = next(row for row in rows if row[4] == "18/17-س")
    document = Document.objects.get(resolutions__number="18/17-س")
    assert quds[0].startswith(f"http://testserver/documents/{document.pk}/#p-")
    assert quds[1] == document.title
    assert quds[2] == "مجلس وزراء خارجية منظمة التعاون الإسلامي — الدورة 17"
    assert quds[3] == "مجلس وزراء خارجية منظمة التعاون الإسلامي"
    assert "القدس" in quds[6]


def test_the_csv_keeps_the_pages_filters_and_grouping(client, documents):
    council = csv_rows(client, q="لبنان", body="unsc")
    assert council and {row[3] for row in council} == {"مجلس الأمن التابع للأمم المتحدة"}
    grouped = csv_rows(client, q="القرار", group="resolution")
    assert [row[0] for row in grouped] == shown_on_every_page(client, q="القرار", group="resolution")
    assert len(grouped) < len(csv_rows(client, q="القرار"))


def test_the_csv_stops_at_the_export_limit(client, documents, monkeypatch):
    monkeypatch.setattr(export, "EXPORT_LIMIT", 7)
    rows = csv_rows(client, q="القرار")
    assert [row[0] for row in rows] == shown_on_every_page(client, q="القرار")[:7]


def test_an_empty_search_exports_only_the_header(client, documents):
    assert csv_rows(client, q="") == []


def test_ris_and_bibtex_give_each_resolution_or_document_of_the_results_once_in_order(client, documents):
    response, ris = download(client, "/search/export.ris", q="القدس")
    assert response["Content-Type"].startswith("application/x-research-info-systems")
    references = rispy.loads(ris)
    urls = [reference["urls"][0] for reference in references]
    assert len(urls) == len(set(urls)) > 1
    first = shown_on_every_page(client, q="القدس")[0]
    first_document = Document.objects.get(pk=int(first.split("/documents/")[1].split("/")[0]))
    resolution = first_document.resolutions.first()
    expected = resolution.get_absolute_url() if resolution else first_document.get_absolute_url()
    assert urls[0] == f"http://testserver{expected}"
    assert references[0]["title"] and references[0]["language"] == "ar"
    response, bib = download(client, "/search/export.bib", q="القدس")
    assert response["Content-Type"].startswith("application/x-bibtex")
    library = bibtexparser.parse_string(bib)
    assert not library.failed_blocks
    assert [entry.fields_dict["url"].value.strip("{}") for entry in library.entries] == urls
    print(f"\nRIS/BibTeX export of «القدس»: {len(urls)} references")


def test_the_results_page_links_the_exports_with_its_parameters(client, documents):
    html = client.get("/search/", {"q": "القدس", "sort": "newest"}).content.decode()
    query = "q=%D8%A7%D9%84%D9%82%D8%AF%D8%B3&amp;sort=newest"
    for path in ("export.csv", "export.ris", "export.bib"):
        assert f'href="/search/{path}?{query}" download' in html
    assert "تنزيل النتائج (حتى 5000 فقرة):" in html


def test_a_cell_a_spreadsheet_would_read_as_a_formula_is_written_as_text(client, documents):
    # Text edited in the admin can open with "=", "+", "-" or "@": Excel would run it as a formula.
    paragraph = documents[0].paragraphs.order_by("position").last()
    paragraph.text = '=HYPERLINK("http://example.com", "القدس") يؤكد على الطابع العربي لمدينة القدس الشريف'
    paragraph.save()
    rows = csv_rows(client, q="الطابع العربي لمدينة القدس")
    exported = next(row for row in rows if "example.com" in row[6])
    assert exported[6] == "'" + paragraph.text
    assert not [cell for row in rows for cell in row if cell.startswith(tuple("=+-@"))]
