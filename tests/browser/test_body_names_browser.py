"""On the real server, in Arabic and in English, at 1280 and 375 px: the home page and a search page with
its facets name every body and organ, and never show a raw organ code ("puic", "arab-league")."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

RAW_CODE = re.compile(r"\bpuic\b|arab-league")
# Limited to the bodies the body facet calls only "هيئة أخرى", so that both organ sessions are listed.
SEARCH = "/search/?q=الأمم المتحدة&body=other"
NAMES = {
    "ar": {
        "home": [
            "اتحاد مجالس الدول الأعضاء في منظمة التعاون الإسلامي — الدورة 10",
            "مجلس جامعة الدول العربية — الدورة 29",
        ],
        "facets": ["الاتحاد البرلماني الإسلامي — الدورة 10", "جامعة الدول العربية — الدورة 29"],
    },
    "en": {
        "home": [
            "Parliamentary Union of the OIC Member States (PUIC) — Session 10",
            "Council of the League of Arab States — Session 29",
        ],
        "facets": ["PUIC — Session 10", "Arab League — Session 29"],
    },
}


def in_language(page, language: str) -> None:
    if language == "en":
        page.locator("form.language-toggle button[value=en]").click()
        expect(page.locator("html")).to_have_attribute("lang", "en")


def screenshot(page, name: str) -> None:
    """With QARARAT_SCREENSHOTS=<folder>, every page this test looks at is saved there."""
    folder = os.environ.get("QARARAT_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def no_horizontal_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


@pytest.mark.parametrize("width", ["desktop", "phone"])
@pytest.mark.parametrize("language", ["ar", "en"])
def test_home_and_search_facets_name_every_organ_without_its_code(request, language, width):
    page = request.getfixturevalue("page" if width == "desktop" else "phone_page")
    page.goto("/")
    in_language(page, language)

    main = page.locator("main")
    for name in NAMES[language]["home"]:
        expect(main.get_by_role("link", name=name, exact=True)).to_be_visible()
    assert not RAW_CODE.search(main.text_content())
    assert no_horizontal_overflow(page)
    screenshot(page, f"home-{language}-{width}")

    page.goto(SEARCH)
    facet_links = page.locator("main a[href*='session=']")
    labels = [re.sub(r"\s+", " ", text).strip() for text in facet_links.all_text_contents()]
    for name in NAMES[language]["facets"]:
        assert any(label.startswith(name) for label in labels), labels
    assert not RAW_CODE.search(page.locator("main").text_content())
    assert no_horizontal_overflow(page)
    screenshot(page, f"search-{language}-{width}")
    assert page.console_errors == []


def test_favicon_ico_answers_with_the_sites_icon(page):
    # Through the page's request context, not a navigation: the fixture's closing screenshot of a bare SVG
    # document never finishes.
    response = page.request.get("/favicon.ico")

    assert response.status == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert re.search(r"/static/favicon\.[0-9a-f]+\.svg$", response.url)
