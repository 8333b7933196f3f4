"""An uploaded page may hold nothing that could run in a browser, judged by parsing it (tags, attributes,
entities decoded), not by patterns: every payload of a corpus of real XSS vectors is caught inside an
innocent Arabic page, and the real documents, and prose that talks about scripts, are not refused."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from archive.ingest.decoding import decode
from archive.ingest.html import (
    COMMENTED,
    DATA_URLS,
    DIRECTIVES,
    EMBEDS,
    ESCAPED,
    HANDLERS,
    KINDS,
    SCRIPT,
    SCRIPT_URLS,
    STYLES,
    active_content,
    html_to_text,
)
from tests.helpers import CORPUS

XSS = Path(__file__).resolve().parents[2] / "fixtures" / "xss"
SEED = CORPUS / "seeds" / "002_393cbb48b9883689.txt"  # CFM-38 resolution 32/38-س
UNPRINTABLE = {"{TAB}": "\t", "{LF}": "\n", "{CR}": "\r", "{NUL}": "\x00"}


def read_lines(name: str) -> list[str]:
    """The entries of a fixtures/xss list: one a line, "# " comments and blank lines left out."""
    lines = [
        line for line in (XSS / name).read_text().splitlines() if line.strip() and not line.startswith("# ")
    ]
    for placeholder, character in UNPRINTABLE.items():
        lines = [line.replace(placeholder, character) for line in lines]
    return lines


PAYLOADS = read_lines("payloads.txt")
BENIGN = read_lines("benign.txt")
CORPUS_FILES = sorted(path.relative_to(CORPUS).as_posix() for path in CORPUS.rglob("*.txt"))


def saved_page(text: str, extra: str = "") -> str:
    """A real corpus text as a web page saved from a browser (fixtures/xss/saved-page.html: head, styles,
    navigation, a search form, links, images, comments), one paragraph a line, extra markup after them."""
    paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.splitlines() if line.strip())
    return (XSS / "saved-page.html").read_text().replace("<!-- TEXT -->", paragraphs + extra)


def arabic_page(payload: str) -> str:
    """The seed resolution as a plain HTML page with payload between its paragraphs."""
    paragraphs = [f"<p>{html.escape(line)}</p>" for line in SEED.read_text().splitlines() if line.strip()]
    middle = len(paragraphs) // 2
    body = "\n".join([*paragraphs[:middle], payload, *paragraphs[middle:]])
    return f'<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>قرار</title></head><body>\n{body}\n</body></html>'


# --- the corpus of real payloads ------------------------------------------------------------------------


def test_the_payload_corpus_holds_over_a_hundred_distinct_payloads():
    assert len(PAYLOADS) >= 100
    assert len(set(PAYLOADS)) == len(PAYLOADS)


def test_the_innocent_page_the_payloads_go_into_is_not_refused():
    assert active_content(arabic_page("<p>فقرة أخرى.</p>")) == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_payload_is_caught_inside_an_innocent_arabic_page(payload):
    assert active_content(arabic_page(payload)), payload


# --- the bypasses of issue 10 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "kinds"),
    [
        ("<svg/onload=alert(1)>", [HANDLERS]),
        ('<a href="&#106;avascript:alert(1)">رابط</a>', [SCRIPT_URLS]),
        ('<a href="jav&#x09;ascript:alert(1)">رابط</a>', [SCRIPT_URLS]),
        ("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", [ESCAPED]),
    ],
)
def test_the_bypasses_of_the_pattern_check_are_caught_and_named(markup, kinds):
    assert active_content(arabic_page(markup)) == kinds


def test_the_original_cases_are_still_caught_and_words_are_not():
    assert active_content("<p>قرار</p><SCRIPT>x()</SCRIPT>") == [SCRIPT]
    assert active_content('<img src=x onerror="x()">') == [HANDLERS]
    assert active_content('<a href = "javascript:x()">') == [SCRIPT_URLS]
    assert active_content("<p>online = 3; the scripts of the day</p>") == []


# --- what counts, kind by kind --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "kinds"),
    [
        ("<svg><script>alert&#40;1&#41;</script></svg>", [SCRIPT]),
        ("<scr\x00ipt>alert(1)</scr\x00ipt>", [SCRIPT]),
        ("<scr<script>ipt>alert(1)</scr</script>ipt>", [SCRIPT]),
        ('<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>', [HANDLERS]),
        ("<svg><set attributeName=onmouseover to=alert(1) /></svg>", [HANDLERS]),
        ("<IMG SRC= onmouseover=\"alert('xxs')\">", [HANDLERS]),
        ('<a href="vbscript:MsgBox(1)">x</a>', [SCRIPT_URLS]),
        (
            '<svg><animate attributeName=href values="https://a.org/;javascript:alert(1)" /></svg>',
            [SCRIPT_URLS],
        ),
        ('<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>', [DATA_URLS]),
        ('<a href="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">x</a>', [DATA_URLS]),
        ('<iframe src="https://example.org/"></iframe>', [EMBEDS]),
        ('<object data="page.html"></object><embed src="x.swf">', [EMBEDS]),
        ('<meta http-equiv="refresh" content="0;url=https://example.org/">', [DIRECTIVES]),
        ('<base href="https://example.org/">', [DIRECTIVES]),
        ('<div style="width: expression(alert(1))">x</div>', [STYLES]),
        ("<style>@im\\port'\\ja\\vasc\\ript:alert(1)';</style>", [STYLES]),
        ('<div style="x:exp/**/ression(alert(1))">x</div>', [STYLES]),
        ('<div style="x:\\65\\78\\70\\72\\65\\73\\73\\69\\6f\\6e(alert(1))">x</div>', [STYLES]),
        ('<style type="text/javascript">alert(1)</style>', [STYLES]),
        ("<!--[if IE]><script>alert(1)</script><![endif]-->", [COMMENTED]),
        ("<!--><img src=x onerror=alert(1)>-->", [COMMENTED]),
        ("<![CDATA[><img src=x onerror=alert(1)>]]>", [COMMENTED]),
        ("<p>&#60;img src=x onerror=alert(1)&#62;</p>", [ESCAPED]),
        ("<p>&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;</p>", [ESCAPED]),
        ("<p>&lt;img src=x onerror=alert(1)</p>", [ESCAPED]),
        ("<b>&lt;scr</b><i>ipt&gt;alert(1)&lt;/script&gt;</i>", [ESCAPED]),
        ('<noscript><p title="</noscript><img src=x onerror=alert(1)>">', [ESCAPED]),
        ("<style></style x><img src=x onerror=alert(1)>", [HANDLERS]),
        ("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", [HANDLERS]),
        ('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', [SCRIPT, EMBEDS]),
    ],
)
def test_each_kind_of_active_content_is_named(markup, kinds):
    assert active_content(arabic_page(markup)) == kinds


def test_text_escaped_deeper_than_any_real_page_is_refused():
    assert active_content("&amp;" * 9 + "lt;script&gt;") == [ESCAPED]
    assert active_content("<p>" + "&amp;" * 9 + "</p>") == []


def test_every_kind_has_its_words_for_the_admin():
    from archive.uploads import ACTIVE_CONTENT

    assert set(ACTIVE_CONTENT) == set(KINDS)


# --- no false alarms ------------------------------------------------------------------------------------


@pytest.mark.parametrize("relative", CORPUS_FILES)
def test_no_real_document_is_refused_as_text_or_as_a_saved_web_page(relative):
    text, _encoding = decode((CORPUS / relative).read_bytes())
    assert active_content(text) == []
    assert active_content(saved_page(text)) == []


@pytest.mark.parametrize("snippet", BENIGN)
def test_prose_about_scripts_links_images_and_styles_are_not_refused(snippet):
    assert active_content(saved_page(SEED.read_text(), snippet)) == []


def test_the_corpus_has_every_real_document_and_the_benign_list_is_not_empty():
    assert len(CORPUS_FILES) == 48
    assert len(BENIGN) >= 30


# --- the parser itself ----------------------------------------------------------------------------------


def test_an_unknown_marked_section_is_read_as_a_comment_as_browsers_do():
    """The standard library raises AssertionError on `<![foo[`; the page is read on."""
    assert html_to_text("<p>قبل</p><![foo[ x ]]><p>بعد</p>").split() == ["قبل", "بعد"]
    assert active_content("<p>قبل</p><![foo[ x ]]><p>بعد</p>") == []
