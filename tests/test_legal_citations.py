"""Paragraphs cited as international lawyers cite them (operative paragraph 1, preambular paragraph 3),
resolution pages anchored by those references, and resolution numbers isolated the same way everywhere."""

import pytest
from django.conf import settings
from django.utils import translation

from archive.citation import ParagraphReference, paragraph_references
from archive.ingest import records
from archive.models import Paragraph
from archive.templatetags.archive_display import isolate_numbers, resolution_number
from tests.helpers import make_document, make_paragraph, make_resolution, make_session


def paragraphs(*specs):
    """Unsaved paragraphs in reading order: (kind, printed number)."""
    return [Paragraph(pk=index, position=index, kind=kind, number=number, text="…") for index, (kind, number) in enumerate(specs, 1)]


def test_preambular_paragraphs_are_counted_and_operative_ones_keep_their_printed_numbers():
    found = paragraphs(
        (records.HEADING, ""),
        (records.PREAMBULAR, ""),
        (records.PREAMBULAR, ""),
        (records.OPERATIVE, "١"),
        (records.OPERATIVE, "2"),
        (records.SIGNATURE, ""),
    )

    references = paragraph_references(found)

    assert 1 not in references and 6 not in references  # a heading and a signature are not cited
    assert [references[pk].anchor for pk in (2, 3, 4, 5)] == ["pp-1", "pp-2", "op-1", "op-2"]


def test_an_operative_paragraph_without_a_usable_number_follows_the_last_one():
    found = paragraphs((records.OPERATIVE, "5"), (records.OPERATIVE, "(أ)"), (records.OPERATIVE, "5"), (records.OPERATIVE, ""))

    assert [reference.anchor for reference in paragraph_references(found).values()] == ["op-5", "op-6", "op-7", "op-8"]


def test_paragraphs_of_a_document_without_a_resolution_keep_a_printed_number_or_are_counted_without_headings():
    found = paragraphs((records.HEADING, ""), (records.OTHER_PARAGRAPH, "24"), (records.OTHER_PARAGRAPH, ""))

    assert [str(r) for r in paragraph_references(found).values()] == ["الفقرة 24", "الفقرة 2"]


def test_the_references_read_in_arabic_and_in_english():
    with translation.override("ar"):
        assert str(ParagraphReference("op", "1")) == "الفقرة 1 من المنطوق"
        assert str(ParagraphReference("pp", "3")) == "الفقرة 3 من الديباجة"
    with translation.override("en"):
        assert str(ParagraphReference("op", "1")) == "operative paragraph 1"
        assert str(ParagraphReference("pp", "3")) == "preambular paragraph 3"


def test_a_resolution_number_is_one_first_strong_isolate_that_never_breaks():
    assert resolution_number("2/25-ORG") == '<bdi class="token" lang="ar">2/25-ORG</bdi>'


@pytest.mark.parametrize(
    ("title", "numbers"),
    [
        ("القرار 2/25-ORG بشأن التعاون", ["2/25-ORG"]),
        ("القرار 32/38-س بشأن التعاون", ["32/38-س"]),
        ("القرار 8/11-ث(ق.إ) بشأن", ["8/11-ث(ق.إ)"]),
        ("القرار 3/36- أ. ق بشأن", ["3/36- أ. ق"]),
        ("القرار 450 (1979)", ["450 (1979)"]),
        ("القرار 52/4 بشأن التعاون", ["52/4"]),
        ("A/AC.109/2019/L.18", []),
        ("في فاس 8 - 12 مايو 1979", []),
    ],
)
def test_numbers_inside_titles_are_isolated_like_the_links_beside_them(title, numbers):
    html = str(isolate_numbers(title))

    assert [part.split(">", 1)[1] for part in html.split("</bdi>")[:-1]] == numbers


def test_isolating_numbers_escapes_the_rest_of_the_title():
    assert str(isolate_numbers("<b>القرار</b> 2/25-ORG")) == '&lt;b&gt;القرار&lt;/b&gt; <bdi class="token" lang="ar">2/25-ORG</bdi>'


@pytest.fixture
def resolution():
    session = make_session()
    document = make_document(sessions=[session], title="القرار 32/38-س")
    resolution = make_resolution(session, document)
    make_paragraph(document, 1, "القرار رقم 32/38-س", kind=records.HEADING)
    make_paragraph(document, 2, "إن مجلس وزراء الخارجية،", kind=records.PREAMBULAR, resolution=resolution)
    make_paragraph(document, 3, "وإذ يرحب،", kind=records.PREAMBULAR, resolution=resolution)
    make_paragraph(document, 4, "يقرر", kind=records.OPERATIVE, number="1", resolution=resolution)
    return resolution


@pytest.mark.django_db
def test_a_resolution_page_anchors_and_cites_its_paragraphs_by_their_part(client, resolution):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(resolution.get_absolute_url()).content.decode()

    assert f'href="/resolutions/{resolution.pk}/#op-1"' in html and f'href="/resolutions/{resolution.pk}/#pp-2"' in html
    assert 'id="pp-2"><span class="anchor-alias" id="p-3"></span>' in html  # an old link to p-3 still lands
    assert f', operative paragraph 1. Qararat: http://testserver/resolutions/{resolution.pk}/#op-1"' in html
    assert "preambular paragraph 2" in html and "of the document" not in html
    assert 'aria-label="Link to operative paragraph 1"' in html


@pytest.mark.django_db
def test_the_document_page_cites_a_resolution_paragraph_by_its_part_and_keeps_its_own_anchors(client, resolution):
    html = client.get(resolution.document.get_absolute_url()).content.decode()

    assert 'id="p-4"' in html and f'href="/documents/{resolution.document_id}/#p-4"' in html
    assert "«\u2068التعاون مع المنظمات الدولية والإقليمية\u2069»، الفقرة 1 من المنطوق. قرارات:" in html
