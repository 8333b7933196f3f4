"""The read-only JSON API: sessions and documents, as plain JsonResponse views.

Every answer is JSON, errors included: unknown ids and slugs give 404 {"error": …}, other methods than
GET/HEAD give 405 {"error": …}. Django's error handlers (qararat/urls.py) answer the same shape for any
path under /api/ (a 400 for a request Django refuses, a 500 for an exception, with Django's own logging
and signals), and the HTML pages everywhere else. archive/openapi.py describes all of it.
"""

from __future__ import annotations

import functools

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt

from archive import history
from archive.models import Body, Document, Paragraph, Resolution, Session
from archive.notes import note_texts

JSON_OPTIONS = {"ensure_ascii": False}


def json_response(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params=JSON_OPTIONS)


def json_error(message: str, status: int) -> JsonResponse:
    return json_response({"error": message}, status=status)


def api_view(view):
    """GET/HEAD only, and a JSON 404 instead of the HTML page. Nothing here changes state, so no CSRF."""

    @csrf_exempt
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = json_error(f"method {request.method} not allowed; use GET", 405)
            response["Allow"] = "GET, HEAD"
            return response
        try:
            return view(request, *args, **kwargs)
        except Http404 as exc:
            return json_error(str(exc) or "not found", 404)

    return wrapper


@api_view
def session_list(request):
    sessions = Session.objects.with_counts()
    return json_response({"results": [session_data(request, session) for session in sessions]})


@api_view
def session_detail(request, slug):
    session = Session.objects.with_counts().filter(slug=slug).first()
    if session is None:
        raise Http404(f"no session with slug {slug!r}")
    data = session_data(request, session)
    data["documents"] = [
        {
            "id": document.pk,
            "title": document.title,
            "kind": document.kind,
            "date": _iso(document.date),
            "url": request.build_absolute_uri(document.get_absolute_url()),
        }
        for document in session.documents.order_by("date", "id")
    ]
    data["resolutions"] = [
        {
            "number": resolution.number,
            "title": resolution.subject,
            "url": request.build_absolute_uri(resolution.get_absolute_url()),
        }
        for resolution in session.resolutions.order_by("id")
    ]
    return json_response(data)


@api_view
def document_detail(request, pk):
    document = (
        Document.objects.prefetch_related(
            Prefetch("sessions", queryset=Session.objects.only("slug")),
            Prefetch("paragraphs", queryset=Paragraph.objects.select_related("resolution")),
        )
        .filter(pk=pk)
        .first()
    )
    if document is None:
        raise Http404(f"no document with id {pk}")
    return json_response(document_data(request, document))


@api_view
def resolution_detail(request, pk):
    resolution = Resolution.objects.select_related("session", "document").filter(pk=pk).first()
    if resolution is None:
        raise Http404(f"no resolution with id {pk}")
    return json_response(resolution_data(request, resolution))


def document_data(request, document: Document) -> dict:
    """A document with its paragraphs (sessions and paragraphs prefetched by the caller)."""
    document_url = request.build_absolute_uri(document.get_absolute_url())
    return {
        "id": document.pk,
        "title": document.title,
        "kind": document.kind,
        "symbol": document.symbol,
        "excerpt": document.excerpt,
        "date": _iso(document.date),
        "sessions": [session.slug for session in document.sessions.all()],
        "url": document_url,
        "source": {
            "name": document.source_name,
            "url": document.source_url,
            "format": document.source_format,
        },
        "warnings": note_texts(document.warnings),
        "parser_version": document.parser_version,
        "checksum": document.checksum,
        "resolutions": [
            {"number": r.number, "printed_number": r.printed_number, "title": r.subject}
            for r in document.linked_resolutions()
        ],
        "paragraphs": [
            {
                "id": paragraph.pk,
                "number": paragraph.number,
                "kind": paragraph.kind,
                "text": paragraph.text,
                "text_en": paragraph.text_en,
                "resolution": paragraph.resolution.number if paragraph.resolution else None,
                "url": f"{document_url}#{paragraph.anchor}",
            }
            for paragraph in document.paragraphs.all()
        ],
    }


def resolution_data(request, resolution: Resolution) -> dict:
    """A resolution with its paragraphs in reading order, across the files it is spread over, its series
    (its versions at other sessions), what it cites and the paragraphs that cite it."""
    return {
        "id": resolution.pk,
        "number": resolution.number,
        "printed_number": resolution.printed_number,
        "title": resolution.subject,
        "category": resolution.category,
        "session": resolution.session.slug,
        "session_title": resolution.session.title,
        "date": _iso(resolution.document.date or resolution.session.start_date),
        "document": resolution.document_id,
        "symbol": resolution.document.symbol,
        "url": request.build_absolute_uri(resolution.get_absolute_url()),
        "paragraphs": [
            {
                "id": paragraph.pk,
                "number": paragraph.number,
                "kind": paragraph.kind,
                "text": paragraph.text,
                "text_en": paragraph.text_en,
                "url": request.build_absolute_uri(paragraph.get_absolute_url()),
            }
            for paragraph in resolution.reading_order()
        ],
        "series": history.series_data(request, resolution),
        "cites": history.cites_data(request, resolution),
        "cited_by": history.cited_by_data(request, resolution),
    }


@api_view
def not_found(request, rest=""):
    raise Http404(f"no API endpoint at {request.path}")


def session_data(request, session: Session) -> dict:
    return {
        "slug": session.slug,
        "body": session.body,
        "body_label": str(Body(session.body).label),
        "organ": session.organ,
        "number": session.number,
        "extraordinary": session.extraordinary,
        "title": session.title,
        "theme": session.theme,
        "place": session.place,
        "place_printed": session.place_printed,
        "country": session.country,
        "start_date": _iso(session.start_date),
        "end_date": _iso(session.end_date),
        "hijri_start": session.hijri_start or None,
        "hijri_end": session.hijri_end or None,
        "document_count": session.document_count,
        "resolution_count": session.resolution_count,
        "url": request.build_absolute_uri(session.get_absolute_url()),
    }


def _iso(date) -> str | None:
    return date.isoformat() if date else None


# --- Django's error handlers (handler400 … handler500 in qararat/urls.py) ---------------------------------


def is_api(request) -> bool:
    return request.path_info.startswith("/api/")


# Refusals whose message tells the client what to change; other 400s (a bad Host header…) say no more.
_EXPLAINED = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def bad_request(request, exception):
    if not is_api(request):
        return defaults.bad_request(request, exception)
    return json_error(str(exception) if isinstance(exception, _EXPLAINED) else "bad request", 400)


def permission_denied(request, exception):
    if not is_api(request):
        return defaults.permission_denied(request, exception)
    return json_error("forbidden", 403)


def page_not_found(request, exception):
    if not is_api(request):
        return defaults.page_not_found(request, exception)
    return json_error(f"no API endpoint at {request.path}", 404)


def server_error(request):
    if not is_api(request):
        return defaults.server_error(request)
    return json_error("internal server error: the error was logged", 500)
