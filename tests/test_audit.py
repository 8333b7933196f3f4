"""One audit trail says who uploaded, edited, re-parsed and deleted what, and when; admins read it and
nobody can change it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from archive.models import AuditEntry, Document
from tests.helpers import CORPUS, make_staff

pytestmark = pytest.mark.django_db(transaction=True)

SEED = CORPUS / "seeds" / "002_393cbb48b9883689.txt"


@pytest.fixture
def admin_client(client):
    client.force_login(make_staff("amina"))
    return client


def upload_and_confirm(client) -> Document:
    response = client.post(
        "/admin/archive/document/upload/",
        {"files": [SimpleUploadedFile(SEED.name, SEED.read_bytes())], "symbol": "OIC/CFM-38/RES/32"},
    )
    client.post(reverse("admin:archive_document_upload_confirm", args=[response.context["token"]]))
    return Document.objects.get()


def test_an_upload_an_edit_a_reparse_and_a_delete_each_leave_an_entry(admin_client):
    document = upload_and_confirm(admin_client)
    paragraph = document.paragraphs.first()
    url = reverse("admin:archive_paragraph_change", args=[paragraph.pk])
    response = admin_client.get(url)
    data = {bound.html_name: bound.value() for bound in response.context["adminform"].form if bound.value()}
    data["text"] = "نص معدل"
    assert admin_client.post(url, data).status_code == 302
    admin_client.post(
        reverse("admin:archive_document_changelist"), {"action": "reparse", "_selected_action": [document.pk]}
    )
    admin_client.post(reverse("admin:archive_document_delete", args=[document.pk]), {"post": "yes"})

    trail = list(AuditEntry.objects.order_by("id"))
    assert [(e.action, e.object_type) for e in trail] == [
        ("upload", "archive.document"),
        ("edit", "archive.paragraph"),
        ("reparse", "archive.document"),
        ("delete", "archive.document"),
    ]
    assert {e.username for e in trail} == {"amina"}
    assert all(e.checksum == document.checksum for e in trail)
    assert all(e.created_at is not None for e in trail)
    assert trail[0].details["overrides"] == {"symbol": "OIC/CFM-38/RES/32"}
    assert trail[0].details["source_name"] == SEED.name
    assert trail[3].object_label == document.title


def test_admins_read_the_trail_but_nobody_can_add_change_or_delete_entries(admin_client):
    upload_and_confirm(admin_client)
    entry = AuditEntry.objects.get()
    listing = admin_client.get(reverse("admin:archive_auditentry_changelist"))
    assert listing.status_code == 200
    assert "amina" in listing.content.decode()
    assert "سجل التغييرات" in listing.content.decode() and "رفع" in listing.content.decode()
    assert admin_client.get(reverse("admin:archive_auditentry_change", args=[entry.pk])).status_code == 200
    assert admin_client.get(reverse("admin:archive_auditentry_add")).status_code == 403
    assert admin_client.post(reverse("admin:archive_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    response = admin_client.post(
        reverse("admin:archive_auditentry_change", args=[entry.pk]), {"action": "upload", "username": "someone"}
    )
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.username == "amina"


def test_the_trail_outlives_the_user_who_made_it(admin_client):
    upload_and_confirm(admin_client)
    User.objects.filter(username="amina").delete()
    entry = AuditEntry.objects.get()
    assert entry.user is None and entry.username == "amina"


def test_a_refused_edit_leaves_no_entry(admin_client):
    document = upload_and_confirm(admin_client)
    url = reverse("admin:archive_document_change", args=[document.pk])
    response = admin_client.post(url, {"title": ""})  # invalid: the title is required
    assert response.status_code == 200
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["upload"]
