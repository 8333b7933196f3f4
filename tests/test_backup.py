"""Backup: dump the database, empty it, restore the dump, rebuild the index; nothing is lost or changed.

ops.backup's functions are tested directly, and the manage.py commands through their Command classes
(call_command accepts an instance, so this works before "ops" is in INSTALLED_APPS).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import lzma

import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.sessions.models import Session as LoginSession
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
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
        "document_sessions": sorted(
            Document.sessions.through.objects.values_list("document_id", "session_id")
        ),
        "sessions": sorted(Session.objects.values_list("pk", "slug", "place", "start_date", "hijri_start")),
        "resolutions": sorted(Resolution.objects.values_list("pk", "number", "session_id", "document_id")),
        "paragraphs": sorted(
            Paragraph.objects.values_list(
                "pk", "document_id", "position", "number", "kind", "text", "resolution_id"
            )
        ),
        "synonyms": [
            (*row[:3], ms(row[3]))
            for row in SynonymGroup.objects.values_list("pk", "names", "note", "updated_at")
        ],
        "users": sorted(User.objects.values_list("username", "password", "is_staff")),
        "permissions": sorted(
            User.objects.get(username="editor").user_permissions.values_list(
                "content_type__app_label", "codename"
            )
        ),
        "audit": [
            (*row[:3], ms(row[3]))
            for row in AuditEntry.objects.values_list("pk", "user__username", "object_id", "created_at")
        ],
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


def test_citations_and_series_come_back_as_they_were(search_index, tmp_path):
    from archive.models import Citation

    for name in ("raw/un-sc-res450-1979.txt", "raw/un-sc-res474-1980.txt", "raw/oic-cfm17-res18-s-quds.txt",
                 "raw/oic-cfm19-res10-s-quds.txt"):
        ingest_fixture(name)
    citations = sorted(Citation.objects.values_list("paragraph_id", "start", "number", "body", "symbol", "resolution_id"))
    series = sorted(Resolution.objects.values_list("pk", "series_id", "series_fixed"))
    assert any(resolution for *_, resolution in citations)
    path = tmp_path / "archive.json"
    backup.dump(path)
    empty_everything(search_index)
    backup.restore(path)
    assert sorted(Citation.objects.values_list("paragraph_id", "start", "number", "body", "symbol", "resolution_id")) == citations
    assert sorted(Resolution.objects.values_list("pk", "series_id", "series_fixed")) == series


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


# A restore --flush over a populated archive, from a dump that fails one check. Whatever the check and
# wherever it fails (before the load, halfway through it, after it), the database keeps exactly what it
# held (documents, paragraphs, users: every backed-up table) and the search index too.


def read_rows(path) -> list:
    with backup.open_dump(path) as stream:
        return json.load(stream)


def write_dump(path, data: bytes) -> None:
    """Replace the dump's content (compressed by its name) and put its new SHA-256 in the manifest, so the
    SHA-256 check passes and a deeper check has to catch what is wrong."""
    opener = {".gz": gzip.open, ".xz": lzma.open}.get(path.suffix, open)
    with opener(path, "wb") as stream:
        stream.write(data)
    rehash(path)


def rehash(path) -> None:
    manifest = json.loads(backup.manifest_path(path).read_text())
    manifest["sha256"] = backup.file_sha256(path)
    backup.manifest_path(path).write_text(json.dumps(manifest))


def rewrite_rows(path, change) -> None:
    rows = read_rows(path)
    change(rows)
    write_dump(path, json.dumps(rows).encode())


def change_manifest_count(path, label, by) -> None:
    manifest = json.loads(backup.manifest_path(path).read_text())
    manifest["counts"][label] += by
    backup.manifest_path(path).write_text(json.dumps(manifest))


def first_row(rows, label) -> dict:
    return next(row for row in rows if row["model"] == label)


def the_pdf(rows) -> dict:
    return next(
        row for row in rows if row["model"] == "archive.document" and row["fields"]["encoding"] == "pdf"
    )


def damage_the_file(path):
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def count_off_by_one_in_the_manifest(path):
    change_manifest_count(path, "archive.paragraph", +1)


def a_paragraph_missing_from_the_dump(path):
    def drop(rows):
        rows.remove(first_row(rows, "archive.paragraph"))

    rewrite_rows(path, drop)


def one_raw_byte_changed(path):
    def flip(rows):
        fields = the_pdf(rows)["fields"]
        raw = bytearray(base64.b64decode(fields["raw"]))
        raw[100] ^= 0x01
        fields["raw"] = base64.b64encode(bytes(raw)).decode()

    rewrite_rows(path, flip)
    return the_pdf(read_rows(path))["pk"]


def cut_short(path):
    with backup.open_dump(path) as stream:
        data = stream.read()
    write_dump(path, data[: len(data) * 2 // 3])


def compressed_file_cut_short(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    rehash(path)


def a_json_object_not_a_list(path):
    write_dump(path, json.dumps({"rows": read_rows(path)}).encode())


def a_paragraph_of_a_missing_document(path):
    def orphan(rows):
        first_row(rows, "archive.paragraph")["fields"]["document"] = 999_999

    rewrite_rows(path, orphan)


def a_bad_field_value(path):
    def spoil(rows):
        first_row(rows, "archive.paragraph")["fields"]["position"] = "الأولى"

    rewrite_rows(path, spoil)


def a_row_twice_with_the_manifest_agreeing(path):
    """Counts in the dump match the manifest, but loading the row twice stores it once: only the check of
    the loaded database, after the tables were emptied and refilled, can see it."""
    rewrite_rows(path, lambda rows: rows.append(first_row(rows, "search.synonymgroup")))
    change_manifest_count(path, "search.synonymgroup", +1)


FAILURES = {
    # name: (dump file name, what is done to it, the error it must give, whether the check runs before the load)
    "sha256 mismatch": ("archive.json", damage_the_file, "does not match its manifest's SHA-256", True),
    "manifest count off by one": (
        "archive.json",
        count_off_by_one_in_the_manifest,
        "row counts differ",
        True,
    ),
    "a row missing from the dump": (
        "archive.json.xz",
        a_paragraph_missing_from_the_dump,
        "row counts differ",
        True,
    ),
    "one raw byte changed": ("archive.json.gz", one_raw_byte_changed, "raw bytes of document {pk} ", True),
    "JSON cut short": ("archive.json", cut_short, "is not readable JSON after", True),
    "gzip cut short": ("archive.json.gz", compressed_file_cut_short, "cannot be read or decompressed", True),
    "not a list of rows": ("archive.json", a_json_object_not_a_list, "not a dumpdata JSON file", True),
    "foreign key to a missing row": (
        "archive.json",
        a_paragraph_of_a_missing_document,
        "did not load",
        False,
    ),
    "bad field value": ("archive.json", a_bad_field_value, "did not load", False),
    "a row twice": ("archive.json", a_row_twice_with_the_manifest_agreeing, "row counts differ", False),
}


def everything(client, search_index) -> dict:
    return {
        "snapshot": snapshot(client),
        "rows": backup.row_counts(),
        "users": sorted(User.objects.values_list("pk", "username", "password", "email", "is_staff")),
        "indexed": indexed_count(search_index),
    }


@pytest.mark.parametrize("failure", FAILURES)
def test_a_failed_restore_with_flush_leaves_database_and_index_as_they_were(
    client, search_index, tmp_path, failure
):
    name, spoil, message, before_the_load = FAILURES[failure]
    fill_archive()
    path = tmp_path / name
    backup.dump(path)
    # What the dump is restored over differs from the dump, so a half-done restore would show.
    User.objects.create_user("newcomer", "new@example.org", "pw")
    ingest_fixture("raw/oic-cfm36-res3-aq.txt")
    before = everything(client, search_index)
    assert before["indexed"] == Paragraph.objects.count() > 0

    pk = spoil(path)
    with CaptureQueriesContext(connection) as queries, pytest.raises(CommandError) as raised:
        call_command(RestoreCommand(), str(path), "--flush")

    error = str(raised.value)
    assert message.format(pk=pk) in error and "nothing was changed" in error
    writes = [
        q["sql"] for q in queries if q["sql"].split(None, 1)[0].upper() in {"DELETE", "TRUNCATE", "INSERT"}
    ]
    if before_the_load:
        assert writes == [], "a dump that fails a check before the load must not be written at all"
    else:
        assert writes, "this dump passes the checks before the load: the load must have started"
        assert "rolled back" in error
    assert everything(client, search_index) == before


def test_restore_with_flush_replaces_a_populated_archive_in_one_go(client, search_index, tmp_path):
    fill_archive()
    before = snapshot(client)
    path = tmp_path / "archive.json.gz"
    backup.dump(path)
    User.objects.create_user("newcomer", "new@example.org", "pw")
    ingest_fixture("raw/oic-cfm36-res3-aq.txt")
    client.force_login(User.objects.get(username="newcomer"))

    result = backup.restore(path, flush=True)

    assert not User.objects.filter(username="newcomer").exists()
    assert result["indexed"] == Paragraph.objects.count() == indexed_count(search_index)
    # Login sessions belonged to the users that were replaced: they are gone too.
    assert not LoginSession.objects.exists()
    client.logout()
    assert snapshot(client) == before
