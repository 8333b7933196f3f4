"""manage.py check_index finds what the index lacks, keeps too long, or holds out of date, and repairs it."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from archive.models import Document, Paragraph
from tests.helpers import ingest_fixture as ingest

pytestmark = pytest.mark.django_db(transaction=True)


def check(*args) -> tuple[str, bool]:
    out = io.StringIO()
    try:
        call_command("check_index", *args, stdout=out)
    except CommandError as error:
        return out.getvalue() + f"\nERROR: {error}", False
    return out.getvalue(), True


def line(report: str, start: str) -> str:
    return next(text for text in report.splitlines() if text.startswith(start))


def stored_ids(search_index) -> set[str]:
    return {identifier for identifier, _ in search_index.get_backend().stored_documents()}


def test_a_fresh_ingest_is_consistent():
    ingest("seeds/002_393cbb48b9883689.txt")
    report, ok = check()
    assert ok
    assert line(report, "paragraphs in the database") == f"paragraphs in the database: {Paragraph.objects.count()}"
    assert "missing from the index: 0" in report
    assert "stale in the index (not in the database): 0" in report
    assert "drifted (fields differ): 0" in report
    assert report.strip().endswith("index consistent")


def test_drift_is_reported_and_exits_non_zero_then_repaired(search_index):
    document = ingest("seeds/002_393cbb48b9883689.txt")
    paragraphs = list(document.paragraphs.order_by("pk"))
    backend = search_index.get_backend()

    # Stale: a paragraph row deleted by SQL, so no signal removes it from the index.
    gone = paragraphs[0]
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Paragraph._meta.db_table} WHERE id = %s", [gone.pk])
    # Stale too: an index entry for an id the database never had.
    ghost = Paragraph.objects.get(pk=paragraphs[1].pk)
    index = search_index.get_unified_index().get_index(Paragraph)
    ghost.pk = 999_999
    backend.update(index, [ghost])
    # Drifted: text changed by a queryset update (no signal).
    changed = paragraphs[2]
    Paragraph.objects.filter(pk=changed.pk).update(text="نص جديد عن الزراعة المستدامة")
    # Missing: removed from the index behind the database's back.
    lost = paragraphs[3]
    backend.remove_many([f"archive.paragraph.{lost.pk}"])

    assert f"archive.paragraph.{gone.pk}" in stored_ids(search_index)
    report, ok = check()
    assert not ok
    assert "missing from the index: 1" in report
    assert f"  {lost.pk}" in report.splitlines()
    assert "stale in the index (not in the database): 2" in report
    assert f"  archive.paragraph.{gone.pk}" in report.splitlines()
    assert "  archive.paragraph.999999" in report.splitlines()
    assert "drifted (fields differ): 1" in report
    assert f"  {changed.pk}: text" in report.splitlines()
    assert "check_index --repair" in report

    report, ok = check("--repair")
    assert ok, report
    assert "re-indexed 2 paragraphs, removed 2 stale entries" in report
    assert report.strip().endswith(f"index consistent ({Paragraph.objects.count()} paragraphs)")
    assert stored_ids(search_index) == {f"archive.paragraph.{pk}" for pk in Paragraph.objects.values_list("pk", flat=True)}
    again, ok = check()
    assert ok and again.strip().endswith("index consistent")


def test_a_changed_document_date_and_sessions_show_as_drift_in_those_fields():
    document = ingest("seeds/002_393cbb48b9883689.txt")
    other = ingest("raw/oic-cfm20-res9-at.txt")
    Document.objects.filter(pk=document.pk).update(date=None)
    # Re-linking through the m2m table's queryset sends no m2m_changed signal.
    Document.sessions.through.objects.filter(document=document).update(session=other.sessions.get())
    report, ok = check()
    assert not ok
    count = document.paragraphs.count()
    assert f"drifted (fields differ): {count}" in report
    drifted_lines = [text for text in report.splitlines() if text.startswith("  ") and ":" in text]
    assert drifted_lines and all(text.endswith(": date, sessions, year") for text in drifted_lines[:5]), drifted_lines
    report, ok = check("--repair")
    assert ok
    assert f"re-indexed {count} paragraphs, removed 0 stale entries" in report


def test_check_index_runs_as_a_real_command(tmp_path):
    # call_command skips the system checks; a real manage.py run does not (a method named check() once
    # shadowed BaseCommand.check and crashed every real run).
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "QARARAT_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "qararat.settings"}
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=root, env=env, check=True)

    result = subprocess.run(
        [sys.executable, "manage.py", "check_index"], cwd=root, env=env, capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("index consistent")
