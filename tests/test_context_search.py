"""A paragraph is found by its context: its resolution's number and subject and its document's title,
weighted below its own text (search_indexes.FIELD_BOOSTS), kept in step with admin edits."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from archive.models import Document, Paragraph, Resolution
from search import analysis, engine
from search.search_indexes import FIELD_BOOSTS, ParagraphIndex
from tests.helpers import CORPUS, make_document, make_paragraph, make_resolution, make_session, make_staff
from tests.helpers import ingest_fixture as ingest
from tests.test_admin_edit import form_data

pytestmark = pytest.mark.django_db(transaction=True)

QUDS_1988 = "raw/oic-cfm17-res18-s-quds.txt"
QUDS_1990 = "raw/oic-cfm19-res10-s-quds.txt"
QUDS_SUBJECT = "مدينة القدس الشريف"


@pytest.fixture
def admin_client(client):
    client.force_login(make_staff())
    return client


def found_ids(query: str) -> list[int]:
    return engine.search(query).outcome.ids


def holds_every_word(paragraph: Paragraph, query: str) -> bool:
    return set(analysis.analyse(query)) <= set(analysis.analyse(paragraph.text))


def holds_no_word(paragraph: Paragraph, query: str) -> bool:
    return not set(analysis.analyse(query)) & set(analysis.analyse(paragraph.text))


def heritage_resolution() -> tuple[Paragraph, Paragraph]:
    """A paragraph of a resolution on cultural heritage that never names it, and one elsewhere that does."""
    session = make_session()
    document = make_document(sessions=[session], title="القرار 12/38-ث")
    resolution = make_resolution(session, document, number="12/38-ث", subject="حماية التراث الثقافي")
    quiet = make_paragraph(
        document, 1, "يطلب إلى الأمين العام متابعة تنفيذ هذا القرار.", resolution=resolution
    )
    other = make_document(sessions=[session], title="البيان الختامي")
    saying = make_paragraph(other, 1, "يؤكد المؤتمر أهمية حماية التراث الثقافي في الدول الأعضاء.")
    return quiet, saying


def test_it_finds_a_paragraph_by_the_words_of_its_resolutions_subject():
    quiet, _saying = heritage_resolution()
    assert quiet.pk in found_ids("التراث الثقافي")


def test_a_resolution_number_is_not_context_so_its_named_paragraphs_keep_no_score():
    quiet, saying = heritage_resolution()
    assert ParagraphIndex().prepare_context(quiet) == "حماية التراث الثقافي القرار"
    outcome = engine.search("12/38").outcome
    assert outcome.ids[0] == quiet.pk and quiet.pk not in outcome.scores


def test_a_paragraph_found_by_its_context_ranks_below_one_that_holds_the_words():
    quiet, saying = heritage_resolution()
    assert found_ids("حماية التراث الثقافي") == [saying.pk, quiet.pk]


def test_it_finds_a_paragraph_by_the_words_of_its_documents_title():
    document = make_document(title="كلمة الأمين العام أمام مؤتمر الشباب")
    paragraph = make_paragraph(document, 1, "أصحاب المعالي، يسعدني أن أرحب بكم.")
    assert found_ids("مؤتمر الشباب") == [paragraph.pk]


def test_a_word_of_the_context_joins_a_word_of_the_text_in_an_all_words_query():
    quiet, _saying = heritage_resolution()
    assert quiet.pk in found_ids("الأمين التراث")


def edit_in_admin(admin_client, obj, field: str, value: str) -> None:
    """Change one field on the object's admin page, as an editor would, and check it was saved."""
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    data = form_data(admin_client.get(url))
    data[field] = value
    assert admin_client.post(url, data).status_code == 302
    assert getattr(type(obj).objects.get(pk=obj.pk), field) == value


def test_editing_a_resolution_subject_in_the_admin_reindexes_its_paragraphs(admin_client):
    document = ingest("seeds/002_393cbb48b9883689.txt")
    resolution = document.resolutions.get()
    assert found_ids("مكافحة التصحر") == []
    edit_in_admin(admin_client, resolution, "subject", "مكافحة التصحر")
    assert sorted(found_ids("مكافحة التصحر")) == sorted(resolution.paragraphs.values_list("pk", flat=True))


def test_editing_a_document_title_in_the_admin_reindexes_its_paragraphs(admin_client):
    document = ingest("raw/oic-sg-speech-som-cfm36-2009.txt")
    edit_in_admin(admin_client, document, "title", "كلمة عن مكافحة التصحر")
    assert sorted(found_ids("مكافحة التصحر")) == sorted(document.paragraphs.values_list("pk", flat=True))


def test_a_paragraph_found_only_by_its_context_shows_the_start_of_its_text(client):
    quiet, _saying = heritage_resolution()
    response = client.get(reverse("search:results"), {"q": "التراث الثقافي"})
    assert response.status_code == 200
    assert quiet in [item["paragraph"] for item in response.context["items"]]
    assert "يطلب إلى الأمين العام متابعة تنفيذ هذا القرار." in response.content.decode()


def test_both_jerusalem_resolutions_are_found_by_their_subject():
    ingest(QUDS_1988)
    ingest(QUDS_1990)
    ids = found_ids(QUDS_SUBJECT)
    numbers = set(Paragraph.objects.filter(pk__in=ids).values_list("resolution__number", flat=True))
    assert numbers == {"18/17-س", "10/19-س"}
    resolutions = Resolution.objects.filter(number__in=["18/17-س", "10/19-س"])
    assert set(resolutions.values_list("subject", flat=True)) == {QUDS_SUBJECT}
    # Every paragraph of both is found: the subject is in each one's context.
    assert set(ids) == set(Paragraph.objects.filter(resolution__in=resolutions).values_list("pk", flat=True))


def test_on_the_corpus_the_jerusalem_subject_ranks_paragraphs_holding_its_words_first():
    """The measurement behind FIELD_BOOSTS["context"]: at 0.25 the paragraphs whose own text holds
    every word of the subject come before every paragraph that holds none of them."""
    for path in sorted(CORPUS.glob("*/*.txt")):
        ingest(f"{path.parent.name}/{path.name}")
    paragraphs = Paragraph.objects.in_bulk(found_ids(QUDS_SUBJECT))
    ranked = [paragraphs[pk] for pk in found_ids(QUDS_SUBJECT)]
    own = [rank for rank, paragraph in enumerate(ranked) if holds_every_word(paragraph, QUDS_SUBJECT)]
    context_only = [rank for rank, paragraph in enumerate(ranked) if holds_no_word(paragraph, QUDS_SUBJECT)]
    assert len(own) >= 9 and len(context_only) >= 10
    assert max(own) < min(context_only)
    assert FIELD_BOOSTS == {"text": 1.0, "context": 0.25}


def test_the_index_is_consistent_after_ingest_and_a_title_changed_behind_its_back_is_drift():
    document = ingest(QUDS_1990)
    out = io.StringIO()
    call_command("check_index", stdout=out)
    assert out.getvalue().strip().endswith("index consistent")
    # No signal: the index keeps the old title.
    Document.objects.filter(pk=document.pk).update(title="عنوان آخر")
    out = io.StringIO()
    with pytest.raises(Exception, match="."):
        call_command("check_index", stdout=out)
    assert f"drifted (fields differ): {document.paragraphs.count()}" in out.getvalue()
    assert "context" in out.getvalue()
