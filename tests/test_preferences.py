"""The interface language (Arabic by default, English by the toggle), the digits and the colour theme."""

import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings

from archive import display
from archive.ingest import records
from tests.helpers import make_document, make_paragraph, make_resolution, make_session

pytestmark = pytest.mark.django_db
LOCALE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
ARABIC = re.compile(r"[\u0600-\u06FF\uFB50-\uFDFF\uFE70-\uFEFF]")


@pytest.fixture
def archive():
    session = make_session()
    document = make_document(sessions=[session], title="القرار رقم 32/38-س")
    resolution = make_resolution(session, document)
    make_paragraph(document, 1, "إن مجلس وزراء الخارجية،", kind=records.PREAMBULAR, resolution=resolution)
    make_paragraph(document, 2, "يقرر 12 بندا", kind=records.OPERATIVE, number="1", resolution=resolution)
    return {"session": session, "document": document, "resolution": resolution}


def choose(client, **choices):
    return client.post("/preferences/", {"next": "/", **choices})


def test_interface_is_arabic_by_default_even_for_an_english_browser(client, archive):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()

    assert '<html lang="ar" dir="rtl"' in html
    assert "الدورات" in html


def test_english_toggle_switches_the_interface_and_keeps_the_page(client, archive):
    response = choose(client, language="en", next=archive["session"].get_absolute_url())

    assert response.status_code == 302 and response["Location"] == "/sessions/oic-cfm-38/"
    html = client.get("/sessions/oic-cfm-38/").content.decode()
    assert '<html lang="en" dir="ltr"' in html
    assert "OIC Council of Foreign Ministers — Session 38" in html
    assert "28–30 June 2011" in html and "26–28 Rajab 1432 AH" in html
    assert '<button type="submit" name="language" value="ar" lang="ar">العربية</button>' in html


def test_preferences_refuse_a_redirect_to_another_site(client):
    response = choose(client, language="en", next="https://evil.example/")

    assert response["Location"] == "/"


def test_preferences_ignore_unknown_values(client, archive):
    choose(client, language="fr", digits="roman", theme="pink")

    html = client.get("/").content.decode()
    assert '<html lang="ar" dir="rtl" data-theme="auto" data-digits="source">' in html


def test_preferences_change_only_by_post(client):
    assert client.get("/preferences/?language=en").status_code == 405


def test_pages_vary_on_the_preference_cookies(client, archive):
    assert "Cookie" in client.get("/")["Vary"]


class _Visible(HTMLParser):
    """Text of the page outside elements marked lang="ar" (the archive's own Arabic content)."""

    VOID = {"meta", "link", "input", "br", "img", "hr"}

    def __init__(self):
        super().__init__()
        self.stack, self.text = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            attrs = dict(attrs)
            # A citation quotes the Arabic titles and places it cites, in any interface language.
            content = attrs.get("lang") == "ar" or attrs.get("class") == "citation"
            self.stack.append((tag, content or tag in ("script", "style", "title")))

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if not any(arabic for _, arabic in self.stack):
            self.text.append(data)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/sessions/oic-cfm-38/",
        "document",
        "resolution",
        "/search/",
        "/search/?q=مجلس",
        "/search/?q=%22غير مغلق",
        "/search/?q=zzzzqqq",
        "/no-such-page/",
    ],
)
def test_english_pages_have_no_untranslated_interface_text(client, archive, url):
    url = {"document": archive["document"], "resolution": archive["resolution"]}.get(url, url)
    url = url if isinstance(url, str) else url.get_absolute_url()
    choose(client, language="en")

    parser = _Visible()
    parser.feed(client.get(url).content.decode())

    # Arabic left outside lang="ar" is an interface string without an English translation. Session
    # titles and the body are interface text too; document titles and paragraphs are content.
    leftovers = [text.strip() for text in parser.text if ARABIC.search(text)]
    assert leftovers == []


def test_arabic_indic_digits_setting_converts_text_but_not_links(client, archive):
    choose(client, digits="arab")

    html = client.get(archive["document"].get_absolute_url()).content.decode()

    assert "يقرر ١٢ بندا" in html
    assert "الدورة ٣٨" in html
    assert f'href="/documents/{archive["document"].pk}/#p-2"' in html  # URLs keep their digits
    # …including a permalink written out in a citation's text.
    assert f'<bdi class="url" dir="ltr">http://testserver/documents/{archive["document"].pk}/</bdi>' in html
    assert '<time datetime="2011-06-30">' in html


def test_western_digits_setting_converts_arabic_indic_digits(client, archive):
    make_paragraph(archive["document"], 3, "الفقرة ٤٥ من القرار", kind=records.OPERATIVE)
    choose(client, digits="latn")

    html = client.get(archive["document"].get_absolute_url()).content.decode()

    assert "الفقرة 45 من القرار" in html


def test_digits_as_in_the_source_by_default(client, archive):
    make_paragraph(archive["document"], 3, "الفقرة ٤٥ من القرار", kind=records.OPERATIVE)

    html = client.get(archive["document"].get_absolute_url()).content.decode()

    assert "الفقرة ٤٥ من القرار" in html and "يقرر 12 بندا" in html


def test_dark_theme_choice_is_rendered_on_the_page(client, archive):
    choose(client, theme="dark")

    html = client.get("/").content.decode()

    assert 'data-theme="dark"' in html and '<meta name="color-scheme" content="dark">' in html


def test_digit_conversion_leaves_tags_scripts_character_references_and_urls_alone():
    html = '<a href="/d/12/#p-3" title="3">فقرة 3</a><script>var x = 10;</script>&#39;5 http://h:80/d/12/ 6'

    assert display.convert_digits_in_html(html, "arab") == (
        '<a href="/d/12/#p-3" title="3">فقرة ٣</a><script>var x = 10;</script>&#39;٥ http://h:80/d/12/ ٦'
    )


def test_every_interface_string_has_a_compiled_english_translation():
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    with open(LOCALE / "django.mo", "rb") as compiled:
        translations = gettext.GNUTranslations(compiled)

    assert len(catalogue) > 100
    for entry in catalogue:
        assert entry.msgstr, f"no English for {entry.msgid!r}"
        assert "fuzzy" not in entry.flags, entry.msgid
        # The .mo in the repository is compiled from this .po (compilemessages was not forgotten).
        assert translations.gettext(entry.msgid) == entry.msgstr, entry.msgid
        assert not ARABIC.search(re.sub(r'<span lang="ar">.*?</span>', "", entry.msgstr).replace("«", "")
                                 ) or entry.msgid.startswith("مثال"), entry.msgid
