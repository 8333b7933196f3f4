"""Ranking: a heading or signature line does not outrank the paragraphs that discuss the subject."""

import pytest

from archive.ingest import records
from archive.ingest.records import ParsedParagraph, ParsedResolution
from archive.models import Paragraph
from archive.sync import store_document
from search import engine
from search.analysis import analyse
from search.retrieve import near_together, ranked_hits
from tests.helpers import make_parsed_document, unique_raw

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_heading_line_ranks_below_the_paragraphs_that_discuss_its_subject():
    heading = "بشأن حماية التراث"
    paragraphs = [
        ParsedParagraph(heading, kind=records.HEADING, resolution_index=0),
        ParsedParagraph(
            "يدعو الدول الأعضاء إلى حماية التراث الثقافي والتاريخي في الأراضي المحتلة وصونه من كل اعتداء",
            kind=records.OPERATIVE,
            resolution_index=0,
        ),
        ParsedParagraph(
            "يطلب إلى الأمين العام متابعة تنفيذ هذا القرار", kind=records.OPERATIVE, resolution_index=0
        ),
    ]
    parsed = make_parsed_document(
        title="وثيقة للاختبار",
        resolutions=[ParsedResolution(number="1/38-س", printed_number="", subject="موضوع عام")],
        paragraphs=paragraphs,
    )
    store_document(parsed, raw=unique_raw(), encoding="utf-8", source_name="test.txt")
    ids = engine.search("حماية التراث").outcome.ids
    kinds = [Paragraph.objects.get(pk=pk).kind for pk in ids]
    assert kinds == [records.OPERATIVE, records.HEADING]
    # Without the weight BM25 would put the short heading first: the test would not pass by accident.
    raw_order = [pk for pk, _ in ranked_hits(engine.parse("حماية التراث"), 10)]
    assert Paragraph.objects.get(pk=raw_order[0]).kind == records.HEADING


def test_a_paragraph_where_the_words_stand_together_ranks_above_one_where_they_are_far_apart():
    far = "يدعو إلى حماية المدن القديمة وصون معالمها وترميم أسواقها ومبانيها ونشر الوعي بقيمة التراث"
    near = "يدعو إلى حماية التراث بقيمة المدن القديمة وصون معالمها وترميم أسواقها ومبانيها ونشر الوعي"
    parsed = make_parsed_document(
        title="وثيقة للاختبار",
        resolutions=[ParsedResolution(number="1/38-س", printed_number="", subject="موضوع عام")],
        paragraphs=[
            ParsedParagraph(text, kind=records.OPERATIVE, resolution_index=0) for text in (far, near)
        ],
    )
    store_document(parsed, raw=unique_raw(), encoding="utf-8", source_name="test.txt")
    ids = engine.search("حماية التراث").outcome.ids
    assert [Paragraph.objects.get(pk=pk).text for pk in ids] == [near, far]
    # The same words, each once: only their distance tells them apart (stored first, far wins a tie).
    assert near_together(near, tuple(analyse("حماية التراث")))
    assert not near_together(far, tuple(analyse("حماية التراث")))
