"""Citations and a resolution's history in Chromium (issue 14): SC 474 (1980)'s text links 450 (1979) to
the archive's page, whose "cited by" list leads back and to the cites: search; the two Jerusalem
resolutions compare side by side at 1280 px and stacked at 375 px, in Arabic (RTL) and English."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def no_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def open_resolution(page, session: str, number: str) -> None:
    page.goto(f"/sessions/{session}/")
    page.locator(".resolution-list a").filter(has_text=number).first.click()
    expect(page.locator("h1")).to_contain_text(number)


def test_a_held_citation_leads_to_the_cited_resolution_and_back(page):
    open_resolution(page, "unsc-1980", "474 (1980)")
    external = page.locator(".paragraph-text a.cited--external").filter(has_text="425 (1978)").first
    assert external.get_attribute("href") == "https://undocs.org/S/RES/425(1978)"
    held = page.locator(".paragraph-text a.cited:not(.cited--external)").filter(has_text="450 (1979)")
    expect(held).to_have_count(1)
    held.click()
    expect(page).to_have_url(re.compile(r"/resolutions/\d+/$"))
    expect(page.locator("h1")).to_contain_text("450 (1979)")

    cited_by = page.locator("section.cited-by")
    expect(cited_by.locator(".citation-list > li")).to_have_count(1)
    expect(cited_by).to_contain_text("474 (1980)")
    cited_by.locator(".cites-search").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=cites%3A450%281979%29$"))
    expect(page.locator(".result")).to_have_count(1)
    expect(page.locator(".result")).to_contain_text("474 (1980)")
    assert page.console_errors == []


def test_an_oic_citation_the_archive_lacks_is_plain_text_with_a_note(page):
    open_resolution(page, "oic-cfm-19", "10/19-س")
    missing = page.locator(".paragraph-text .cited--missing").first
    expect(missing).to_have_text("1/3 - س (ق أ)")
    assert missing.evaluate("e => e.tagName") == "SPAN"
    assert "ليس في الأرشيف" in missing.get_attribute("title")


def compare_from_series(page) -> None:
    open_resolution(page, "oic-cfm-19", "10/19-س")
    series = page.locator("section.series")
    expect(series.locator(".series-list > li")).to_have_count(2)
    expect(series.locator("[aria-current=true]")).to_contain_text("10/19-س")
    series.locator(".compare-link").click()
    expect(page).to_have_url(re.compile(r"/resolutions/\d+/compare/\d+/$"))


def test_the_compare_view_sets_the_versions_side_by_side_with_words_marked_in_rtl(page):
    compare_from_series(page)
    expect(page.locator("del").filter(has_text="مؤكدا القرار")).to_have_count(1)
    expect(page.locator("ins").filter(has_text="مسترشدا بالقرار رقم")).to_have_count(1)
    assert page.locator("del").first.evaluate("e => getComputedStyle(e).textDecorationLine") == "line-through"
    assert "underline" in page.locator("ins").first.evaluate("e => getComputedStyle(e).textDecorationLine")
    row = page.locator(".compare-row--changed").first
    earlier, later = (row.locator(".compare-cell").nth(i).bounding_box() for i in (0, 1))
    assert earlier["y"] == later["y"]
    assert earlier["x"] > later["x"]  # right to left: the earlier version at the right
    assert no_overflow(page)
    assert page.console_errors == []

    page.locator("form.language-toggle button[value=en]").click()
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    row = page.locator(".compare-row--changed").first
    earlier, later = (row.locator(".compare-cell").nth(i).bounding_box() for i in (0, 1))
    assert earlier["x"] < later["x"]
    expect(page.locator(".compare-legend")).to_contain_text("words removed")
    assert page.locator(".compare-text").first.evaluate("e => getComputedStyle(e).direction") == "rtl"


def test_the_compare_view_stacks_the_versions_on_a_phone(phone_page):
    page = phone_page
    compare_from_series(page)
    row = page.locator(".compare-row--changed").first
    earlier, later = (row.locator(".compare-cell").nth(i).bounding_box() for i in (0, 1))
    assert later["y"] >= earlier["y"] + earlier["height"] - 1
    assert abs(earlier["x"] - later["x"]) < 2
    expect(row.locator(".compare-cell-version").first).to_be_visible()
    assert no_overflow(page)
    assert page.console_errors == []
