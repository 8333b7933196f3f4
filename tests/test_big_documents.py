"""Big documents stay linear: indexed in bounded batches without their source bytes, deleted in one index
write, edited from the paragraph list, and indexed by a background process when the admin stores them.

Memory and time are measured by bench/big_documents.py (1, 5 and 20 MB), not here; these tests check the
behaviour that keeps them bounded.
"""

from __future__ import annotations

import io
import re
import time

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from haystack import connections

from archive.admin_upload import FileReport
from archive.models import Document, Paragraph
from search import indexing
from tests import servers
from tests.helpers import CORPUS, found_ids, indexed_count, ingest_fixture, make_parsed_document, make_staff

pytestmark = pytest.mark.django_db(transaction=True)

SEED = CORPUS / "seeds" / "002_393cbb48b9883689.txt"  # CFM-38 resolution 32/38-س, 14 paragraphs


class Recorder:
    """Wraps one backend method: calls it, and records the size of what it was given."""

    def __init__(self, backend, name: str):
        self.original = getattr(backend, name)
        self.sizes: list[int] = []

    def __call__(self, *args, **kwargs):
        self.sizes.append(len(args[-1]))
        return self.original(*args, **kwargs)


def test_paragraphs_are_prepared_for_the_index_without_their_documents_source_bytes():
    ingest_fixture("seeds/002_393cbb48b9883689.txt")
    index = connections["default"].get_unified_index().get_index(Paragraph)
    paragraph = index.index_queryset().first()
    assert {"raw", "text"} <= paragraph.document.get_deferred_fields()
    assert index.full_prepare(paragraph)["sessions"] == ["oic-cfm-38"]


def test_pages_load_paragraphs_with_their_document_but_not_its_source_bytes():
    document = ingest_fixture("seeds/002_393cbb48b9883689.txt")
    resolution = document.resolutions.get()
    assert {"raw", "text"} <= next(iter(resolution.reading_order())).document.get_deferred_fields()
    assert {"raw", "text"} <= type(resolution).objects.with_document().get(
        pk=resolution.pk
    ).document.get_deferred_fields()
    # What is deferred still reads, from the database, when it is asked for.
    light = Document.objects.light().get(pk=document.pk)
    assert bytes(light.raw) == SEED.read_bytes()


def test_a_document_is_indexed_in_batches_of_bounded_size(monkeypatch, search_index):
    backend = search_index.get_backend()
    recorder = Recorder(backend, "update")
    monkeypatch.setattr(backend, "update", recorder)
    monkeypatch.setattr(indexing, "BATCH", 4)
    document = ingest_fixture("seeds/002_393cbb48b9883689.txt")
    count = document.paragraphs.count()
    assert count > 8
    assert recorder.sizes == [4] * (count // 4) + ([count % 4] if count % 4 else [])
    assert indexed_count(search_index) == count


def test_deleting_a_document_removes_all_its_paragraphs_from_the_index_in_one_write(
    monkeypatch, search_index
):
    document = ingest_fixture("seeds/002_393cbb48b9883689.txt")
    other = ingest_fixture("seeds/000_640f8b6c93fe03bc.txt")
    backend = search_index.get_backend()
    recorder = Recorder(backend, "remove_many")
    monkeypatch.setattr(backend, "remove_many", recorder)
    count = document.paragraphs.count()
    document.delete()
    assert recorder.sizes == [count]
    assert indexed_count(search_index) == other.paragraphs.count()


def test_a_delete_that_rolls_back_leaves_the_index_as_it_was_and_the_next_one_still_works(search_index):
    document = ingest_fixture("seeds/002_393cbb48b9883689.txt")
    count = document.paragraphs.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        Document.objects.get(pk=document.pk).delete()
        raise RuntimeError("the admin's transaction fails after the delete")
    assert Paragraph.objects.count() == count
    assert indexed_count(search_index) == count
    Document.objects.get(pk=document.pk).delete()
    assert indexed_count(search_index) == 0


def test_paragraphs_saved_in_one_transaction_are_reindexed_together(monkeypatch, search_index):
    document = ingest_fixture("seeds/002_393cbb48b9883689.txt")
    backend = search_index.get_backend()
    recorder = Recorder(backend, "update")
    monkeypatch.setattr(backend, "update", recorder)
    with transaction.atomic():
        for paragraph in document.paragraphs.all()[:5]:
            paragraph.text += " زنبقلورين"
            paragraph.save()
    assert recorder.sizes == [5]
    assert len(found_ids("زنبقلورين")) == 5


def test_index_document_reports_progress_and_refuses_unknown_ids(search_index):
    document = ingest_fixture("seeds/002_393cbb48b9883689.txt")
    search_index.get_backend().clear()
    out = io.StringIO()
    call_command("index_document", str(document.pk), stdout=out)
    count = document.paragraphs.count()
    assert f"document {document.pk}: {count} of {count} paragraphs indexed" in out.getvalue()
    assert indexed_count(search_index) == count
    assert indexing.index_progress(document) == indexing.IndexProgress(count, count, running=False)
    with pytest.raises(CommandError, match="no document with id 999999"):
        call_command("index_document", "999999", stdout=out)


def test_a_long_documents_admin_page_links_to_its_paragraph_list_instead_of_a_form_per_paragraph(
    client, settings, search_index
):
    client.force_login(make_staff())
    document = ingest_fixture("seeds/002_393cbb48b9883689.txt")
    url = reverse("admin:archive_document_change", args=[document.pk])
    settings.QARARAT_ADMIN_INLINE_PARAGRAPHS = 100
    page = client.get(url).content.decode()
    assert 'name="paragraphs-TOTAL_FORMS"' in page
    assert "مفهرسة: 14 من 14 فقرة." in page

    settings.QARARAT_ADMIN_INLINE_PARAGRAPHS = 5
    page = client.get(url).content.decode()
    assert 'name="paragraphs-TOTAL_FORMS"' not in page
    assert "14 فقرة، أكثر من أن تُعرض هنا للتحرير" in page
    assert f"/admin/archive/paragraph/?document__id__exact={document.pk}" in page
    listed = client.get(f"/admin/archive/paragraph/?document__id__exact={document.pk}")
    assert listed.status_code == 200
    assert listed.content.decode().count('name="_selected_action"') == 14

    # The page still saves: the title changes, the paragraphs stay, the index follows.
    form = {"title": "عنوان جديد", "kind": document.kind, "symbol": "", "date": "", "source_url": ""}
    form["sessions"] = [str(pk) for pk in document.sessions.values_list("pk", flat=True)]
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    document.refresh_from_db()
    assert document.title == "عنوان جديد" and document.paragraphs.count() == 14
    assert indexed_count(search_index) == 14


def test_a_long_documents_delete_page_counts_its_paragraphs_and_the_delete_removes_them_all(
    client, settings, search_index
):
    client.force_login(make_staff())
    document = ingest_fixture("seeds/002_393cbb48b9883689.txt")
    ingest_fixture("seeds/000_640f8b6c93fe03bc.txt")
    url = reverse("admin:archive_document_delete", args=[document.pk])
    settings.QARARAT_ADMIN_INLINE_PARAGRAPHS = 100
    listed = client.get(url).content.decode()
    paragraph_link = re.compile(r"/admin/archive/paragraph/\d+/change/")
    assert len(paragraph_link.findall(listed)) == 14  # Django's own list: a link per paragraph

    settings.QARARAT_ADMIN_INLINE_PARAGRAPHS = 5
    page = client.get(url).content.decode()
    assert "14 فقرة" in page and not paragraph_link.search(page)
    assert reverse("admin:archive_resolution_change", args=[document.resolutions.get().pk]) in page
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Document.objects.filter(pk=document.pk).exists()
    assert not Paragraph.objects.filter(document_id=document.pk).exists()
    assert indexed_count(search_index) == Paragraph.objects.count()


def test_an_incomplete_index_is_said_so_on_the_documents_admin_page(client, search_index):
    client.force_login(make_staff())
    document = ingest_fixture("seeds/002_393cbb48b9883689.txt")
    first = document.paragraphs.first()
    search_index.get_backend().remove_many([f"archive.paragraph.{first.pk}"])
    page = client.get(reverse("admin:archive_document_change", args=[document.pk])).content.decode()
    assert "الفهرسة غير مكتملة: 13 من 14 فقرة في الفهرس." in page


def test_the_upload_preview_shows_the_first_paragraphs_and_says_how_many_more_will_be_stored(monkeypatch):
    from archive import admin_upload

    monkeypatch.setattr(admin_upload, "PREVIEW_PARAGRAPHS", 2)
    parsed = make_parsed_document()
    report = FileReport(name="x.txt", size=1, parsed=parsed)
    assert len(report.paragraph_rows()) == min(2, len(parsed.paragraphs))
    assert report.hidden_paragraphs() == max(0, len(parsed.paragraphs) - 2)


# -- the real thing: gunicorn, the admin's upload, a background indexer ----------------------------------


@pytest.fixture
def server(tmp_path):
    """gunicorn over a fresh data folder where more than 3 paragraphs is a big document."""
    data = tmp_path / "site"
    data.mkdir()
    env = servers.environment(
        data,
        GUNICORN_WORKERS="1",
        GUNICORN_LOG_LEVEL="warning",
        QARARAT_BACKGROUND_INDEX_PARAGRAPHS="3",
        QARARAT_ADMIN_INLINE_PARAGRAPHS="3",
        DJANGO_SUPERUSER_PASSWORD="a long test password 1",
    )
    manage = servers.manage_command(env)
    manage("migrate", "--noinput", "-v0")
    manage("createsuperuser", "--noinput", "--username", "editor", "--email", "editor@example.org")
    process, url = servers.start_gunicorn(env, ready_path="/api/sessions/")
    yield {"url": url, "data": data}
    servers.stop(process)


def wait_until_indexed(browser, url: str, pk: int, total: int) -> str:
    """The document's change page once it says every paragraph is indexed (fails if the indexer stopped)."""
    deadline = time.monotonic() + 120
    while True:
        page = browser.get(f"{url}/admin/archive/document/{pk}/change/").text
        if f"مفهرسة: {total} من {total} فقرة." in page:
            return page
        assert "الفهرسة غير مكتملة" not in page, "the background indexer stopped short"
        assert time.monotonic() < deadline, page[-3000:]
        time.sleep(0.5)


def upload_seed(url: str):
    """A staff member's session, the upload's result page and the stored document's id."""
    browser = servers.staff_browser(url, "editor", "a long test password 1")
    preview = servers.upload_preview(browser, url, SEED.name, SEED.read_bytes())
    result = servers.confirm_upload(browser, url, preview)
    assert result.status_code == 200
    return browser, result, int(re.search(r"/admin/archive/document/(\d+)/change/", result.text).group(1))


@pytest.mark.django_db(transaction=False)
def test_a_big_upload_is_stored_at_once_and_indexed_by_a_background_process_with_visible_progress(server):
    url = server["url"]
    browser, result, pk = upload_seed(url)
    # Stored in full at once; the indexing, left to another process, had not finished when the page was made.
    assert "وفقراتها تُفهرس في الخلفية لطولها" in result.text

    page = wait_until_indexed(browser, url, pk, 14)
    assert 'name="paragraphs-TOTAL_FORMS"' not in page  # 14 paragraphs > 3: edited from the paragraph list
    log = (server["data"] / "logs" / "indexing.log").read_text()
    assert f"document {pk}: 14 paragraphs indexed" in log
    found = browser.get(f"{url}/api/search/", params={"q": "مؤتمر التفاعل وتدابير بناء الثقة"}).json()
    assert found["count"] >= 1
    assert not list((server["data"] / "indexing").glob("*.pid"))  # the indexer said it was done


@pytest.mark.django_db(transaction=False)
def test_index_again_from_the_document_list_restores_a_document_the_index_lost(server):
    url = server["url"]
    browser, _result, pk = upload_seed(url)
    wait_until_indexed(browser, url, pk, 14)
    query = {"q": "مؤتمر التفاعل وتدابير بناء الثقة"}
    assert browser.get(f"{url}/api/search/", params=query).json()["count"] >= 1
    # The index loses the document (a crash, a restored backup): its page says so, search no longer finds it.
    servers.manage_command(servers.environment(server["data"]))(
        "shell", "-c",
        "from haystack import connections; from archive.models import Paragraph; "
        f"ids = Paragraph.objects.filter(document_id={pk}).values_list('pk', flat=True); "
        "connections['default'].get_backend().remove_many([f'archive.paragraph.{i}' for i in ids])",
    )
    assert browser.get(f"{url}/api/search/", params=query).json()["count"] == 0
    assert "الفهرسة غير مكتملة: 0 من 14 فقرة" in browser.get(f"{url}/admin/archive/document/{pk}/change/").text

    changelist = browser.get(f"{url}/admin/archive/document/")
    done = browser.post(
        changelist.url,
        data={
            "csrfmiddlewaretoken": servers.csrf_token(changelist.text),
            "action": "index_again",
            "_selected_action": [str(pk)],
        },
        headers={"Referer": changelist.url},
    )
    assert done.status_code == 200 and "بدأت إعادة فهرسة 1 وثيقة في الخلفية" in done.text
    wait_until_indexed(browser, url, pk, 14)
    assert browser.get(f"{url}/api/search/", params=query).json()["count"] >= 1
