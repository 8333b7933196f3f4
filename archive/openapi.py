"""The OpenAPI 3.1 description of /api/, served at /api/openapi.json.

Written by hand next to the views it describes (archive/api.py, search/api.py): every field each answer
has, its type, and null where null occurs; no other field (additionalProperties false), so a field added
to a view without being described here fails tests/test_openapi.py, which validates real answers against
this document. The search parameters' choices and bounds are read from search.forms.SearchForm and the
models' choices, so they cannot drift from what the form accepts. ops/fuzz_api.py runs schemathesis from it
against a live server.
"""

from __future__ import annotations

from archive.api import api_view, json_response
from archive.models import Body, DocumentKind, ParagraphKind

VERSION = "1.0.0"


def _nullable(schema: dict) -> dict:
    return {**schema, "type": [schema["type"], "null"]}


def _object(properties: dict) -> dict:
    """An object with exactly these properties, all of them present."""
    return {
        "type": "object",
        "required": list(properties),
        "properties": properties,
        "additionalProperties": False,
    }


def _array(items: dict) -> dict:
    return {"type": "array", "items": items}


STRING = {"type": "string"}
URL = {"type": "string", "format": "uri"}
DATE = {"type": "string", "format": "date"}
ID = {"type": "integer", "minimum": 1}
COUNT = {"type": "integer", "minimum": 0}
SLUG = {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$", "maxLength": 80}


def _enum(choices) -> dict:
    return {"type": "string", "enum": [value for value, _label in choices]}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


# A paragraph as the document and resolution answers list it (a document's also names its resolution).
PARAGRAPH = {
    "id": ID,
    "number": STRING,
    "kind": _enum(ParagraphKind.choices),
    "text": STRING,
    "text_en": {"type": "string", "description": "the paragraph in English, where a parallel text gives it; else empty"},
    "url": URL,
}
SESSION = {
    "slug": SLUG,
    "body": _enum(Body.choices),
    "body_label": STRING,
    "organ": STRING,
    "number": _nullable({"type": "integer", "minimum": 0}),
    "extraordinary": {"type": "boolean"},
    "title": STRING,
    "theme": STRING,
    "place": STRING,
    "place_printed": STRING,
    "country": STRING,
    "start_date": _nullable(DATE),
    "end_date": _nullable(DATE),
    "hijri_start": _nullable({"type": "string", "description": "YYYY-MM-DD in the Hijri calendar"}),
    "hijri_end": _nullable({"type": "string", "description": "YYYY-MM-DD in the Hijri calendar"}),
    "document_count": COUNT,
    "resolution_count": COUNT,
    "url": URL,
}

SCHEMAS = {
    "Error": _object({"error": STRING}),
    "SearchError": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": STRING,
            "errors": {
                "description": "For invalid parameters: the messages of each parameter refused.",
                "type": "object",
                "additionalProperties": _array(STRING),
            },
        },
        "additionalProperties": False,
    },
    "Session": _object(SESSION),
    "SessionList": _object({"results": _array(_ref("Session"))}),
    "SessionDetail": _object(
        {
            **SESSION,
            "documents": _array(
                _object(
                    {
                        "id": ID,
                        "title": STRING,
                        "kind": _enum(DocumentKind.choices),
                        "date": _nullable(DATE),
                        "url": URL,
                    }
                )
            ),
            "resolutions": _array(_object({"number": STRING, "title": STRING, "url": URL})),
        }
    ),
    "Document": _object(
        {
            "id": ID,
            "title": STRING,
            "kind": _enum(DocumentKind.choices),
            "symbol": {"type": "string", "description": "the UN document symbol (A/RES/69/131), or empty"},
            "excerpt": {"type": "boolean", "description": "the archive holds only part of the document"},
            "date": _nullable(DATE),
            "sessions": _array(SLUG),
            "url": URL,
            "source": _object({"name": STRING, "url": STRING, "format": STRING}),
            "warnings": _array(STRING),
            "parser_version": STRING,
            "checksum": STRING,
            "resolutions": _array(_object({"number": STRING, "printed_number": STRING, "title": STRING})),
            "paragraphs": _array(_object({**PARAGRAPH, "resolution": _nullable(STRING)})),
        }
    ),
    "Resolution": _object(
        {
            "id": ID,
            "number": STRING,
            "printed_number": STRING,
            "title": STRING,
            "category": STRING,
            "session": SLUG,
            "session_title": STRING,
            "date": _nullable(DATE),
            "document": ID,
            "symbol": {"type": "string", "description": "its document's UN symbol (S/RES/2213 (2015)), or empty"},
            "url": URL,
            "paragraphs": _array(_object(PARAGRAPH)),
            "series": _nullable(
                {
                    **_object({"id": ID, "title": STRING, "versions": _array(_ref("ResolutionVersion"))}),
                    "description": "resolutions of its body on its subject, in order of adoption (itself among them)",
                }
            ),
            "cites": _array(
                _object(
                    {
                        "number": {"type": "string", "description": "as the archive writes numbers: 450 (1979), 32/38-س"},
                        "body": {"type": "string", "enum": [value for value, _label in Body.choices] + [""]},
                        "printed": STRING,
                        "symbol": {"type": "string", "description": "the UN symbol when the number gives one, or empty"},
                        "resolution": _nullable({**ID, "description": "the cited resolution when the archive holds it"}),
                        "url": _nullable(
                            {**URL, "description": "its page here, else the UN's document (undocs.org), else null"}
                        ),
                        "paragraph": ID,
                        "paragraph_url": URL,
                    }
                )
            ),
            "cited_by": _array(
                _object(
                    {
                        "paragraph": ID,
                        "paragraph_url": URL,
                        "printed": STRING,
                        "resolution": _nullable(ID),
                        "resolution_number": _nullable(STRING),
                        "document": ID,
                        "text": STRING,
                    }
                )
            ),
        }
    ),
    "ResolutionVersion": _object(
        {
            "id": ID,
            "number": STRING,
            "title": STRING,
            "session": SLUG,
            "session_title": STRING,
            "date": _nullable(DATE),
            "url": URL,
        }
    ),
    "ComparedParagraph": _nullable(
        {
            **_object(
                {
                    "paragraph": ID,
                    "number": STRING,
                    "url": URL,
                    "pieces": _array(
                        _object(
                            {
                                "text": STRING,
                                "change": {"type": "string", "enum": ["same", "added", "removed"]},
                            }
                        )
                    ),
                }
            ),
            "description": "the paragraph in this version, its words kept, added or removed; null when it has none here",
        }
    ),
    "Comparison": _object(
        {
            "earlier": _ref("ResolutionVersion"),
            "later": _ref("ResolutionVersion"),
            "same_series": {"type": "boolean"},
            "stats": _object(
                {
                    name: COUNT
                    for name in ("same", "changed", "added", "removed", "words_added", "words_removed")
                }
            ),
            "rows": _array(
                _object(
                    {
                        "kind": {"type": "string", "enum": ["same", "changed", "added", "removed"]},
                        "earlier": _ref("ComparedParagraph"),
                        "later": _ref("ComparedParagraph"),
                    }
                )
            ),
            "url": URL,
        }
    ),
    "SearchResult": _object(
        {
            "paragraph_id": ID,
            "kind": _enum(ParagraphKind.choices),
            "text": STRING,
            "text_en": {"type": "string", "description": "the paragraph in English, where known; else empty"},
            "snippet": {"type": "string", "description": "HTML: the text escaped, matches in <mark>"},
            "document_id": ID,
            "document_title": STRING,
            "document_symbol": {"type": "string", "description": "the document's UN symbol, or empty"},
            "session": _array(SLUG),
            "resolution": _nullable(STRING),
            "url": URL,
            "score": _nullable(
                {"type": "number", "description": "null for a paragraph of a named resolution"}
            ),
            "more_in_group": {
                **_array(ID),
                "description": "with group=resolution: the other paragraphs found in its resolution (or document)",
            },
            "missing": {
                **_array(STRING),
                "description": "the query's words, as typed, that this paragraph lacks ([] for a full match)",
            },
        }
    ),
    "Facet": {"type": "object", "additionalProperties": COUNT, "description": "value -> matching paragraphs"},
    "Search": _object(
        {
            "count": {**COUNT, "description": "paragraphs that match the whole query (partial matches not counted)"},
            "relaxed": {
                "type": "boolean",
                "description": "partial matches follow the full ones: fewer than a page matched every word",
            },
            "page": {"type": "integer", "minimum": 1},
            "num_pages": {"type": "integer", "minimum": 1},
            "results": _array(_ref("SearchResult")),
            "facets": _object({name: _ref("Facet") for name in ("body", "session", "year", "kind")}),
            "notices": _array(STRING),
            "suggestion": _nullable(
                {"type": "string", "description": "a corrected query that finds something"}
            ),
            "resolution_numbers": _array(STRING),
            "truncated": {"type": "boolean", "description": "the engine had more matches than are listed"},
        }
    ),
}

ERRORS = {
    "400": _json(_ref("Error"), "A request Django refuses (too many parameters, a bad Host header)."),
    "500": _json(_ref("Error"), "An unexpected error, logged on the server."),
}
NOT_FOUND = {"404": _json(_ref("Error"), "No such object.")}


def _search_parameters() -> list[dict]:
    # search imports archive: read the form when the schema is built, not when this module is imported.
    from search import query
    from search.engine import PAGE_SIZE
    from search.forms import SearchForm

    fields = SearchForm.base_fields

    def choices(name: str) -> list[str]:
        """The field's choices, and empty (the same as absent) for a field that is not required."""
        values = [str(value) for value, _label in fields[name].choices]
        return values if fields[name].required or "" in values else ["", *values]

    def optional_integer(name: str, description: str) -> dict:
        """An integer within the form field's bounds, or empty: the same as absent (the search page's
        form sends its empty fields)."""
        integer = {"type": "integer", "minimum": fields[name].min_value}
        if fields[name].max_value is not None:
            integer["maximum"] = fields[name].max_value
        return {
            "name": name,
            "in": "query",
            "description": description,
            "schema": {"anyOf": [integer, {"type": "string", "maxLength": 0}]},
        }

    return [
        {
            "name": "q",
            "in": "query",
            "description": (
                'The query: words (all must match), "phrases", OR (أو), -exclusions, (groups), resolution '
                "numbers. Any text is accepted: what cannot be read, or goes past the limits "
                f"({query.MAX_LENGTH} characters, {query.MAX_TERMS} words, brackets {query.MAX_DEPTH} deep), "
                "is left out with a notice. Empty: no results."
            ),
            "schema": {"type": "string"},
        },
        {"name": "body", "in": "query", "schema": {"type": "string", "enum": choices("body")}},
        {
            "name": "session",
            "in": "query",
            "description": "A session's slug.",
            "schema": {
                "type": "string",
                "pattern": "^[-a-zA-Z0-9_]*$",
                "maxLength": fields["session"].max_length,
            },
        },
        optional_integer("year_from", "First year of the documents' dates. Empty: no filter."),
        optional_integer("year_to", "Last year of the documents' dates, not before year_from (else 400)."),
        {"name": "kind", "in": "query", "schema": {"type": "string", "enum": choices("kind")}},
        {
            "name": "sort",
            "in": "query",
            "schema": {"type": "string", "enum": choices("sort"), "default": "relevance"},
        },
        {
            "name": "group",
            "in": "query",
            "description": "resolution: one result per resolution (or document), its best paragraph; count "
            "stays the number of paragraphs, pages count groups.",
            "schema": {"type": "string", "enum": choices("group")},
        },
        optional_integer(
            "page", f"A page of {PAGE_SIZE} results (empty: the first); past the last page: 400."
        ),
    ]


def _get(operation_id: str, summary: str, responses: dict, parameters: list | None = None) -> dict:
    operation = {
        "operationId": operation_id,
        "summary": summary,
        "responses": dict(sorted({**ERRORS, **responses}.items())),
    }
    if parameters:
        operation["parameters"] = parameters
    return {"get": operation}


def _path_parameter(name: str, schema: dict) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": schema}


def document(base_url: str = "/") -> dict:
    """The OpenAPI document; base_url is where the site is served (the servers entry)."""
    pk = {"type": "integer", "minimum": 0}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Qararat API",
            "version": VERSION,
            "description": (
                "Read-only JSON over the archive of OIC and UN resolutions: sessions, documents, resolutions "
                "and paragraph search. GET (and HEAD) only: other methods answer 405. Every error, on any "
                'path under /api/, is JSON {"error": "…"}; an unknown path answers 404.'
            ),
        },
        "servers": [{"url": base_url}],
        "paths": {
            "/api/openapi.json": _get(
                "openapi", "This description.", {"200": _json({"type": "object"}, "OpenAPI 3.1 document.")}
            ),
            "/api/search/": _get(
                "search",
                "Paragraphs matching a query, with filters, order, facets and pages.",
                {
                    "200": _json(_ref("Search"), "One page of matching paragraphs."),
                    "400": _json(_ref("SearchError"), "Invalid parameters, or a page past the last one."),
                },
                _search_parameters(),
            ),
            "/api/sessions/": _get(
                "session_list",
                "Every session, with its counts.",
                {"200": _json(_ref("SessionList"), "The sessions.")},
            ),
            "/api/sessions/{slug}/": {
                "parameters": [_path_parameter("slug", {"type": "string", "minLength": 1})],
                **_get(
                    "session_detail",
                    "A session with its documents and resolutions.",
                    {"200": _json(_ref("SessionDetail"), "The session."), **NOT_FOUND},
                ),
            },
            "/api/documents/{pk}/": {
                "parameters": [_path_parameter("pk", pk)],
                **_get(
                    "document_detail",
                    "A document with its paragraphs.",
                    {"200": _json(_ref("Document"), "The document."), **NOT_FOUND},
                ),
            },
            "/api/resolutions/{pk}/": {
                "parameters": [_path_parameter("pk", pk)],
                **_get(
                    "resolution_detail",
                    "A resolution with its paragraphs in reading order, across its files.",
                    {"200": _json(_ref("Resolution"), "The resolution."), **NOT_FOUND},
                ),
            },
            "/api/resolutions/{pk}/compare/{other}/": {
                "parameters": [_path_parameter("pk", pk), _path_parameter("other", pk)],
                **_get(
                    "resolution_compare",
                    "Two versions of a resolution (usually of one series) side by side: paragraphs aligned, "
                    "words added and removed.",
                    {"200": _json(_ref("Comparison"), "The comparison, earlier version first."), **NOT_FOUND},
                ),
            },
        },
        "components": {"schemas": SCHEMAS},
    }


@api_view
def schema(request):
    return json_response(document(request.build_absolute_uri("/")))
