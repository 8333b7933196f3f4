import io
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from archive.models import Document, Paragraph
from search.indexing import is_indexed
from tests.helpers import CORPUS

pytestmark = pytest.mark.django_db

GOOD = "oic-cfm9-res8-aq.txt"


def run_ingest(*args):
    """Run the command; return (stdout, stderr, the CommandError or None)."""
    stdout, stderr = io.StringIO(), io.StringIO()
    try:
        call_command("ingest", *map(str, args), stdout=stdout, stderr=stderr)
    except CommandError as exc:
        return stdout.getvalue(), stderr.getvalue(), exc
    return stdout.getvalue(), stderr.getvalue(), None


@pytest.fixture
def folder(tmp_path):
    """One good source next to an empty, a binary, a truncated one and a broken PDF, plus files that are not
    sources."""
    shutil.copy(CORPUS / "raw" / GOOD, tmp_path / GOOD)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "truncated.txt").write_bytes("قرار بشأن القدس الشريف".encode()[:-1])
    (tmp_path / "README.md").write_text("# not a source\n")
    (tmp_path / ".hidden.txt").write_text("مخفي\n")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "notes.odt").write_bytes(b"PK\x03\x04 not a source")
    return tmp_path


def test_it_adds_the_good_file_reports_each_bad_one_and_fails_at_the_end(folder):
    stdout, _stderr, error = run_ingest(folder)

    lines = stdout.splitlines()
    assert any(line.startswith(f"+ {folder / GOOD} added") for line in lines)
    assert f"! {folder / 'empty.txt'} failed: الملف فارغ (empty file)." in lines
    assert any(line.startswith(f"! {folder / 'binary.txt'} failed: ") and "binary" in line for line in lines)
    assert any(
        line.startswith(f"! {folder / 'truncated.txt'} failed: ") and "truncated" in line for line in lines
    )
    assert any(line.startswith(f"! {folder / 'scan.pdf'} failed: ") for line in lines)
    assert len(lines) == 6
    assert lines[-1] == "1 added, 0 unchanged, 4 failed"
    assert error is not None and "4 of 5 files" in str(error)
    assert list(Document.objects.values_list("source_name", flat=True)) == [GOOD]


@pytest.mark.django_db(transaction=True)  # so the first run's index write (on commit) happens
def test_a_second_run_changes_nothing(folder):
    run_ingest(folder)
    paragraphs = Paragraph.objects.count()

    stdout, _stderr, _error = run_ingest(folder)

    assert f"= {folder / GOOD} unchanged (already ingested)" in stdout.splitlines()
    assert stdout.splitlines()[-1] == "0 added, 1 unchanged, 4 failed"
    assert Document.objects.count() == 1
    assert Paragraph.objects.count() == paragraphs


def test_it_succeeds_when_every_file_goes_in(folder):
    stdout, _stderr, error = run_ingest(folder / GOOD)

    assert error is None
    assert stdout.splitlines()[-1] == "1 added, 0 unchanged, 0 failed"


def test_a_missing_path_is_reported_as_failed(tmp_path):
    stdout, _stderr, error = run_ingest(tmp_path / "nowhere.txt")

    assert f"! {tmp_path / 'nowhere.txt'} failed: No such file or directory" in stdout
    assert error is not None


def test_it_takes_source_urls_from_a_manifest_in_the_folder_above(tmp_path):
    (tmp_path / "raw").mkdir()
    shutil.copy(CORPUS / "raw" / GOOD, tmp_path / "raw" / GOOD)
    (tmp_path / "MANIFEST.tsv").write_text(f"file\tsource\tnote\n{GOOD}\thttps://example.org/cfm9\tx\n")

    run_ingest(tmp_path / "raw")

    assert Document.objects.get().source_url == "https://example.org/cfm9"


def test_the_manifest_option_overrides_the_automatic_one(tmp_path):
    shutil.copy(CORPUS / "raw" / GOOD, tmp_path / GOOD)
    (tmp_path / "MANIFEST.tsv").write_text(f"file\tsource\n{GOOD}\thttps://example.org/auto\n")
    other = tmp_path / "other.tsv"
    other.write_text(f"file\tsource\n{GOOD}\thttps://example.org/chosen\n")

    run_ingest(tmp_path, "--manifest", other)

    assert Document.objects.get().source_url == "https://example.org/chosen"


def test_progress_bar_goes_to_stderr_for_more_than_five_files(tmp_path):
    for n in range(6):
        (tmp_path / f"empty{n}.txt").write_bytes(b"")

    stdout, stderr, _error = run_ingest(tmp_path, "--progress")

    assert "6/6" in stderr
    assert "6/6" not in stdout
    assert stdout.splitlines()[-1] == "0 added, 0 unchanged, 6 failed"


def test_it_ingests_pdf_and_word_files_and_keeps_their_text(tmp_path):
    uploads = Path(__file__).resolve().parents[1] / "fixtures" / "uploads"
    for name in ("cfm38-res32-s.pdf", "astana-declaration.odt"):
        shutil.copy(uploads / name, tmp_path / name)
    shutil.copy(uploads / "cfm38-res32-s-indic.docx", tmp_path / "indic.docx")

    stdout, _stderr, error = run_ingest(tmp_path)

    assert error is None, stdout
    assert stdout.splitlines()[-1] == "2 added, 0 unchanged, 0 failed"  # the .odt is not a source
    for document in Document.objects.all():
        assert document.encoding in {"pdf", "docx"}
        assert "أستانة" in document.raw_text


@pytest.mark.django_db(transaction=True)
def test_a_second_run_restores_index_entries_a_killed_run_did_not_write(folder, search_index):
    # A run killed between the database commit and the index write leaves the document stored but not
    # searchable; the next run finds it "unchanged" and must complete the index.
    run_ingest(folder)
    document = Document.objects.get()
    backend = search_index.get_backend()
    for paragraph in document.paragraphs.all():
        backend.remove(paragraph)

    assert not is_indexed(document)

    stdout, _stderr, _error = run_ingest(folder)

    assert f"= {folder / GOOD} unchanged (already ingested; its missing index entries restored)" in stdout
    assert is_indexed(document)
