"""The English of a paragraph beside (wide screens) or under (narrow ones) its Arabic, with a remembered
toggle; the API and search results carry it too."""

import re

import pytest

from archive.models import Document, Resolution
from tests.ingest.test_unpc_reader import write
from tests.test_import_unpc import run

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(tmp_path):
    ids, ar, en = write(tmp_path)
    run(ar, ids, "--en", en)
    return Document.objects.get(symbol="S/RES/2213 (2015)")


def english_paragraphs(html: str) -> list[str]:
    return re.findall(r'<p class="paragraph-text-en" lang="en" dir="ltr">([^<]*)</p>', html)


def test_the_document_page_shows_each_paragraphs_english_marked_ltr_beside_the_rtl_arabic(client, council):
    html = client.get(council.get_absolute_url()).content.decode()

    assert english_paragraphs(html) == ["The Security Council,", "Decides to extend. Requests the Secretary-General."]
    assert '<p class="paragraph-text" lang="ar" dir="rtl">إن مجلس الأمن،</p>' in html
    assert 'class="page page--wide"' in html  # room for the two columns
    assert 'name="english" value="hide"' in html


def test_the_resolution_page_shows_the_english_too(client, council):
    resolution = Resolution.objects.get(number="2213 (2015)")

    html = client.get(resolution.get_absolute_url()).content.decode()

    assert len(english_paragraphs(html)) == 2


def test_the_toggle_hides_the_english_and_is_remembered(client, council):
    response = client.post("/preferences/", {"english": "hide", "next": council.get_absolute_url()})

    assert response.status_code == 302 and response.cookies["qararat_english"].value == "hide"
    html = client.get(council.get_absolute_url()).content.decode()
    assert english_paragraphs(html) == []
    assert 'name="english" value="show"' in html
    assert "page--wide" not in html


def test_the_english_interface_keeps_the_arabic_rtl_and_the_english_ltr(client, council):
    client.post("/preferences/", {"language": "en", "next": "/"})

    html = client.get(council.get_absolute_url()).content.decode()

    assert '<html lang="en" dir="ltr"' in html
    assert '<p class="paragraph-text" lang="ar" dir="rtl">' in html
    assert len(english_paragraphs(html)) == 2
    assert "Hide the English" in html


def test_a_page_without_english_has_no_toggle(client, tmp_path):
    ids, ar, _en = write(tmp_path)
    run(ar, ids)
    document = Document.objects.get(symbol="A/RES/69/131")

    html = client.get(document.get_absolute_url()).content.decode()

    assert "english-toggle" not in html and english_paragraphs(html) == []


def test_an_excerpt_says_so(client, council):
    html = client.get(council.get_absolute_url()).content.decode()

    assert "مقتطف من الوثيقة" in html


def test_the_api_returns_each_paragraphs_english(client, council):
    data = client.get(f"/api/documents/{council.pk}/").json()

    assert [p["text_en"] for p in data["paragraphs"]] == [
        "The Security Council,",
        "Decides to extend. Requests the Secretary-General.",
    ]
    assert data["excerpt"] is True
    resolution = Resolution.objects.get(number="2213 (2015)")
    assert client.get(f"/api/resolutions/{resolution.pk}/").json()["paragraphs"][0]["text_en"] == "The Security Council,"


def test_a_search_result_can_show_its_paragraphs_english_while_search_stays_arabic(client, council):
    html = client.get("/search/", {"q": "تمديد الولاية"}).content.decode()

    assert '<details class="result-english">' in html
    assert "Decides to extend. Requests the Secretary-General." in html
    assert client.get("/api/search/", {"q": "extend"}).json()["count"] == 0
    assert client.get("/api/search/", {"q": "تمديد"}).json()["results"][0]["text_en"].startswith("Decides")
