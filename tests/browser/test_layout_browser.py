"""Layout in Chromium on the real server: search boxes in Arabic and on a phone, one search box per page,
separators and list counters with Arabic-Indic digits, and paragraph tools that are always there."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SESSION = "/sessions/oic-cfm-38/"
PHONE_PAGES = [SESSION, "/documents/1/", "/resolutions/1/", "/search/?q=التعاون"]

# The placeholder's width in its own font, the input's width inside its padding, and how its text is laid
# out: a placeholder wider than the box must be cut at its end (the left in Arabic), never at its start.
PLACEHOLDER = """
(input) => {
  const style = getComputedStyle(input), placeholder = getComputedStyle(input, '::placeholder');
  const context = document.createElement('canvas').getContext('2d');
  context.font = `${placeholder.fontSize} ${placeholder.fontFamily}`;
  const inner = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return {
    text: context.measureText(input.placeholder).width, inner,
    direction: style.direction, align: style.textAlign, overflow: placeholder.textOverflow,
  };
}
"""


def open_with_digits(page, server_url, path, digits):
    page.context.add_cookies([{"name": "qararat_digits", "value": digits, "url": server_url}])
    page.goto(path)


def to_english(page):
    page.locator("form.language-toggle button[value=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_empty_search_box_puts_the_arabic_placeholder_at_the_right(page):
    page.goto("/documents/1/")
    box = page.locator("#site-search")

    layout = box.evaluate(PLACEHOLDER)
    assert layout["direction"] == "rtl" and layout["align"] in ("start", "right")

    # What the reader types still sets its own direction (dir="auto"): a Latin query runs left to right.
    box.fill("A/RES/65/1")
    assert box.evaluate("element => getComputedStyle(element).direction") == "ltr"


def test_empty_search_box_is_left_to_right_in_the_english_interface(page):
    page.goto("/documents/1/")
    to_english(page)

    assert page.locator("#site-search").evaluate(PLACEHOLDER)["direction"] == "ltr"


@pytest.mark.parametrize("path", ["/documents/1/", "/search/", SESSION])
def test_placeholder_on_a_phone_is_never_cut_at_its_start(phone_page, path):
    phone_page.goto(path)
    box = phone_page.locator("input[type=search]")

    layout = box.evaluate(PLACEHOLDER)
    assert layout["direction"] == "rtl"
    if layout["text"] > layout["inner"]:
        # Too long for the box: in a right-to-left box the cut falls at the left, the text's end.
        assert layout["overflow"] == "ellipsis", layout


def test_session_page_has_one_search_box_and_it_searches_the_session(page):
    page.goto(SESSION)

    expect(page.get_by_role("searchbox")).to_have_count(1)
    form = page.locator("form.search-form")
    expect(form.locator("input[type=hidden][name=session]")).to_have_value("oic-cfm-38")
    expect(page.get_by_role("searchbox", name="ابحث في هذه الدورة")).to_be_visible()


@pytest.mark.parametrize("path", ["/documents/1/", "/resolutions/1/"])
def test_other_pages_keep_the_header_search_box(page, path):
    page.goto(path)

    expect(page.get_by_role("searchbox")).to_have_count(1)
    expect(page.locator(".site-search input[type=search]")).to_be_visible()


MIDDLE_DOT_BY_DIGIT = re.compile(r"[٠-٩]\s*·|·\s*[٠-٩]")


@pytest.mark.parametrize("path", ["/search/?q=التعاون", SESSION])
def test_no_middle_dot_sits_beside_arabic_indic_digits(page, server_url, path):
    open_with_digits(page, server_url, path, "arab")

    text = page.locator("main").inner_text()
    assert re.search("[٠-٩]", text), "the page should show Arabic-Indic digits"
    assert not MIDDLE_DOT_BY_DIGIT.search(text), MIDDLE_DOT_BY_DIGIT.search(text).group(0)


def test_search_result_facts_are_separated_by_commas_in_the_readers_language(page, server_url):
    open_with_digits(page, server_url, "/search/?q=التعاون", "arab")
    separators = "els => els.slice(1).map(e => getComputedStyle(e, '::before').content)"

    meta = page.locator(".result-meta").first
    expect(meta).not_to_contain_text("·")
    assert set(meta.locator("li").evaluate_all(separators)) == {'"، "'}
    # No white space between the items, or the comma would stand apart from the word before it ("٤١ ، ").
    assert meta.evaluate("e => [...e.childNodes].every(node => node.nodeType === Node.ELEMENT_NODE)")

    to_english(page)
    assert set(page.locator(".result-meta").first.locator("li").evaluate_all(separators)) == {'", "'}


@pytest.mark.parametrize(
    ("digits", "marker"), [("arab", "arabic-indic"), ("latn", "decimal"), ("source", "decimal")]
)
def test_ordered_list_counters_follow_the_chosen_digits(page, server_url, digits, marker):
    open_with_digits(page, server_url, SESSION, digits)
    assert page.locator(".resolution-list").evaluate("e => getComputedStyle(e).listStyleType") == marker

    page.goto("/search/?q=التعاون")
    assert page.locator("ol.results").evaluate("e => getComputedStyle(e).listStyleType") == marker


def test_lists_without_markers_keep_none_with_arabic_indic_digits(page, server_url):
    open_with_digits(page, server_url, "/resolutions/1/", "arab")

    for selector in (".breadcrumbs ol", "ol.paragraphs"):
        if page.locator(selector).count():
            assert page.locator(selector).first.evaluate("e => getComputedStyle(e).listStyleType") == "none"


TOOLS = """
(tools) => {
  const box = tools.getBoundingClientRect(), style = getComputedStyle(tools);
  const text = tools.closest('.paragraph').querySelector('.paragraph-text').getBoundingClientRect();
  return {opacity: Number(style.opacity), visibility: style.visibility, height: box.height,
          gapAbove: box.top - text.bottom, fontSize: parseFloat(style.fontSize)};
}
"""


def test_paragraph_tools_are_visible_without_hover_and_compact(page):
    page.goto("/resolutions/1/")
    page.mouse.move(0, 0)
    tools = page.locator(".paragraph-tools").nth(1)

    layout = tools.evaluate(TOOLS)
    assert layout["opacity"] == 1 and layout["visibility"] == "visible"
    # One short line right under the text, in a smaller type than the paragraph: no blank band.
    assert 0 < layout["height"] <= 2 * layout["fontSize"] * 1.5, layout
    assert layout["gapAbove"] < layout["fontSize"], layout
    expect(tools.get_by_role("button", name="نسخ الرابط")).to_be_visible()
    expect(tools.get_by_role("button", name="نسخ الاستشهاد")).to_be_visible()


def test_paragraph_tools_are_reached_by_the_keyboard_with_a_focus_ring(page):
    page.goto("/resolutions/1/")
    page.locator(".paragraph .permalink").first.focus()
    focused = "(() => { const e = document.activeElement; return [e.className, e.textContent,"
    focused += " getComputedStyle(e).outlineStyle, !!e.closest('.paragraph-tools')]; })()"

    page.keyboard.press("Tab")
    name, label, outline, in_tools = page.evaluate(focused)
    assert (name, label, in_tools) == ("copy", "نسخ الرابط", True)
    assert outline != "none"
    page.keyboard.press("Tab")
    assert page.evaluate(focused)[:2] == ["copy", "نسخ الاستشهاد"]
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.paragraph') !== null")


def test_paragraph_tools_are_touch_sized_on_a_phone(phone_page):
    phone_page.goto("/resolutions/1/")
    tools = phone_page.locator(".paragraph-tools").nth(1)

    expect(tools).to_be_visible()
    heights = tools.locator("a, button").evaluate_all("els => els.map(e => e.getBoundingClientRect().height)")
    assert len(heights) == 3 and min(heights) >= 32, heights
    tools.get_by_role("button", name="نسخ الرابط").tap()
    expect(tools.get_by_role("button", name="نُسخ")).to_be_visible()


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("path", PHONE_PAGES)
def test_no_horizontal_overflow_at_375_px(phone_page, server_url, path, language):
    open_with_digits(phone_page, server_url, path, "arab")
    if language == "en":
        to_english(phone_page)

    widths = phone_page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{path} ({language}): {widths[0]}px wide on a {widths[1]}px screen"
    assert phone_page.console_errors == []
