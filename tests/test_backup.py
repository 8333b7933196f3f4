"""Backup: dump the database, empty it, restore the dump, rebuild the index; nothing is lost or changed.

ops.backup's functions are tested directly, and the manage.py commands through their Command classes
(call_command accepts an instance, so this works before "ops" is in INSTALLED_APPS).
"""

from __future__ import annotations

import base64
import hashlib
import json

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from archive.models import AuditEntry, Document, Paragraph, Resolution, Session
from archive.sync import ingest_bytes
from ops import backup
from ops.management.commands.backup import Command as BackupCommand
from ops.management.commands.restore import Command as RestoreCommand
from search.models import SynonymGroup
from tests.helpers import UPLOADS, indexed_count, ingest_fixture

pytestmark = pytest.mark.django_db(transaction=True)

CORPUS_FILES = (
    "seeds/002_393cbb48b9883689.txt",
    "seeds/000_640f8b6c93fe03bc.txt",
    "raw/un-sc-res450-1979.txt",
    "raw/oic-cfm31-res30-aq.txt",
)
QUERIES = ("تعاون", "القدس", "مجلس الأمن", '"منظمة التعاون الإسلامي"')


def fill_archive() -> None:
    for name in CORPUS_FILES:
        ingest_fixture(name)
    # A PDF: raw bytes that are not text at all must come back byte for byte.
    pdf = UPLOADS / "cfm38-res32-s.pdf"
    ingest_bytes(pdf.read_bytes(), source_name=pdf.name)
    SynonymGroup.objects.create(names="أستانا\nأستانة\nنور سلطان", note="عاصمة كازاخستان")
    editor = User.objects.create_user("editor", "editor@example.org", "pw", is_staff=True)
    editor.user_permissions.set(Permission.objects.filter(codename__in=["change_document", "view_document"]))
    AuditEntry.objects.create(
        user=editor,
        username="editor",
        action=AuditEntry._meta.get_field("action").choices[0][0],
        object_type="archive.document",
        object_id=str(Document.objects.first().pk),
    )


def ms(moment):
    """Django's JSON serialiser keeps times to the millisecond (documented in ops/README.md)."""
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def snapshot(client) -> dict:
    """Everything a restore must give back: rows, raw bytes, links, and what searches find."""
    searches = {}
    for query in QUERIES:
        response = client.get(reverse("search:api"), {"q": query})
        assert response.status_code == 200
        data = response.json()
        searches[query] = (data["count"], [(item["paragraph_id"], item["text"]) for item in data["results"]])
    return {
        "documents": {
            d.pk: (hashlib.sha256(bytes(d.raw)).hexdigest(), d.checksum, d.title, ms(d.created_at), d.text)
            for d in Document.objects.all()
        },
        "document_sessions": sorted(Document.sessions.through.objects.values_list("document_id", "session_id")),
        "sessions": sorted(Session.objects.values_list("pk", "slug", "place", "start_date", "hijri_start")),
        "resolutions": sorted(Resolution.objects.values_list("pk", "number", "session_id", "document_id")),
        "paragraphs": sorted(
            Paragraph.objects.values_list("pk", "document_id", "position", "number", "kind", "text", "resolution_id")
        ),
        "synonyms": [(*row[:3], ms(row[3])) for row in SynonymGroup.objects.values_list("pk", "names", "note", "updated_at")],
        "users": sorted(User.objects.values_list("username", "password", "is_staff")),
        "permissions": sorted(
            User.objects.get(username="editor").user_permissions.values_list("content_type__app_label", "codename")
        ),
        "audit": [(*row[:3], ms(row[3])) for row in AuditEntry.objects.values_list("pk", "user__username", "object_id", "created_at")],
        "searches": searches,
    }


def empty_everything(search_index) -> None:
    call_command("flush", interactive=False, verbosity=0)
    call_command("clear_index", interactive=False, verbosity=0)
    assert Document.objects.count() == 0 and indexed_count(search_index) == 0


@pytest.mark.parametrize("name", ["archive.json", "archive.json.gz"])
def test_dump_flush_restore_gives_back_the_same_archive_and_searches(client, search_index, tmp_path, name):
    fill_archive()
    before = snapshot(client)
    assert all(count for count, _ in before["searches"].values()), "every query should find something"
    paragraphs = Paragraph.objects.count()
    assert indexed_count(search_index) == paragraphs

    path = tmp_path / name
    manifest = backup.dump(path)
    assert manifest["counts"]["archive.document"] == len(CORPUS_FILES) + 1
    assert manifest["counts"]["archive.paragraph"] == paragraphs
    assert manifest["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()

    empty_everything(search_index)
    result = backup.restore(path)

    assert result["documents_checked"] == len(CORPUS_FILES) + 1
    assert result["indexed"] == paragraphs == indexed_count(search_index)
    assert snapshot(client) == before


def test_the_dump_is_portable_json_with_raw_bytes_in_base64(tmp_path):
    ingest_fixture(CORPUS_FILES[0])
    path = tmp_path / "archive.json"
    backup.dump(path)
    rows = json.loads(path.read_text())
    models = {row["model"] for row in rows}
    assert {"archive.document", "archive.paragraph", "archive.session"} <= models
    assert not models & {"contenttypes.contenttype", "auth.permission", "sessions.session"}
    [document] = [row for row in rows if row["model"] == "archive.document"]
    raw = base64.b64decode(document["fields"]["raw"])
    assert hashlib.sha256(raw).hexdigest() == document["fields"]["checksum"]


def test_restore_refuses_a_database_that_already_holds_an_archive(tmp_path):
    ingest_fixture(CORPUS_FILES[0])
    path = tmp_path / "archive.json"
    backup.dump(path)
    with pytest.raises(backup.BackupError, match="already holds an archive"):
        backup.restore(path)
    # --flush empties it first, and the same archive comes back.
    paragraphs = Paragraph.objects.count()
    backup.restore(path, flush=True)
    assert Paragraph.objects.count() == paragraphs


def test_a_damaged_dump_is_refused_and_changes_nothing(tmp_path):
    ingest_fixture(CORPUS_FILES[0])
    path = tmp_path / "archive.json"
    backup.dump(path)
    call_command("flush", interactive=False, verbosity=0)
    path.write_text(path.read_text().replace("قرار", "قرر", 1))
    with pytest.raises(backup.BackupError, match="SHA-256"):
        backup.restore(path)
    assert Document.objects.count() == 0


def test_a_dump_whose_rows_do_not_match_the_manifest_is_rolled_back(tmp_path):
    ingest_fixture(CORPUS_FILES[0])
    path = tmp_path / "archive.json"
    backup.dump(path)
    call_command("flush", interactive=False, verbosity=0)
    manifest = json.loads(backup.manifest_path(path).read_text())
    manifest["counts"]["archive.paragraph"] += 1
    backup.manifest_path(path).write_text(json.dumps(manifest))
    with pytest.raises(backup.BackupError, match="row counts differ"):
        backup.restore(path)
    assert Document.objects.count() == 0 and Paragraph.objects.count() == 0


def test_the_commands(client, search_index, tmp_path, capsys):
    fill_archive()
    before = snapshot(client)
    path = tmp_path / "nightly.json.xz"
    call_command(BackupCommand(), str(path))
    assert f"{len(CORPUS_FILES) + 1} documents" in capsys.readouterr().out

    empty_everything(search_index)
    call_command(RestoreCommand(), str(path))
    out = capsys.readouterr().out
    assert "raw files match their checksums" in out and "search index rebuilt" in out
    assert snapshot(client) == before

    with pytest.raises(CommandError, match="already holds an archive"):
        call_command(RestoreCommand(), str(path))
    with pytest.raises(CommandError, match="must be named"):
        call_command(BackupCommand(), str(tmp_path / "nightly.sql"))
