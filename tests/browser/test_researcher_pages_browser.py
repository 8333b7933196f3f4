"""What a researcher reads, in Chromium on the real server over the corpus: places and dates in English on
English pages, documents titled by their symbol, processing notes in the reader's language, paragraphs cited
as operative and preambular paragraphs with their own anchors, resolution numbers in one visual order
everywhere, and a search page whose header, search bar and filters fit a phone."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CFM38 = "/sessions/oic-cfm-38/"
CFM25 = "/sessions/oic-cfm-25/"
ARABIC_LETTER = re.compile("[\u0621-\u064a]")


def in_english(page, server_url):
    page.context.add_cookies([{"name": "qararat_language", "value": "en", "url": server_url}])


def open_resolution(page, session: str, number: str) -> str:
    """Go to a resolution from its session's list; its path."""
    page.goto(session)
    page.locator(".resolution-list a", has_text=number).first.click()
    page.wait_for_load_state()
    return "/" + page.url.split("/", 3)[3].split("#")[0]


def open_seed_copy_of_32_38(page) -> str:
    """The muqatel copy of 32/38-س (seeds/002_393cbb48b9883689.txt: no known address, number printed 38/32)
    among the documents of that resolution; its path."""
    open_resolution(page, CFM38, "32/38")
    paths = page.locator("dl.facts a", has_text="32/38").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    for path in paths:
        page.goto(path)
        if page.locator("a.source-link").count() == 0:
            return path
    raise AssertionError(f"no copy of 32/38-س without a source address among {paths}")


# ---- places and dates ------------------------------------------------------------------------------------


def test_english_pages_give_the_place_in_english_and_the_dates_in_english_order(page, server_url):
    in_english(page, server_url)
    page.goto(CFM38)

    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("Astana, Kazakhstan")
    expect(facts).to_contain_text("28–30 June 2011")
    page.goto("/")
    expect(page.locator("#body-oic-cfm tr", has_text="Session 38")).to_contain_text("Astana")
    expect(page.locator("#body-oic-cfm tr", has_text="Session 22")).to_contain_text("Casablanca")

    open_resolution(page, CFM38, "32/38")
    citation = page.locator("#citation-text")
    expect(citation).to_contain_text("Session 38 (Astana, 28–30 June 2011)")
    assert not ARABIC_LETTER.search(page.locator("dl.facts dd").first.inner_text().split("—")[-1])


def test_arabic_pages_keep_the_arabic_place(page):
    page.goto(CFM38)

    expect(page.locator("dl.facts")).to_contain_text("أستانا، كازاخستان")


# ---- titles, symbols, sources ----------------------------------------------------------------------------


def test_a_document_titled_by_its_file_name_shows_its_un_symbol(page):
    page.goto("/")
    page.locator("#unassigned a", has_text="A/AC.109/2019/L.18").click()

    expect(page.locator("h1")).to_have_text("A/AC.109/2019/L.18")
    assert not any("A_AC_109" in text for text in page.locator("h1, .breadcrumbs, dl.facts").all_inner_texts())
    expect(page.locator("a.source-link")).to_have_attribute("href", re.compile(r"^https://conferences\.unite\.un\.org/"))
    expect(page.locator("a.source-link")).to_have_text("conferences.unite.un.org")


def test_a_source_without_a_known_address_says_so_and_the_footer_promises_no_more(page, server_url):
    in_english(page, server_url)
    open_seed_copy_of_32_38(page)

    source = page.locator("dl.facts dd").last
    expect(source).to_contain_text("address not known")
    expect(source).not_to_contain_text("002_393cbb48b9883689")
    expect(page.locator(".site-footer")).to_contain_text("where known, its address")


# ---- processing notes ------------------------------------------------------------------------------------


def test_processing_notes_are_in_the_readers_language(page, server_url):
    document = open_seed_copy_of_32_38(page)
    notes = page.locator("details.warnings")
    notes.locator("summary").click()
    expect(notes).to_contain_text("طُبع الرقم 38/32-س، وقُرئ القرارَ 32 من الدورة 38.")
    assert not re.search("[a-z]{3}", notes.locator("li").first.inner_text())

    in_english(page, server_url)
    page.goto(document)
    page.locator("details.warnings summary").click()
    expect(page.locator("details.warnings li").first).to_have_text("Printed 38/32-س, read as resolution 32 of session 38.")


# ---- citations and anchors -------------------------------------------------------------------------------


def test_a_paragraph_is_cited_as_operative_or_preambular_and_linked_on_its_resolution_page(page, server_url):
    in_english(page, server_url)
    path = open_resolution(page, CFM38, "32/38")

    operative = page.locator("li.paragraph--operative").first
    expect(operative).to_have_id("op-1")
    expect(operative.locator("a.permalink")).to_have_attribute("href", f"{path}#op-1")
    citation = operative.locator("button.copy").nth(1).get_attribute("data-copy")
    assert ", operative paragraph 1. Qararat: " in citation and citation.endswith(f"{path}#op-1")
    preambular = page.locator("li.paragraph--preambular").nth(2)
    expect(preambular).to_have_id("pp-3")
    assert "preambular paragraph 3" in preambular.locator("button.copy").nth(1).get_attribute("data-copy")

    page.context.clear_cookies()
    page.goto(path)
    arabic = page.locator("li.paragraph--operative").first.locator("button.copy").nth(1).get_attribute("data-copy")
    assert "الفقرة 1 من المنطوق" in arabic and "في الوثيقة" not in arabic


def test_new_and_old_anchors_both_land_on_the_paragraph(page):
    path = open_resolution(page, CFM38, "32/38")
    old = page.locator("li#op-1 .anchor-alias").get_attribute("id")  # the paragraph's id in its document

    for fragment in ("op-1", old):
        page.goto(f"{path}#{fragment}")
        highlighted = page.locator("li#op-1").evaluate(
            "e => getComputedStyle(e).backgroundColor !== getComputedStyle(e.parentElement).backgroundColor"
        )
        assert highlighted, fragment
        top = page.locator("li#op-1").evaluate("e => e.getBoundingClientRect().top")
        assert 0 <= top < 200, (fragment, top)


# ---- one visual order for resolution numbers -------------------------------------------------------------

# The characters of `target` inside an element, sorted by where they are drawn, left to right (one line).
VISUAL_ORDER = """
(element, target) => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const nodes = []; let text = '';
  while (walker.nextNode()) { nodes.push([walker.currentNode, text.length]); text += walker.currentNode.data; }
  const start = text.indexOf(target);
  if (start < 0) return null;
  const drawn = [];
  for (let i = start; i < start + target.length; i++) {
    const [node, offset] = nodes.filter(([, o]) => o <= i).pop();
    const range = document.createRange();
    range.setStart(node, i - offset); range.setEnd(node, i - offset + 1);
    const box = range.getBoundingClientRect();
    drawn.push([box.left + box.width / 2, box.top, text[i]]);
  }
  const lines = new Set(drawn.map(([, top]) => Math.round(top)));
  drawn.sort((a, b) => a[0] - b[0]);
  return {order: drawn.map(([, , c]) => c).join(''), lines: lines.size};
}
"""


def visual_order(locator, number: str) -> str:
    found = locator.evaluate(VISUAL_ORDER, number)
    assert found is not None, f"{number} not in {locator}"
    assert found["lines"] == 1, f"{number} broken across lines"
    return found["order"]


@pytest.mark.parametrize(("session", "number"), [(CFM25, "2/25-ORG"), (CFM38, "32/38-س")])
@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_resolution_number_keeps_one_visual_order_in_links_headings_breadcrumb_citation_and_results(
    page, server_url, session, number, language
):
    if language == "en":
        in_english(page, server_url)
    page.goto(session)
    orders = {"session list link": visual_order(page.locator(".resolution-list a", has_text=number).first, number)}
    page.locator(".resolution-list a", has_text=number).first.click()
    orders["resolution heading"] = visual_order(page.locator("h1"), number)
    orders["breadcrumb"] = visual_order(page.locator(".breadcrumbs li").last, number)
    orders["citation"] = visual_order(page.locator("#citation-text"), number)
    orders["document title link"] = visual_order(page.locator("dl.facts a", has_text=number).last, number)
    page.locator("dl.facts a", has_text=number).last.click()
    orders["document heading"] = visual_order(page.locator("h1"), number)
    page.goto(f"/search/?q={number}")
    orders["search result link"] = visual_order(page.locator(".result-meta a", has_text=number).first, number)

    assert len(set(orders.values())) == 1, orders


# ---- the search page on a phone --------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["ar", "en"])
def test_on_a_phone_header_and_search_bar_take_a_fifth_of_the_screen(phone_page, server_url, language):
    if language == "en":
        in_english(phone_page, server_url)
    phone_page.goto("/search/?q=التعاون")

    bottom = phone_page.locator("#search-page").evaluate("e => e.closest('form').getBoundingClientRect().bottom")
    height = phone_page.evaluate("window.innerHeight")
    assert bottom <= height / 5 + 4, f"search bar ends at {bottom}px of {height}px"
    expect(phone_page.get_by_role("searchbox")).to_be_visible()
    expect(phone_page.locator(".site-header")).to_be_visible()


def test_on_a_phone_the_filters_are_a_closed_disclosure_above_the_results(phone_page):
    phone_page.goto("/search/?q=التعاون")
    filters = phone_page.locator("details.facets-disclosure")

    assert filters.evaluate("e => e.open") is False
    above = filters.evaluate("e => e.getBoundingClientRect().bottom <= document.querySelector('ol.results').getBoundingClientRect().top")
    assert above
    expect(phone_page.locator(".facet--body")).to_be_hidden()
    filters.locator("summary").tap()
    expect(phone_page.locator(".facet--body")).to_be_visible()
    phone_page.locator(".facet--body a").first.tap()
    expect(phone_page.locator(".active-filters li")).to_have_count(1)


def test_on_a_wide_screen_the_filters_are_open_beside_the_results(page):
    page.goto("/search/?q=التعاون")

    filters = page.locator("details.facets-disclosure")
    assert filters.evaluate("e => e.open") is True
    expect(page.locator(".facet--body")).to_be_visible()
    expect(filters.locator("summary")).to_be_hidden()
    facets, results = (page.locator(s).bounding_box() for s in (".facets", ".search-results"))
    assert facets["x"] + facets["width"] <= results["x"]  # the page is right to left: filters on the left
    assert abs(facets["y"] - results["y"]) < 40


@pytest.mark.parametrize("page_kind", ["resolution", "document"])
def test_breadcrumbs_stay_on_one_line_on_a_phone(phone_page, page_kind):
    if page_kind == "document":
        open_seed_copy_of_32_38(phone_page)
    else:
        open_resolution(phone_page, CFM38, "32/38")
    crumbs = phone_page.locator(".breadcrumbs ol")

    tops = crumbs.locator("li").evaluate_all("els => els.map(e => Math.round(e.getBoundingClientRect().top))")
    assert len(set(tops)) == 1, tops
    assert crumbs.evaluate("e => e.scrollWidth <= e.clientWidth + 1")


@pytest.mark.parametrize("path", ["/search/?q=32/38-س", "/search/?q=التعاون", CFM38])
def test_numbers_never_break_across_lines_on_a_phone(phone_page, path):
    phone_page.goto(path)

    # An isolate of Arabic and digits is drawn as several boxes on one line; on two lines, it was broken.
    broken = phone_page.locator("bdi.token").evaluate_all(
        "els => els.filter(e => new Set([...e.getClientRects()].map(r => Math.round(r.top))).size > 1)"
        ".map(e => e.textContent)"
    )
    assert phone_page.locator("bdi.token").count() > 0
    assert broken == []


def test_the_english_placeholder_is_plain_english(page, server_url):
    in_english(page, server_url)
    page.goto("/search/")

    placeholder = page.locator("#search-page").get_attribute("placeholder")
    assert placeholder == "Arabic words, a “phrase” or a number such as 32/38"
    assert not ARABIC_LETTER.search(placeholder)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_home_page_fits_a_phone_and_breaks_no_total_inside_a_word(phone_page, server_url, language):
    if language == "en":
        in_english(phone_page, server_url)
    phone_page.goto("/")

    widths = phone_page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], widths
    lines = phone_page.locator(".totals dt").evaluate_all(
        "els => els.map(e => Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight)))"
    )
    assert lines == [1, 1, 1, 1], lines
    sessions = phone_page.locator("#body-oic-cfm tbody th").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().height)"
    )
    assert max(sessions) < 2 * min(sessions)  # "Session 10" on one line
    assert phone_page.console_errors == []
