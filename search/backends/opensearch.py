"""The OpenSearch backend (search.backends.base's contract) on opensearch-py, with our Arabic analysis done
before anything is sent.

OpenSearch never analyses Arabic itself: the paragraph text goes to it as the terms search.analysis makes
(the same terms the Whoosh analyzer indexes), one per word, separated by spaces, with a placeholder (``_``)
where a stop word stood. The text fields' analyzer (``qararat_terms``) splits on white space and drops the
placeholder while keeping its position, so every term has the position it has in Whoosh and phrase queries
see the same gaps. Queries are built from the parsed query tree (search.query) as term, phrase and bool
queries on those analysed terms (`query_dsl`), never as a query string that OpenSearch would re-analyse.

The index the archive searches is an alias (``OPENSEARCH_INDEX``, default ``qararat``) over one physical
index (``qararat-<time>``): `rebuild()` fills a new physical index and moves the alias to it in one
atomic request, so searches never see a half-built index, then drops the old one.

The mapping (also in docs/scaling.md): ``text`` and ``context`` text with ``qararat_terms``; ``document``
and ``year`` integer; ``resolution``, ``sessions``, ``bodies``, ``kind`` and haystack's ``id``,
``django_ct``, ``django_id`` keyword.
"""

from __future__ import annotations

import datetime
import json
import logging
import time
from collections.abc import Iterable, Iterator

import haystack
from haystack.backends import BaseEngine, BaseSearchBackend
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.utils import get_identifier

from search import analysis
from search.backends.base import ArchiveSearchBackend, Matches
from search.query import And, Node, Not, Or, Phrase, Term

logger = logging.getLogger(__name__)

GAP = "_"  # stands for a stop word: holds its position, never indexed (no analysed term is "_")
ANALYZER = "qararat_terms"
PARAGRAPHS = "archive.paragraph"
SEARCH_ATTEMPTS = 3
# The orders search.engine offers, as the database gives them (search.filters.filter_ids): by score, or by
# the document's date (undated last), then document and position; the paragraph id breaks the last ties.
_READING_ORDER = [{"document": "asc"}, {"position": "asc"}, {DJANGO_ID: "asc"}]
SORTS = {
    "relevance": [{"_score": "desc"}, {DJANGO_ID: "asc"}],
    "newest": [{"date": {"order": "desc", "missing": "_last"}}, *_READING_ORDER],
    "oldest": [{"date": {"order": "asc", "missing": "_last"}}, *_READING_ORDER],
}
# Facet name -> the indexed field it counts; more buckets than the archive has values, so counts are exact.
FACET_FIELDS = {"body": "bodies", "session": "sessions", "year": "year", "kind": "kind"}
FACET_SIZE = 10_000
# Seconds a process trusts the cluster's statistics for writes the site did not make itself (`state`).
DEFAULT_STATE_TTL = 5.0

ANALYSIS = {
    "analyzer": {ANALYZER: {"type": "custom", "tokenizer": "whitespace", "filter": ["qararat_gap"]}},
    "filter": {"qararat_gap": {"type": "stop", "stopwords": [GAP], "ignore_case": False}},
}


def analysed_text(text: str) -> str:
    """What a text field sends: our analysed terms by position, a placeholder for each stop word."""
    return " ".join(GAP if token.stop else token.text for token in analysis.tokens(text))


def query_dsl(node: Node, field: str | dict[str, float] = "text") -> dict:
    """The query tree as OpenSearch query DSL on analysed terms, matching what Whoosh matches.

    A term is a ``term`` query (not analysed again). A phrase without stop words inside is a
    ``match_phrase`` of its terms (the field's analyzer only splits them). A phrase with stop words
    inside is nested ordered ``span_near`` queries, each allowing as many positions between neighbours
    as the phrase had stop words at most: what Whoosh's phrase with slop does (each pair of
    neighbouring words at most ``slop`` positions apart, in order).

    ``field`` is one field, or several with their weights ({"text": 1.0, "context": 0.25}): each term
    and phrase is then looked for in every field, the scores added, as Whoosh's MultifieldParser does.
    """
    fields = {field: 1.0} if isinstance(field, str) else field
    if isinstance(node, Term | Phrase):
        clauses = [_leaf_dsl(node, name, boost) for name, boost in fields.items()]
        return clauses[0] if len(clauses) == 1 else {"bool": {"should": clauses, "minimum_should_match": 1}}
    if isinstance(node, Not):
        return {"bool": {"must": [{"match_all": {}}], "must_not": [query_dsl(node.node, fields)]}}
    if isinstance(node, Or):
        return {
            "bool": {"should": [query_dsl(child, fields) for child in node.nodes], "minimum_should_match": 1}
        }
    if isinstance(node, And):
        must = [query_dsl(child, fields) for child in node.nodes if not isinstance(child, Not)]
        must_not = [query_dsl(child.node, fields) for child in node.nodes if isinstance(child, Not)]
        if len(must) == 1 and not must_not:
            return must[0]
        query: dict = {"must": must or [{"match_all": {}}]}
        if must_not:
            query["must_not"] = must_not
        return {"bool": query}
    raise TypeError(f"not a query node: {node!r}")


def _leaf_dsl(node: Term | Phrase, field: str, boost: float) -> dict:
    """One term or phrase in one field; a weight other than 1 travels with the clause."""
    weight = {} if boost == 1.0 else {"boost": boost}
    if isinstance(node, Term):
        return {"term": {field: {"value": node.text, **weight} if weight else node.text}}
    words = [term.text for term in node.terms]
    if node.slop <= 1:
        return {"match_phrase": {field: {"query": " ".join(words), **weight}}}
    spans = {"span_term": {field: words[0]}}
    for word in words[1:]:
        spans = {
            "span_near": {
                "clauses": [spans, {"span_term": {field: word}}],
                "slop": node.slop - 1,
                "in_order": True,
            }
        }
    spans["span_near"].update(weight)
    return spans


def mapping(fields) -> dict:
    """The index mapping for haystack's fields: our analysed text fields, the rest exact."""
    properties = {
        ID: {"type": "keyword"},
        DJANGO_CT: {"type": "keyword"},
        DJANGO_ID: {"type": "keyword"},
    }
    for field in fields.values():
        if field.document or field.analyzer is not None:
            kind = {"type": "text", "analyzer": ANALYZER}
        elif field.field_type in ("integer", "long"):
            kind = {"type": "integer"}
        elif field.field_type == "float":
            kind = {"type": "float"}
        elif field.field_type in ("date", "datetime"):
            kind = {"type": "date"}
        elif field.field_type == "boolean":
            kind = {"type": "boolean"}
        else:
            kind = {"type": "keyword"}
        properties[field.index_fieldname] = kind
    return {"dynamic": "strict", "properties": properties}


def _json_value(value):
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, set | tuple):
        return list(value)
    return value


class QararatOpenSearchBackend(ArchiveSearchBackend, BaseSearchBackend):
    """Options (search.backends.haystack_connections builds them from the environment): URLS (list),
    INDEX_NAME (the alias), SHARDS, REPLICAS, HTTP_AUTH ((user, password) or None), VERIFY_CERTS,
    CA_CERTS, TIMEOUT (seconds), STATE_TTL (seconds, see `state`)."""

    def __init__(self, connection_alias, **options):
        from opensearchpy import OpenSearch

        super().__init__(connection_alias, **options)
        self.alias = options["INDEX_NAME"]
        self.shards = int(options.get("SHARDS", 1))
        self.replicas = int(options.get("REPLICAS", 1))
        self.state_ttl = float(options.get("STATE_TTL", DEFAULT_STATE_TTL))
        self._cluster_state: tuple[float, str] | None = None  # (when it was asked, the statistics' token)
        self.conn = OpenSearch(
            hosts=options["URLS"],
            http_auth=options.get("HTTP_AUTH"),
            verify_certs=options.get("VERIFY_CERTS", True),
            ca_certs=options.get("CA_CERTS"),
            timeout=options.get("TIMEOUT", 10),
            # A node that stops answering is marked dead and the request goes to another: with replicas on
            # the other nodes, searches and writes go on while one node is down.
            retry_on_timeout=True,
            max_retries=len(options["URLS"]) + 1,
        )
        self.setup_complete = False

    # -- the index and its alias -------------------------------------------------------------------------

    def _unified(self):
        return haystack.connections[self.connection_alias].get_unified_index()

    def _index_body(self) -> dict:
        return {
            "settings": {
                "index": {"number_of_shards": self.shards, "number_of_replicas": self.replicas},
                "analysis": ANALYSIS,
            },
            "mappings": mapping(self._unified().all_searchfields()),
        }

    def _create_index(self, name: str | None = None, aliased: bool = False) -> str:
        """A new, empty physical index for the alias (already behind it if `aliased`); its name."""
        name = name or f"{self.alias}-{time.time_ns()}"
        body = self._index_body()
        if aliased:
            body["aliases"] = {self.alias: {}}
        self.conn.indices.create(index=name, body=body)
        # Wait for its primaries, so the first write does not race the shard allocation.
        self.conn.cluster.health(index=name, wait_for_status="yellow", request_timeout=40)
        return name

    def _aliased(self) -> list[str]:
        """The physical indexes the alias points at now ([] when there is no alias yet)."""
        if not self.conn.indices.exists_alias(name=self.alias):
            return []
        return sorted(self.conn.indices.get_alias(name=self.alias))

    def setup(self):
        """The alias and a first index behind it, created in one request when the cluster has neither.

        Two processes setting up at once (two uploads confirmed together on a fresh cluster) both try to
        create the same first index with the alias; the second finds it there, so the alias never points
        at two indexes (which would leave it without a write index)."""
        from opensearchpy.exceptions import RequestError

        if not self._aliased():
            if self.conn.indices.exists(index=self.alias):
                raise RuntimeError(
                    f"OpenSearch holds an index named {self.alias!r} where Qararat keeps an alias: "
                    "delete it (or set OPENSEARCH_INDEX to another name) and run manage.py rebuild_index"
                )
            try:
                self._create_index(f"{self.alias}-first", aliased=True)
            except RequestError as error:
                if error.error != "resource_already_exists_exception":
                    raise
        self.setup_complete = True

    def _ready(self):
        if not self.setup_complete:
            self.setup()

    # -- writing -----------------------------------------------------------------------------------------

    def _prepare(self, index, obj) -> dict:
        data = index.full_prepare(obj)
        for field in index.fields.values():
            if field.document or field.analyzer is not None:
                data[field.index_fieldname] = analysed_text(data.get(field.index_fieldname) or "")
        return {key: _json_value(value) for key, value in data.items()}

    def _bulk(self, actions: Iterable[dict], target: str, refresh: bool = True) -> None:
        from opensearchpy.helpers import bulk

        _ok, errors = bulk(self.conn, actions, index=target, raise_on_error=False, ignore_status=(404,))
        if errors:
            raise RuntimeError(f"OpenSearch refused {len(errors)} writes, the first: {errors[0]}")
        if refresh:
            self.conn.indices.refresh(index=target)
        self._wrote()

    def _wrote(self) -> None:
        """After a write is visible to searches: a new generation, so every worker's next `state()` differs."""
        from search.models import IndexGeneration

        IndexGeneration.bump(self.alias)

    def update(self, index, iterable, commit=True):
        self._ready()
        actions = (
            {"_op_type": "index", "_id": get_identifier(obj), "_source": self._prepare(index, obj)}
            for obj in iterable
        )
        self._bulk(actions, self.alias, refresh=commit)

    def remove_many(self, identifiers: list[str]) -> None:
        if not identifiers:
            return
        self._ready()
        self._bulk(({"_op_type": "delete", "_id": identifier} for identifier in identifiers), self.alias)

    def remove(self, obj_or_string, commit=True):
        self.remove_many([get_identifier(obj_or_string)])

    def clear(self, models=None, commit=True):
        """Remove every search document: an empty new index swapped in behind the alias (every document
        the archive indexes is a paragraph, so clearing some models is clearing them all)."""
        self.rebuild(None, [])

    def rebuild(self, index, batches: Iterable[list]) -> int:
        """Fill a new physical index, then move the alias to it in one atomic request and drop the old
        ones. If anything fails on the way, the new index is dropped and the alias is untouched."""
        old = self._aliased()
        new = self._create_index()
        written = 0
        try:
            for batch in batches:
                actions = [
                    {"_op_type": "index", "_id": get_identifier(obj), "_source": self._prepare(index, obj)}
                    for obj in batch
                ]
                self._bulk(actions, new, refresh=False)
                written += len(batch)
            self.conn.indices.refresh(index=new)
            if self.conn.indices.exists(index=self.alias) and not old:
                raise RuntimeError(f"an index named {self.alias!r} stands where the alias belongs")
            swap = [{"add": {"index": new, "alias": self.alias}}]
            swap += [{"remove": {"index": name, "alias": self.alias}} for name in old]
            self.conn.indices.update_aliases(body={"actions": swap})
        except BaseException:
            self.conn.indices.delete(index=new, ignore_unavailable=True)
            raise
        for name in old:
            self.conn.indices.delete(index=name, ignore_unavailable=True)
        self.setup_complete = True
        self._wrote()
        return written

    def drop(self) -> None:
        """Delete the alias and every index behind it (tests; a new setup starts from nothing)."""
        for name in self._aliased():
            self.conn.indices.delete(index=name, ignore_unavailable=True)
        self.setup_complete = False

    # -- reading -----------------------------------------------------------------------------------------

    def _searched_fields(self) -> dict[str, float]:
        """The fields a query looks in, with their weights: the text, then its context fields."""
        from search.search_indexes import FIELD_BOOSTS

        unified = self._unified()
        content = unified.document_field
        analysed = {field.index_fieldname for field in unified.all_searchfields().values() if field.analyzer}
        others = {name: boost for name, boost in FIELD_BOOSTS.items() if name != content and name in analysed}
        return {content: FIELD_BOOSTS.get(content, 1.0), **others}

    def _query(self, tree: Node, filters=None) -> dict:
        """The tree in the text and context fields, limited to paragraphs and to what the filters keep."""
        keep = [{"term": {DJANGO_CT: PARAGRAPHS}}, *filter_clauses(filters)]
        return {"bool": {"must": [query_dsl(tree, self._searched_fields())], "filter": keep}}

    def _search(self, body: dict) -> dict:
        """One search, never a partial answer: with a node gone, a shard copy on it fails the request
        instead of its hits silently missing, and the request is tried again (the cluster answers from
        the copies left once it has noticed)."""
        from opensearchpy.exceptions import ConnectionError as Unreachable
        from opensearchpy.exceptions import TransportError

        for attempt in range(SEARCH_ATTEMPTS):
            try:
                return self.conn.search(index=self.alias, body=body, allow_partial_search_results=False)
            except (Unreachable, TransportError) as error:
                status = getattr(error, "status_code", None)
                if attempt == SEARCH_ATTEMPTS - 1 or (isinstance(status, int) and status < 500):
                    raise
                logger.warning("search failed (%s), trying again", error)
                time.sleep(0.2 * (attempt + 1))
        raise AssertionError("unreachable")

    def ranked_ids(self, tree: Node, limit: int) -> list[tuple[int, float]]:
        self._ready()
        body = {"query": self._query(tree), "size": limit, "_source": False, "track_total_hits": False}
        return _hits(self._search(body))

    def matches(self, tree: Node, filters, sort: str, limit: int, offset: int = 0) -> Matches:
        """Filters, order and facet counts done by the cluster over every match, in one request: the
        count is exact (track_total_hits) and so are the facets (terms aggregations larger than the
        archive's sessions, bodies, years and kinds), and only `limit` ids come back. A deeper page
        (offset > 0) asks for its ids alone, without the count and the facets the first request had."""
        self._ready()
        body = {
            "query": self._query(tree, filters),
            "from": offset,
            "size": limit,
            "_source": False,
            "track_total_hits": offset == 0,
            "sort": SORTS[sort],
        }
        if offset:
            return Matches(_hits(self._search(body)), None)
        body["aggs"] = {name: {"terms": {"field": field, "size": FACET_SIZE}} for name, field in FACET_FIELDS.items()}
        response = self._search(body)
        facets = {
            name: {bucket["key"]: bucket["doc_count"] for bucket in response["aggregations"][name]["buckets"]}
            for name in FACET_FIELDS
        }
        return Matches(_hits(response), response["hits"]["total"]["value"], facets)

    def symbol_ids(self, terms: tuple[str, ...], limit: int) -> list[int]:
        if not terms:
            return []
        self._ready()
        query = {
            "bool": {
                "must": [{"match_phrase": {"symbol": " ".join(terms)}}],
                "filter": [{"term": {DJANGO_CT: PARAGRAPHS}}],
            }
        }
        body = {
            "query": query,
            "size": limit,
            "_source": False,
            "track_total_hits": False,
            "sort": _READING_ORDER,
        }
        return [pk for pk, _score in _hits(self._search(body))]

    def corrections(self, terms: list[str]) -> dict[str, str]:
        """OpenSearch's term suggester on the text field's analysed terms, for the terms it lacks."""
        if not terms:
            return {}
        self._ready()
        field = self._unified().document_field
        suggest = {
            f"t{i}": {
                "text": term,
                "term": {
                    "field": field,
                    "suggest_mode": "missing",
                    "max_edits": 1 if len(term) <= 4 else 2,
                    "size": 1,
                    "analyzer": ANALYZER,
                },
            }
            for i, term in enumerate(terms)
        }
        response = self.conn.search(index=self.alias, body={"size": 0, "suggest": suggest})
        found = {}
        for i, term in enumerate(terms):
            for entry in response.get("suggest", {}).get(f"t{i}", []):
                if entry.get("options"):
                    found[term] = entry["options"][0]["text"]
        return found

    def stored_documents(self) -> Iterator[tuple[str, dict]]:
        from opensearchpy.helpers import scan

        self._ready()
        for hit in scan(self.conn, index=self.alias, query={"query": {"match_all": {}}}):
            yield hit["_id"], hit.get("_source", {})

    def expected_document(self, index, obj) -> dict:
        # As stored and read back: through JSON.
        return json.loads(json.dumps(self._prepare(index, obj), ensure_ascii=False))

    def state(self) -> str:
        """The alias's generation, which the site writes anew after each of its writes (`_wrote`: every
        update, removal, clear and rebuild, from any worker or machine sharing the database), read from the
        database: a primary-key read instead of a request to the cluster. A write made by anything else
        (another program writing to the alias) does not move the generation, so beside it stands the
        cluster's own statistics (`cluster_state`), asked at most once every STATE_TTL seconds per process
        (OPENSEARCH_STATE_TTL, default 5; 0 asks on every search): such a write shows within that time."""
        from search.models import IndexGeneration

        now = time.monotonic()
        if self._cluster_state is None or now - self._cluster_state[0] >= self.state_ttl:
            self._cluster_state = (now, self.cluster_state())
        return f"opensearch:{self.alias}:{IndexGeneration.current(self.alias)}:{self._cluster_state[1]}"

    def cluster_state(self) -> str:
        """The physical index behind the alias, with its documents and its primaries' write counters
        (any write or removal moves them; a rebuild or clear swaps in another index): one _stats request."""
        self._ready()
        stats = self.conn.indices.stats(index=self.alias, metric="docs,indexing")["indices"]
        return ";".join(
            f"{name}:{numbers['primaries']['docs']['count']}:{numbers['primaries']['docs']['deleted']}:"
            f"{numbers['primaries']['indexing']['index_total']}:{numbers['primaries']['indexing']['delete_total']}"
            for name, numbers in sorted(stats.items())
        )

    def document_count(self, document: int | None = None) -> int:
        self._ready()
        body = {"query": {"term": {"document": document}}} if document is not None else None
        return self.conn.count(index=self.alias, body=body)["count"]


def _hits(response: dict) -> list[tuple[int, float]]:
    """(paragraph id, score) of a search response's hits (score 0 where the order was not by score)."""
    return [(int(hit["_id"].rsplit(".", 1)[1]), hit["_score"] or 0.0) for hit in response["hits"]["hits"]]


def filter_clauses(filters) -> list[dict]:
    """search.filters.Filters as filter clauses on the indexed fields (what Filters.as_q asks of the
    database: a session or body of the paragraph's document, its year, the paragraph's kind, the
    resolutions it cites)."""
    if filters is None:
        return []
    clauses = []
    if filters.body:
        clauses.append({"term": {"bodies": filters.body}})
    if filters.session:
        clauses.append({"term": {"sessions": filters.session}})
    years = {}
    if filters.year_from is not None:
        years["gte"] = filters.year_from
    if filters.year_to is not None:
        years["lte"] = filters.year_to
    if years:
        clauses.append({"range": {"year": years}})
    if filters.kind:
        clauses.append({"term": {"kind": filters.kind}})
    if filters.cites:
        # Which paragraphs cite a resolution is the database's to say (archive.citing): their ids.
        clauses.append({"terms": {DJANGO_ID: [str(pk) for pk in filters.citing_ids()]}})
    return clauses


class QararatOpenSearchEngine(BaseEngine):
    backend = QararatOpenSearchBackend


__all__ = ["QararatOpenSearchEngine", "analysed_text", "query_dsl"]
