"""A resolution or document exported as RIS and BibTeX reads back, with its fields, in the libraries that
citation managers' formats are defined by."""

import bibtexparser
import pytest
import rispy
from django.conf import settings

from archive.citation_export import Reference, as_bibtex
from archive.models import Document
from tests.helpers import ingest_fixture as ingest

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_resolution_as_ris_reads_back_with_its_title_body_number_session_year_and_permalink(client):
    resolution = ingest("raw/oic-cfm17-res18-s-quds.txt").resolutions.get()
    response = client.get(f"/resolutions/{resolution.pk}/cite.ris")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-research-info-systems")
    assert f'filename="qararat-resolution-{resolution.pk}.ris"' in response["Content-Disposition"]
    text = response.content.decode()
    assert text.startswith("TY  - GOVDOC")
    [record] = rispy.loads(text)
    assert record["title"] == "18/17-س مدينة القدس الشريف"
    assert record["authors"] == ["مجلس وزراء خارجية منظمة التعاون الإسلامي"]
    assert record["number"] == "18/17-س" and record["year"] == "1988"
    assert record["urls"] == [f"http://testserver/resolutions/{resolution.pk}/"]
    assert "الدورة 17" in record["secondary_title"]


def test_a_document_as_bibtex_reads_back_with_its_fields(client):
    document = ingest("seeds/002_393cbb48b9883689.txt")
    response = client.get(f"/documents/{document.pk}/cite.bib")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/x-bibtex")
    library = bibtexparser.parse_string(response.content.decode())
    assert not library.failed_blocks
    [entry] = library.entries
    assert entry.entry_type == "misc" and entry.key == f"qararat-document-{document.pk}"
    assert entry["title"] == "{{" + document.title + "}}"  # double braces: never re-cased
    assert entry["year"] == "{" + str(document.year) + "}" and entry["url"] == f"{{http://testserver/documents/{document.pk}/}}"


def test_the_english_interface_names_the_author_in_english(client):
    resolution = ingest("raw/oic-cfm17-res18-s-quds.txt").resolutions.get()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    [record] = rispy.loads(client.get(f"/resolutions/{resolution.pk}/cite.ris").content.decode())
    assert record["authors"] == ["OIC Council of Foreign Ministers"]
    assert record["title"] == "18/17-س مدينة القدس الشريف"  # titles stay as the source prints them


def test_bibtex_markup_characters_in_a_title_are_escaped():
    text = as_bibtex(Reference("k", "50% {of} A_B & C#1", ("هيئة",), "https://example.org/x_y"))
    [entry] = bibtexparser.parse_string(text).entries
    assert entry["title"] == r"{{50\% \{of\} A\_B \& C\#1}}"


def test_an_unknown_format_and_an_unknown_item_are_not_found(client):
    document = ingest("seeds/002_393cbb48b9883689.txt")
    assert client.get(f"/documents/{document.pk}/cite.xml").status_code == 404
    assert client.get(f"/documents/{Document.objects.count() + 99}/cite.ris").status_code == 404


def test_the_citation_box_links_both_formats(client):
    document = ingest("seeds/002_393cbb48b9883689.txt")
    page = client.get(document.get_absolute_url()).content.decode()
    assert f'href="/documents/{document.pk}/cite.ris"' in page and f'href="/documents/{document.pk}/cite.bib"' in page
    resolution = document.resolutions.get()
    page = client.get(resolution.get_absolute_url()).content.decode()
    assert f'href="/resolutions/{resolution.pk}/cite.ris"' in page
