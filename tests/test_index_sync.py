"""The index and the database stay in step on every save and delete, and under concurrent writes."""

import threading

import pytest
from django.core.management import call_command

from archive.models import Document, Paragraph
from tests.conftest import whoosh_only
from tests.helpers import found_ids, indexed_count, stored_entries
from tests.helpers import ingest_fixture as ingest

pytestmark = pytest.mark.django_db(transaction=True)




def found(word: str) -> set[int]:
    return found_ids(word)


def test_editing_a_paragraph_reindexes_it(search_index):
    ingest("seeds/002_393cbb48b9883689.txt")
    paragraph = Paragraph.objects.filter(number="5").first()
    assert paragraph.pk in found("يشجع")
    paragraph.text = "نص جديد عن الزراعة المستدامة"
    paragraph.save()
    assert paragraph.pk not in found("يشجع")
    assert paragraph.pk in found("الزراعة")


def test_deleting_a_document_removes_its_paragraphs_from_the_index(search_index):
    kept = ingest("raw/oic-cfm20-res9-at.txt")
    gone = ingest("seeds/002_393cbb48b9883689.txt")
    assert indexed_count(search_index) == Paragraph.objects.count()
    gone.delete()
    assert Paragraph.objects.count() == kept.paragraphs.count()
    assert indexed_count(search_index) == Paragraph.objects.count()


def test_moving_a_document_to_another_session_updates_the_session_filter(search_index):
    document = ingest("seeds/002_393cbb48b9883689.txt")
    other = ingest("raw/oic-cfm20-res9-at.txt").sessions.get()
    document.sessions.set([other])
    in_other = {pk for pk, entry in stored_entries(search_index).items() if other.slug in entry["sessions"]}
    assert in_other >= set(document.paragraphs.values_list("pk", flat=True))


def test_two_writers_at_once_lose_nothing(search_index):
    ingest("raw/oic-cfm20-res9-at.txt")
    ingest("seeds/002_393cbb48b9883689.txt")
    call_command("clear_index", interactive=False, verbosity=0)
    assert indexed_count(search_index) == 0
    index = search_index.get_unified_index().get_index(Paragraph)
    # The paragraphs are read here, so the threads only contend for the index (what is under test),
    # not for the test database.
    batches = [list(index.index_queryset().filter(document=document)) for document in Document.objects.all()]
    errors = []

    def write(paragraphs):
        try:
            for _ in range(3):
                search_index.get_backend().update(index, paragraphs)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(batch,)) for batch in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert indexed_count(search_index) == Paragraph.objects.count()


def test_update_index_and_rebuild_index_restore_a_cleared_index(search_index):
    ingest("seeds/002_393cbb48b9883689.txt")
    call_command("clear_index", interactive=False, verbosity=0)
    assert indexed_count(search_index) == 0
    call_command("update_index", verbosity=0)
    assert indexed_count(search_index) == Paragraph.objects.count()
    call_command("rebuild_index", interactive=False, verbosity=0)
    assert indexed_count(search_index) == Paragraph.objects.count()


@whoosh_only
def test_a_removal_waits_for_a_writer_holding_the_lock_instead_of_being_dropped(search_index):
    document = ingest("seeds/002_393cbb48b9883689.txt")
    backend = search_index.get_backend()
    backend.setup()
    holder = backend.index.refresh().writer()  # another process's writer, say an ingest in progress
    release = threading.Timer(0.5, holder.cancel)
    release.start()
    paragraph = document.paragraphs.first()
    paragraph.delete()
    release.join()
    assert indexed_count(search_index) == Paragraph.objects.count()


def test_two_writers_setting_up_a_fresh_index_folder_at_once_lose_nothing(search_index, tmp_path):
    # A fresh install: no index yet. Each writer's setup creates one; without the setup lock the second
    # creation wiped the first ("Index 'MAIN' does not exist") and its paragraphs with it.
    from search.backends.whoosh import WaitingWhooshBackend

    ingest("raw/oic-cfm20-res9-at.txt")
    ingest("seeds/002_393cbb48b9883689.txt")
    index = search_index.get_unified_index().get_index(Paragraph)
    batches = [list(index.index_queryset().filter(document=document)) for document in Document.objects.all()]
    for attempt in range(8):
        path = tmp_path / f"fresh-{attempt}"
        barrier = threading.Barrier(len(batches))
        errors = []

        def write(paragraphs, path=path, barrier=barrier, errors=errors):
            try:
                backend = WaitingWhooshBackend("default", PATH=str(path))
                barrier.wait()
                backend.update(index, paragraphs)
            except Exception as error:  # pragma: no cover - reported below
                errors.append(error)

        threads = [threading.Thread(target=write, args=(batch,)) for batch in batches]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        check = WaitingWhooshBackend("default", PATH=str(path))
        check.setup()
        assert errors == [] and check.index.doc_count() == Paragraph.objects.count(), f"attempt {attempt}"


@pytest.mark.django_db(transaction=False)
def test_opening_the_index_while_a_writer_deletes_the_generation_it_listed_reads_the_newer_one(tmp_path, monkeypatch):
    # The race behind a fresh install's failed second upload: opening lists the folder (generation 1), a
    # writer commits generation 2 and deletes generation 1's TOC, then the open reads the deleted file.
    from whoosh.fields import ID as WhooshID
    from whoosh.fields import Schema
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC, FileIndex

    from search.backends.whoosh import CommitSafeFileIndex

    storage = FileStorage(str(tmp_path))
    index = storage.create_index(Schema(id=WhooshID(stored=True)))
    for value in ("a", "b"):
        writer = index.writer()
        writer.add_document(id=value)
        writer.commit()
    latest = TOC._latest_generation(storage, "MAIN")
    assert not storage.file_exists(TOC._filename("MAIN", latest - 1))
    listed = iter([latest - 1])  # the first listing is stale, as if taken just before the commit
    real = TOC._latest_generation.__func__

    def stale_once(cls, storage, indexname):
        stale = next(listed, None)
        return real(cls, storage, indexname) if stale is None else stale

    monkeypatch.setattr(TOC, "_latest_generation", classmethod(stale_once))
    with pytest.raises(FileNotFoundError):
        FileIndex(storage, indexname="MAIN")  # Whoosh's own index class fails on it

    listed = iter([latest - 1])
    opened = CommitSafeFileIndex(storage, indexname="MAIN")
    listed = iter([latest - 1])
    assert opened.is_empty() is False and opened.doc_count() == 2
