"""Atom feeds: new documents, a session's documents and any search, read back by feedparser (well formed,
Arabic titles, absolute links), and linked from the results and session pages (a <link rel="alternate">
in the head and a visible subscribe link). The search feed holds the results page's own search."""

from __future__ import annotations

import feedparser
import pytest

from archive.models import Document, Session
from tests.helpers import ingest_fixtures

pytestmark = pytest.mark.django_db(transaction=True)

FIXTURES = [
    "raw/oic-cfm17-res18-s-quds.txt",
    "raw/oic-cfm19-res10-s-quds.txt",
    "raw/oic-cfm38-economic-affairs.txt",
    "raw/un-sc-res450-1979.txt",
    "raw/un-sc-res474-1980.txt",
    "raw/un-a-res-38-58-palquest.txt",
    "raw/un-ga63-question-of-palestine-page.txt",
]


@pytest.fixture
def documents():
    return ingest_fixtures(*FIXTURES)


def read(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_the_new_documents_feed_lists_every_document_newest_first_with_absolute_links(client, documents):
    feed = read(client, "/feeds/documents/")
    assert feed.feed.title == "قرارات: وثائق أضيفت حديثًا"
    newest_first = Document.objects.order_by("-created_at", "-pk")
    assert [entry.title for entry in feed.entries] == [d.title for d in newest_first]
    assert [entry.link for entry in feed.entries] == [
        f"http://testserver/documents/{d.pk}/" for d in newest_first
    ]
    quds = next(e for e in feed.entries if "القدس" in e.title)
    assert quds.author == "مجلس وزراء خارجية منظمة التعاون الإسلامي" and quds.updated


def test_a_session_feed_holds_only_that_sessions_documents(client, documents):
    feed = read(client, "/sessions/unsc-1979/feed/")
    assert feed.feed.title.endswith("قرارات عام 1979")
    session = Session.objects.get(slug="unsc-1979")
    assert {entry.link for entry in feed.entries} == {
        f"http://testserver{d.get_absolute_url()}" for d in session.documents.all()
    }
    assert len(feed.entries) == 1
    assert client.get("/sessions/nowhere-1/feed/").status_code == 404


def test_a_search_feed_holds_the_results_pages_paragraphs_in_its_order(client, documents):
    page = client.get("/search/", {"q": "القدس"})
    shown = [f"http://testserver{item['paragraph'].get_absolute_url()}" for item in page.context["items"]]
    feed = read(client, "/search/feed/?q=القدس")
    assert feed.feed.title == "قرارات: بحث عن «القدس»"
    assert [entry.link for entry in feed.entries][: len(shown)] == shown
    assert len(feed.entries) == min(page.context["outcome"].count, 50)
    assert all(entry.link.startswith("http://testserver/documents/") for entry in feed.entries)
    assert any(entry.title.startswith("القرار 18/17-س") for entry in feed.entries)
    # The self link keeps the query, so a reader that follows it polls the same search.
    assert any(link.rel == "self" and "q=" in link.href for link in feed.feed.links)


def test_a_search_feed_keeps_the_pages_filters(client, documents):
    feed = read(client, "/search/feed/?q=لبنان&body=unsc")
    council = {f"http://testserver/documents/{d.pk}/" for d in Document.objects.filter(sessions__body="unsc")}
    assert feed.entries and all(entry.link.split("#")[0] in council for entry in feed.entries)


def test_an_empty_search_feed_is_valid_and_empty(client, documents):
    assert read(client, "/search/feed/").entries == []


def test_the_results_page_links_its_feed_in_the_head_and_visibly(client, documents):
    html = client.get("/search/", {"q": "القدس", "body": "oic-cfm"}).content.decode()
    feed = "/search/feed/?q=%D8%A7%D9%84%D9%82%D8%AF%D8%B3&amp;body=oic-cfm"
    assert (
        f'<link rel="alternate" type="application/atom+xml" title="نتائج هذا البحث (Atom)" href="{feed}">'
        in html
    )
    assert (
        f'<a class="feed-link" href="{feed}" type="application/atom+xml">اشترك في هذا البحث (Atom)</a>'
        in html
    )


def test_the_session_page_links_its_feed_in_the_head_and_visibly(client, documents):
    html = client.get("/sessions/oic-cfm-17/").content.decode()
    assert (
        'type="application/atom+xml" title="وثائق هذه الدورة (Atom)" href="/sessions/oic-cfm-17/feed/"'
        in html
    )
    assert 'class="feed-link" href="/sessions/oic-cfm-17/feed/"' in html


def test_the_home_page_links_the_new_documents_feed_and_the_oai_base_url(client, documents):
    html = client.get("/").content.decode()
    assert 'type="application/atom+xml" title="قرارات: وثائق أضيفت حديثًا" href="/feeds/documents/"' in html
    assert 'class="feed-link" href="/feeds/documents/"' in html
    assert 'href="/oai/?verb=Identify"' in html
