"""Best matches when no paragraph has every word: full matches first, then the paragraphs that lack the
fewest words, each saying which; never for phrases, exclusions or resolution numbers, and never the noise
of a query whose distinctive word the archive does not hold."""

import re

import pytest
from django.urls import reverse

from archive.ingest import records
from archive.ingest.records import ParsedParagraph, ParsedResolution
from archive.models import Paragraph
from archive.sync import store_document
from search import engine
from search.filters import Filters
from tests.helpers import make_parsed_document, make_parsed_session, unique_raw

pytestmark = pytest.mark.django_db(transaction=True)

# Words that stand in no title or subject, so only paragraph texts hold them.
PARAGRAPHS = [
    "يدعو إلى حماية التراث الزراعي في الدول الأعضاء",
    "يؤكد أهمية حماية التراث الثقافي",
    "يشيد بجهود حماية البيئة",
    "يدعم برامج التراث المشترك",
    "يرحب بالتقدم المحرز في مجال التعليم",
    "يطلب إلى الأمين العام متابعة تنفيذ هذا القرار",
    "يقرر إبقاء المسألة قيد النظر",
    "يعرب عن تقديره للدول المانحة",
    "يحث الدول الأعضاء على المشاركة الفاعلة",
    "يشكر حكومة الدولة المضيفة على كرم الضيافة",
]


def store(paragraphs, session=38):
    parsed = make_parsed_document(
        title="وثيقة للاختبار",
        sessions=[make_parsed_session(number=session)],
        resolutions=[ParsedResolution(number=f"1/{session}-س", printed_number="", subject="موضوع عام")],
        paragraphs=[ParsedParagraph(text, kind=records.OPERATIVE, resolution_index=0) for text in paragraphs],
    )
    return store_document(parsed, raw=unique_raw(), encoding="utf-8", source_name="test.txt")[0]


@pytest.fixture
def corpus():
    store(PARAGRAPHS)
    store(["يدعو إلى حماية التراث في المدن القديمة", "يرحب بالتقدم المحرز في مجال الصحة"], session=39)


def texts(ids):
    by_id = dict(Paragraph.objects.filter(pk__in=ids).values_list("pk", "text"))
    return [by_id[pk] for pk in ids]


def test_words_that_never_meet_in_one_paragraph_give_the_paragraphs_with_most_of_them(corpus):
    outcome = engine.search("حماية الثقافي الزراعي").outcome
    assert outcome.count == 0 and outcome.relaxed
    assert texts(outcome.ids) == [PARAGRAPHS[1], PARAGRAPHS[0]] or texts(outcome.ids) == [
        PARAGRAPHS[0],
        PARAGRAPHS[1],
    ]
    assert outcome.missing == {
        pk: ["الزراعي"] if text == PARAGRAPHS[1] else ["الثقافي"]
        for pk, text in zip(outcome.ids, texts(outcome.ids), strict=True)
    }


def test_full_matches_come_first_and_partial_ones_say_what_they_lack(corpus):
    outcome = engine.search("حماية التراث الزراعي").outcome
    assert outcome.count == 1 and texts(outcome.ids[:1]) == [PARAGRAPHS[0]]
    # Lacking one word of three: kept; lacking two (حماية البيئة, التراث المشترك): not a match.
    partial = texts(outcome.ids[1:])
    assert set(partial) == {PARAGRAPHS[1], "يدعو إلى حماية التراث في المدن القديمة"}
    assert set(map(tuple, outcome.missing.values())) == {("الزراعي",)}


def test_partial_matches_lacking_fewer_words_rank_first(corpus):
    outcome = engine.search("يدعو حماية التراث الزراعي الأعضاء").outcome
    lacking = [len(outcome.missing.get(pk, [])) for pk in outcome.ids]
    # Five words: up to two may be missing ("يؤكد أهمية حماية التراث الثقافي" lacks three).
    assert lacking == [0, 2]


def test_a_query_whose_distinctive_word_the_archive_lacks_shows_nothing(corpus):
    # "الحراري" is nowhere in these texts, and a paragraph with only the common word is not a match.
    for query in ("الاحتباس الحراري", "حماية الزنبقلورين"):
        outcome = engine.search(query).outcome
        assert outcome.ids == [] and not outcome.relaxed, query


def test_a_single_word_a_phrase_or_a_resolution_number_is_never_relaxed(corpus):
    assert not engine.search("الزنبقلورين").outcome.ids
    phrase = engine.search("«حماية التراث» الزراعي").outcome
    assert texts(phrase.ids) == [PARAGRAPHS[0]] and not phrase.relaxed
    number = engine.search("1/38 الزنبقلورين").outcome
    assert number.count == len(PARAGRAPHS) and not number.relaxed


def test_an_exclusion_still_holds_for_partial_matches(corpus):
    outcome = engine.search("حماية التراث الزراعي -القديمة").outcome
    assert set(texts(outcome.ids)) == {PARAGRAPHS[0], PARAGRAPHS[1]}


def test_filters_apply_to_partial_matches_too(corpus):
    only_39 = engine.search("حماية التراث الزراعي", Filters(session="oic-cfm-39")).outcome
    assert only_39.count == 0
    assert texts(only_39.ids) == ["يدعو إلى حماية التراث في المدن القديمة"]


def test_the_api_counts_full_matches_and_gives_each_result_what_it_lacks(client, corpus):
    data = client.get(reverse("search:api"), {"q": "حماية التراث الزراعي"}).json()
    assert data["relaxed"] is True
    full = [r for r in data["results"] if not r["missing"]]
    assert data["count"] == len(full) >= 1
    assert data["count"] == 1 and len(data["results"]) == 3
    assert {tuple(r["missing"]) for r in data["results"] if r["missing"]} == {("الزراعي",)}
    single = client.get(reverse("search:api"), {"q": "حماية"}).json()
    assert single["relaxed"] is False and all(r["missing"] == [] for r in single["results"])


def test_the_page_says_no_paragraph_has_every_word_and_marks_what_each_lacks(client, corpus):
    page = client.get(reverse("search:results"), {"q": "حماية الثقافي الزراعي"}).content.decode()
    assert "لا توجد فقرة تحوي كل كلمات البحث" in page
    assert "عدد النتائج" not in page  # not "results: 0" above the results shown
    assert len(re.findall(r'class="result-missing">لا يحوي: <s lang="ar">(الزراعي|الثقافي)</s>', page)) == 2
    some = client.get(reverse("search:results"), {"q": "حماية التراث الزراعي"}).content.decode()
    assert "عدد الفقرات التي تحوي كل كلمات البحث: 1 فقط" in some


def test_the_empty_page_speaks_of_quotation_marks_only_when_the_user_typed_them(client, corpus):
    tip = "ابحث عن عبارة بلا علامتي تنصيص"
    assert "لم نجد فقرات" in client.get(reverse("search:results"), {"q": "الزنبقلورين"}).content.decode()
    assert tip not in client.get(reverse("search:results"), {"q": "الزنبقلورين"}).content.decode()
    assert tip in client.get(reverse("search:results"), {"q": "«الزنبقلورين الأزرق»"}).content.decode()


def test_grouping_gives_one_result_per_resolution_with_how_many_more_it_holds(client, corpus):
    data = client.get(reverse("search:api"), {"q": "حماية التراث", "group": "resolution"}).json()
    everything = client.get(reverse("search:api"), {"q": "حماية التراث"}).json()
    assert data["count"] == everything["count"] == 3
    # Two resolutions (1/38-س and 1/39-س): their best paragraphs, the first holding three more (one with
    # both words, two partial matches with one).
    assert [len(r["more_in_group"]) for r in data["results"]] == [3, 0]
    ids = [r["paragraph_id"] for r in everything["results"]]
    grouped = [r["paragraph_id"] for r in data["results"]]
    assert grouped[0] == ids[0] and set(data["results"][0]["more_in_group"]) | set(grouped) == set(ids)
    page = client.get(reverse("search:results"), {"q": "حماية التراث", "group": "resolution"}).content.decode()
    assert "فقرات أخرى وُجدت في هذا القرار: 3" in page
    assert all(r["more_in_group"] == [] for r in everything["results"])
