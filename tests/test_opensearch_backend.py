"""The OpenSearch backend: what it sends (no server needed), then against a real running cluster.

The live tests need a cluster (`make opensearch` starts three nodes on 127.0.0.1:9200-9202); without one they
are skipped with a message, unless QARARAT_REQUIRE_OPENSEARCH=1 (.ci/run) makes that a failure. The rest
of the suite runs against the cluster too with QARARAT_TEST_ENGINE=opensearch (`make test-opensearch`).
"""

import json
import os

import pytest
from django.core.management import call_command
from haystack import connections

from archive.models import Paragraph, ParagraphKind
from search import engine
from search.analysis import analyse, tokens
from search.backends.opensearch import ANALYZER, analysed_text, mapping, query_dsl
from search.filters import Filters
from search.query import parse
from search.whoosh_analysis import ArabicAnalyzer
from tests.conftest import OPENSEARCH_URL, opensearch_connection
from tests.helpers import CORPUS
from tests.helpers import ingest_fixture as ingest


def whoosh_tokens(text: str) -> list[tuple[str, int]]:
    return [(token.text, token.pos) for token in ArabicAnalyzer()(text, positions=True)]


def sent_tokens(text: str) -> list[tuple[str, int]]:
    """What the mapping's analyzer makes of the text sent: white-space tokens, placeholders dropped."""
    return [(token, position) for position, token in enumerate(text.split()) if token != "_"]


# -- what is sent (no server) ------------------------------------------------------------------------------


def test_a_real_paragraph_is_sent_as_the_terms_and_positions_whoosh_indexes():
    text = "يؤكد على حق الشعب الفلسطيني في تقرير مصيره، وإقامة دولته المستقلة وعاصمتها القدس الشريف."
    sent = analysed_text(text).split()
    assert sent == ["_" if token.stop else token.text for token in tokens(text)]
    assert sent[1] == "_" and sent[5] == "_"  # على، في keep their places
    assert sent_tokens(analysed_text(text)) == whoosh_tokens(text)


def test_the_query_dsl_uses_analysed_terms_in_every_field_with_its_weight():
    assert query_dsl(parse("القدس").tree, field="content") == {"term": {"content": "قدس"}}
    assert query_dsl(parse("القدس").tree, field={"text": 1.0, "context": 0.25}) == {
        "bool": {
            "should": [{"term": {"text": "قدس"}}, {"term": {"context": {"value": "قدس", "boost": 0.25}}}],
            "minimum_should_match": 1,
        }
    }
    assert query_dsl(parse("القدس -الاستيطان").tree) == {
        "bool": {"must": [{"term": {"text": "قدس"}}], "must_not": [{"term": {"text": "استيط"}}]}
    }
    assert query_dsl(parse("القدس أو فلسطين").tree) == {
        "bool": {"should": [{"term": {"text": "قدس"}}, {"term": {"text": "فلسط"}}], "minimum_should_match": 1}
    }
    assert query_dsl(parse('"منظمة المؤتمر الإسلامي"').tree) == {"match_phrase": {"text": {"query": "منظم موتمر اسلام"}}}


def test_a_phrase_with_a_stop_word_inside_allows_the_gap_whoosh_allows():
    near = query_dsl(parse('"حق الشعب في تقرير المصير"').tree)
    words = []
    node = near
    while "span_near" in node:
        clauses = node["span_near"]["clauses"]
        assert node["span_near"]["slop"] == 1 and node["span_near"]["in_order"] is True
        words.insert(0, clauses[1]["span_term"]["text"])
        node = clauses[0]
    words.insert(0, node["span_term"]["text"])
    assert words == ["حق", "شعب", "تقرير", "مصير"]


def test_the_mapping_analyses_text_and_context_and_keeps_the_rest_exact():
    fields = connections["default"].get_unified_index().all_searchfields()
    properties = mapping(fields)["properties"]
    assert properties["text"] == properties["context"] == {"type": "text", "analyzer": ANALYZER}
    assert properties["document"] == properties["year"] == {"type": "integer"}
    for name in ("resolution", "sessions", "bodies", "kind", "id", "django_ct", "django_id"):
        assert properties[name] == {"type": "keyword"}, name


# -- against the running cluster ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cluster():
    """The test cluster's client, or a skip (a failure under QARARAT_REQUIRE_OPENSEARCH=1)."""
    from opensearchpy import OpenSearch
    from opensearchpy.exceptions import ConnectionError as Unreachable

    client = OpenSearch(hosts=OPENSEARCH_URL.split(","), timeout=5)
    try:
        health = client.cluster.health(wait_for_status="yellow", request_timeout=40)
    except Unreachable:
        message = f"no OpenSearch cluster at {OPENSEARCH_URL}: start one with `make opensearch`"
        if os.environ.get("QARARAT_REQUIRE_OPENSEARCH") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return client, health


def use(settings, connection: dict):
    settings.HAYSTACK_CONNECTIONS = {"default": connection}
    connections.connections_info = settings.HAYSTACK_CONNECTIONS
    return connections.reload("default").get_backend()


@pytest.fixture
def opensearch(settings, search_index, cluster):
    """This test's own index on the cluster, dropped afterwards (conftest's fixture restores the settings)."""
    backend = use(settings, opensearch_connection(f"qararat-live-{os.getpid()}"))
    backend.drop()
    yield backend
    backend.drop()


def whoosh_connection(tmp_path) -> dict:
    return {"ENGINE": "search.backends.whoosh.QararatWhooshEngine", "PATH": str(tmp_path / "whoosh-compare")}


EVAL_QUERIES = [
    q["query"]
    for q in json.loads((CORPUS.parent.parent / "tests/search_eval/queries.json").read_text())["queries"]
    if not q.get("needs")  # the UN sample's queries (issue 15) have no answer in the corpus
]
MORE_QUERIES = [
    "التعاون الاقتصادي",
    '"منظمة المؤتمر الإسلامي"',
    "منظمة المؤتمر الإسلامي",
    "القدس أو فلسطين",
    "القدس -الاستيطان",
    "32/38",
    '"حق الشعب في تقرير المصير"',
    "(القدس أو فلسطين) -الاستيطان",
    "242 (1967)",
]


def full_matches(query: str) -> set[int]:
    outcome = engine.run(parse(query))
    return {pk for pk in outcome.ids if pk not in outcome.missing}


def served(query: str, filters: Filters, sort: str) -> tuple:
    """What a page shows of a search, but for the order of equally good paragraphs (engines score
    differently): the count, the facets, and for a date order the ids in order."""
    outcome = engine.run(parse(query), filters, sort)
    ids = outcome.ids if sort != "relevance" else sorted(outcome.ids)
    return outcome.count, outcome.truncated, outcome.facets, ids, outcome.missing


@pytest.mark.opensearch
@pytest.mark.django_db(transaction=True)
def test_the_cluster_and_whoosh_find_the_same_paragraphs_for_every_judged_query(settings, tmp_path, opensearch):
    files = sorted(p for folder in ("seeds", "raw") for p in (CORPUS / folder).iterdir() if p.is_file())
    for path in files:
        ingest(f"{path.parent.name}/{path.name}")
    assert opensearch.document_count() == Paragraph.objects.count() > 300
    queries = EVAL_QUERIES + MORE_QUERIES
    on_cluster = {q: full_matches(q) for q in queries}
    whoosh = use(settings, whoosh_connection(tmp_path))
    call_command("rebuild_index", interactive=False, verbosity=0)
    assert whoosh.document_count() == Paragraph.objects.count()
    on_whoosh = {q: full_matches(q) for q in queries}
    assert sum(bool(found) for found in on_whoosh.values()) >= len(queries) - 2
    different = {q: (len(on_whoosh[q]), len(on_cluster[q])) for q in queries if on_whoosh[q] != on_cluster[q]}
    assert different == {}


@pytest.mark.opensearch
@pytest.mark.django_db(transaction=True)
def test_the_clusters_filters_orders_counts_and_facets_are_what_the_database_gives_whoosh(
    settings, tmp_path, opensearch
):
    files = sorted(p for folder in ("seeds", "raw") for p in (CORPUS / folder).iterdir() if p.is_file())
    for path in files:
        ingest(f"{path.parent.name}/{path.name}")
    session = Paragraph.objects.filter(document__sessions__isnull=False).values_list(
        "document__sessions__slug", "document__sessions__body"
    ).first()
    cases = [
        (q, filters, sort)
        for q in ("القدس", "التعاون الاقتصادي", "منظمة المؤتمر الإسلامي", "فلسطين", "32/38", "الدول الأعضاء")
        for filters in (
            Filters(),
            Filters(body=session[1]),
            Filters(session=session[0]),
            Filters(year_from=1990, year_to=2005),
            Filters(kind=ParagraphKind.OPERATIVE),
        )
        for sort in ("relevance", "newest", "oldest")
    ]
    on_cluster = [served(*case) for case in cases]
    assert opensearch.matches(parse("القدس").tree, Filters(), "relevance", 5).total > 5  # counts past the page
    use(settings, whoosh_connection(tmp_path))
    call_command("rebuild_index", interactive=False, verbosity=0)
    on_whoosh = [served(*case) for case in cases]
    assert sum(bool(result[0]) for result in on_whoosh) > len(cases) // 2
    different = [case for case, a, b in zip(cases, on_whoosh, on_cluster, strict=True) if a != b]
    assert different == []


@pytest.mark.opensearch
@pytest.mark.django_db(transaction=True)
def test_what_is_stored_holds_the_terms_whoosh_indexes_and_the_exact_fields(opensearch):
    ingest("raw/oic-cfm20-res9-at.txt")
    stored = dict(opensearch.stored_documents())
    paragraphs = Paragraph.objects.select_related("document", "resolution")
    assert set(stored) == {f"archive.paragraph.{p.pk}" for p in paragraphs}
    for paragraph in paragraphs:
        doc = stored[f"archive.paragraph.{paragraph.pk}"]
        assert sent_tokens(doc["text"]) == whoosh_tokens(paragraph.text), paragraph.pk
        assert [token for token, _ in sent_tokens(doc["text"])] == analyse(paragraph.text)
        assert doc["django_ct"] == "archive.paragraph" and doc["django_id"] == str(paragraph.pk)
        assert doc["document"] == paragraph.document_id
        assert doc["resolution"] == (paragraph.resolution.number if paragraph.resolution else None)
        assert doc["kind"] == paragraph.kind


def one_document_indexed(backend):
    """One fixture ingested: the alias's indexes, how many entries they hold, the paragraph index."""
    ingest("raw/oic-cfm20-res9-at.txt")
    return backend._aliased(), backend.document_count(), connections["default"].get_unified_index().get_index(Paragraph)


@pytest.mark.opensearch
@pytest.mark.django_db(transaction=True)
def test_rebuild_swaps_in_a_complete_index_and_searches_see_the_old_one_until_then(opensearch):
    before, total, index = one_document_indexed(opensearch)
    seen_during = []

    def batches():
        rows = list(index.index_queryset().order_by("pk"))
        for start in range(0, len(rows), 10):
            seen_during.append((opensearch.document_count(), len(engine.run(parse("القدس")).ids)))
            yield rows[start : start + 10]

    found_before = len(engine.run(parse("القدس")).ids)
    assert opensearch.rebuild(index, batches()) == total
    after = opensearch._aliased()
    assert len(after) == 1 and after != before
    assert not opensearch.conn.indices.exists(index=before[0])  # the old index is gone
    assert seen_during and all(seen == (total, found_before) for seen in seen_during)
    assert opensearch.document_count() == total and len(engine.run(parse("القدس")).ids) == found_before


@pytest.mark.opensearch
@pytest.mark.django_db(transaction=True)
def test_a_rebuild_that_fails_leaves_the_alias_and_its_index_as_they_were(opensearch):
    before, total, index = one_document_indexed(opensearch)

    def failing():
        yield list(index.index_queryset().order_by("pk")[:5])
        raise RuntimeError("the database went away")

    names_before = set(opensearch.conn.indices.get(index=f"{opensearch.alias}-*"))
    with pytest.raises(RuntimeError, match="went away"):
        opensearch.rebuild(index, failing())
    assert opensearch._aliased() == before
    assert opensearch.document_count() == total
    assert set(opensearch.conn.indices.get(index=f"{opensearch.alias}-*")) == names_before  # nothing left over


@pytest.mark.opensearch
@pytest.mark.django_db(transaction=True)
def test_a_misspelt_word_gets_the_clusters_suggestion_shown_as_the_archive_writes_it(opensearch):
    ingest("raw/oic-cfm20-res9-at.txt")
    assert opensearch.corrections(["موتمز", "اسطنبوا", "اسلام"]) == {"موتمز": "موتمر", "اسطنبوا": "اسطنبول"}
    found = engine.search("المؤتمز اسطنبول")
    assert found.outcome.count == 0 and found.suggestion == "المؤتمر اسطنبول"


@pytest.mark.opensearch
@pytest.mark.django_db(transaction=True)
def test_deep_pages_come_from_the_cluster_and_are_the_pages_whoosh_serves(settings, tmp_path, opensearch, monkeypatch):
    for path in sorted(p for folder in ("seeds", "raw") for p in (CORPUS / folder).iterdir() if p.is_file()):
        ingest(f"{path.parent.name}/{path.name}")
    monkeypatch.setattr(engine, "FIRST_HITS", 5)  # so that the second page already comes from the cluster
    searches = [("منظمة", "newest"), ("الإسلامي", "oldest"), ("الدول", "newest")]

    def pages(text, sort):
        found = engine.search(text, sort=sort)
        paginator = found.paginator()
        return found.outcome.count, [list(paginator.page(n).object_list) for n in paginator.page_range]

    on_cluster = [pages(*search) for search in searches]
    assert all(count > 20 for count, _ in on_cluster)
    use(settings, whoosh_connection(tmp_path))
    call_command("rebuild_index", interactive=False, verbosity=0)
    assert [pages(*search) for search in searches] == on_cluster
