"""UN document symbols are searchable: typed in any spacing or case, a symbol finds its document first."""

import pytest

from archive.models import Document, Paragraph
from search.engine import search
from search.query import parse
from tests.ingest.test_unpc_reader import write
from tests.test_import_unpc import run

IDS = [
    "2015/s/res/2213__2015_ ar:1:1 en:1:1",
    "2015/a/res/69/131 ar:1:1 en:1:1",
    "2015/a/res/69/131/corr_1 ar:1:1 en:1:1",
    "2015/e/cn_7/2015/13 ar:1:1 en:1:1",
]
AR = ["إن مجلس الأمن،", "إن الجمعية العامة،", "تصويب", "لجنة المخدرات"]
EN = ["The Security Council,", "The General Assembly,", "Corrigendum", "Commission on Narcotic Drugs"]


@pytest.fixture
def archive(tmp_path, db):
    ids, ar, en = write(tmp_path, ids=IDS, ar=AR, en=EN)
    run(ar, ids, "--en", en)
    return {d.symbol: d for d in Document.objects.all()}


def first_symbols(query: str, n: int = 1) -> list[str]:
    ids = list(search(query).outcome.ids)[:n]
    by_id = dict(Paragraph.objects.filter(pk__in=ids).values_list("pk", "document__symbol"))
    return [by_id[pk] for pk in ids]


@pytest.mark.parametrize("typed", ["A/RES/69/131", "a/res/69/131", "A / RES / 69 / 131", " a /res/69/ 131 "])
def test_a_general_assembly_symbol_typed_any_way_finds_its_resolution_first(archive, typed):
    assert first_symbols(typed, 2) == ["A/RES/69/131", "A/RES/69/131/Corr.1"]


@pytest.mark.parametrize("typed", ["S/RES/2213 (2015)", "s/res/2213(2015)", "S / RES / 2213 ( 2015 )"])
def test_a_security_council_symbol_typed_any_way_finds_its_resolution(archive, typed):
    assert first_symbols(typed) == ["S/RES/2213 (2015)"]
    assert search(typed).outcome.count == 1


def test_a_symbol_that_is_no_resolution_finds_its_document(archive):
    assert first_symbols("e/cn.7/2015/13") == ["E/CN.7/2015/13"]


def test_a_symbol_beside_words_keeps_the_words_searched(archive):
    parsed = parse("A/RES/69/131 الجمعية")

    assert parsed.symbols == ["A/RES/69/131"] and parsed.tree is not None
    assert first_symbols("A/RES/69/131 الجمعية") == ["A/RES/69/131"]


def test_an_unknown_symbol_finds_nothing(archive):
    assert search("A/RES/69/999").outcome.count == 0


def test_the_symbol_is_indexed_through_the_arabic_analysis(archive, search_index):
    paragraph = Paragraph.objects.get(document__symbol="S/RES/2213 (2015)")
    backend = search_index.get_backend()

    assert backend.symbol_ids(("s", "res", "2213", "2015"), 10) == [paragraph.pk]
    assert backend.symbol_ids(("res", "s"), 10) == []


def test_the_symbols_resolution_number_is_searched_too(db):
    assert parse("A/RES/69/131").resolution_numbers == ["69/131"]
    assert parse("s/res/2213(2015)").resolution_numbers == ["2213 (2015)"]
    assert parse("E/CN.7/2015/13").resolution_numbers == []


def test_the_json_api_returns_the_symbol(archive, client):
    document = archive["S/RES/2213 (2015)"]

    assert client.get(f"/api/documents/{document.pk}/").json()["symbol"] == "S/RES/2213 (2015)"
    results = client.get("/api/search/", {"q": "s/res/2213(2015)"}).json()["results"]
    assert [r["document_symbol"] for r in results] == ["S/RES/2213 (2015)"]
    resolution = document.resolutions.get()
    assert client.get(f"/api/resolutions/{resolution.pk}/").json()["symbol"] == "S/RES/2213 (2015)"
