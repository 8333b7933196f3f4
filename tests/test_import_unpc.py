"""manage.py import_unpc: the UN Parallel Corpus stored document by document, resumable, bulk-indexed."""

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from archive.models import Document, Paragraph, Resolution, Session, document_year
from tests.ingest.test_unpc_reader import AR, IDS, SAMPLE, needs_sample, write

pytestmark = pytest.mark.django_db


def run(*args):
    stdout, stderr = io.StringIO(), io.StringIO()
    try:
        call_command("import_unpc", *map(str, args), stdout=stdout, stderr=stderr)
    except CommandError as exc:
        return stdout.getvalue(), stderr.getvalue(), exc
    return stdout.getvalue(), stderr.getvalue(), None


def import_files(folder: Path, *extra, **files):
    ids, ar, en = write(folder, **files)
    return run(ar, ids, "--en", en, *extra)


def test_it_stores_each_document_with_its_symbol_session_resolution_and_english(tmp_path):
    stdout, _stderr, error = import_files(tmp_path)

    assert error is None
    council = Document.objects.get(symbol="S/RES/2213 (2015)")
    assert council.excerpt and council.kind == "resolution" and council.source_format == "unpc"
    assert [s.slug for s in council.sessions.all()] == ["unsc-2015"]
    assert list(council.paragraphs.values_list("position", "text", "text_en")) == [
        (1, "إن مجلس الأمن،", "The Security Council,"),
        (
            2,
            "يقرر تمديد الولاية. ويطلب إلى الأمين العام.",
            "Decides to extend. Requests the Secretary-General.",
        ),
    ]
    resolution = Resolution.objects.get(number="2213 (2015)")
    assert resolution.session.slug == "unsc-2015" and resolution.paragraphs.count() == 2
    assert Resolution.objects.get(number="69/131").session.slug == "unga-69"
    assert "2 documents imported (2 excerpts, 2 resolutions)" in stdout
    assert "3 paragraphs (3 with English); 2 sessions created: unga-69, unsc-2015" in stdout
    assert "S/RES/N (N)" in stdout  # the table of shapes


def test_other_organs_are_documents_with_a_symbol_and_no_session(tmp_path):
    import_files(tmp_path, ids=["2015/e/res/2014/31 ar:1:1 en:1:1", *IDS[1:]])

    ecosoc = Document.objects.get(symbol="E/RES/2014/31")
    assert ecosoc.sessions.count() == 0 and ecosoc.kind == "resolution"
    assert ecosoc.issued_year == 2014 and ecosoc.year == 2014
    assert Document.objects.annotate(y=document_year()).get(pk=ecosoc.pk).y == 2014
    council = Document.objects.get(symbol="S/RES/2213 (2015)")
    assert council.issued_year is None and council.year == 2015  # its session's year
    assert not Resolution.objects.filter(document=ecosoc).exists()


def test_it_indexes_every_paragraph_in_one_write_not_one_per_paragraph(tmp_path, search_index, monkeypatch):
    backend = search_index.get_backend()
    writes = []
    original = type(backend).update

    def counting(self, index, iterable, commit=True):
        items = list(iterable)
        writes.append(len(items))
        return original(self, index, items, commit)

    monkeypatch.setattr(type(backend), "update", counting)
    import_files(tmp_path)

    assert writes == [3]
    assert backend.document_count() == Paragraph.objects.count() == 3


def test_a_second_run_adds_nothing(tmp_path):
    import_files(tmp_path)
    stdout, _stderr, _error = import_files(tmp_path)

    assert "0 documents imported (0 excerpts, 0 resolutions), 2 already there" in stdout
    assert (Document.objects.count(), Paragraph.objects.count()) == (2, 3)


def test_a_second_run_indexes_what_a_killed_run_stored_but_did_not_index(tmp_path, search_index):
    import_files(tmp_path)
    backend = search_index.get_backend()
    for paragraph in Paragraph.objects.filter(document__symbol="A/RES/69/131"):
        backend.remove(paragraph)

    stdout, _stderr, _error = import_files(tmp_path)

    assert "1 documents of an earlier run indexed" in stdout
    assert backend.document_count() == 3


def test_bad_lines_are_reported_by_number_and_skipped(tmp_path):
    _stdout, stderr, error = import_files(
        tmp_path, ids=[IDS[0], "2015/a//131 ar:3:1 en:3:1", IDS[2], "2015/s/res/2213__2015_ ar:42:1"]
    )

    assert error is None
    assert "! line 2: unknown document symbol '2015/a//131'" in stderr
    assert "! line 4: the ids line has 2 columns, not 3 (skipped)" in stderr
    assert list(Paragraph.objects.values_list("text", flat=True)) == [
        "إن مجلس الأمن،",
        "ويطلب إلى الأمين العام.",
    ]


def test_with_strict_a_bad_line_refuses_the_whole_import(tmp_path):
    _stdout, stderr, error = import_files(
        tmp_path, "--strict", ids=[*IDS[:3], "2015/s/res/2213__2015_ ar:42:1"]
    )

    assert "refused, nothing imported: 1 bad lines (--strict)" in str(error)
    assert "! line 4:" in stderr
    assert not Document.objects.exists()


def test_files_of_different_lengths_are_refused_and_nothing_is_stored(tmp_path):
    _stdout, _stderr, error = import_files(tmp_path, ar=AR[:3])

    assert "refused, nothing imported: the files have different lengths" in str(error)
    assert "x.ar: 3 lines" in str(error)
    assert not Document.objects.exists()


def test_without_english_the_paragraphs_have_no_english(tmp_path):
    ids, ar, _en = write(tmp_path)
    run(ar, ids)

    assert set(Paragraph.objects.values_list("text_en", flat=True)) == {""}


def test_limit_stops_after_n_documents(tmp_path):
    stdout, _stderr, _error = import_files(tmp_path, "--limit", "1")

    assert list(Document.objects.values_list("symbol", flat=True)) == ["A/RES/69/131"]
    assert "1 documents imported" in stdout


def test_a_failing_batch_leaves_nothing_of_itself(tmp_path, monkeypatch):
    from archive import unpc_import

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(unpc_import.Paragraph.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        import_files(tmp_path)

    assert not Document.objects.exists() and not Session.objects.exists()


@needs_sample
@pytest.mark.django_db(transaction=True)
def test_an_import_killed_midway_and_run_again_ends_with_every_document_once(tmp_path, search_index):
    # A real process over the 2015 sample, killed (SIGKILL) once its first batches are committed.
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("the subprocess shares the test database through its SQLite file")
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database['NAME']}",
        "QARARAT_INDEX_DIR": settings.HAYSTACK_CONNECTIONS["default"].get("PATH", ""),
        "QARARAT_DATA_DIR": str(tmp_path / "data"),
    }
    if os.environ.get("QARARAT_TEST_ENGINE", "whoosh") != "whoosh":
        pytest.skip("the subprocess writes to the test's Whoosh folder")
    command = [
        sys.executable,
        str(Path(settings.BASE_DIR) / "manage.py"),
        "import_unpc",
        str(SAMPLE / "devset.ar"),
        str(SAMPLE / "devset.ids"),
        "--en",
        str(SAMPLE / "devset.en"),
        "--batch",
        "5",
    ]
    process = subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while Document.objects.count() < 50 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    stored = Document.objects.count()
    assert 50 <= stored < 732, "the import ended before it could be killed"

    again = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=300)

    assert again.returncode == 0, again.stderr
    assert f"{732 - stored} documents imported" in again.stdout
    assert f"{stored} already there" in again.stdout
    assert Document.objects.count() == 732
    assert Document.objects.values("source_name").distinct().count() == 732
    assert Paragraph.objects.count() == 3709
    assert search_index.get_backend().document_count() == 3709


def test_with_no_index_it_stores_and_leaves_the_index_alone(tmp_path, search_index):
    stdout, _stderr, _error = import_files(tmp_path, "--no-index")

    assert Paragraph.objects.count() == 3
    assert search_index.get_backend().document_count() == 0
    assert "indexing: 0.00 s for 0 paragraphs" in stdout


def test_an_imported_document_is_not_re_parsed_by_the_file_parser(tmp_path):
    from archive.ingest.errors import IngestError
    from archive.sync import reparse_document

    import_files(tmp_path)
    document = Document.objects.get(symbol="S/RES/2213 (2015)")

    with pytest.raises(IngestError, match="unpc"):
        reparse_document(document)
    assert document.paragraphs.count() == 2
