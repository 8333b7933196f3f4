"""The search index follows the database: every ingested paragraph is indexed, with our analysis."""


import pytest

from archive.models import Paragraph
from archive.sync import ingest_bytes
from tests.helpers import found_ids, indexed_count, ingest_fixture


def search(words: str) -> set[int]:
    return found_ids(words)


@pytest.mark.django_db(transaction=True)
def test_every_ingested_paragraph_is_in_the_index(search_index):
    ingest_fixture("seeds/000_640f8b6c93fe03bc.txt")
    ingest_fixture("seeds/002_393cbb48b9883689.txt")
    assert indexed_count(search_index) == Paragraph.objects.count() > 40


@pytest.mark.django_db(transaction=True)
def test_it_finds_a_prefixed_word_by_its_bare_form(search_index):
    ingest_fixture("seeds/002_393cbb48b9883689.txt")
    results = search("تعاون")
    texts = [Paragraph.objects.get(pk=pk).text for pk in results]
    assert texts and any("والتعاون" in text or "التعاون" in text for text in texts)


@pytest.mark.django_db(transaction=True)
def test_a_failed_ingestion_leaves_the_index_unchanged(search_index):
    ingest_fixture("seeds/002_393cbb48b9883689.txt")
    before = indexed_count(search_index)
    with pytest.raises(Exception):  # noqa: B017 - any refusal will do; the index is what is checked
        ingest_bytes(b"\x00\x01binary", source_name="junk.txt")
    assert indexed_count(search_index) == before
