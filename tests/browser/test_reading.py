"""A researcher's path through the real pages in Chromium: home → session → resolution → paragraph
permalink, in Arabic (RTL) and English, on a desktop and a phone."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGES = ["/", "/sessions/oic-cfm-38/", "/search/?q=التعاون", "/sitemap.xml"]


def direction(page, selector="html"):
    return page.eval_on_selector(selector, "element => getComputedStyle(element).direction")


def test_home_to_session_to_resolution_to_paragraph_permalink(page):
    page.goto("/")
    expect(page.locator("h1")).to_have_text("قرارات منظمة التعاون الإسلامي والأمم المتحدة")

    page.locator("#body-oic-cfm").get_by_role("link", name="الدورة 38", exact=True).click()
    expect(page).to_have_url(re.compile(r"/sessions/oic-cfm-38/$"))
    expect(page.locator("h1")).to_have_text("مجلس وزراء خارجية منظمة التعاون الإسلامي — الدورة 38")
    expect(page.locator(".facts")).to_contain_text("28–30 يونيو 2011")
    expect(page.locator(".facts")).to_contain_text("26–28 رجب 1432 هـ")

    page.locator(".resolution-list a").filter(has_text="32/38-س").click()
    expect(page).to_have_url(re.compile(r"/resolutions/\d+/$"))
    expect(page.locator("h1")).to_contain_text("32/38-س")
    assert direction(page) == "rtl"
    assert direction(page, ".paragraph-text") == "rtl"

    permalink = page.locator(".paragraph--operative .permalink").first
    href = permalink.get_attribute("href")
    permalink.click()
    expect(page).to_have_url(re.compile(re.escape(href) + "$"))
    target = page.locator(".paragraph:target")
    expect(target).to_have_count(1)
    expect(target).to_be_in_viewport()
    assert target.evaluate("element => getComputedStyle(element).backgroundColor") not in (
        "rgba(0, 0, 0, 0)",
        "transparent",
    )
    assert page.console_errors == []


def test_copy_buttons_put_the_permalink_and_citation_on_the_clipboard(page, server_url):
    page.goto("/sessions/oic-cfm-38/")
    page.locator(".resolution-list a").first.click()
    paragraph = page.locator(".paragraph").nth(1)
    paragraph.hover()

    paragraph.get_by_role("button", name="نسخ الرابط").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    anchor = paragraph.locator(".permalink").get_attribute("href")
    assert copied == server_url + anchor
    expect(paragraph.get_by_role("button", name="نُسخ")).to_be_visible()

    page.locator(".cite-box").get_by_role("button", name="نسخ الاستشهاد").click()
    citation = page.evaluate("navigator.clipboard.readText()")
    assert citation.startswith("مجلس وزراء خارجية منظمة التعاون الإسلامي، الدورة 38")
    assert citation.endswith(page.url)


@pytest.mark.parametrize("path", PAGES[:3] + ["/resolutions/1/", "/documents/1/"])
def test_no_horizontal_scroll_on_a_phone(phone_page, path):
    phone_page.goto(path)

    widths = phone_page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"{path}: content {widths[0]}px wider than the {widths[1]}px screen"
    assert direction(phone_page) == "rtl"
    assert phone_page.console_errors == []


def test_english_toggle_switches_the_interface_and_back(page):
    page.goto("/sessions/oic-cfm-38/")

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert direction(page) == "ltr"
    expect(page).to_have_url(re.compile(r"/sessions/oic-cfm-38/$"))
    expect(page.locator("h1")).to_have_text("OIC Council of Foreign Ministers — Session 38")
    expect(page.get_by_role("navigation", name="Main menu")).to_contain_text("Sessions")
    # The Arabic content keeps its own direction inside the English interface.
    assert direction(page, ".theme") == "ltr" or page.locator(".theme").get_attribute("lang") == "ar"
    page.locator(".resolution-list a").first.click()
    assert direction(page, ".paragraph-text") == "rtl"

    page.get_by_role("button", name="العربية").click()
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    assert direction(page) == "rtl"
    assert page.console_errors == []


def test_digit_setting_shows_arabic_indic_digits(page):
    page.goto("/sessions/oic-cfm-38/")

    page.locator(".display-settings summary").click()
    page.get_by_label("هندية").check()
    page.locator(".display-settings").get_by_role("button", name="حفظ").click()

    expect(page.locator("h1")).to_have_text("مجلس وزراء خارجية منظمة التعاون الإسلامي — الدورة ٣٨")
    page.locator(".display-settings summary").click()
    page.get_by_label("كما في المصدر").check()
    page.locator(".display-settings").get_by_role("button", name="حفظ").click()
    expect(page.locator("h1")).to_contain_text("38")


def test_unknown_page_is_an_arabic_404(page):
    response = page.goto("/no-such-page/")

    assert response.status == 404
    expect(page.locator("h1")).to_have_text("الصفحة غير موجودة")
    assert direction(page) == "rtl"
    # The only console error allowed is the 404 of the page itself.
    assert all("404" in error for error in page.console_errors)


def test_bundled_arabic_font_is_loaded_from_our_static_files(page):
    fonts = []
    page.on("response", lambda response: response.url.endswith(".woff2") and fonts.append(response))
    page.goto("/resolutions/1/")
    page.evaluate("document.fonts.ready")

    assert page.evaluate("document.fonts.check('18px \"Noto Naskh Arabic\"', 'قرار')")
    assert fonts and all(response.status == 200 for response in fonts)
    assert all("/static/fonts/" in response.url for response in fonts)


def test_keyboard_reaches_content_through_the_skip_link(page):
    page.goto("/resolutions/1/")

    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    outline = skip.evaluate("element => getComputedStyle(element).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#content$"))
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('main') !== null")
    assert focused


def test_searching_within_a_session_keeps_the_session_filter(page):
    page.goto("/sessions/oic-cfm-38/")

    box = page.get_by_role("searchbox", name="ابحث في هذه الدورة")
    box.fill("التعاون")
    box.press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?.*session=oic-cfm-38"))
    expect(page.locator(".result-count")).to_contain_text("عدد النتائج")
    expect(page.locator(".active-filters")).to_contain_text("الدورة")
    for meta in page.locator(".result-meta").all():
        expect(meta).to_contain_text("الدورة 38")


CONTRAST = """
(selectors) => {
  const parse = (c) => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (element) => {
    for (let e = element; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c;
    }
    return [255, 255, 255];
  };
  const out = [];
  for (const selector of selectors) {
    for (const element of document.querySelectorAll(selector)) {
      if (!element.offsetParent && selector !== 'body') continue;
      const a = lum(parse(getComputedStyle(element).color)), b = lum(background(element));
      out.push([selector, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)]);
      break;
    }
  }
  return out;
}
"""
TEXTS = [
    "body", ".site-name", ".site-nav a", ".site-tagline", "h1", ".facts dd a", ".note", ".meta",
    ".citation", ".downloads a", ".paragraph-kind", ".paragraph--operative .paragraph-kind",
    ".paragraph--preambular .paragraph-kind", ".paragraph-text", ".permalink", ".search-form button",
    ".site-footer", ".breadcrumbs li",
]


@pytest.mark.parametrize("scheme", ["light", "dark", "chosen-dark"])
def test_text_contrast_meets_wcag_aa_in_both_themes(browser, server_url, scheme):
    # "chosen-dark": a light device whose reader chose the dark theme in the Display menu.
    context = browser.new_context(base_url=server_url, color_scheme="light" if scheme == "chosen-dark" else scheme)
    if scheme == "chosen-dark":
        context.add_cookies([{"name": "qararat_theme", "value": "dark", "url": server_url}])
    page = context.new_page()
    try:
        ratios = []
        for path in ("/resolutions/1/", "/documents/1/", "/sessions/oic-cfm-38/"):
            page.goto(path)
            page.locator(".paragraph").first.hover() if page.locator(".paragraph").count() else None
            ratios += page.evaluate(CONTRAST, TEXTS)
        if scheme != "light":
            assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(19, 23, 25)"
        failing = [(selector, round(ratio, 2)) for selector, ratio in ratios if ratio < 4.5]
        assert len(ratios) > 20 and failing == []
    finally:
        context.close()
