"""A bilingual resolution page in Chromium (issue 15): the English of each paragraph beside the Arabic on a
wide screen (on the Arabic's left in the Arabic interface, its right in the English one), under it on a
phone, each in its own direction, with a toggle that is remembered.

It imports a small bitext of its own into the session's server (a GA resolution of session 69, so no new
body appears), after the other browser modules (pytest runs modules in name order) have read the corpus.
"""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

IDS = [
    "2015/a/res/69/999 ar:1:1 en:1:1",
    "2015/a/res/69/999 ar:2:1 en:2:1",
    "2015/a/res/69/999 ar:2:2 en:2:2",
]
AR = [
    "إن الجمعية العامة،",
    "تطلب إلى الأمين العام أن يقدم إليها في دورتها السبعين تقريرا عن تنفيذ هذا القرار.",
    "وتقرر أن تدرج في جدول الأعمال المؤقت لدورتها السبعين البند المعنون «التعاون الدولي».",
]
EN = [
    "The General Assembly,",
    "Requests the Secretary-General to submit to it at its seventieth session a report on the implementation of the present resolution.",
    "Decides to include in the provisional agenda of its seventieth session the item entitled “International cooperation”.",
]


@pytest.fixture(scope="module")
def resolution_path(manage, server_url, tmp_path_factory):
    folder = tmp_path_factory.mktemp("bitext")
    for name, lines in (("x.ids", IDS), ("x.ar", AR), ("x.en", EN)):
        (folder / name).write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    manage("import_unpc", str(folder / "x.ar"), str(folder / "x.ids"), "--en", str(folder / "x.en"))
    found = manage(
        "shell",
        "-c",
        "from archive.models import Resolution; print(Resolution.objects.get(number='69/999').pk)",
    )
    return f"/resolutions/{found.strip().splitlines()[-1]}/"


def boxes(page, index: int):
    paragraph = page.locator("ol.paragraphs > li.paragraph").nth(index)
    arabic = paragraph.locator(".paragraph-text").bounding_box()
    english = paragraph.locator(".paragraph-text-en").bounding_box()
    return arabic, english


def no_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_on_a_wide_screen_the_english_stands_left_of_the_arabic_in_the_arabic_interface(
    page, resolution_path
):
    page.goto(resolution_path)

    arabic, english = boxes(page, 1)
    assert english["x"] + english["width"] <= arabic["x"] + 1
    assert abs(english["y"] - arabic["y"]) < 5
    english_text = page.locator(".paragraph-text-en").nth(1)
    assert english_text.get_attribute("lang") == "en" and english_text.get_attribute("dir") == "ltr"
    assert english_text.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert page.locator(".paragraph-text").nth(1).evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert no_overflow(page) and page.console_errors == []


def test_in_the_english_interface_the_english_stands_right_of_the_arabic(page, resolution_path):
    page.goto(resolution_path)
    page.locator("form.language-toggle button[value=en]").click()
    expect(page.locator("html")).to_have_attribute("dir", "ltr")

    arabic, english = boxes(page, 1)
    assert arabic["x"] + arabic["width"] <= english["x"] + 1
    assert page.locator(".paragraph-text").nth(1).evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert no_overflow(page) and page.console_errors == []


@pytest.mark.parametrize("language", ["ar", "en"])
def test_on_a_phone_the_english_stands_under_the_arabic(phone_page, resolution_path, language):
    phone_page.goto(resolution_path)
    if language == "en":
        phone_page.locator("form.language-toggle button[value=en]").click()
        expect(phone_page.locator("html")).to_have_attribute("lang", "en")

    arabic, english = boxes(phone_page, 1)
    assert english["y"] >= arabic["y"] + arabic["height"] - 1
    assert no_overflow(phone_page) and phone_page.console_errors == []


def test_the_toggle_hides_the_english_and_the_choice_is_remembered(page, resolution_path):
    page.goto(resolution_path)
    page.locator("form.english-toggle button[value=hide]").click()

    expect(page.locator(".paragraph-text-en")).to_have_count(0)
    page.goto(resolution_path)
    expect(page.locator(".paragraph-text-en")).to_have_count(0)
    page.locator("form.english-toggle button[value=show]").click()
    expect(page.locator(".paragraph-text-en")).to_have_count(2)  # sentences 2:1 and 2:2 are one paragraph
