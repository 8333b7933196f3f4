"""HTML pages of the archive: home, session, document, resolution, and a document's raw text."""

from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from archive.models import Body, Document, Paragraph, Resolution, Session


def home(request):
    sessions = list(Session.objects.with_counts())
    groups = [
        (label, [session for session in sessions if session.body == body]) for body, label in Body.choices
    ]
    return render(
        request,
        "archive/home.html",
        {
            "groups": [(label, members) for label, members in groups if members],
            "loose_documents": Document.objects.filter(sessions=None).only("title", "kind", "date"),
        },
    )


def session_detail(request, slug):
    session = get_object_or_404(Session, slug=slug)
    return render(
        request,
        "archive/session_detail.html",
        {
            "session": session,
            "documents": session.documents.order_by("date", "id"),
            "resolutions": session.resolutions.order_by("id"),
        },
    )


def document_detail(request, pk):
    document = get_object_or_404(
        Document.objects.prefetch_related(
            "sessions",
            Prefetch("paragraphs", queryset=Paragraph.objects.select_related("resolution")),
        ),
        pk=pk,
    )
    return render(
        request,
        "archive/document_detail.html",
        {"document": document, "resolutions": document.linked_resolutions()},
    )


def resolution_detail(request, pk):
    resolution = get_object_or_404(Resolution.objects.select_related("session", "document"), pk=pk)
    paragraphs = resolution.paragraphs.select_related("document").order_by(
        "document__date", "document_id", "position"
    )
    return render(
        request,
        "archive/resolution_detail.html",
        {"resolution": resolution, "paragraphs": paragraphs},
    )


def document_raw(request, pk):
    document = get_object_or_404(Document.objects.only("raw", "encoding"), pk=pk)
    return HttpResponse(document.raw_text, content_type="text/plain; charset=utf-8")
