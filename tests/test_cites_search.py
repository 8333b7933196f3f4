"""The search filter cites:<number>: the paragraphs that cite a resolution, alone or with words, on
whichever engine the suite runs (QARARAT_TEST_ENGINE), from the page, the API and the "cited by" list."""

import re

import pytest
from django.urls import reverse

from archive.models import Citation, Resolution
from search.engine import search
from search.query import parse
from tests.helpers import ingest_fixtures

pytestmark = pytest.mark.django_db(transaction=True)

CORPUS = (
    "raw/un-sc-res450-1979.txt",
    "raw/un-sc-res474-1980.txt",
    "raw/oic-cfm17-res18-s-quds.txt",
    "raw/oic-cfm19-res10-s-quds.txt",
)


def citing_paragraph(number: str) -> set[int]:
    return set(Citation.objects.filter(number=number).values_list("paragraph_id", flat=True))


def test_the_query_reads_cites_filters_in_every_written_form():
    assert parse("cites:450(1979)").cites == (("450 (1979)",),)
    assert parse("cites: 450 (1979)").cites == (("450 (1979)",),)
    assert parse("cites:٤٥٠(١٩٧٩)").cites == (("450 (1979)",),)
    assert parse("cites:32/38-س").cites == (("32/38-س", "38/32-س"),)
    assert parse('cites:"8/11 - ث (ق.إ)"').cites == (("8/11-ث(ق.إ)", "11/8-ث(ق.إ)"),)
    words = parse("يستشهد:52/4 القدس")
    assert words.cites == (("52/4", "4/52"),) and words.tree is not None


def test_a_cites_filter_without_a_number_is_left_out_with_a_notice():
    parsed = parse("cites:كذا")
    assert parsed.cites == () and parsed.empty
    assert any("cites:" in notice for notice in parsed.notices)


def test_cites_alone_finds_the_paragraph_of_sc_474_that_cites_450_1979():
    ingest_fixtures(*CORPUS)
    found = search("cites:450(1979)")
    assert set(found.outcome.ids) == citing_paragraph("450 (1979)") != set()
    assert found.outcome.count == 1


def test_a_summit_resolution_cited_by_both_jerusalem_resolutions_finds_both_paragraphs():
    ingest_fixtures(*CORPUS)
    found = search("cites:1/3-س(ق.إ)")
    assert found.outcome.count == 2
    assert set(found.outcome.ids) == citing_paragraph("1/3-س(ق.إ)")
    assert set(search("cites:1/3-س").outcome.ids) == set(found.outcome.ids)


def test_cites_with_words_keeps_only_the_citing_paragraphs_holding_them():
    ingest_fixtures(*CORPUS)
    assert search("cites:1/3-س(ق.إ) مسترشدا").outcome.count == 1
    assert search("cites:450(1979) مسترشدا").outcome.count == 0
    assert search("cites:478 مستذكرا").outcome.count == 1  # printed "رقم 478 … 1980": any year


def test_a_resolution_nobody_cites_finds_nothing():
    ingest_fixtures(*CORPUS)
    assert search("cites:999(1999)").outcome.count == 0


def test_the_cited_by_list_links_to_the_search_and_the_api_answers_it(client):
    ingest_fixtures(*CORPUS)
    held = Resolution.objects.get(number="450 (1979)")
    page = client.get(held.get_absolute_url()).content.decode()
    link = reverse("search:results") + "?q=cites%3A450%281979%29"
    assert f'href="{link}"' in page
    results = client.get(link).content.decode()
    assert "474" in results
    assert re.search(r"<mark>(<bdi[^>]*>)?450 \(1979\)", results)  # the citation is marked in its snippet
    data = client.get(reverse("search:api"), {"q": "cites:450(1979)"}).json()
    assert [r["paragraph_id"] for r in data["results"]] == list(citing_paragraph("450 (1979)"))
