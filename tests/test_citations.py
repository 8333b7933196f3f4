"""Citations stored from paragraphs and resolved to the resolutions the archive holds (issue 14)."""

import pytest
from django.core.management import call_command

from archive.models import Body, Citation, Paragraph, Resolution
from archive.sync import reparse_document
from tests.helpers import (
    ingest_fixture,
    ingest_fixtures,
    make_document,
    make_paragraph,
    make_resolution,
    make_session,
)

pytestmark = pytest.mark.django_db


def cited(document) -> list[tuple[str, str, str | None]]:
    return [
        (c.number, c.body, c.resolution.number if c.resolution else None)
        for c in Citation.objects.filter(paragraph__document=document).select_related("resolution")
    ]


def test_sc_474_cites_450_1979_which_the_archive_holds():
    sc450, sc474 = ingest_fixtures("raw/un-sc-res450-1979.txt", "raw/un-sc-res474-1980.txt")
    held = Resolution.objects.get(document=sc450)
    citation = Citation.objects.get(paragraph__document=sc474, number="450 (1979)")
    assert citation.resolution == held
    assert citation.symbol == "S/RES/450 (1979)"
    assert citation.paragraph.text[citation.start : citation.end] == citation.printed == "450 (1979)"
    assert list(held.cited_by.all()) == [citation]


def test_a_resolution_that_arrives_later_collects_the_citations_waiting_for_it():
    sc474 = ingest_fixture("raw/un-sc-res474-1980.txt")
    waiting = Citation.objects.get(paragraph__document=sc474, number="450 (1979)")
    assert waiting.resolution is None
    sc450 = ingest_fixture("raw/un-sc-res450-1979.txt")
    waiting.refresh_from_db()
    assert waiting.resolution == Resolution.objects.get(document=sc450)


def test_a_documents_own_number_in_its_headings_is_not_a_citation():
    document = ingest_fixture("raw/oic-cfm19-res10-s-quds.txt")
    assert ("10/19-س", Body.OIC_CFM, None) not in cited(document)
    assert cited(document) == [("1/3-س(ق.إ)", Body.OIC_SUMMIT, None), ("478 (1980)", Body.UNSC, None)]


def test_a_un_number_with_a_year_resolves_only_to_the_same_year():
    session = make_session(body=Body.UNSC, number=1979, start_date=None, end_date=None, slug="unsc-1979")
    make_resolution(session, make_document(sessions=[session]), number="450 (1979)", subject="")
    citing_session = make_session(body=Body.UNSC, number=1980, start_date=None, end_date=None, slug="unsc-1980")
    document = make_document(sessions=[citing_session])
    make_paragraph(document, 1, "إذ يذكر بقراريه 450 (1980) و 450 (1979)")
    assert cited(document) == [("450 (1980)", Body.UNSC, None), ("450 (1979)", Body.UNSC, "450 (1979)")]


def test_a_council_number_printed_without_its_year_resolves_to_the_held_one():
    session = make_session(body=Body.UNSC, number=1967, start_date=None, end_date=None, slug="unsc-1967")
    held = make_resolution(session, make_document(sessions=[session]), number="242 (1967)", subject="")
    cfm = make_session(number=23, slug="oic-cfm-23")
    document = make_document(sessions=[cfm])
    make_paragraph(document, 1, "على أساس قراري مجلس الأمن رقم 242 و 338")
    assert cited(document) == [("242", Body.UNSC, "242 (1967)"), ("338", Body.UNSC, None)]
    assert list(held.cited_by.values_list("number", flat=True)) == ["242"]


def test_editing_a_paragraph_reads_its_citations_again():
    session = make_session()
    document = make_document(sessions=[session])
    paragraph = make_paragraph(document, 1, "مسترشدا بالقرار رقم 1/3 - س (ق أ)")
    assert cited(document) == [("1/3-س(ق.إ)", Body.OIC_SUMMIT, None)]
    paragraph.text = "وإذ يذكر بالقرار 2/31 - أق"
    paragraph.save()
    assert cited(document) == [("2/31-أق", Body.OIC_CFM, None)]


def test_renumbering_a_resolution_releases_the_citations_that_no_longer_mean_it():
    sc450, sc474 = ingest_fixtures("raw/un-sc-res450-1979.txt", "raw/un-sc-res474-1980.txt")
    held = Resolution.objects.get(document=sc450)
    held.number = "451 (1979)"
    held.save()
    assert Citation.objects.get(paragraph__document=sc474, number="450 (1979)").resolution is None


def test_a_reparse_stores_the_same_citations_again():
    sc450, sc474 = ingest_fixtures("raw/un-sc-res450-1979.txt", "raw/un-sc-res474-1980.txt")
    before = cited(sc474)
    reparse_document(sc474)
    assert cited(sc474) == before
    assert Citation.objects.filter(paragraph__document=sc474).count() == len(before) == 8
    assert not Citation.objects.filter(paragraph__in=[]).exists()
    assert Paragraph.objects.filter(document=sc474).count()


def test_link_citations_reads_every_paragraph_again_and_reports_the_counts(capsys):
    ingest_fixtures(
        "raw/un-sc-res450-1979.txt",
        "raw/un-sc-res474-1980.txt",
        "raw/oic-cfm17-res18-s-quds.txt",
        "raw/oic-cfm19-res10-s-quds.txt",
    )
    Citation.objects.all().delete()
    call_command("link_citations")
    out = capsys.readouterr().out
    assert out.startswith("16 citations, 1 resolved to resolutions the archive holds (1 different)")
    assert "1 series of two or more resolutions (2 resolutions)" in out


def test_a_batch_of_documents_gets_the_same_citations_as_one_by_one():
    documents = ingest_fixtures(
        "raw/un-sc-res450-1979.txt", "raw/un-sc-res474-1980.txt", "raw/oic-cfm19-res10-s-quds.txt",
        "raw/un-sc-res660-662-muqatel-study.txt",
    )
    one_by_one = sorted(Citation.objects.values_list("paragraph_id", "start", "number", "body", "resolution_id"))
    from archive.citing import store_documents_citations

    assert store_documents_citations(documents) == len(one_by_one)
    assert sorted(Citation.objects.values_list("paragraph_id", "start", "number", "body", "resolution_id")) == one_by_one
