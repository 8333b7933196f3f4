"""The search page's page numbers in Chromium: first, last and a window, in both languages and on a phone."""

import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("width", [1280, 375])
def test_page_numbers_show_and_fit_on_a_phone(page, language, width, tmp_path):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/search/?q=منظمة&page=3")
    if language == "en":
        page.locator("form.language-toggle button[value=en]").click()
        page.wait_for_load_state()
    numbers = page.locator("nav.pagination .page-numbers li")
    assert numbers.count() >= 4
    assert page.locator('nav.pagination [aria-current="page"]').inner_text() == "3"
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    shots = Path(os.environ.get("QARARAT_SCREENSHOTS") or tmp_path)
    page.locator("nav.pagination").screenshot(path=str(shots / f"pagination-{language}-{width}.png"))
    assert page.console_errors == []
