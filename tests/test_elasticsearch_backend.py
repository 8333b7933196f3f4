"""The Elasticsearch backend, without a server: mapping, documents and queries as sent, and matching.

A fake transport (tests/es_fake.py) stands in for the server; it records every request the client
makes and answers from an in-memory index that tokenises the text field as the mapping's analyzer does.
"""

import json

import pytest

pytest.importorskip("elasticsearch")

from django.core.management import call_command  # noqa: E402
from haystack import connections  # noqa: E402

from archive.models import Document, Paragraph  # noqa: E402
from search import engine  # noqa: E402
from search.analysis import analyse, tokens  # noqa: E402
from search.elasticsearch_backend import INDEX_SETTINGS, analysed_text, query_dsl  # noqa: E402
from search.query import parse  # noqa: E402
from search.whoosh_analysis import ArabicAnalyzer  # noqa: E402
from tests.es_fake import FakeTransport, requests_to  # noqa: E402
from tests.helpers import CORPUS  # noqa: E402
from tests.helpers import ingest_fixture as ingest  # noqa: E402

pytestmark = pytest.mark.django_db(transaction=True)

ES_ENGINE = "search.elasticsearch_backend.QararatElasticsearch7Engine"


def use_fake_elasticsearch(settings):
    settings.HAYSTACK_CONNECTIONS = {
        "default": {
            "ENGINE": ES_ENGINE,
            "URL": "http://elasticsearch.invalid:9200",
            "INDEX_NAME": "qararat-test",
            "KWARGS": {"transport_class": FakeTransport},
        }
    }
    connections.connections_info = settings.HAYSTACK_CONNECTIONS
    return connections.reload("default").get_backend()


@pytest.fixture
def es(settings, search_index):  # after conftest's Whoosh fixture, which restores the settings afterwards
    return use_fake_elasticsearch(settings)


def bulk_documents(transport) -> dict[str, dict]:
    docs = {}
    for _method, _url, _params, body in requests_to(transport, r"/_bulk$"):
        lines = [json.loads(line) for line in body.strip().split("\n")]
        for meta, doc in zip(lines[::2], lines[1::2], strict=True):
            docs[meta["index"]["_id"]] = doc
    return docs


def whoosh_tokens(text: str) -> list[tuple[str, int]]:
    return [(token.text, token.pos) for token in ArabicAnalyzer()(text, positions=True)]


def es_tokens(text: str) -> list[tuple[str, int]]:
    """What the mapping's analyzer makes of the text sent: white-space tokens, placeholders dropped."""
    return [(token, position) for position, token in enumerate(text.split()) if token != "_"]


def test_the_mapping_and_index_settings_sent(es):
    es.setup()
    transport = es.conn.transport
    (create,) = [r for r in transport.requests if r[0] == "PUT" and r[1] == "/qararat-test"]
    assert create[3] == INDEX_SETTINGS
    analyzer = INDEX_SETTINGS["settings"]["analysis"]["analyzer"]["qararat_terms"]
    assert analyzer == {"type": "custom", "tokenizer": "whitespace", "filter": ["qararat_gap"]}
    assert INDEX_SETTINGS["settings"]["analysis"]["filter"]["qararat_gap"]["stopwords"] == ["_"]
    (mapping,) = [r for r in transport.requests if r[0] == "PUT" and r[1] == "/qararat-test/_mapping"]
    assert mapping[3] == {
        "properties": {
            "id": {"type": "keyword"},
            "django_ct": {"type": "keyword"},
            "django_id": {"type": "keyword"},
            "text": {"type": "text", "analyzer": "qararat_terms"},
            "context": {"type": "text", "analyzer": "qararat_terms"},
            "document": {"type": "integer"},
            "resolution": {"type": "keyword"},
            "sessions": {"type": "keyword"},
            "bodies": {"type": "keyword"},
            "year": {"type": "integer"},
            "kind": {"type": "keyword"},
        }
    }


def test_documents_sent_hold_the_terms_and_positions_whoosh_indexes(es):
    ingest("seeds/002_393cbb48b9883689.txt")
    ingest("raw/oic-cfm20-res9-at.txt")
    docs = bulk_documents(es.conn.transport)
    paragraphs = Paragraph.objects.select_related("document", "resolution")
    index = connections["default"].get_unified_index().get_index(Paragraph)
    assert set(docs) == {f"archive.paragraph.{p.pk}" for p in paragraphs}
    stop_gaps = 0
    for paragraph in paragraphs:
        doc = docs[f"archive.paragraph.{paragraph.pk}"]
        assert es_tokens(doc["text"]) == whoosh_tokens(paragraph.text), paragraph.pk
        assert [token for token, _ in es_tokens(doc["text"])] == analyse(paragraph.text)
        assert es_tokens(doc["context"]) == whoosh_tokens(index.prepare_context(paragraph))
        subject = paragraph.resolution.subject if paragraph.resolution else ""
        assert " ".join(analyse(subject)) in " ".join(token for token, _ in es_tokens(doc["context"]))
        stop_gaps += doc["text"].split().count("_")
        sessions = [s.slug for s in paragraph.document.sessions.all()]
        assert doc["django_ct"] == "archive.paragraph" and doc["django_id"] == str(paragraph.pk)
        assert doc["document"] == paragraph.document_id
        assert doc["resolution"] == (paragraph.resolution.number if paragraph.resolution else None)
        assert doc["sessions"] == sessions
        assert doc["kind"] == paragraph.kind
        assert doc["year"] == (paragraph.document.date.year if paragraph.document.date else None)
    assert stop_gaps > 50  # real Arabic text: stop words kept their positions


def test_one_real_paragraph_as_sent():
    text = "يؤكد على حق الشعب الفلسطيني في تقرير مصيره، وإقامة دولته المستقلة وعاصمتها القدس الشريف."
    sent = analysed_text(text).split()
    assert sent == ["_" if token.stop else token.text for token in tokens(text)]
    assert sent[1] == "_" and sent[5] == "_"  # على، في
    assert es_tokens(analysed_text(text)) == whoosh_tokens(text)


def search_body(es, text: str) -> dict:
    before = len(es.conn.transport.requests)
    engine.run(parse(text))
    searches = [r for r in es.conn.transport.requests[before:] if r[1].endswith("/_search")]
    # The first search is the whole query; more may follow for partial matches (engine.partial_matches).
    method, url, params, body = searches[0]
    assert url == "/qararat-test/_search"
    assert body["size"] == engine.MAX_HITS and body["_source"] is False
    bool_query = body["query"]["bool"]
    assert bool_query["filter"] == [{"terms": {"django_ct": ["archive.paragraph"]}}]
    (query,) = bool_query["must"]
    return query


def in_text_and_context(clause) -> dict:
    """A term or phrase clause as sent: looked for in the text, and in the context with weight 0.25."""
    return {
        "bool": {
            "should": [clause("text", {}), clause("context", {"boost": 0.25})],
            "minimum_should_match": 1,
        }
    }


def term(text):
    return in_text_and_context(
        lambda field, boost: {"term": {field: {"value": text, **boost} if boost else text}}
    )


def phrase(words):
    return in_text_and_context(lambda field, boost: {"match_phrase": {field: {"query": words, **boost}}})


def spans(field, words, slop):
    near = {"span_term": {field: words[0]}}
    for word in words[1:]:
        near = {
            "span_near": {"clauses": [near, {"span_term": {field: word}}], "slop": slop, "in_order": True}
        }
    return near


def test_the_query_dsl_sent_uses_analysed_terms_in_the_text_and_the_context(es):
    es.setup()
    assert search_body(es, "التعاون الاقتصادي") == {"bool": {"must": [term("تعاون"), term("اقتصاد")]}}
    assert term("قدس") == {
        "bool": {
            "should": [{"term": {"text": "قدس"}}, {"term": {"context": {"value": "قدس", "boost": 0.25}}}],
            "minimum_should_match": 1,
        }
    }
    # A quoted phrase is not expanded to the alias (as with Whoosh); plain words are.
    assert search_body(es, '"منظمة المؤتمر الإسلامي"') == phrase("منظم موتمر اسلام")
    aliased = search_body(es, "منظمة المؤتمر الإسلامي")
    assert aliased == {
        "bool": {
            "should": [
                {"bool": {"must": [term("منظم"), term("موتمر"), term("اسلام")]}},
                {"bool": {"must": [term("منظم"), term("تعاون"), term("اسلام")]}},
            ],
            "minimum_should_match": 1,
        }
    }
    assert search_body(es, "القدس أو فلسطين") == {
        "bool": {"should": [term("قدس"), term("فلسط")], "minimum_should_match": 1}
    }
    assert search_body(es, "القدس -الاستيطان") == {
        "bool": {"must": [term("قدس")], "must_not": [term("استيط")]}
    }
    assert search_body(es, "32/38") == {
        "bool": {"should": [phrase("32 38"), phrase("38 32")], "minimum_should_match": 1}
    }
    # A stop word inside a phrase: neighbours may stand as far apart as Whoosh's slop allows.
    words = ["حق", "شعب", "تقرير", "مصير"]
    in_context = spans("context", words, 1)
    in_context["span_near"]["boost"] = 0.25
    assert search_body(es, '"حق الشعب في تقرير المصير"') == {
        "bool": {"should": [spans("text", words, 1), in_context], "minimum_should_match": 1}
    }
    assert spans("text", words[:2], 1) == {
        "span_near": {
            "clauses": [{"span_term": {"text": "حق"}}, {"span_term": {"text": "شعب"}}],
            "slop": 1,
            "in_order": True,
        }
    }


def test_query_dsl_is_pure_and_takes_the_field_name_or_the_fields_and_their_weights():
    assert query_dsl(parse("القدس").tree, field="content") == {"term": {"content": "قدس"}}
    assert query_dsl(parse("القدس").tree, field={"a": 1.0, "b": 0.5}) == {
        "bool": {
            "should": [{"term": {"a": "قدس"}}, {"term": {"b": {"value": "قدس", "boost": 0.5}}}],
            "minimum_should_match": 1,
        }
    }


EVAL_QUERIES = [
    q["query"]
    for q in json.loads((CORPUS.parent.parent / "tests/search_eval/queries.json").read_text())["queries"]
]
MORE_QUERIES = [
    "التعاون الاقتصادي",
    '"منظمة المؤتمر الإسلامي"',
    "القدس أو فلسطين",
    "القدس -الاستيطان",
    "32/38",
    '"حق الشعب في تقرير المصير"',
    '"تقرير المصير"',
    "(القدس أو فلسطين) -الاستيطان",
    "242 (1967)",
]


def test_the_fake_server_matches_what_whoosh_matches_on_the_whole_corpus(settings):
    files = sorted(p for folder in ("seeds", "raw") for p in (CORPUS / folder).iterdir() if p.is_file())
    for path in files:
        ingest(f"{path.parent.name}/{path.name}")
    queries = EVAL_QUERIES + MORE_QUERIES
    whoosh = {q: set(engine.run(parse(q)).ids) for q in queries}
    assert sum(bool(found) for found in whoosh.values()) >= len(queries) - 2
    backend = use_fake_elasticsearch(settings)
    for document in Document.objects.all():
        engine_index = connections["default"].get_unified_index().get_index(Paragraph)
        backend.update(engine_index, list(engine_index.index_queryset().filter(document=document)))
    assert len(backend.conn.transport.docs) == Paragraph.objects.count()
    different = {
        q: (len(whoosh[q]), len(set(engine.run(parse(q)).ids)))
        for q in queries
        if set(engine.run(parse(q)).ids) != whoosh[q]
    }
    assert different == {}


def test_deleting_a_paragraph_sends_a_bulk_delete(es):
    document = ingest("seeds/002_393cbb48b9883689.txt")
    paragraph = document.paragraphs.first()
    identifier = f"archive.paragraph.{paragraph.pk}"
    assert identifier in es.conn.transport.docs
    paragraph.delete()
    deletes = [r[3] for r in requests_to(es.conn.transport, r"/_bulk$") if '"delete"' in r[3]]
    assert [json.loads(body) for body in deletes] == [{"delete": {"_id": identifier}}]
    assert identifier not in es.conn.transport.docs


def test_check_index_and_repair_work_against_elasticsearch(es):
    import io

    from django.core.management.base import CommandError

    document = ingest("seeds/002_393cbb48b9883689.txt")
    out = io.StringIO()
    call_command("check_index", stdout=out)
    assert out.getvalue().strip().endswith("index consistent")
    changed = document.paragraphs.first()
    Paragraph.objects.filter(pk=changed.pk).update(text="نص جديد عن الزراعة المستدامة")
    with pytest.raises(CommandError):
        call_command("check_index", stdout=io.StringIO())
    out = io.StringIO()
    call_command("check_index", "--repair", stdout=out)
    assert f"  {changed.pk}: text" in out.getvalue().splitlines()
    assert es.conn.transport.docs[f"archive.paragraph.{changed.pk}"]["text"] == analysed_text(
        "نص جديد عن الزراعة المستدامة"
    )


def test_a_search_with_no_match_asks_the_suggester_and_survives(es):
    ingest("seeds/002_393cbb48b9883689.txt")
    result = engine.search("كلمةلاتوجد")
    assert result.outcome.count == 0 and result.suggestion is None
    suggest = [r[3] for r in es.conn.transport.requests if r[1].endswith("/_search") and "suggest" in r[3]]
    assert suggest and suggest[0]["suggest"]["t0"]["term"]["field"] == "text"


def test_rebuild_index_recreates_the_index_and_sends_every_paragraph(es):
    ingest("seeds/002_393cbb48b9883689.txt")
    transport = es.conn.transport
    transport.docs["archive.paragraph.999999"] = {"text": "قديم", "django_ct": "archive.paragraph"}
    call_command("rebuild_index", interactive=False, verbosity=0)
    assert ("DELETE", "/qararat-test", {"ignore": 404}, None) in transport.requests
    assert set(transport.docs) == {
        f"archive.paragraph.{pk}" for pk in Paragraph.objects.values_list("pk", flat=True)
    }
