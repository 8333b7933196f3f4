"""manage.py load_un_texts: the UDHR and the UN Charter from ../shared, with their manifest's metadata."""

import io
import shutil

import pytest
from django.core.management import call_command

from archive.models import Document, Resolution
from tests.ingest.test_articles import CHARTER, EXTRA, UDHR, needs

pytestmark = pytest.mark.django_db


def load(*args) -> str:
    out = io.StringIO()
    call_command("load_un_texts", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@needs(UDHR)
@needs(CHARTER)
def test_it_stores_the_udhr_as_resolution_217_of_the_third_session_and_the_charter(
    search_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        out = load()

    udhr = Document.objects.get(title="الإعلان العالمي لحقوق الإنسان")
    assert (udhr.kind, udhr.symbol, str(udhr.date)) == ("declaration", "A/RES/217 A (III)", "1948-12-10")
    session = udhr.sessions.get()
    assert (session.slug, session.place) == ("unga-3", "باريس")
    resolution = Resolution.objects.get(document=udhr)
    assert (resolution.number, resolution.paragraphs.count()) == ("217 (د-3)", 40)
    assert udhr.paragraphs.exclude(number="").count() == 30
    charter = Document.objects.get(title="ميثاق الأمم المتحدة")
    assert charter.paragraphs.exclude(number="").count() == 111
    assert charter.paragraphs.filter(kind="heading", text__regex=r"^(الفصل|Chapter)").count() == 19
    assert charter.sessions.count() == 0 and str(charter.date) == "1945-06-26"
    assert "un-charter/un-charter-ar.txt added" in out
    assert search_index.get_backend().document_count() == 40 + charter.paragraphs.count()


@needs(UDHR)
def test_a_second_run_stores_nothing_again():
    load()
    out = load()

    assert "= udhr/udhr-ar.html unchanged" in out
    assert Document.objects.filter(title="الإعلان العالمي لحقوق الإنسان").count() == 1


def test_texts_missing_from_the_folder_are_skipped(tmp_path):
    out = load("--from", str(tmp_path))

    assert "udhr/udhr-ar.html skipped: not found" in out
    assert not Document.objects.exists()


def test_without_the_shared_folder_nothing_is_loaded(tmp_path):
    out = load("--from", str(tmp_path / "absent"))

    assert "not found: no UN texts loaded" in out


@needs(UDHR)
def test_it_reads_the_texts_from_another_folder(tmp_path):
    (tmp_path / "udhr").mkdir()
    shutil.copy(EXTRA / "udhr" / "udhr-ar.html", tmp_path / "udhr" / "udhr-ar.html")

    out = load("--from", str(tmp_path))

    assert "udhr/udhr-ar.html added" in out and "un-charter/un-charter-ar.txt skipped" in out
