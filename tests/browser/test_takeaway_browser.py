"""The results page's subscribe and export links in Chromium, in both languages, at 1280 and 375 px: they
show, fit without sideways scrolling, and clicking them gives the search's Atom feed and its CSV, RIS and
BibTeX files. The session page's subscribe link too."""

import csv
import io
import os
from pathlib import Path

import feedparser
import pytest
import rispy

pytestmark = pytest.mark.browser

QUERY = "/search/?q=القدس"
LABELS = {
    "session": {
        "ar": "اشترك في وثائق هذه الدورة (Atom)",
        "en": "Subscribe to this session's documents (Atom)",
    },
    "home": {"ar": "اشترك في الوثائق الجديدة (Atom)", "en": "Subscribe to new documents (Atom)"},
}


def in_language(page, path: str, language: str) -> None:
    page.goto(path)
    if language == "en":
        page.locator("form.language-toggle button[value=en]").click()
        page.wait_for_load_state()


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("width", [1280, 375])
def test_subscribe_and_export_links_show_and_fit(page, language, width, tmp_path):
    page.set_viewport_size({"width": width, "height": 900})
    in_language(page, QUERY, language)
    takeaway = page.locator("p.search-takeaway")
    subscribe = {"ar": "اشترك في هذا البحث (Atom)", "en": "Subscribe to this search (Atom)"}[language]
    assert takeaway.locator("a.feed-link").inner_text() == subscribe
    assert takeaway.locator(".export-links a").all_inner_texts() == ["CSV", "RIS", "BibTeX"]
    assert takeaway.is_visible()
    head = page.locator('head link[rel="alternate"][type="application/atom+xml"]')
    assert head.get_attribute("href") == takeaway.locator("a.feed-link").get_attribute("href")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    shots = Path(os.environ.get("QARARAT_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / f"results-{language}-{width}.png"))  # the top, where the links are
    page.screenshot(path=str(shots / f"results-{language}-{width}-full.png"), full_page=True)
    assert page.console_errors == []


def test_clicking_subscribe_opens_the_searchs_atom_feed(page, server_url):
    in_language(page, QUERY, "ar")
    first = page.locator("ol.results li.result a.paragraph-link").first.get_attribute("href")
    with page.expect_response(lambda r: "/search/feed/" in r.url) as answer:
        page.locator("a.feed-link").click()
    response = answer.value
    assert response.status == 200 and response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.body())
    assert not feed.bozo and feed.feed.title == "قرارات: بحث عن «القدس»"
    assert feed.entries[0].link == f"{server_url}{first}"


def test_clicking_the_export_links_downloads_the_results(page, server_url):
    in_language(page, QUERY, "ar")
    shown = page.locator("p.result-count").inner_text()
    with page.expect_download() as download:
        page.locator(".export-links a", has_text="CSV").click()
    assert download.value.suggested_filename == "qararat-search.csv"
    text = Path(download.value.path()).read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0][0] == "الرابط الدائم" and all(
        row[0].startswith(f"{server_url}/documents/") for row in rows[1:]
    )
    assert str(len(rows) - 1) in shown.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
    with page.expect_download() as download:
        page.locator(".export-links a", has_text="RIS").click()
    references = rispy.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert references and all(r["urls"][0].startswith(server_url) for r in references)
    with page.expect_download() as download:
        page.locator(".export-links a", has_text="BibTeX").click()
    assert Path(download.value.path()).read_text(encoding="utf-8").startswith("@misc{qararat-")
    assert page.console_errors == []


def test_the_session_pages_subscribe_link_opens_its_feed(page, server_url):
    page.goto("/sessions/oic-cfm-17/")
    with page.expect_response(lambda r: r.url.endswith("/sessions/oic-cfm-17/feed/")) as answer:
        page.locator("a.feed-link").click()
    feed = feedparser.parse(answer.value.body())
    assert not feed.bozo and feed.entries
    assert all(entry.link.startswith(f"{server_url}/documents/") for entry in feed.entries)


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize(("name", "path"), [("session", "/sessions/oic-cfm-17/"), ("home", "/")])
def test_the_session_and_home_pages_subscribe_links_show_and_fit(page, language, width, name, path, tmp_path):
    page.set_viewport_size({"width": width, "height": 900})
    in_language(page, path, language)
    link = page.locator("a.feed-link")
    assert link.is_visible()
    assert link.inner_text() == LABELS[name][language]
    head = page.locator('head link[rel="alternate"][type="application/atom+xml"]')
    assert head.get_attribute("href") == link.get_attribute("href")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    shots = Path(os.environ.get("QARARAT_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    link.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / f"{name}-{language}-{width}.png"))
    assert page.console_errors == []
