"""Cited resolutions as links in a paragraph's text (issue 14): held ones to their page, UN ones the archive
lacks to undocs.org, OIC ones it lacks plain with a note; the text stays escaped, and search marks nest."""

from types import SimpleNamespace

import pytest

from archive.linked_text import render, undocs_url
from archive.models import Resolution
from tests.helpers import ingest_fixtures


def cite(text, printed, number="", symbol="", resolution=None):
    start = text.index(printed)
    return SimpleNamespace(start=start, end=start + len(printed), number=number, symbol=symbol, resolution=resolution)


def test_an_unheld_un_resolution_links_to_its_official_document():
    assert undocs_url("S/RES/450 (1979)") == "https://undocs.org/S/RES/450(1979)"
    text = "إذ يذكر بقراره 425 (1978)"
    html = render(text, [cite(text, "425 (1978)", "425 (1978)", "S/RES/425 (1978)")])
    assert '<a class="cited cited--external" href="https://undocs.org/S/RES/425(1978)"' in html
    assert ">425 (1978)</a>" in html


def test_an_unheld_oic_resolution_stays_plain_with_a_note():
    text = "مسترشدا بالقرار رقم 1/3 - س (ق أ)"
    html = render(text, [cite(text, "1/3 - س (ق أ)", "1/3-س(ق.إ)")])
    assert "<a" not in html
    assert '<span class="cited cited--missing" title="القرار 1/3-س(ق.إ) ليس في الأرشيف">1/3 - س (ق أ)</span>' in html


def test_the_text_around_and_inside_a_citation_is_escaped():
    text = '<script>alert(1)</script> بالقرار 52/4 "<b>"'
    html = render(text, [cite(text, "52/4", "52/4", "A/RES/52/4")])
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;" in html


def test_search_marks_nest_inside_a_link_that_they_overlap():
    text = "بقراره 450 (1979) المؤرخ"
    link = cite(text, "450 (1979)", "450 (1979)", "S/RES/450 (1979)")
    mark_start = text.index("(1979)")
    html = render(text, [link], marks=[(mark_start, len(text))])
    assert "<mark>(1979)</mark></a><mark> المؤرخ</mark>" in html


def test_line_breaks_are_kept_and_offsets_past_the_text_are_ignored():
    text = "سطر\nسطر"
    bad = SimpleNamespace(start=5, end=50, number="1", symbol="", resolution=None)
    assert render(text, [bad]) == "سطر<br>سطر"


@pytest.mark.django_db
def test_sc_474s_text_links_450_1979_to_the_archives_page_and_the_others_to_the_un(client):
    ingest_fixtures("raw/un-sc-res450-1979.txt", "raw/un-sc-res474-1980.txt")
    sc450, sc474 = Resolution.objects.get(number="450 (1979)"), Resolution.objects.get(number="474 (1980)")
    page = client.get(sc474.get_absolute_url()).content.decode()
    assert f'<a class="cited" href="{sc450.get_absolute_url()}"' in page
    assert 'href="https://undocs.org/S/RES/425(1978)"' in page
    document_page = client.get(sc474.document.get_absolute_url()).content.decode()
    assert f'<a class="cited" href="{sc450.get_absolute_url()}"' in document_page
    cited_page = client.get(sc450.get_absolute_url()).content.decode()
    assert 'id="cited-by-title"' in cited_page and sc474.get_absolute_url() in cited_page


@pytest.mark.django_db
def test_a_paragraph_naming_a_resolution_twice_is_listed_once_under_cited_by(client):
    from tests.helpers import make_document, make_paragraph, make_resolution, make_session

    council = make_session(body="unsc", number=1967, start_date=None, end_date=None, slug="unsc-1967")
    held = make_resolution(council, make_document(sessions=[council]), number="242 (1967)", subject="")
    cfm = make_session(number=23, slug="oic-cfm-23")
    make_paragraph(make_document(sessions=[cfm]), 1, "القرار 242 (1967) ثم القرار 242 (1967) مرة أخرى")
    page = client.get(held.get_absolute_url()).content.decode()
    section = page[page.index('id="cited-by-title"') :]
    assert section.count('class="citing-text"') == 1
