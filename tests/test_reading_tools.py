"""Researchers' tools on the resolution and document pages: neighbours, citations, meta tags, downloads,
the sitemap."""

import json
import re

import pytest
from django.urls import reverse

from archive.ingest import records
from tests.helpers import make_document, make_paragraph, make_resolution, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def session_with_three():
    session = make_session()
    document = make_document(sessions=[session], title="القرارات السياسية")
    resolutions = {
        number: make_resolution(session, document, number=number, printed_number=number, subject=f"موضوع {number}")
        for number in ("10/38-س", "2/38-س", "32/38-س")
    }
    make_paragraph(document, 1, "إن مجلس وزراء الخارجية،", kind=records.PREAMBULAR, resolution=resolutions["2/38-س"])
    make_paragraph(
        document, 2, "يرحب بالتعاون.", kind=records.OPERATIVE, number="1", resolution=resolutions["2/38-س"]
    )
    return session, document, resolutions


def test_resolution_page_links_previous_and_next_in_number_order(client, session_with_three):
    _session, _document, resolutions = session_with_three

    html = client.get(resolutions["10/38-س"].get_absolute_url()).content.decode()

    assert f'<a rel="prev" href="/resolutions/{resolutions["2/38-س"].pk}/">' in html
    assert f'<a rel="next" href="/resolutions/{resolutions["32/38-س"].pk}/">' in html
    first = client.get(resolutions["2/38-س"].get_absolute_url()).content.decode()
    assert 'rel="prev"' not in first and 'rel="next"' in first


def test_resolution_page_has_highwire_citation_meta_tags_for_zotero(client, session_with_three):
    resolution = session_with_three[2]["2/38-س"]

    html = client.get(resolution.get_absolute_url()).content.decode()

    meta = dict(re.findall(r'<meta name="(citation_[a-z_]+)" content="([^"]*)">', html))
    assert meta["citation_title"] == "القرار رقم 2/38-س: موضوع 2/38-س"
    assert meta["citation_author"] == "مجلس وزراء خارجية منظمة التعاون الإسلامي"
    assert meta["citation_publication_date"] == "2011/06/30"
    assert meta["citation_technical_report_number"] == "2/38-س"
    assert meta["citation_language"] == "ar"
    assert meta["citation_fulltext_html_url"] == f"http://testserver/resolutions/{resolution.pk}/"
    assert f'<link rel="canonical" href="http://testserver/resolutions/{resolution.pk}/">' in html


def test_resolution_citation_names_body_session_number_date_and_url(client, session_with_three):
    resolution = session_with_three[2]["2/38-س"]

    html = client.get(resolution.get_absolute_url()).content.decode()

    citation = re.sub(r"<[^>]+>", "", re.search(r'<p class="citation"[^>]*>(.*?)</p>', html, re.S).group(1))
    # The place, the number and the subject are isolated, so no run reorders its neighbours: <bdi> on the
    # page (a place or number never broken at its hyphen), FSI … PDI in the text the copy button copies.
    assert '<bdi class="token">أستانا</bdi>' in html and '<bdi class="token">2/38-س</bdi>' in html
    assert "«<bdi>موضوع 2/38-س</bdi>»" in html
    copied = re.search(r'data-copy="([^"]*)"', html).group(1)
    assert "\u2068أستانا\u2069" in copied and "«\u2068موضوع 2/38-س\u2069»" in copied
    assert re.sub("[\u2068\u2069]", "", citation) == (
        "مجلس وزراء خارجية منظمة التعاون الإسلامي، الدورة 38 (أستانا، 28–30 يونيو 2011)، "
        f"القرار رقم 2/38-س «موضوع 2/38-س». قرارات: http://testserver/resolutions/{resolution.pk}/"
    )


def test_resolution_page_shows_the_other_sessions_of_its_document(client, session_with_three):
    session, document, resolutions = session_with_three
    ga = make_session(body=records.UNGA, number=65, place="", hijri_start="")
    document.sessions.add(ga)

    html = client.get(resolutions["2/38-س"].get_absolute_url()).content.decode()

    assert "دورات أخرى للوثيقة" in html and 'href="/sessions/unga-65/"' in html


def test_resolution_downloads_as_plain_text_and_json(client, session_with_three):
    resolution = session_with_three[2]["2/38-س"]

    text = client.get(reverse("archive:resolution-text", args=[resolution.pk]))
    data = client.get(reverse("archive:resolution-json", args=[resolution.pk]))

    assert text["Content-Type"] == "text/plain; charset=utf-8"
    assert f'filename="qararat-resolution-{resolution.pk}.txt"' in text["Content-Disposition"]
    lines = text.content.decode().split("\n")
    assert lines[:2] == ["القرار رقم 2/38-س", "موضوع 2/38-س"]
    assert text.content.decode().endswith("إن مجلس وزراء الخارجية،\n\n1 - يرحب بالتعاون.\n")
    payload = json.loads(data.content)
    assert data["Content-Type"] == "application/json; charset=utf-8"
    assert payload["number"] == "2/38-س" and payload["session"] == "oic-cfm-38"
    assert [p["text"] for p in payload["paragraphs"]] == ["إن مجلس وزراء الخارجية،", "يرحب بالتعاون."]
    assert payload["paragraphs"][1]["url"].endswith("#p-2")


def test_document_downloads_as_plain_text_and_json(client, session_with_three):
    document = session_with_three[1]

    text = client.get(reverse("archive:document-text", args=[document.pk])).content.decode()
    payload = json.loads(client.get(reverse("archive:document-json", args=[document.pk])).content)

    assert text.startswith("القرارات السياسية\nمجلس وزراء خارجية منظمة التعاون الإسلامي — الدورة 38\n")
    assert "1 - يرحب بالتعاون." in text
    assert payload["id"] == document.pk and len(payload["paragraphs"]) == 2


def test_downloads_of_unknown_ids_are_404(client):
    for name in ("document-text", "document-json", "resolution-text", "resolution-json"):
        assert client.get(reverse(f"archive:{name}", args=[999])).status_code == 404


def test_resolution_api_gives_the_resolution_with_its_paragraphs(client, session_with_three):
    resolution = session_with_three[2]["2/38-س"]

    data = client.get(f"/api/resolutions/{resolution.pk}/").json()

    assert data["number"] == "2/38-س" and len(data["paragraphs"]) == 2
    assert client.get("/api/resolutions/999/").json() == {"error": "no resolution with id 999"}


def test_sitemap_lists_home_sessions_documents_and_resolutions(client, session_with_three):
    session, document, resolutions = session_with_three

    response = client.get("/sitemap.xml")

    xml = response.content.decode()
    assert response.status_code == 200
    assert "<loc>http://testserver/</loc>" in xml
    assert f"<loc>http://testserver/sessions/{session.slug}/</loc>" in xml
    assert f"<loc>http://testserver/documents/{document.pk}/</loc>" in xml
    for resolution in resolutions.values():
        assert f"<loc>http://testserver/resolutions/{resolution.pk}/</loc>" in xml


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_off_search(client):
    text = client.get("/robots.txt").content.decode()

    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /search/" in text and "Disallow: /admin/" in text


def test_the_english_citation_names_the_place_in_english_and_keeps_the_number_isolated(client, session_with_three):
    from django.conf import settings

    resolution = session_with_three[2]["2/38-س"]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(resolution.get_absolute_url()).content.decode()
    copied = re.search(r'data-copy="([^"]*)"', html).group(1)
    assert "Session 38 (\u2068Astana\u2069, 28–30 June 2011)" in copied
    assert "Resolution No. \u20682/38-س\u2069" in copied
    assert 'Session 38 (<bdi class="token">Astana</bdi>, 28–30 June 2011)' in html


def test_an_english_citation_isolates_a_place_the_gazetteer_does_not_know(client, session_with_three):
    from django.conf import settings

    session, _documents, resolutions = session_with_three
    session.place = "مدينة لا يعرفها المعجم"
    session.save()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(resolutions["2/38-س"].get_absolute_url()).content.decode()
    copied = re.search(r'data-copy="([^"]*)"', html).group(1)
    assert "Session 38 (\u2068مدينة لا يعرفها المعجم\u2069, 28–30 June 2011)" in copied
