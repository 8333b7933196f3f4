"""A HitList gives the loaded ids, then fetches deeper ones from the engine by page, once each."""

from django.core.paginator import Paginator

from search.hits import DEEPEST, HitList, first


def engine_of(n: int):
    calls = []

    def fetch(offset, limit):
        calls.append((offset, limit))
        return [(pk, 1.0 / (pk + 1)) for pk in range(offset, min(offset + limit, n))]

    return fetch, calls


def test_pages_within_the_loaded_ids_ask_the_engine_nothing():
    fetch, calls = engine_of(1000)
    ids = HitList(list(range(50)), 1000, fetch, {})
    page = Paginator(ids, 20).page(2)
    assert list(page.object_list) == list(range(20, 40)) and calls == []
    assert len(ids) == 1000 and Paginator(ids, 20).num_pages == 50


def test_a_deep_page_is_fetched_once_with_its_scores():
    fetch, calls = engine_of(1000)
    scores = {}
    ids = HitList(list(range(50)), 1000, fetch, scores)
    paginator = Paginator(ids, 20)
    assert list(paginator.page(10).object_list) == list(range(180, 200))
    assert list(paginator.page(10).object_list) == list(range(180, 200))
    assert calls == [(180, 20)] and scores[180] == 1.0 / 181
    assert ids[-1] == 999 and ids[199] == 199


def test_iterating_reads_every_id_in_order_and_pages_stop_at_the_deepest():
    fetch, _calls = engine_of(1000)
    assert list(HitList(list(range(50)), 1000, fetch, {})) == list(range(1000))
    assert first(HitList(list(range(50)), 1000, fetch, {}), 60) == list(range(60))
    fetch, _calls = engine_of(50_000)
    assert len(HitList(list(range(50)), 50_000, fetch, {})) == DEEPEST
