import datetime
from unittest import mock

import pytest
from django.db import DatabaseError

from archive.ingest import records
from archive.ingest.errors import IngestError
from archive.ingest.records import ParsedParagraph, ParsedResolution
from archive.models import Document, Paragraph, Resolution, Session
from archive.sync import ingest_bytes, reparse_document, store_document
from tests.helpers import CORPUS, make_parsed_document, make_parsed_session, unique_raw

pytestmark = pytest.mark.django_db


def store(parsed, raw=None):
    return store_document(parsed, raw=raw or unique_raw(), encoding="utf-8", source_name="test.txt")


def table_counts():
    return [model.objects.count() for model in (Document, Session, Resolution, Paragraph)]


def test_it_stores_the_document_with_its_session_resolution_and_paragraphs_in_reading_order():
    document, created = store(make_parsed_document())

    assert created
    session = document.sessions.get()
    assert session.slug == "oic-cfm-38"
    assert session.place == "أستانا"
    resolution = document.resolutions.get()
    assert (resolution.session, resolution.number) == (session, "32/38-س")
    paragraphs = list(document.paragraphs.order_by("position"))
    assert [p.position for p in paragraphs] == [1, 2, 3]
    assert [p.kind for p in paragraphs] == [records.PREAMBULAR, records.OPERATIVE, records.OPERATIVE]
    assert [p.number for p in paragraphs] == ["", "1", "٢"]
    assert all(p.resolution == resolution for p in paragraphs)
    assert len(document.checksum) == 64


def test_storing_the_same_bytes_twice_is_a_no_op():
    raw = unique_raw()
    first, created_first = store(make_parsed_document(), raw=raw)
    before = table_counts()

    second, created_second = store(make_parsed_document(title="عنوان آخر"), raw=raw)

    assert (created_first, created_second) == (True, False)
    assert second.pk == first.pk
    assert table_counts() == before


def test_an_error_in_the_middle_of_storing_leaves_the_database_unchanged():
    before = table_counts()

    with mock.patch.object(Paragraph.objects, "bulk_create", side_effect=DatabaseError("disk full")):
        with pytest.raises(DatabaseError):
            store(make_parsed_document())

    assert table_counts() == before == [0, 0, 0, 0]


def test_ingest_bytes_turns_a_database_error_into_an_ingest_error_and_stores_nothing():
    raw = (CORPUS / "raw" / "oic-cfm9-res8-aq.txt").read_bytes()

    with mock.patch.object(Paragraph.objects, "bulk_create", side_effect=DatabaseError("disk full")):
        with pytest.raises(IngestError, match="disk full"):
            ingest_bytes(raw, "oic-cfm9-res8-aq.txt")

    assert table_counts() == [0, 0, 0, 0]


def test_sessions_with_the_same_key_are_merged_across_documents():
    first, _ = store(make_parsed_document())
    second, _ = store(make_parsed_document(resolutions=[], paragraphs=[ParsedParagraph("بيان")]))
    other, _ = store(make_parsed_document(sessions=[make_parsed_session(extraordinary=True)], resolutions=[]))

    assert first.sessions.get() == second.sessions.get()
    assert other.sessions.get().slug == "oic-cfm-ext-38"
    assert Session.objects.count() == 2
    assert first.sessions.get().documents.count() == 2


def test_a_later_document_fills_empty_session_fields_but_never_overwrites_filled_ones():
    sparse = make_parsed_session(theme="", country="", hijri_start="", start_date=None)
    store(make_parsed_document(sessions=[sparse]))

    fuller = make_parsed_session(place="ألماتي", start_date=datetime.date(2011, 6, 28))
    document, _ = store(make_parsed_document(sessions=[fuller], resolutions=[]))

    session = Session.objects.get()
    assert session.theme == "السلام والتعاون والتنمية"
    assert session.country == "كازاخستان"
    assert session.hijri_start == "1432-07-26"
    assert session.start_date == datetime.date(2011, 6, 28)
    assert session.place == "أستانا"
    assert {
        "code": "session-conflict",
        "params": {"session": "oic-cfm-38", "field": "place", "old": "أستانا", "new": "ألماتي"},
    } in document.warnings


def test_a_resolution_continued_in_a_second_document_gets_the_new_paragraphs():
    page_one = make_parsed_document(
        resolutions=[ParsedResolution(number="32/38-س", printed_number="32/38 - س")],
    )
    first, _ = store(page_one)
    page_two = make_parsed_document(
        title="تابع القرار رقم 32/38-س",
        paragraphs=[
            ParsedParagraph("يقرر متابعة المسألة", kind=records.OPERATIVE, number="3", resolution_index=0)
        ],
    )

    second, created = store(page_two)

    assert created
    resolution = Resolution.objects.get()
    assert resolution.document == first
    assert resolution.subject == "التعاون مع المنظمات الدولية والإقليمية"
    assert resolution.paragraphs.count() == 4
    assert second.paragraphs.get().position == 1
    assert list(second.linked_resolutions()) == [resolution]


def test_an_unnumbered_session_of_another_body_is_stored_with_an_unnumbered_slug():
    session = make_parsed_session(body=records.OTHER, organ="puic", number=None)

    first, _ = store(make_parsed_document(sessions=[session], resolutions=[], kind=records.DECLARATION))
    second, _ = store(make_parsed_document(sessions=[session], resolutions=[], kind=records.DECLARATION))

    assert first.sessions.get().slug == "other-puic-unnumbered"
    assert first.sessions.get() == second.sessions.get()


def test_a_resolution_without_a_session_keeps_its_paragraphs_and_says_why():
    parsed = make_parsed_document(sessions=[])

    document, _ = store(parsed)

    assert Resolution.objects.count() == 0
    assert document.paragraphs.count() == 3
    assert any(warning["code"] == "resolution-not-stored" for warning in document.warnings)


def test_ingest_bytes_refuses_a_file_over_the_size_limit(settings):
    settings.QARARAT_MAX_UPLOAD_BYTES = 10

    with pytest.raises(IngestError, match="أكبر من المسموح"):
        ingest_bytes("نص عربي طويل".encode(), "big.txt")

    assert Document.objects.count() == 0


def test_ingest_bytes_stores_a_real_file_once_with_its_encoding_and_source_url():
    raw = (CORPUS / "raw" / "oic-cfm9-res8-aq.txt").read_bytes()

    first = ingest_bytes(raw, "oic-cfm9-res8-aq.txt", "https://example.org/cfm9")
    second = ingest_bytes(raw, "oic-cfm9-res8-aq.txt", "https://example.org/cfm9")

    assert (first.created, second.created) == (True, False)
    assert first.document.pk == second.document.pk
    assert first.document.encoding == "utf-8"
    assert first.document.source_url == "https://example.org/cfm9"
    assert bytes(first.document.raw) == raw
    assert first.document.paragraphs.exists()


def test_a_new_document_is_indexed_once_after_commit(django_capture_on_commit_callbacks, search_index):
    backend = search_index.get_backend()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        document, _ = store(make_parsed_document())
        assert backend.document_count() == 0  # nothing reaches the index before commit

    scheduled = [func for func in callbacks if getattr(func, "qararat_kind", None) == ("document", document.pk)]
    assert len(scheduled) == 1
    assert backend.document_count() == document.paragraphs.count() > 0


def test_a_reparse_gives_a_document_stored_by_the_old_parser_the_subject_under_its_lone_bishan():
    raw = (CORPUS / "raw" / "oic-cfm19-res10-s-quds.txt").read_bytes()
    document = ingest_bytes(raw, "oic-cfm19-res10-s-quds.txt").document
    # What parser version 1 stored: the subject under "بشأن" unread, the page taken for a continuation.
    document.resolutions.update(subject="")
    Document.objects.filter(pk=document.pk).update(title="القرار 10/19-س (تابع)", parser_version="1")

    reparse_document(Document.objects.get(pk=document.pk))

    document = Document.objects.get(pk=document.pk)
    assert document.title == "القرار 10/19-س بشأن مدينة القدس الشريف"
    assert document.parser_version == records.PARSER_VERSION
    assert list(document.resolutions.values_list("number", "subject")) == [("10/19-س", "مدينة القدس الشريف")]
