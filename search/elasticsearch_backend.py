"""haystack's Elasticsearch 7 backend with our Arabic analysis done before anything is sent.

Elasticsearch never analyses Arabic itself: the paragraph text goes to it as the terms search.analysis
makes (the same terms the Whoosh analyzer indexes), one per word, separated by spaces, with a placeholder
(``_``) where a stop word stood. The ``text`` field's analyzer (``qararat_terms``) splits on white space
and drops the placeholder while keeping its position, so every term has the position it has in Whoosh
and phrase queries see the same gaps. Queries are built from the parsed query tree (search.query) as
term, phrase and bool queries on those analysed terms (`query_dsl`), never as a query string that
Elasticsearch would re-analyse. Filters, sorting and facets stay in the database (search.engine).

The mapping (also in docs/scaling.md): ``text`` and ``context`` (the subject of the paragraph's
resolution and its document's title, searched with a smaller weight: search_indexes.FIELD_BOOSTS) text
with ``qararat_terms``; ``document`` and ``year`` integer; ``resolution``, ``sessions``, ``bodies``,
``kind`` and haystack's ``id``, ``django_ct``, ``django_id`` keyword. Requires ``elasticsearch>=7,<8`` (the ``elasticsearch`` extra).
"""

from __future__ import annotations

from collections.abc import Iterator

import haystack
from haystack.backends.elasticsearch7_backend import (
    Elasticsearch7SearchBackend,
    Elasticsearch7SearchEngine,
)
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.utils import get_identifier

from search import analysis
from search.query import And, Node, Not, Or, Phrase, Term

GAP = "_"  # stands for a stop word: holds its position, never indexed (no analysed term is "_")
ANALYZER = "qararat_terms"

INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "analyzer": {
                ANALYZER: {"type": "custom", "tokenizer": "whitespace", "filter": ["qararat_gap"]},
            },
            "filter": {"qararat_gap": {"type": "stop", "stopwords": [GAP], "ignore_case": False}},
        }
    }
}


def analysed_text(text: str) -> str:
    """What the text field sends: our analysed terms by position, a placeholder for each stop word."""
    return " ".join(GAP if token.stop else token.text for token in analysis.tokens(text))


def query_dsl(node: Node, field: str | dict[str, float] = "text") -> dict:
    """The query tree as Elasticsearch query DSL on analysed terms, matching what Whoosh matches.

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


class QararatElasticsearch7Backend(Elasticsearch7SearchBackend):
    DEFAULT_SETTINGS = INDEX_SETTINGS

    def build_schema(self, fields):
        """Our mapping: the document field analysed by us (see module docstring), the rest exact."""
        content_field_name = ""
        mapping = {
            ID: {"type": "keyword"},
            DJANGO_CT: {"type": "keyword"},
            DJANGO_ID: {"type": "keyword"},
        }
        for field in fields.values():
            if field.document:
                content_field_name = field.index_fieldname
            if field.document or field.analyzer is not None:
                mapping[field.index_fieldname] = {"type": "text", "analyzer": ANALYZER}
            elif field.field_type in ("integer", "long"):
                mapping[field.index_fieldname] = {"type": "integer"}
            elif field.field_type in ("float",):
                mapping[field.index_fieldname] = {"type": "float"}
            elif field.field_type in ("date", "datetime"):
                mapping[field.index_fieldname] = {"type": "date"}
            elif field.field_type == "boolean":
                mapping[field.index_fieldname] = {"type": "boolean"}
            else:
                mapping[field.index_fieldname] = {"type": "keyword"}
        return content_field_name, mapping

    def _content_field(self) -> str:
        return haystack.connections[self.connection_alias].get_unified_index().document_field

    def _searched_fields(self) -> dict[str, float]:
        """The fields a query looks in, with their weights: the text, then its context fields."""
        from search.search_indexes import FIELD_BOOSTS

        content = self._content_field()
        unified = haystack.connections[self.connection_alias].get_unified_index()
        analysed = {field.index_fieldname for field in unified.all_searchfields().values() if field.analyzer}
        others = {name: boost for name, boost in FIELD_BOOSTS.items() if name != content and name in analysed}
        return {content: FIELD_BOOSTS.get(content, 1.0), **others}

    def _prepare_object(self, index, obj):
        data = index.full_prepare(obj)
        for field in index.fields.values():
            if field.document or field.analyzer is not None:
                data[field.index_fieldname] = analysed_text(data.get(field.index_fieldname) or "")
        return data

    def expected_document(self, index, obj) -> dict:
        """The fields update() would send for obj (for manage.py check_index)."""
        return {key: self._from_python(value) for key, value in self._prepare_object(index, obj).items()}

    def stored_documents(self) -> Iterator[tuple[str, dict]]:
        """(identifier, stored fields) of every document in the index."""
        from elasticsearch.exceptions import NotFoundError
        from elasticsearch.helpers import scan

        try:
            for hit in scan(self.conn, index=self.index_name, query={"query": {"match_all": {}}}):
                yield hit["_id"], hit.get("_source", {})
        except NotFoundError:
            return

    def remove_many(self, identifiers: list[str]) -> None:
        """Remove several search documents in one bulk request (a missing one is not an error)."""
        from elasticsearch.helpers import bulk

        if not identifiers:
            return
        if not self.setup_complete:
            self.setup()
        actions = [{"_op_type": "delete", "_id": identifier} for identifier in identifiers]
        bulk(self.conn, actions, index=self.index_name, ignore_status=(404,))
        self.conn.indices.refresh(index=self.index_name)

    def remove(self, obj_or_string, commit=True):
        self.remove_many([get_identifier(obj_or_string)])

    def search_body(self, node: Node, limit: int, models: list[str] | None = None) -> dict:
        query = query_dsl(node, self._searched_fields())
        if models:
            query = {"bool": {"must": [query], "filter": [{"terms": {DJANGO_CT: models}}]}}
        return {"query": query, "size": limit, "_source": False, "track_total_hits": False}

    def ranked_ids_for_tree(self, node: Node, limit: int) -> list[tuple[int, float]]:
        """(paragraph id, score) best first for a parsed query tree (search.engine.run)."""
        if not self.setup_complete:
            self.setup()
        body = self.search_body(node, limit, models=["archive.paragraph"])
        response = self.conn.search(index=self.index_name, **body)
        return [(int(hit["_id"].rsplit(".", 1)[1]), hit["_score"]) for hit in response["hits"]["hits"]]

    def corrections(self, terms: list[str]) -> dict[str, str]:
        """For analysed terms the index lacks, the closest indexed term (Elasticsearch's term suggester)."""
        if not terms:
            return {}
        if not self.setup_complete:
            self.setup()
        field = self._content_field()
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
        response = self.conn.search(index=self.index_name, size=0, suggest=suggest)
        found = {}
        for i, term in enumerate(terms):
            for entry in response.get("suggest", {}).get(f"t{i}", []):
                if entry.get("options"):
                    found[term] = entry["options"][0]["text"]
        return found

    def term_ids(self, term: str, limit: int) -> list[int]:
        """Paragraphs holding one analysed term, best first (to show a correction as it is written)."""
        return [pk for pk, _ in self.ranked_ids_for_tree(Term(term, term), limit)]


class QararatElasticsearch7Engine(Elasticsearch7SearchEngine):
    backend = QararatElasticsearch7Backend


__all__ = ["QararatElasticsearch7Engine", "analysed_text", "query_dsl"]
