"""Search relevance stays at least where it was measured (bench/relevance.py; no Lucene here).

The evaluation set is tests/search_eval/queries.json (judged relevant paragraphs over the whole corpus).
Measured when the floors were set: recall@10 0.936 and MRR 1.000 (AND, top 10 filled with OR hits);
recall@10 0.832 and MRR 1.000 with OR only when AND finds nothing. Lucene 8 ArabicAnalyzer on the same
set: 0.868 / 0.991 and 0.742 / 0.991.
"""

import pytest

from bench import relevance
from bench.corpus import passages


@pytest.fixture(scope="module")
def corpus():
    return passages(), relevance.load_queries()


def mean_scores(docs, queries):
    runs = relevance.run_ours(docs, queries)
    pairs = [relevance.scores(runs[q.id], q.relevant) for q in queries]
    return sum(p[0] for p in pairs) / len(pairs), sum(p[1] for p in pairs) / len(pairs)


def test_the_evaluation_set_is_large_enough_and_its_ids_exist(corpus):
    docs, queries = corpus
    ids = {doc.id for doc in docs}
    assert len(queries) >= 40
    assert len({q.id for q in queries}) == len(queries)
    for query in queries:
        assert query.relevant and query.relevant <= ids, query.id


def test_recall_and_mrr_stay_above_their_floors(corpus, monkeypatch):
    monkeypatch.setattr(relevance, "FILL", True)
    recall, mrr = mean_scores(*corpus)
    assert recall >= 0.90
    assert mrr >= 0.95


def test_recall_and_mrr_with_strict_and_semantics(corpus, monkeypatch):
    monkeypatch.setattr(relevance, "FILL", False)
    recall, mrr = mean_scores(*corpus)
    assert recall >= 0.80
    assert mrr >= 0.95
