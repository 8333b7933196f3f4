"""Highlighting through our analysis: matched words in <mark>, everything else escaped, a snippet window."""

import re

from search.analysis import analyse
from search.highlight import ELLIPSIS, SNIPPET_LENGTH, mark, snippet

PARAGRAPH = "(دورة: السلام والتعاون والتطور)"


def plain(html: str) -> str:
    text = re.sub(r"</?mark>", "", str(html))
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
    )


def test_searching_the_bare_form_marks_the_prefixed_word():
    assert str(mark(PARAGRAPH, analyse("تعاون"))) == "(دورة: السلام <mark>والتعاون</mark> والتطور)"


def test_spelling_variants_are_marked_through_normalisation():
    html = str(mark("منظمة المؤتمر الاسلامى", analyse("الإسلامي")))
    assert "<mark>الاسلامى</mark>" in html


def test_neighbouring_matches_share_one_mark():
    html = str(mark("بشأن التعاون بين منظمة المؤتمر الإسلامي والمنظمات", analyse("منظمة المؤتمر")))
    assert "<mark>منظمة المؤتمر</mark>" in html


def test_stop_words_are_never_marked():
    html = str(mark("التعاون في مجال", analyse("التعاون في مجال") + ["في"]))
    assert "<mark>في</mark>" not in html


def test_paragraph_html_is_escaped_and_only_our_marks_remain():
    text = '<script>alert("x")</script> <img src=x onerror=alert(1)> التعاون & "الأمن"'
    html = str(mark(text, analyse("تعاون")))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&amp;" in html and "&quot;" in html
    assert re.sub(r"</?mark>", "", html).count("<") == 0
    assert "<mark>التعاون</mark>" in html
    assert plain(html) == text


def test_snippet_escapes_too():
    text = "<b>" * 200 + " التعاون"
    html = str(snippet(text, analyse("تعاون")))
    assert "<b>" not in html
    assert "<mark>التعاون</mark>" in html


def test_a_short_paragraph_is_its_own_snippet_without_ellipsis():
    assert str(snippet(PARAGRAPH, analyse("تعاون"))) == str(mark(PARAGRAPH, analyse("تعاون")))


def test_a_long_paragraph_gives_a_window_around_the_first_match_on_word_boundaries():
    before = " ".join(f"كلمة{i}" for i in range(200))
    after = " ".join(f"لفظ{i}" for i in range(200))
    text = f"{before} والتعاون {after}"
    html = str(snippet(text, analyse("تعاون")))
    assert html.startswith(ELLIPSIS) and html.endswith(ELLIPSIS)
    assert "<mark>والتعاون</mark>" in html
    inner = plain(html).strip(ELLIPSIS)
    assert len(inner) <= SNIPPET_LENGTH
    start = text.index(inner)
    end = start + len(inner)
    assert text[start - 1] == " " and text[end] == " "  # whole words only


def test_without_a_match_the_snippet_is_the_start_of_the_paragraph():
    text = " ".join(f"كلمة{i}" for i in range(200))
    html = str(snippet(text, ["غير"]))
    assert html.startswith("كلمة0 ")
    assert html.endswith(ELLIPSIS)
    assert "<mark>" not in html


def test_a_match_at_the_end_of_a_long_paragraph_is_shown():
    text = " ".join(f"كلمة{i}" for i in range(200)) + " والتعاون"
    html = str(snippet(text, analyse("تعاون")))
    assert html.startswith(ELLIPSIS)
    assert html.endswith("<mark>والتعاون</mark>")


def test_a_phrases_words_are_marked_only_where_they_stand_together():
    from search.query import parse

    text = "منظمة التعاون الإسلامي تدعو إلى التعاون مع كل منظمة دولية"
    highlights = parse("«منظمة التعاون» الإسلامي").highlights()
    assert highlights.words == frozenset(analyse("الإسلامي"))
    assert highlights.phrases == (tuple(analyse("منظمة التعاون")),)
    html = str(mark(text, highlights.words, highlights.phrases))
    assert html.startswith("<mark>منظمة التعاون الإسلامي</mark>")
    assert html.count("<mark>") == 1  # the later التعاون and منظمة stand apart: not marked


def test_a_phrase_skips_stop_words_between_its_words_as_the_index_does():
    from search.query import parse

    highlights = parse("«حق الشعب في تقرير مصيره»").highlights()
    html = str(mark("يؤكد على حق الشعب في تقرير مصيره، ويدعو الشعب", highlights.words, highlights.phrases))
    assert "<mark>حق الشعب في تقرير مصيره</mark>" in html
    assert html.endswith("ويدعو الشعب")
