import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from archive.ingest import records
from tests.helpers import make_document, make_paragraph, make_resolution, make_session

pytestmark = pytest.mark.django_db

SESSION_KEYS = {
    "slug",
    "body",
    "body_label",
    "organ",
    "number",
    "extraordinary",
    "title",
    "theme",
    "place",
    "place_printed",
    "country",
    "start_date",
    "end_date",
    "hijri_start",
    "hijri_end",
    "document_count",
    "resolution_count",
    "url",
}


@pytest.fixture
def archive():
    """CFM-38 with a resolution spread over two documents, and an empty UNSC year."""
    session = make_session()
    page_one = make_document(sessions=[session], title="القرار 32/38-س")
    page_two = make_document(sessions=[session], title="تابع القرار 32/38-س", warnings=["تحذير"])
    resolution = make_resolution(session, page_one)
    make_paragraph(page_one, 1, "إن مجلس وزراء الخارجية،", kind=records.PREAMBULAR, resolution=resolution)
    make_paragraph(page_one, 2, "يرحب", kind=records.OPERATIVE, number="1", resolution=resolution)
    make_paragraph(page_two, 1, "تمهيد بلا قرار")
    make_paragraph(page_two, 2, "يقرر", kind=records.OPERATIVE, number="٢", resolution=resolution)
    unsc = make_session(
        body=records.UNSC,
        number=1979,
        theme="",
        place="",
        start_date=None,
        end_date=None,
        hijri_start="",
        hijri_end="",
    )
    return {
        "session": session,
        "unsc": unsc,
        "page_one": page_one,
        "page_two": page_two,
        "resolution": resolution,
    }


def test_session_list_gives_every_session_with_its_counts(client, archive):
    response = client.get("/api/sessions/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    results = response.json()["results"]
    assert [session["slug"] for session in results] == ["oic-cfm-38", "unsc-1979"]
    cfm, unsc = results
    assert set(cfm) == SESSION_KEYS
    assert cfm["body_label"] == "مجلس وزراء خارجية منظمة التعاون الإسلامي"
    assert cfm["start_date"] == "2011-06-28"
    assert cfm["hijri_end"] == "1432-07-28"
    assert (cfm["document_count"], cfm["resolution_count"]) == (2, 1)
    assert cfm["url"] == "http://testserver/sessions/oic-cfm-38/"
    assert (unsc["start_date"], unsc["hijri_start"], unsc["document_count"]) == (None, None, 0)


def test_arabic_is_sent_as_utf8_not_escaped(client, archive):
    body = client.get("/api/sessions/").content.decode()

    assert "أستانا" in body
    assert "\\u" not in body


def test_session_list_takes_one_query_however_many_sessions(client, archive, django_assert_num_queries):
    make_session(number=39, slug="oic-cfm-39")

    with django_assert_num_queries(1):
        client.get("/api/sessions/")


def test_session_detail_lists_its_documents_and_resolutions(client, archive):
    data = client.get("/api/sessions/oic-cfm-38/").json()

    assert set(data) == SESSION_KEYS | {"documents", "resolutions"}
    page_one = archive["page_one"]
    assert data["documents"][0] == {
        "id": page_one.pk,
        "title": "القرار 32/38-س",
        "kind": "resolution",
        "date": "2011-06-30",
        "url": f"http://testserver/documents/{page_one.pk}/",
    }
    assert len(data["documents"]) == 2
    assert data["resolutions"] == [
        {
            "number": "32/38-س",
            "title": "التعاون مع المنظمات الدولية والإقليمية",
            "url": f"http://testserver/resolutions/{archive['resolution'].pk}/",
        }
    ]


def test_document_detail_gives_paragraphs_in_reading_order_with_permalinks(client, archive):
    page_two = archive["page_two"]

    data = client.get(f"/api/documents/{page_two.pk}/").json()

    assert set(data) == {
        "id", "title", "kind", "symbol", "excerpt", "date", "sessions", "url", "source", "warnings",
        "parser_version", "checksum", "resolutions", "paragraphs",
    }  # fmt: skip
    assert data["url"] == f"http://testserver/documents/{page_two.pk}/"
    assert data["sessions"] == ["oic-cfm-38"]
    assert data["source"] == {
        "name": "cfm38-res32.txt",
        "url": "https://example.org/cfm38/res32",
        "format": "plain",
    }
    assert data["warnings"] == ["تحذير"]
    assert data["checksum"] == page_two.checksum
    assert data["resolutions"] == [
        {
            "number": "32/38-س",
            "printed_number": "32/38 - س",
            "title": "التعاون مع المنظمات الدولية والإقليمية",
        }
    ]
    first, second = data["paragraphs"]
    assert set(first) == {"id", "number", "kind", "text", "text_en", "resolution", "url"}
    assert (first["text"], first["resolution"], first["kind"]) == ("تمهيد بلا قرار", None, "other")
    assert (second["number"], second["resolution"], second["kind"]) == ("٢", "32/38-س", "operative")
    assert second["url"] == f"http://testserver/documents/{page_two.pk}/#p-2"


def test_document_detail_queries_do_not_grow_with_paragraphs(client, archive, django_assert_max_num_queries):
    page_one = archive["page_one"]
    for position in range(3, 30):
        make_paragraph(page_one, position, f"فقرة {position}", resolution=archive["resolution"])

    with django_assert_max_num_queries(4):
        client.get(f"/api/documents/{page_one.pk}/")


@pytest.mark.parametrize(
    "url",
    [
        "/api/sessions/oic-cfm-99/",
        "/api/sessions/غير-موجود/",
        "/api/documents/999999/",
        "/api/documents/99999999999999999999999999/",
        "/api/documents/abc/",
        "/api/nothing-here/",
    ],
)
def test_unknown_slugs_and_ids_are_a_json_404(client, archive, url):
    response = client.get(url)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_other_methods_than_get_are_a_json_405(method, archive):
    client = Client(enforce_csrf_checks=True)

    response = getattr(client, method)("/api/sessions/oic-cfm-38/")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert "error" in response.json()


def test_head_is_allowed(client, archive):
    assert client.head(reverse("archive:api-session-list")).status_code == 200


def broken(*args, **kwargs):
    raise RuntimeError("the database went away")


def test_an_exception_under_api_is_a_json_500_and_is_logged(archive, monkeypatch, caplog):
    monkeypatch.setattr("archive.models.Session.objects.with_counts", broken)
    client = Client(raise_request_exception=False)

    response = client.get("/api/sessions/")

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": "internal server error: the error was logged"}
    assert "the database went away" in caplog.text  # Django's own error logging still runs


def test_an_exception_outside_api_is_still_the_html_page(archive, monkeypatch):
    monkeypatch.setattr("archive.models.Session.objects.with_counts", broken)
    client = Client(raise_request_exception=False)

    response = client.get("/")

    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    "url",
    ["/api/documents/1/raw.txt", "/api/nothing.json", "/api/sessions/oic-cfm-38/x/y", "/api"],
)
def test_paths_under_api_that_no_route_takes_are_a_json_404_too(client, archive, url):
    response = client.get(url, follow=True)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]


def test_a_page_outside_api_that_does_not_exist_is_still_the_html_page(client, archive):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_too_many_parameters_are_a_json_400_that_says_so(client, archive, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5

    response = client.get("/api/search/?" + "&".join(f"p{n}=1" for n in range(10)))

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "DATA_UPLOAD_MAX_NUMBER_FIELDS" in response.json()["error"]


def test_a_bad_host_header_is_a_json_400_that_names_no_host(archive, settings):
    settings.ALLOWED_HOSTS = ["qararat.example"]

    response = Client(HTTP_HOST="evil.example").get("/api/sessions/")

    assert response.status_code == 400
    assert response.json() == {"error": "bad request"}


def test_a_refusal_under_api_is_a_json_403(archive, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionDenied

    monkeypatch.setattr("archive.models.Session.objects.with_counts", refuse)

    response = Client().get("/api/sessions/")

    assert response.status_code == 403
    assert response.json() == {"error": "forbidden"}


def test_a_post_without_a_csrf_token_is_the_json_405_not_the_csrf_page(archive):
    response = Client(enforce_csrf_checks=True).post("/api/openapi.json", {"x": "1"})

    assert response.status_code == 405
    assert response.json()["error"] == "method POST not allowed; use GET"


def test_django_404_handler_answers_json_under_api_and_html_elsewhere(rf):
    from django.http import Http404

    from archive.api import page_not_found

    under_api = page_not_found(rf.get("/api/x.json"), Http404())
    elsewhere = page_not_found(rf.get("/x.json"), Http404())

    assert (under_api.status_code, under_api["Content-Type"]) == (404, "application/json")
    assert (elsewhere.status_code, elsewhere["Content-Type"][:9]) == (404, "text/html")
