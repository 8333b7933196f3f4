"""The search page /search/: real documents ingested and indexed, real templates, the Django test client."""

import re

import pytest
from django.urls import reverse

from archive.models import Document, Paragraph
from search.analysis import analyse
from search.query import MAX_LENGTH
from search.search_indexes import ParagraphIndex
from tests.helpers import ingest_fixtures as ingest

# CFM-38 resolution 32/38-س (printed "38/32- س") and the CFM-38 declaration sent to the UN (two sessions).
RESOLUTION = "seeds/002_393cbb48b9883689.txt"
DECLARATION = "seeds/000_640f8b6c93fe03bc.txt"
QUDS_1988 = "raw/oic-cfm17-res18-s-quds.txt"
UN_OIC_1997 = "raw/un-a-res-52-4-un-oic-cooperation.txt"

pytestmark = pytest.mark.django_db(transaction=True)


def page(client, **params):
    response = client.get(reverse("search:results"), params)
    assert response.status_code == 200
    return response


def found(response) -> list[Paragraph]:
    return [item["paragraph"] for item in response.context["items"]]


def found_ids(client, **params) -> set[int]:
    """Every paragraph id the page lists for a query, across all its pages."""
    return set(page(client, **params).context["outcome"].ids)


def has_word(paragraph: Paragraph, word: str) -> bool:
    return analyse(word)[0] in analyse(paragraph.text)


def in_context(paragraph: Paragraph, word: str) -> bool:
    """The word is in the paragraph's context (its resolution's subject, its document's title)."""
    return analyse(word)[0] in analyse(ParagraphIndex().prepare_context(paragraph))


def test_an_empty_query_shows_the_form_and_nothing_else(client):
    ingest(RESOLUTION)
    for query in ("", "   "):
        response = page(client, q=query)
        html = response.content.decode()
        assert 'name="q"' in html
        assert "items" not in response.context
        assert "عدد النتائج" not in html
        assert 'class="results"' not in html


def test_the_bare_form_finds_a_paragraph_that_only_has_the_prefixed_word(client):
    ingest(RESOLUTION)
    paragraph = Paragraph.objects.get(text="(دورة: السلام والتعاون والتطور)")
    response = page(client, q="تعاون")
    assert paragraph.pk in response.context["outcome"].ids
    assert "<mark>والتعاون</mark>" in response.content.decode()


def test_a_quoted_phrase_matches_the_adjacent_words_only(client):
    ingest(RESOLUTION, DECLARATION)
    words = found_ids(client, q="منظمة المؤتمر")
    phrase = found_ids(client, q="«منظمة المؤتمر»")
    assert phrase and phrase < words
    apart = Paragraph.objects.filter(pk__in=words - phrase)
    assert apart.filter(text__contains="مؤتمرات قمة منظمة التعاون").exists()
    # The adjacent words are in the paragraph's text, or in its context (its resolution's subject or
    # its document's title: search_indexes.ParagraphIndex.prepare_context).
    context = ParagraphIndex().prepare_context
    for paragraph in Paragraph.objects.select_related("document", "resolution").filter(pk__in=phrase):
        assert any(
            tuple(analyse("منظمة المؤتمر")) in set(zip(terms, terms[1:], strict=False))
            for terms in (analyse(paragraph.text), analyse(context(paragraph)))
        )


def test_an_excluded_word_removes_the_paragraphs_that_have_it(client):
    ingest(RESOLUTION, DECLARATION)
    everything = found_ids(client, q="تعاون")
    without = found_ids(client, q="تعاون -كازاخستان")
    assert without and without < everything
    # A word is excluded from the context as well as from the text.
    kept = Paragraph.objects.select_related("document", "resolution").filter(pk__in=without)
    left_out = Paragraph.objects.select_related("document", "resolution").filter(pk__in=everything - without)
    assert not any(has_word(p, "كازاخستان") or in_context(p, "كازاخستان") for p in kept)
    assert all(has_word(p, "كازاخستان") or in_context(p, "كازاخستان") for p in left_out)


def test_or_finds_paragraphs_with_either_word(client):
    ingest(RESOLUTION, DECLARATION)
    first, second = found_ids(client, q="سيكا"), found_ids(client, q="شنغهاي")
    assert first and second and first != second
    assert found_ids(client, q="سيكا أو شنغهاي") == first | second
    assert found_ids(client, q="سيكا OR شنغهاي") == first | second


@pytest.mark.parametrize("query", ["32/38-س", "38/32", "٣٢/٣٨", "قرار 32/38"])
def test_a_resolution_number_puts_that_resolutions_paragraphs_first(client, query):
    ingest(DECLARATION, RESOLUTION)
    own = list(
        Paragraph.objects.filter(resolution__number="32/38-س")
        .order_by("position")
        .values_list("pk", flat=True)
    )
    ids = page(client, q=query).context["outcome"].ids
    assert ids[: len(own)] == own


def test_each_result_links_to_its_paragraph_document_resolution_and_session(client):
    ingest(RESOLUTION)
    paragraph = Paragraph.objects.get(text="(دورة: السلام والتعاون والتطور)")
    html = page(client, q="والتطور").content.decode()
    assert f'href="{paragraph.get_absolute_url()}"' in html
    assert f'href="{paragraph.document.get_absolute_url()}"' in html
    assert f'href="{paragraph.resolution.get_absolute_url()}"' in html
    assert 'href="/sessions/oic-cfm-38/"' in html


def test_facets_count_the_results_and_their_links_add_a_filter(client):
    ingest(RESOLUTION, DECLARATION, UN_OIC_1997)
    response = page(client, q="تعاون")
    facets = {facet["name"]: facet for facet in response.context["facets"]}
    assert set(facets) == {"body", "session", "year", "kind"}
    unga = next(item for item in facets["session"]["items"] if "الدورة 52" in item["label"])
    assert unga["href"].startswith("?") and "session=unga-52" in unga["href"] and "q=" in unga["href"]
    assert unga["href"] in response.content.decode().replace("&amp;", "&")

    narrowed = client.get(reverse("search:results") + unga["href"])
    ids = narrowed.context["outcome"].ids
    assert len(ids) == unga["count"] > 0
    assert all(
        p.document.sessions.filter(slug="unga-52").exists() for p in Paragraph.objects.filter(pk__in=ids)
    )


def test_year_and_kind_filters_narrow_the_results(client):
    ingest(RESOLUTION, QUDS_1988)
    everything = found_ids(client, q="الإسلامي")
    old = found_ids(client, q="الإسلامي", year_from=1980, year_to=1990)
    operative = found_ids(client, q="الإسلامي", kind="operative")
    assert old and old < everything
    assert {p.document.date.year for p in Paragraph.objects.filter(pk__in=old)} == {1988}
    assert operative and set(Paragraph.objects.filter(pk__in=operative).values_list("kind", flat=True)) == {
        "operative"
    }


def test_newest_and_oldest_order_by_document_date(client):
    ingest(QUDS_1988, RESOLUTION)
    newest = page(client, q="الإسلامي", sort="newest").context["outcome"].ids
    oldest = page(client, q="الإسلامي", sort="oldest").context["outcome"].ids
    dates = [Paragraph.objects.get(pk=pk).document.date for pk in newest]
    assert dates == sorted(dates, reverse=True)
    assert dates[0].year == 2011 and dates[-1].year == 1988
    assert Paragraph.objects.get(pk=oldest[0]).document.date.year == 1988


def test_pages_of_twenty_keep_the_query_and_the_filters(client):
    ingest(RESOLUTION, DECLARATION)
    first = page(client, q="تعاون", session="oic-cfm-38")
    assert first.context["outcome"].count > 20
    assert len(first.context["items"]) == 20
    html = first.content.decode().replace("&amp;", "&")
    next_link = re.search(r'rel="next" href="([^"]+)"', html).group(1)
    assert "page=2" in next_link and "session=oic-cfm-38" in next_link and "q=" in next_link
    second = client.get(reverse("search:results") + next_link)
    assert second.context["page"].number == 2
    assert not {p.pk for p in found(first)} & {p.pk for p in found(second)}


def test_a_page_past_the_last_shows_the_last(client):
    ingest(RESOLUTION)
    response = page(client, q="تعاون", page=999)
    assert response.context["page"].number == response.context["page"].paginator.num_pages


def test_no_results_offer_a_correction_spelled_as_in_the_corpus(client):
    ingest(RESOLUTION, DECLARATION)
    response = page(client, q="التعاوون")
    assert response.context["outcome"].count == 0
    suggestion = response.context["suggestion"]
    assert suggestion and suggestion in " ".join(Paragraph.objects.values_list("text", flat=True))
    assert page(client, q=suggestion).context["outcome"].count > 0
    html = response.content.decode()
    assert "هل تقصد" in html and "لم نجد" in html


def test_no_results_without_a_correction_still_explain(client):
    ingest(RESOLUTION)
    html = page(client, q="xyzzyplugh").content.decode()
    assert "لم نجد فقرات تطابق بحثك" in html
    assert "هل تقصد" not in html


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "(((",
        ")",
        "OR",
        "أو",
        "-",
        "-تعاون",
        "\x00تعاون",
        "تعاون " * 400,
        'تعاون "منظمة',
        "a:b [1 TO 2] {x} ^2 ~ * ?",
        "في من",
    ],
)
def test_malformed_queries_give_results_or_a_clear_message(client, query):
    ingest(RESOLUTION)
    response = page(client, q=query)
    context = response.context
    assert context.get("items") or context["notices"] or context["outcome"].count == 0


def test_invalid_filters_are_ignored_with_a_message(client):
    ingest(RESOLUTION)
    response = page(client, q="تعاون", year_from="abc", sort="foo", kind="nonsense", page="x")
    assert response.context["outcome"].count > 0
    notices = " ".join(response.context["notices"])
    assert "من سنة" in notices and "الترتيب" in notices


def test_the_query_is_escaped_wherever_it_is_shown(client):
    ingest(RESOLUTION)
    html = page(client, q='<script>alert("x")</script> تعاون').content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


def test_the_search_form_is_in_the_header_of_every_page_and_once_on_the_results_page(client):
    ingest(RESOLUTION)
    document = Document.objects.get()
    for url in (reverse("archive:home"), document.get_absolute_url()):
        html = client.get(url).content.decode()
        assert html.count('type="search" ') == 1
        assert f'maxlength="{MAX_LENGTH}"' in html
        assert "ابحث في القرارات" in html
    assert page(client, q="تعاون").content.decode().count('name="q"') == 1


def test_searching_an_empty_archive_finds_nothing_without_error(client):
    response = page(client, q="تعاون")
    assert response.context["outcome"].count == 0
    assert "لم نجد فقرات تطابق بحثك" in response.content.decode()


def test_pages_are_numbered_first_last_and_around_the_current_one(client, monkeypatch):
    from search import engine

    ingest(RESOLUTION, DECLARATION)
    monkeypatch.setattr(engine, "PAGE_SIZE", 2)  # many pages from a small fixture
    response = page(client, q="تعاون", page=8)
    total = response.context["page"].paginator.num_pages
    assert total >= 14
    assert response.context["page_range"] == [1, None, 6, 7, 8, 9, 10, None, total]
    html = response.content.decode().replace("&amp;", "&")
    links = dict((number, href) for href, number in re.findall(r'<a href="([^"]*)">(\d+)</a>', html))
    assert set(links) >= {"1", "6", "7", "9", "10", str(total)} and "8" not in links
    assert "page=10" in links["10"] and "q=" in links["10"]
    assert '<span class="current" aria-current="page">8</span>' in html and html.count('class="gap"') == 2
