"""Admins upload files in the Django admin: preview what the parser read, confirm, and the document is
stored, kept on disk and searchable at once. Bad files get their reason and leave no trace."""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from archive.models import AuditEntry, Document, Paragraph
from search.engine import search
from tests.helpers import CORPUS, UPLOADS, indexed_count, make_staff

pytestmark = pytest.mark.django_db(transaction=True)

UPLOAD_URL = "/admin/archive/document/upload/"
SEED = CORPUS / "seeds" / "002_393cbb48b9883689.txt"  # CFM-38 resolution 32/38-س


def upload_file(name: str, raw: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, raw, content_type="application/octet-stream")


def preview(client, *files, **fields):
    return client.post(UPLOAD_URL, {"files": list(files), **fields})


def confirm(client, token):
    return client.post(reverse("admin:archive_document_upload_confirm", args=[token]))


def kept_files(upload_dir) -> list:
    """Files kept under the uploads folder (the staging folder is not the archive)."""
    if not upload_dir.exists():
        return []
    return [p for p in upload_dir.rglob("*") if p.is_file() and "staging" not in p.relative_to(upload_dir).parts]


@pytest.fixture
def admin_client(client):
    client.force_login(make_staff())
    return client


def test_the_upload_page_asks_anonymous_visitors_to_log_in(client):
    response = client.get(UPLOAD_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_logged_in_user_who_is_not_staff_is_sent_to_the_admin_login(client):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_user("reader"))
    response = client.get(UPLOAD_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_staff_without_the_add_document_permission_cannot_upload(client):
    client.force_login(make_staff("viewer", superuser=False, permissions=("view_document",)))
    assert client.get(UPLOAD_URL).status_code == 403
    response = preview(client, upload_file(SEED.name, SEED.read_bytes()))
    assert response.status_code == 403
    assert Document.objects.count() == 0


def test_staff_with_the_add_document_permission_can_upload(client):
    client.force_login(make_staff("clerk", superuser=False, permissions=("add_document", "view_document")))
    response = client.get(UPLOAD_URL)
    assert response.status_code == 200
    assert b'type="file"' in response.content and b"multiple" in response.content


def test_the_document_list_links_to_the_upload_page(admin_client):
    response = admin_client.get("/admin/archive/document/")
    assert UPLOAD_URL.encode() in response.content


def test_the_upload_pages_are_arabic_by_default_and_english_on_request(admin_client):
    page = admin_client.get(UPLOAD_URL).content.decode()
    assert "رفع وثائق" in page and 'value="معاينة"' in page and "رقم الدورة" in page
    raw = SEED.read_bytes()
    page = preview(admin_client, upload_file(SEED.name, raw)).content.decode()
    assert "راجع قبل الحفظ" in page and "قُرئ بصفته" in page and 'value="حفظ الملف"' in page
    for english in ("Check before storing", "Read as", "Title", "Session(s)", "Warnings", "Store 1 file"):
        assert english not in page

    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = admin_client.get(UPLOAD_URL).content.decode()
    assert "Upload documents" in page and 'value="Preview"' in page and "Session number" in page
    page = preview(admin_client, upload_file(SEED.name, raw)).content.decode()
    assert "Check before storing" in page and "Read as" in page and 'value="Store 1 file"' in page
    assert "Session 38" in page and "Operative paragraph" in page


def test_a_file_goes_from_preview_to_the_archive_and_is_searchable_at_once(admin_client, search_index, upload_dir):
    raw = SEED.read_bytes()
    response = preview(admin_client, upload_file(SEED.name, raw))
    assert response.status_code == 200
    page = response.content.decode()
    # The preview: session, resolution number, paragraph kinds, warnings; nothing stored yet.
    assert "الدورة 38" in page
    assert "32/38-س" in page
    assert "فقرة منطوق" in page and "فقرة ديباجة" in page
    assert "ملاحظات المعالجة" in page
    token = response.context["token"]
    assert token
    assert Document.objects.count() == 0
    assert indexed_count(search_index) == 0
    assert kept_files(upload_dir) == []

    response = confirm(admin_client, token)
    assert response.status_code == 200
    document = Document.objects.get()
    assert bytes(document.raw) == raw
    assert document.sessions.get().slug == "oic-cfm-38"
    assert document.resolutions.get().number == "32/38-س"
    # A link to the new document's page.
    assert f'href="{document.get_absolute_url()}"'.encode() in response.content
    assert admin_client.get(document.get_absolute_url()).status_code == 200
    # Searchable at once: the index holds every paragraph, the search page finds them.
    assert indexed_count(search_index) == document.paragraphs.count()
    assert set(search("يشجع").outcome.ids) & set(document.paragraphs.values_list("pk", flat=True))
    assert "يشجع" in admin_client.get("/search/", {"q": "يشجع"}).content.decode()
    # The raw file is kept byte for byte under the uploads folder, named by its checksum.
    kept = upload_dir / document.checksum[:2] / f"{document.checksum}.txt"
    assert kept.read_bytes() == raw
    assert kept_files(upload_dir) == [kept]
    # The staged copy is gone; the audit trail says who uploaded it.
    assert not any((upload_dir / "staging").iterdir())
    entry = AuditEntry.objects.get(action="upload")
    assert entry.username == "editor" and entry.object_id == str(document.pk)
    assert entry.checksum == document.checksum


def test_what_the_admin_gives_replaces_what_the_parser_found(admin_client):
    raw = (UPLOADS / "cfm38-res32-s.pdf").read_bytes()
    fields = {
        "body": "oic-cfm",
        "session_number": "39",
        "symbol": "OIC/CFM-39/2012/RES",
        "date": "2012-11-15",
        "source_url": "https://www.oic-oci.org/docs/res32.pdf",
    }
    response = preview(admin_client, upload_file("res32.pdf", raw), **fields)
    page = response.content.decode()
    assert "الدورة 39" in page and "OIC/CFM-39/2012/RES" in page and "2012-11-15" in page
    # The admin's choices are noted in the preview, in the reader's language.
    assert "حدد المشرف الدورة: oic-cfm-39 (وجد المحلل: oic-cfm-38)." in page
    confirm(admin_client, response.context["token"])
    document = Document.objects.get()
    assert [s.slug for s in document.sessions.all()] == ["oic-cfm-39"]
    assert document.resolutions.get().session.slug == "oic-cfm-39"
    assert document.symbol == "OIC/CFM-39/2012/RES"
    assert document.date.isoformat() == "2012-11-15"
    assert document.source_url == "https://www.oic-oci.org/docs/res32.pdf"
    assert document.overrides["session_number"] == 39


@pytest.mark.parametrize("name", ["cfm38-res32-s.pdf", "cfm38-res32-s.docx"])
def test_pdf_and_word_uploads_keep_their_bytes_and_show_their_text(admin_client, upload_dir, name):
    raw = (UPLOADS / name).read_bytes()
    response = preview(admin_client, upload_file(name, raw))
    confirm(admin_client, response.context["token"])
    document = Document.objects.get()
    assert bytes(document.raw) == raw
    assert document.encoding == name.rsplit(".", 1)[1]
    text = admin_client.get(reverse("archive:document-raw", args=[document.pk])).content.decode()
    assert "أستانة" in text
    assert (upload_dir / document.checksum[:2] / f"{document.checksum}.{document.encoding}").read_bytes() == raw


def test_several_files_at_once_each_get_a_preview_and_a_result(admin_client, search_index):
    files = [
        upload_file(SEED.name, SEED.read_bytes()),
        upload_file("cfm20.txt", (CORPUS / "raw" / "oic-cfm20-res9-at.txt").read_bytes()),
        upload_file("empty.txt", b""),
    ]
    response = preview(admin_client, *files)
    reports = response.context["reports"]
    assert [bool(r.error) for r in reports] == [False, False, True]
    assert "empty" in reports[2].error
    assert response.context["good"] == 2
    response = confirm(admin_client, response.context["token"])
    results = response.context["reports"]
    assert [r.name for r in results] == [SEED.name, "cfm20.txt"]
    assert all(r.document and not r.error for r in results)
    assert Document.objects.count() == 2
    assert indexed_count(search_index) == Paragraph.objects.count()


def _existing_file():
    """The seed file, once already in the archive."""
    from archive.sync import ingest_bytes

    ingest_bytes(SEED.read_bytes(), SEED.name)
    return SEED.name, SEED.read_bytes()


def page(extra: str) -> tuple[str, bytes]:
    """The seed resolution as an HTML page (one paragraph a line), with extra markup at the end."""
    paragraphs = "".join(f"<p>{line}</p>\n" for line in SEED.read_text().splitlines() if line.strip())
    return "page.html", f"<!doctype html><html><body>{paragraphs}{extra}</body></html>".encode()


BAD_FILES = {
    "empty": (lambda: ("empty.txt", b""), "empty"),
    "blank": (lambda: ("blank.txt", b" \n\t \n"), "empty"),
    "binary junk": (lambda: ("junk.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8), "binary"),
    "wrong extension": (lambda: ("resolution.exe", "قرار بشأن القدس".encode()), "unsupported file type .exe"),
    "no extension": (lambda: ("resolution", "قرار بشأن القدس".encode()), "unsupported file type"),
    "PDF named .txt": (lambda: ("res32.txt", (UPLOADS / "cfm38-res32-s.pdf").read_bytes()), "content is a PDF"),
    "Word named .pdf": (lambda: ("res32.pdf", (UPLOADS / "cfm38-res32-s.docx").read_bytes()), "is named .pdf"),
    "ODT named .docx": (lambda: ("decl.docx", (UPLOADS / "astana-declaration.odt").read_bytes()), "ZIP archive"),
    "encrypted PDF": (lambda: ("encrypted.pdf", (UPLOADS / "encrypted.pdf").read_bytes()), "password"),
    "scanned PDF": (lambda: ("scanned.pdf", (UPLOADS / "scanned.pdf").read_bytes()), "text"),
    "undecodable": (lambda: ("bad.txt", SEED.read_bytes()[:300] + b"\xff\xfe\x80" + SEED.read_bytes()[300:]), "corrupt UTF-8"),
    "truncated UTF-8": (lambda: ("cut.txt", "قرار بشأن القدس الشريف".encode()[:-1]), "truncated"),
    "HTML with <script>": (lambda: page("<script>alert(1)</script>"), "عناصر <script>"),
    "HTML with an onclick handler": (lambda: page('<p onclick="steal()">اضغط هنا</p>'), "معالجات أحداث"),
    "HTML with a javascript: link": (lambda: page('<p><a href="javascript:x()">رابط</a></p>'), "روابط javascript:"),
    # The bypasses of issue 10: the page is parsed, not matched against patterns (tests/ingest/test_active_content.py).
    "HTML with <svg/onload>": (
        lambda: page("<svg/onload=alert(1)>"),
        "الصفحة تحتوي على شيفرة برمجية (معالجات أحداث on…): احفظها دون شيفرة",
    ),
    "HTML with an entity-encoded javascript: link": (
        lambda: page('<p><a href="&#106;avascript:alert(1)">رابط</a></p>'),
        "(روابط javascript: أو vbscript:)",
    ),
    "HTML with a tab inside javascript:": (
        lambda: page('<p><a href="jav&#x09;ascript:alert(1)">رابط</a></p>'),
        "(روابط javascript: أو vbscript:)",
    ),
    "HTML with a script written as text": (
        lambda: page("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        "(شيفرة مكتوبة نصًّا (مثل &lt;script&gt;))",
    ),
    "duplicate": (_existing_file, "الملف موجود في الأرشيف"),
    # Issue 13: text with no Arabic is not an Arabic document.
    "random ASCII": (
        lambda: ("noise.txt", "".join(chr(33 + (i * 7919) % 90) for i in range(3000)).encode()),
        "النص ليس عربيًا: 0٪ فقط من حروفه عربية",
    ),
    "English lorem ipsum": (
        lambda: ("lorem.txt", ("Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n" * 40).encode()),
        "(not Arabic text: only 0% of its letters are Arabic)",
    ),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_a_bad_file_gets_its_reason_and_leaves_no_trace(admin_client, search_index, upload_dir, case):
    make, message = BAD_FILES[case]
    name, raw = make()
    documents, paragraphs, audit = Document.objects.count(), Paragraph.objects.count(), AuditEntry.objects.count()
    indexed = indexed_count(search_index)

    response = preview(admin_client, upload_file(name, raw))

    assert response.status_code == 200
    [report] = response.context["reports"]
    assert message in report.error
    assert escape(report.error) in response.content.decode()
    assert response.context["token"] == ""  # nothing to confirm
    assert b'id="confirm-form"' not in response.content
    assert (Document.objects.count(), Paragraph.objects.count()) == (documents, paragraphs)
    assert AuditEntry.objects.count() == audit
    assert indexed_count(search_index) == indexed
    assert kept_files(upload_dir) == []
    staging = upload_dir / "staging"
    assert not staging.exists() or not any(staging.iterdir())


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(admin_client, settings, search_index, upload_dir):
    settings.QARARAT_MAX_UPLOAD_BYTES = 1000
    response = preview(admin_client, upload_file(SEED.name, SEED.read_bytes()))
    [report] = response.context["reports"]
    assert "أكبر من المسموح" in report.error and "1,000 بايت" in report.error
    assert response.context["token"] == ""
    assert Document.objects.count() == 0
    assert indexed_count(search_index) == 0
    assert kept_files(upload_dir) == []


def test_the_same_page_without_scripts_is_accepted(admin_client):
    name, raw = page("<p>آخر فقرة</p>")
    response = preview(admin_client, upload_file(name, raw))
    [report] = response.context["reports"]
    assert report.error == ""
    assert report.parsed.resolutions[0].number == "32/38-س"
    assert response.context["token"]


def test_the_same_file_twice_in_one_upload_is_stored_once(admin_client):
    raw = SEED.read_bytes()
    response = preview(admin_client, upload_file("a.txt", raw), upload_file("b.txt", raw))
    reports = response.context["reports"]
    assert not reports[0].error and "الملف مكرر" in reports[1].error
    confirm(admin_client, response.context["token"])
    assert Document.objects.count() == 1


def test_a_file_stored_between_preview_and_confirm_is_reported_and_not_stored_again(admin_client, upload_dir):
    raw = SEED.read_bytes()
    first = preview(admin_client, upload_file(SEED.name, raw)).context["token"]
    second = preview(admin_client, upload_file(SEED.name, raw)).context["token"]
    confirm(admin_client, first)
    response = confirm(admin_client, second)
    [report] = response.context["reports"]
    assert "الملف موجود في الأرشيف" in report.error
    assert Document.objects.count() == 1
    assert AuditEntry.objects.filter(action="upload").count() == 1
    assert len(kept_files(upload_dir)) == 1


def test_cancelling_stores_nothing_and_drops_the_staged_files(admin_client, upload_dir):
    token = preview(admin_client, upload_file(SEED.name, SEED.read_bytes())).context["token"]
    assert (upload_dir / "staging" / token).is_dir()
    response = admin_client.post(reverse("admin:archive_document_upload_cancel", args=[token]))
    assert response.status_code == 302
    assert not (upload_dir / "staging" / token).exists()
    assert Document.objects.count() == 0
    # A cancelled upload cannot be confirmed afterwards.
    response = confirm(admin_client, token)
    assert response.status_code == 302
    assert Document.objects.count() == 0


def test_an_upload_can_only_be_confirmed_by_its_uploader(admin_client, client):
    token = preview(admin_client, upload_file(SEED.name, SEED.read_bytes())).context["token"]
    other = Client()
    other.force_login(make_staff("other"))
    response = confirm(other, token)
    assert response.status_code == 302
    assert Document.objects.count() == 0
    assert confirm(admin_client, token).status_code == 200
    assert Document.objects.count() == 1


def test_confirming_needs_a_post(admin_client):
    token = preview(admin_client, upload_file(SEED.name, SEED.read_bytes())).context["token"]
    assert admin_client.get(reverse("admin:archive_document_upload_confirm", args=[token])).status_code == 405
    assert Document.objects.count() == 0


def test_an_expired_upload_cannot_be_confirmed(admin_client, monkeypatch):
    from archive import uploads

    token = preview(admin_client, upload_file(SEED.name, SEED.read_bytes())).context["token"]
    monkeypatch.setattr(uploads, "STAGING_MAX_AGE", -1)
    response = confirm(admin_client, token)
    assert response.status_code == 302
    assert Document.objects.count() == 0


def test_a_post_without_the_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_staff())
    response = preview(client, upload_file(SEED.name, SEED.read_bytes()))
    assert response.status_code == 403
    assert Document.objects.count() == 0


def test_a_failure_while_storing_leaves_no_document_file_audit_entry_or_index_entry(
    admin_client, search_index, upload_dir, monkeypatch
):
    from archive import sync
    from archive.ingest.errors import IngestError

    token = preview(admin_client, upload_file(SEED.name, SEED.read_bytes())).context["token"]

    def failing(*args, **kwargs):
        raise IngestError("simulated failure half way through storing")

    # Fails after the session and the document rows were written, inside the transaction.
    monkeypatch.setattr(sync, "_store_resolution", failing)
    response = confirm(admin_client, token)
    [report] = response.context["reports"]
    assert "simulated failure" in report.error
    assert Document.objects.count() == 0 and Paragraph.objects.count() == 0
    assert AuditEntry.objects.count() == 0
    assert indexed_count(search_index) == 0
    assert kept_files(upload_dir) == []


def test_two_uploads_confirmed_at_once_both_land(search_index, upload_dir):
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:memorydb"):
        pytest.skip("needs a file-based test database: SQLite's shared in-memory cache does not wait for locks")
    sources = [SEED, CORPUS / "raw" / "oic-cfm20-res9-at.txt"]
    clients, tokens = [], []
    for index, path in enumerate(sources):
        client = Client()
        client.force_login(make_staff(f"editor{index}"))
        tokens.append(preview(client, upload_file(path.name, path.read_bytes())).context["token"])
        clients.append(client)
    barrier = threading.Barrier(len(sources))
    responses, errors = [None] * len(sources), []

    def run(index):
        try:
            barrier.wait()
            responses[index] = confirm(clients[index], tokens[index])
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(sources))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert [r.status_code for r in responses] == [200, 200]
    assert [r.context["reports"][0].error for r in responses] == ["", ""]
    assert Document.objects.count() == 2
    assert indexed_count(search_index) == Paragraph.objects.count()
    assert AuditEntry.objects.filter(action="upload").count() == 2
    assert len(kept_files(upload_dir)) == 2


def test_the_preview_warns_of_a_new_session_and_a_date_in_the_future_and_not_of_a_known_session(admin_client):
    future = (UPLOADS.parent / "corpus" / "seeds" / SEED.name).read_text().replace("2011", "2091")
    response = preview(admin_client, upload_file("future.txt", future.encode()))
    cautions = response.context["reports"][0].cautions()
    assert any("سيُنشأ بحفظ هذا الملف سجل دورة جديدة" in caution and "الدورة 38" in caution for caution in cautions)
    assert any(caution.startswith("تاريخ الوثيقة في المستقبل: 2091") for caution in cautions), cautions
    assert 'class="messagelist upload-cautions"' in response.content.decode()

    confirm(admin_client, preview(admin_client, upload_file(SEED.name, SEED.read_bytes())).context["token"])
    again = preview(admin_client, upload_file("again.txt", SEED.read_text().replace("يشجع", "يحث").encode()))
    assert again.context["reports"][0].cautions() == []  # the session is known now, the date is past


def test_sizes_read_in_western_digits_and_the_result_message_starts_with_words(admin_client):
    from archive.templatetags.archive_display import file_size

    assert [file_size(n) for n in (512, 2048, 20 * 1024 * 1024)] == ["512 bytes", "2.0 KB", "20.0 MB"]
    response = preview(admin_client, upload_file("cfm-99-res-7.txt", SEED.read_bytes()))
    assert "KB)" in response.content.decode()
    confirmed = admin_client.post(
        reverse("admin:archive_document_upload_confirm", args=[response.context["token"]]), follow=True
    )
    page = confirmed.content.decode()
    assert "cfm-99-res-7.txt" in page and "Cfm-99-res-7.txt" not in page


def test_the_date_box_asks_for_the_iso_form_its_help_text_names(admin_client):
    page = admin_client.get(reverse("admin:archive_document_upload")).content.decode()
    assert 'type="text" name="date"' in page and 'placeholder="YYYY-MM-DD"' in page and 'type="date"' not in page
