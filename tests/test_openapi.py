"""/api/openapi.json: a valid OpenAPI 3.1 document naming every /api/ route, against which the real answers
of the test client validate (200s and errors alike), checked by openapi-core."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from openapi_spec_validator import validate

from archive.models import Document, Resolution, Session
from tests.helpers import ingest_fixtures

RESOLUTION = "seeds/002_393cbb48b9883689.txt"
DECLARATION = "seeds/000_640f8b6c93fe03bc.txt"

pytestmark = pytest.mark.django_db(transaction=True)


def api_routes(patterns=None, prefix="") -> list[tuple[str, str]]:
    """(route, name) of every URL pattern under api/, in OpenAPI's {name} form."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found += api_routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and route.lstrip("^").startswith("api/"):
            found.append(("/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route), pattern.name))
    return found


@pytest.fixture
def spec(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    document = response.json()
    validate(document)
    return document


@pytest.fixture
def conforms(spec):
    """Validate a test client response (and its request) against the served document."""
    openapi = OpenAPI.from_dict(spec)

    def check(response):
        request = DjangoOpenAPIRequest(response.wsgi_request)
        openapi.validate_response(request, DjangoOpenAPIResponse(response))
        return response

    return check


def test_it_is_a_valid_openapi_3_1_document_served_from_the_site(spec):
    assert spec["openapi"] == "3.1.0"
    assert spec["servers"] == [{"url": "http://testserver/"}]


def test_every_api_route_is_described_and_nothing_else(spec):
    routes = {route: name for route, name in api_routes()}
    # The catch-all only answers the JSON 404 every unknown path gets (described in info).
    catch_all = [route for route, name in routes.items() if name == "api-not-found"]
    assert len(catch_all) == 1
    del routes[catch_all[0]]
    assert set(routes) == set(spec["paths"])
    assert len(routes) == 7


def test_the_search_choices_and_bounds_are_those_the_form_accepts(spec):
    parameters = {p["name"]: p["schema"] for p in spec["paths"]["/api/search/"]["get"]["parameters"]}
    assert "unsc" in parameters["body"]["enum"] and "" in parameters["body"]["enum"]
    assert parameters["sort"]["enum"] == ["", "relevance", "newest", "oldest"]
    year_from, empty = parameters["year_from"]["anyOf"]
    assert (year_from["minimum"], year_from["maximum"]) == (1900, 2100)
    assert empty == {"type": "string", "maxLength": 0}  # the page's form sends empty fields
    assert parameters["page"]["anyOf"][0] == {"type": "integer", "minimum": 1}


def test_real_answers_validate_against_the_document(client, conforms):
    ingest_fixtures(RESOLUTION, DECLARATION)
    session = Session.objects.get(slug="oic-cfm-38")
    document = Document.objects.first()
    resolution = Resolution.objects.first()
    answers = [
        conforms(client.get("/api/openapi.json")),
        conforms(client.get("/api/sessions/")),
        conforms(client.get(f"/api/sessions/{session.slug}/")),
        conforms(client.get(f"/api/documents/{document.pk}/")),
        conforms(client.get(f"/api/resolutions/{resolution.pk}/")),
        conforms(client.get("/api/search/", {"q": "تعاون", "sort": "newest", "page": 2})),
        conforms(client.get("/api/search/", {"q": "٣٢/٣٨"})),  # a named resolution's paragraphs: null scores
        conforms(client.get("/api/search/", {"q": "التعاوون"})),  # nothing found, a suggestion
        conforms(client.get("/api/search/", {"q": ""})),
        conforms(client.get("/api/search/", {"q": "(" * 470 + "x", "year_from": 2011, "kind": "operative"})),
    ]
    assert [answer.status_code for answer in answers] == [200] * len(answers)
    assert answers[6].json()["results"][0]["score"] is None
    assert answers[7].json()["suggestion"]


def test_citations_series_and_comparisons_validate_against_the_document(client, conforms):
    ingest_fixtures(
        "raw/un-sc-res450-1979.txt",
        "raw/un-sc-res474-1980.txt",
        "raw/oic-cfm17-res18-s-quds.txt",
        "raw/oic-cfm19-res10-s-quds.txt",
    )
    sc450, sc474 = Resolution.objects.get(number="450 (1979)"), Resolution.objects.get(number="474 (1980)")
    quds17, quds19 = Resolution.objects.get(number="18/17-س"), Resolution.objects.get(number="10/19-س")
    cited = conforms(client.get(f"/api/resolutions/{sc450.pk}/")).json()
    citing = conforms(client.get(f"/api/resolutions/{sc474.pk}/")).json()
    in_series = conforms(client.get(f"/api/resolutions/{quds19.pk}/")).json()
    compared = conforms(client.get(f"/api/resolutions/{quds17.pk}/compare/{quds19.pk}/"))
    missing = conforms(client.get(f"/api/resolutions/{quds17.pk}/compare/999999/"))
    assert [c["resolution_number"] for c in cited["cited_by"]] == ["474 (1980)"]
    assert {"number": "450 (1979)", "resolution": sc450.pk} in [
        {"number": c["number"], "resolution": c["resolution"]} for c in citing["cites"]
    ]
    assert cited["series"] is None
    assert [v["number"] for v in in_series["series"]["versions"]] == ["18/17-س", "10/19-س"]
    assert compared.status_code == 200 and compared.json()["same_series"] is True
    assert missing.status_code == 404


def test_error_answers_validate_against_the_document(client, conforms):
    ingest_fixtures(RESOLUTION)
    answers = [
        conforms(client.get("/api/sessions/no-such-session/")),
        conforms(client.get("/api/documents/999999/")),
        conforms(client.get("/api/resolutions/0/")),
        conforms(client.get("/api/search/", {"q": "تعاون", "year_from": "abc"})),
        conforms(client.get("/api/search/", {"q": "تعاون", "page": 999})),
        conforms(client.get("/api/search/", {"q": "تعاون", "year_from": 2011, "year_to": 1990})),
    ]
    assert [answer.status_code for answer in answers] == [404, 404, 404, 400, 400, 400]


def test_a_server_error_validates_against_the_document(conforms, monkeypatch):
    monkeypatch.setattr("archive.models.Session.objects.with_counts", broken)
    client = Client(raise_request_exception=False)
    assert conforms(client.get("/api/sessions/")).status_code == 500


def broken(*args, **kwargs):
    raise RuntimeError("the database went away")
