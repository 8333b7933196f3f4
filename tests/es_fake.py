"""A stand-in for an Elasticsearch 7 server, for tests without one.

`FakeTransport` replaces the client's HTTP transport (haystack passes KWARGS to the client), records
every request (method, path, params, body as the client would send it) and answers from a small
in-memory index: bulk index/delete, refresh, mappings, scroll/scan, and searches whose query uses the
clauses search/elasticsearch_backend.py builds (term, terms, match_all, match_phrase, ordered span_near
of span_terms, bool; a clause's boost is accepted and ignored). Analysed fields are tokenised the way
the mapping's analyzer does: split on white space, the stop-word placeholder dropped with its position
kept. Scores are not Elasticsearch's; hits
come in document order with score 1.
"""

from __future__ import annotations

import json
import re

from elasticsearch.transport import Transport

GAP = "_"


def positions(text: str) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for position, token in enumerate(text.split()):
        if token != GAP:
            found.setdefault(token, []).append(position)
    return found


class FakeTransport(Transport):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.requests: list[tuple[str, str, dict, object]] = []
        self.docs: dict[str, dict] = {}
        self.mapping: dict = {}
        self.exists = False

    # -- requests ----------------------------------------------------------------------------------------

    def perform_request(self, method, url, headers=None, params=None, body=None):
        self.requests.append((method, url, dict(params or {}), body))
        path = url.strip("/").split("/")
        if url.endswith("/_bulk") or url == "/_bulk":
            return self.bulk(body)
        if path[-1] == "_refresh":
            return {"_shards": {"total": 1, "successful": 1, "failed": 0}}
        if path[-1] == "_mapping":
            if method == "GET":
                return {path[0]: {"mappings": self.mapping}} if self.exists else {}
            self.mapping = body
            return {"acknowledged": True}
        if url == "/_search/scroll":
            if method == "DELETE":
                return {"succeeded": True}
            return self.hits([], scroll=True)
        if path[-1] == "_search":
            return self.search(body or {}, params or {})
        if method == "PUT" and len(path) == 1:
            self.exists = True
            return {"acknowledged": True, "index": path[0]}
        if method == "DELETE" and len(path) == 1:
            self.exists, self.docs, self.mapping = False, {}, {}
            return {"acknowledged": True}
        if method == "DELETE" and len(path) == 3 and path[1] == "_doc":
            return {"result": "deleted" if self.docs.pop(path[2], None) else "not_found"}
        raise AssertionError(f"the fake Elasticsearch does not answer {method} {url}")

    def bulk(self, body):
        lines = [json.loads(line) for line in body.strip().split("\n")] if isinstance(body, str) else body
        items = []
        index = 0
        while index < len(lines):
            (op, meta), = lines[index].items()
            if op == "delete":
                found = self.docs.pop(meta["_id"], None) is not None
                items.append({"delete": {"_id": meta["_id"], "status": 200 if found else 404}})
                index += 1
            else:
                self.docs[meta["_id"]] = lines[index + 1]
                items.append({op: {"_id": meta["_id"], "status": 201}})
                index += 2
        return {"took": 1, "errors": False, "items": items}

    # -- searching ---------------------------------------------------------------------------------------

    def hits(self, ids, scroll=False, source=True):
        hits = [
            {"_index": "fake", "_id": i, "_score": 1.0, **({"_source": self.docs[i]} if source else {})}
            for i in ids
        ]
        response = {"took": 1, "timed_out": False, "hits": {"total": {"value": len(hits)}, "hits": hits}}
        response["_shards"] = {"total": 1, "successful": 1, "skipped": 0, "failed": 0}
        if scroll:
            response["_scroll_id"] = "fake-scroll"
        return response

    def search(self, body, params):
        if "suggest" in body:
            return {"hits": {"hits": []}, "suggest": {}}
        ids = [i for i, doc in self.docs.items() if self.matches(body.get("query", {"match_all": {}}), doc)]
        size = int(params.get("size", body.get("size", 10)))
        return self.hits(ids[:size], scroll="scroll" in params, source=body.get("_source", True) is not False)

    def matches(self, query: dict, doc: dict) -> bool:
        (kind, spec), = query.items()
        if kind == "match_all":
            return True
        if kind == "bool":
            must = spec.get("must", [])
            must = must if isinstance(must, list) else [must]
            filters = spec.get("filter", [])
            filters = filters if isinstance(filters, list) else [filters]
            should = spec.get("should", [])
            return (
                all(self.matches(q, doc) for q in must + filters)
                and not any(self.matches(q, doc) for q in spec.get("must_not", []))
                and (not should or any(self.matches(q, doc) for q in should))
            )
        if kind == "terms":
            (field, values), = spec.items()
            return doc.get(field) in values
        if kind == "term":
            (field, value), = spec.items()
            value = value["value"] if isinstance(value, dict) else value  # {"value": …, "boost": …}
            return value in positions(doc.get(field, ""))
        if kind == "match_phrase":
            (field, value), = spec.items()
            words = value["query"].split()
            found = positions(doc.get(field, ""))
            return any(
                all(start + offset in found.get(word, []) for offset, word in enumerate(words))
                for start in found.get(words[0], [])
            )
        if kind in ("span_near", "span_term"):
            return bool(self.spans(query, doc))
        raise AssertionError(f"the fake Elasticsearch does not know the query {kind}")

    def spans(self, query: dict, doc: dict) -> set[tuple[int, int]]:
        """(start, end) of each match, end exclusive, like Lucene's ordered spans."""
        (kind, spec), = query.items()
        if kind == "span_term":
            (field, value), = spec.items()
            return {(p, p + 1) for p in positions(doc.get(field, "")).get(value, [])}
        assert spec["in_order"] is True
        first, second = (self.spans(clause, doc) for clause in spec["clauses"])
        return {(a, d) for a, b in first for c, d in second if b <= c and c - b <= spec["slop"]}


def requests_to(transport: FakeTransport, pattern: str) -> list[tuple[str, str, dict, object]]:
    return [request for request in transport.requests if re.search(pattern, request[1])]
