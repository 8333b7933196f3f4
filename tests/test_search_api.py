"""GET /api/search/: the search page as JSON; bad parameters answer 400 with a clear error, never 500."""

import pytest
from django.test import Client
from django.urls import reverse

from archive.models import Paragraph
from tests.helpers import ingest_fixtures as ingest

RESOLUTION = "seeds/002_393cbb48b9883689.txt"
DECLARATION = "seeds/000_640f8b6c93fe03bc.txt"

pytestmark = pytest.mark.django_db(transaction=True)


def api(client, status=200, **params):
    response = client.get(reverse("search:api"), params)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_it_answers_the_documented_shape(client):
    ingest(RESOLUTION, DECLARATION)
    data = api(client, q="تعاون")
    assert set(data) >= {"count", "page", "num_pages", "results", "facets", "notices", "suggestion"}
    assert data["page"] == 1 and data["num_pages"] == -(-data["count"] // 20)
    assert len(data["results"]) == min(20, data["count"])
    assert set(data["facets"]) == {"body", "session", "year", "kind"}
    assert data["facets"]["session"]["oic-cfm-38"] == data["count"]
    assert sum(data["facets"]["kind"].values()) == data["count"]
    result = data["results"][0]
    assert set(result) >= {
        "paragraph_id",
        "text",
        "snippet",
        "document_id",
        "document_title",
        "session",
        "resolution",
        "url",
        "score",
    }
    paragraph = Paragraph.objects.get(pk=result["paragraph_id"])
    assert result["text"] == paragraph.text
    assert result["url"] == f"http://testserver{paragraph.get_absolute_url()}"
    assert result["document_id"] == paragraph.document_id
    assert "oic-cfm-38" in result["session"]
    assert isinstance(result["score"], float)
    assert "<mark>" in result["snippet"]


def test_arabic_is_sent_as_utf8_not_escaped(client):
    ingest(RESOLUTION)
    response = client.get(reverse("search:api"), {"q": "تعاون"})
    assert "والتعاون".encode() in response.content
    assert b"\\u06" not in response.content


def test_the_paragraph_with_only_the_prefixed_word_is_found_and_marked(client):
    ingest(RESOLUTION)
    data = api(client, q="تعاون")
    result = next(r for r in data["results"] if r["text"] == "(دورة: السلام والتعاون والتطور)")
    assert result["snippet"] == "(دورة: السلام <mark>والتعاون</mark> والتطور)"
    assert result["resolution"] == "32/38-س"


def test_snippets_escape_the_paragraph_text(client):
    ingest(RESOLUTION)
    paragraph = Paragraph.objects.get(text="(دورة: السلام والتعاون والتطور)")
    paragraph.text = "<script>alert(1)</script> والتعاون"
    paragraph.save()  # the index still has the old text: the snippet is made from the database text
    result = next(r for r in api(client, q="تعاون")["results"] if r["paragraph_id"] == paragraph.pk)
    assert result["snippet"] == "&lt;script&gt;alert(1)&lt;/script&gt; <mark>والتعاون</mark>"


def test_a_resolution_number_comes_first_with_its_number(client):
    ingest(DECLARATION, RESOLUTION)
    data = api(client, q="٣٢/٣٨")
    assert data["results"][0]["resolution"] == "32/38-س"
    assert data["resolution_numbers"] == ["32/38", "38/32"]


def test_filters_and_pages(client):
    ingest(RESOLUTION, DECLARATION)
    everything = api(client, q="تعاون")
    unga = api(client, q="تعاون", session="unga-65")
    assert 0 < unga["count"] < everything["count"]
    assert all(r["session"] == ["oic-cfm-38", "unga-65"] for r in unga["results"])
    second = api(client, q="تعاون", page=2)
    assert second["page"] == 2
    first_ids = {r["paragraph_id"] for r in everything["results"]}
    assert not first_ids & {r["paragraph_id"] for r in second["results"]}
    newest = api(client, q="تعاون", sort="newest")
    assert newest["results"][0]["session"] == ["oic-cfm-38", "unga-65"]  # dated 8 July 2011, the latest


def test_an_empty_query_answers_no_results(client):
    ingest(RESOLUTION)
    data = api(client, q="")
    assert data["count"] == 0 and data["results"] == [] and data["num_pages"] == 1


def test_nothing_found_comes_with_a_suggestion(client):
    ingest(RESOLUTION, DECLARATION)
    data = api(client, q="التعاوون")
    assert data["count"] == 0
    assert data["suggestion"]
    assert api(client, q=data["suggestion"])["count"] > 0


def test_notices_explain_what_was_read(client):
    ingest(RESOLUTION)
    data = api(client, q='تعاون "منظمة')
    assert data["notices"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"year_from": "abc"}, "year_from"),
        ({"year_to": "1e9"}, "year_to"),
        ({"year_from": "2011", "year_to": "1990"}, "year_to"),
        ({"sort": "foo"}, "sort"),
        ({"kind": "nonsense"}, "kind"),
        ({"body": "nato"}, "body"),
        ({"page": "0"}, "page"),
        ({"page": "x"}, "page"),
        ({"session": "<script>"}, "session"),
    ],
)
def test_bad_parameters_answer_400_naming_the_parameter(client, params, field):
    ingest(RESOLUTION)
    data = api(client, status=400, q="تعاون", **params)
    assert field in data["error"]
    assert data["errors"][field]


def test_a_page_past_the_last_answers_400_naming_the_last_page(client):
    ingest(RESOLUTION)
    data = api(client, status=400, q="تعاون", page=999)
    assert "999" in data["error"] and "last page of results is 1" in data["error"]


@pytest.mark.parametrize("query", ['"', "(((", "OR", "-تعاون", "\x00", "تعاون " * 400, "a:b [1 TO 2] ^ ~ *"])
def test_malformed_queries_never_fail(client, query):
    ingest(RESOLUTION)
    data = api(client, q=query)
    assert data["count"] > 0 or data["notices"] or data["results"] == []


def test_only_get_is_allowed(client):
    response = client.post(reverse("search:api"), {"q": "تعاون"})
    assert response.status_code == 405
    assert response.json()["error"]


def test_an_engine_failure_is_a_json_500_not_the_html_page(monkeypatch, search_index):
    def fail(*args, **kwargs):
        raise RuntimeError("index unreadable")

    monkeypatch.setattr(search_index.get_backend(), "matches", fail)
    client = Client(raise_request_exception=False)

    response = client.get(reverse("search:api"), {"q": "تعاون"})

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": "internal server error: the error was logged"}
    page = client.get(reverse("search:results"), {"q": "تعاون"})
    assert page.status_code == 500 and page["Content-Type"].startswith("text/html")
