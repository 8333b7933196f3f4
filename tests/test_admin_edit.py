"""Admins edit sessions, documents, resolutions and paragraphs (paragraphs inline, reorderable) and delete
them; the search index follows every edit and delete; "re-parse from raw text" redoes a document."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from archive.ingest.overrides import Overrides
from archive.models import AuditEntry, Document, Paragraph, Resolution, Session
from archive.sync import ingest_bytes
from archive.uploads import keep_raw_file, kept_path
from tests.helpers import UPLOADS, found_ids, indexed_count, make_staff, stored_entries
from tests.helpers import ingest_fixture as ingest

pytestmark = pytest.mark.django_db(transaction=True)

SEED = "seeds/002_393cbb48b9883689.txt"


@pytest.fixture
def admin_client(client):
    client.force_login(make_staff())
    return client


def change_url(document) -> str:
    return reverse("admin:archive_document_change", args=[document.pk])


def form_data(response) -> dict:
    """The change form's current values, with its inline formsets, as the browser would post them."""
    data = {}

    def add(form):
        for bound in form:
            value = bound.value()
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            data[bound.html_name] = [str(v) for v in value] if isinstance(value, list | tuple) else str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for bound in formset.management_form:
            data[bound.html_name] = str(bound.value())
        for form in formset.forms:
            add(form)
    return data


def inline_prefix(response, paragraph) -> str:
    formset = response.context["inline_admin_formsets"][0].formset
    index = next(i for i, form in enumerate(formset.forms) if form.instance.pk == paragraph.pk)
    return f"{formset.prefix}-{index}"


def found(word: str) -> set[int]:
    return found_ids(word)


def test_editing_a_paragraph_in_its_document_page_reindexes_it(admin_client):
    document = ingest(SEED)
    paragraph = document.paragraphs.get(number="5")
    assert paragraph.pk in found("يشجع")
    response = admin_client.get(change_url(document))
    data = form_data(response)
    data[f"{inline_prefix(response, paragraph)}-text"] = "نص جديد عن الزراعة المستدامة"

    response = admin_client.post(change_url(document), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert paragraph.pk not in found("يشجع")
    assert paragraph.pk in found("الزراعة")
    entry = AuditEntry.objects.get(action="edit")
    assert entry.object_id == str(document.pk) and entry.checksum == document.checksum
    assert "فقرة" in str(entry.details["change"])


def test_editing_a_paragraph_on_its_own_page_reindexes_it(admin_client):
    document = ingest(SEED)
    paragraph = document.paragraphs.get(number="5")
    url = reverse("admin:archive_paragraph_change", args=[paragraph.pk])
    data = form_data(admin_client.get(url))
    data["text"] = "نص جديد عن الطاقة المتجددة"
    assert admin_client.post(url, data).status_code == 302
    assert paragraph.pk in found("الطاقة") and paragraph.pk not in found("يشجع")
    assert AuditEntry.objects.get(action="edit").object_type == "archive.paragraph"


def test_two_paragraphs_swap_positions_in_one_save(admin_client, search_index):
    document = ingest(SEED)
    first, second = document.paragraphs.order_by("position")[:2]
    response = admin_client.get(change_url(document))
    data = form_data(response)
    data[f"{inline_prefix(response, first)}-position"] = str(second.position)
    data[f"{inline_prefix(response, second)}-position"] = str(first.position)

    response = admin_client.post(change_url(document), data)

    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.position, second.position) == (2, 1)
    assert [p.pk for p in document.paragraphs.order_by("position")[:2]] == [second.pk, first.pk]
    assert indexed_count(search_index) == Paragraph.objects.count()


def test_two_paragraphs_cannot_share_a_position(admin_client):
    document = ingest(SEED)
    first, second = document.paragraphs.order_by("position")[:2]
    response = admin_client.get(change_url(document))
    data = form_data(response)
    data[f"{inline_prefix(response, second)}-position"] = str(first.position)

    response = admin_client.post(change_url(document), data)

    assert response.status_code == 200
    assert "مستعمل لفقرة أخرى" in response.content.decode()
    second.refresh_from_db()
    assert second.position == 2
    assert not AuditEntry.objects.exists()


def test_a_paragraph_deleted_inline_leaves_the_index(admin_client, search_index):
    document = ingest(SEED)
    paragraph = document.paragraphs.get(number="5")
    response = admin_client.get(change_url(document))
    data = form_data(response)
    data[f"{inline_prefix(response, paragraph)}-DELETE"] = "on"
    assert admin_client.post(change_url(document), data).status_code == 302
    assert not Paragraph.objects.filter(pk=paragraph.pk).exists()
    assert paragraph.pk not in found("يشجع")
    assert indexed_count(search_index) == Paragraph.objects.count()


def test_a_new_date_reaches_the_year_filter(admin_client, search_index):
    document = ingest(SEED)
    response = admin_client.get(change_url(document))
    data = form_data(response)
    data["date"] = "1999-01-02"
    assert admin_client.post(change_url(document), data).status_code == 302
    years = {entry["year"] for entry in stored_entries(search_index, document.pk).values()}
    assert years == {1999}


def test_the_raw_bytes_are_shown_not_editable(admin_client):
    document = ingest(SEED)
    page = admin_client.get(change_url(document)).content.decode()
    assert 'name="raw"' not in page and 'name="text"' not in page
    assert document.checksum in page
    assert reverse("archive:document-raw", args=[document.pk]) in page
    assert f"{len(bytes(document.raw)):,} بايت" in page


def test_deleting_a_document_in_the_admin_removes_it_from_search_and_from_disk(admin_client, search_index):
    kept = ingest("raw/oic-cfm20-res9-at.txt")
    raw = (UPLOADS / "cfm38-res32-s.docx").read_bytes()
    gone = ingest_bytes(
        raw, "res32.docx", on_stored=lambda d: keep_raw_file(raw, d.checksum, "res32.docx")
    ).document
    path = kept_path(gone.checksum, "res32.docx")
    assert path.read_bytes() == raw
    ids = set(gone.paragraphs.values_list("pk", flat=True))
    assert ids & found("أستانة")

    response = admin_client.post(reverse("admin:archive_document_delete", args=[gone.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert not Document.objects.filter(pk=gone.pk).exists()
    assert not ids & found("أستانة")
    assert indexed_count(search_index) == Paragraph.objects.count() == kept.paragraphs.count()
    assert not path.exists()
    entry = AuditEntry.objects.get(action="delete")
    assert entry.checksum == gone.checksum and entry.object_id == str(gone.pk)


def test_deleting_documents_from_the_list_removes_them_from_search(admin_client, search_index):
    documents = [ingest(SEED), ingest("raw/oic-cfm20-res9-at.txt")]
    response = admin_client.post(
        reverse("admin:archive_document_changelist"),
        {"action": "delete_selected", "_selected_action": [d.pk for d in documents], "post": "yes"},
    )
    assert response.status_code == 302
    assert Document.objects.count() == 0
    assert indexed_count(search_index) == 0
    assert AuditEntry.objects.filter(action="delete").count() == 2


def test_deleting_a_resolution_unlinks_its_paragraphs_in_the_index(admin_client, search_index):
    document = ingest(SEED)
    resolution = document.resolutions.get()
    before = {entry.get("resolution") for entry in stored_entries(search_index, document.pk).values()}
    assert resolution.number in before
    response = admin_client.post(reverse("admin:archive_resolution_delete", args=[resolution.pk]), {"post": "yes"})
    assert response.status_code == 302
    after = {entry.get("resolution") for entry in stored_entries(search_index, document.pk).values()}
    assert resolution.number not in after
    assert AuditEntry.objects.get(action="delete").object_type == "archive.resolution"


def test_deleting_a_session_takes_it_out_of_the_session_filter(admin_client, search_index):
    document = ingest(SEED)
    session = document.sessions.get()
    assert any(session.slug in entry["sessions"] for entry in stored_entries(search_index).values())
    response = admin_client.post(reverse("admin:archive_session_delete", args=[session.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Session.objects.filter(pk=session.pk).exists()
    entries = stored_entries(search_index, document.pk)
    assert len(entries) == document.paragraphs.count()
    assert all(not entry["sessions"] for entry in entries.values())


def test_editing_a_session_number_reaches_the_index(admin_client, search_index):
    document = ingest(SEED)
    session = document.sessions.get()
    url = reverse("admin:archive_session_change", args=[session.pk])
    data = form_data(admin_client.get(url))
    data["slug"] = "oic-cfm-380"
    assert admin_client.post(url, data).status_code == 302
    renamed = [entry for entry in stored_entries(search_index).values() if "oic-cfm-380" in entry["sessions"]]
    assert len(renamed) == document.paragraphs.count()


def reparse(client, *documents):
    return client.post(
        reverse("admin:archive_document_changelist"),
        {"action": "reparse", "_selected_action": [d.pk for d in documents]},
        follow=True,
    )


def test_reparsing_replaces_what_an_older_parser_stored(admin_client, search_index):
    document = ingest(SEED)
    expected = list(document.paragraphs.values_list("number", "kind", "text"))
    # An older parser's reading: fewer paragraphs, one split differently, an old version number.
    document.paragraphs.filter(position__gt=5).delete()
    Paragraph.objects.filter(document=document, position=1).update(text="قراءة قديمة")
    Document.objects.filter(pk=document.pk).update(parser_version="0")

    response = reparse(admin_client, document)

    assert "أُعيد تحليلها" in response.content.decode()
    document.refresh_from_db()
    assert list(document.paragraphs.values_list("number", "kind", "text")) == expected
    assert document.parser_version != "0"
    assert document.resolutions.get().number == "32/38-س"
    assert indexed_count(search_index) == Paragraph.objects.count()
    assert not found("قديمة")
    entry = AuditEntry.objects.get(action="reparse")
    assert entry.details["paragraphs_before"] == 5 and entry.details["paragraphs_after"] == len(expected)


def test_reparsing_applies_the_admins_upload_values_again(admin_client):
    raw = (UPLOADS / "cfm38-res32-s.pdf").read_bytes()
    overrides = Overrides(body="oic-cfm", session_number=39, symbol="X/39", date=datetime.date(2012, 1, 1))
    document = ingest_bytes(raw, "res32.pdf", overrides=overrides).document
    reparse(admin_client, document)
    document.refresh_from_db()
    assert [s.slug for s in document.sessions.all()] == ["oic-cfm-39"]
    assert (document.symbol, document.date) == ("X/39", datetime.date(2012, 1, 1))
    assert Resolution.objects.get().session.slug == "oic-cfm-39"


def test_reparsing_reports_each_document(admin_client):
    documents = [ingest(SEED), ingest("raw/oic-cfm20-res9-at.txt")]
    page = reparse(admin_client, *documents).content.decode()
    assert page.count("أُعيد تحليلها") == 2
    assert AuditEntry.objects.filter(action="reparse").count() == 2


def test_staff_who_may_only_view_documents_cannot_reparse_edit_or_delete(client):
    document = ingest(SEED)
    client.force_login(make_staff("viewer", superuser=False, permissions=("view_document", "view_paragraph")))
    before = list(document.paragraphs.values_list("pk", flat=True))
    reparse(client, document)
    assert list(document.paragraphs.values_list("pk", flat=True)) == before
    assert client.get(reverse("admin:archive_document_delete", args=[document.pk])).status_code == 403
    assert client.post(reverse("admin:archive_document_delete", args=[document.pk]), {"post": "yes"}).status_code == 403
    page = client.get(change_url(document)).content.decode()
    assert 'name="title"' not in page
    assert Document.objects.filter(pk=document.pk).exists()
    assert not AuditEntry.objects.exists()


def test_a_long_document_can_be_saved_with_all_its_paragraphs_inline(admin_client):
    from tests.helpers import make_document

    document = make_document()
    Paragraph.objects.bulk_create(Paragraph(document=document, position=n, text=f"فقرة رقم {n}") for n in range(1, 201))
    response = admin_client.get(change_url(document))
    data = form_data(response)
    data[f"{inline_prefix(response, document.paragraphs.get(position=200))}-text"] = "الفقرة الأخيرة"
    assert len(data) > 1000
    assert admin_client.post(change_url(document), data).status_code == 302
    assert document.paragraphs.get(position=200).text == "الفقرة الأخيرة"
