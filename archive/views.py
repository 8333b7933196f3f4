"""HTML pages of the archive (home, session, document, resolution) and their plain-text and JSON downloads."""

from __future__ import annotations

import json

from django.db.models import Count, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from archive import api, citation, citation_export, history
from archive.display import gregorian_range
from archive.models import Body, Document, DocumentKind, Paragraph, Resolution, Session


def home(request):
    sessions = list(Session.objects.with_counts())
    groups = [
        {"body": body, "label": label, "sessions": [s for s in sessions if s.body == body]}
        for body, label in Body.choices
    ]
    return render(
        request,
        "archive/home.html",
        {
            "groups": [group for group in groups if group["sessions"]],
            "loose_documents": Document.objects.filter(sessions=None).only("title", "kind", "date", "symbol", "source_name"),
            "totals": {
                "sessions": len(sessions),
                "documents": Document.objects.count(),
                "resolutions": Resolution.objects.count(),
                "paragraphs": Paragraph.objects.count(),
            },
        },
    )


def session_detail(request, slug):
    session = get_object_or_404(Session, slug=slug)
    resolutions = sorted(session.resolutions.all(), key=lambda r: r.sort_key)
    # A document typed as a resolution that neither starts nor continues a numbered one (its number was not
    # found) is a resolution of the session too; another copy of a listed resolution is not.
    unnumbered = list(
        session.documents.light()
        .filter(kind=DocumentKind.RESOLUTION, resolutions__isnull=True)
        .exclude(paragraphs__resolution__isnull=False)
        .order_by("date", "id")
    )
    return render(
        request,
        "archive/session_detail.html",
        {
            "session": session,
            "documents": session.documents.annotate(paragraph_count=Count("paragraphs")).order_by("date", "id"),
            "resolutions": resolutions,
            "unnumbered_resolutions": unnumbered,
            "resolution_count": len(resolutions) + len(unnumbered),
            "session_filter": [("session", session.slug)],
        },
    )


def document_detail(request, pk):
    document = get_object_or_404(
        Document.objects.light().prefetch_related(
            "sessions",
            Prefetch(
                "paragraphs",
                queryset=Paragraph.objects.select_related("resolution__session").prefetch_related(
                    "citations__resolution"
                ),
            ),
        ),
        pk=pk,
    )
    sessions = list(document.sessions.all())
    url = request.build_absolute_uri(document.get_absolute_url())
    heading = citation.document_heading(document, sessions)
    return render(
        request,
        "archive/document_detail.html",
        {
            "document": document,
            "sessions": sessions,
            "resolutions": document.linked_resolutions().select_related("session"),
            "paragraphs": _paragraph_items(request, document.paragraphs.all(), heading),
            "citation": citation.cite(heading, url),
            "citation_authors": [session.get_body_display() for session in sessions],
            "canonical_url": url,
        },
    )


def _paragraph_items(request, paragraphs, document_heading: str, on_resolution_page: Resolution | None = None) -> list[dict]:
    """Each paragraph with its permalink, its id on this page and its citation: by its resolution when it
    has one ("operative paragraph 1", counted over the whole resolution, whichever file holds the
    paragraph), else by its document. A resolution's heading and references are made once, not once per
    paragraph. On a resolution's page, preambular and operative paragraphs are anchored there (#op-1, #pp-3)
    and keep the id of their place in the resolution's document (#p-12) as well, for older links."""
    paragraphs = list(paragraphs)
    headings: dict[int, str] = {}
    if on_resolution_page is not None:
        references = citation.paragraph_references(paragraphs)
    else:
        references = citation.paragraph_references(p for p in paragraphs if p.resolution_id is None)
        for resolution_id in {p.resolution_id for p in paragraphs if p.resolution_id is not None}:
            in_order = Paragraph.objects.filter(resolution_id=resolution_id).order_by(
                "document__date", "document_id", "position"
            )
            references.update(citation.paragraph_references(in_order.only("id", "kind", "number")))
    items = []
    for paragraph in paragraphs:
        reference = references.get(paragraph.pk)
        heading = document_heading
        if paragraph.resolution:
            if paragraph.resolution_id not in headings:
                headings[paragraph.resolution_id] = citation.resolution_heading(paragraph.resolution)
            heading = headings[paragraph.resolution_id]
        anchor, alias, href = paragraph.anchor, "", paragraph.get_absolute_url()
        if on_resolution_page is not None:
            anchor = ""
            if reference is not None and reference.part != citation.OTHER:
                anchor = reference.anchor
                href = f"{on_resolution_page.get_absolute_url()}#{anchor}"
                if paragraph.document_id == on_resolution_page.document_id:
                    alias = paragraph.anchor
        url = request.build_absolute_uri(href)
        items.append(
            {
                "paragraph": paragraph,
                "anchor": anchor,
                "alias": alias,
                "href": href,
                "fragment": href.partition("#")[2],
                "link_label": _("رابط %(paragraph)s") % {"paragraph": reference} if reference else "",
                "url": url,
                "citation": citation.cite(heading, url, paragraph, reference),
            }
        )
    return items


def resolution_detail(request, pk):
    resolution = get_object_or_404(Resolution.objects.with_document(), pk=pk)
    siblings = sorted(resolution.session.resolutions.all(), key=lambda r: r.sort_key)
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == resolution.pk)
    url = request.build_absolute_uri(resolution.get_absolute_url())
    heading = citation.resolution_heading(resolution)
    in_order = list(resolution.reading_order().prefetch_related("citations__resolution"))
    for paragraph in in_order:
        paragraph.resolution = resolution  # already loaded: no query per paragraph for its citation
    paragraphs = _paragraph_items(request, in_order, heading, on_resolution_page=resolution)
    documents = {item["paragraph"].document for item in paragraphs} | {resolution.document}
    return render(
        request,
        "archive/resolution_detail.html",
        {
            "resolution": resolution,
            "session": resolution.session,
            "paragraphs": paragraphs,
            "documents": sorted(documents, key=lambda d: (d.date is None, d.date, d.pk)),
            "other_sessions": Session.objects.filter(documents__in=documents)
            .exclude(pk=resolution.session_id)
            .distinct(),
            "previous": siblings[index - 1] if index > 0 else None,
            "next": siblings[index + 1] if index + 1 < len(siblings) else None,
            "citation": citation.cite(heading, url),
            "citation_title": ": ".join(filter(None, [citation.resolution_label(resolution), resolution.subject])),
            "citation_authors": [resolution.session.get_body_display()],
            "canonical_url": url,
            "date": resolution.document.date or resolution.session.start_date,
            **history.links_context(resolution),
        },
    )


def document_raw(request, pk):
    document = get_object_or_404(Document.objects.only("raw", "encoding"), pk=pk)
    return HttpResponse(document.raw_text, content_type="text/plain; charset=utf-8")


def document_text(request, pk):
    document = get_object_or_404(Document.objects.light().prefetch_related("sessions", "paragraphs"), pk=pk)
    header = [
        document.display_title,
        *(session.title for session in document.sessions.all()),
        document.symbol,
        gregorian_range(document.date) if document.date else "",
        request.build_absolute_uri(document.get_absolute_url()),
    ]
    return _download_text(header, document.paragraphs.all(), f"qararat-document-{document.pk}.txt")


def document_json(request, pk):
    document = get_object_or_404(
        Document.objects.light().prefetch_related(
            "sessions", Prefetch("paragraphs", queryset=Paragraph.objects.select_related("resolution"))
        ),
        pk=pk,
    )
    return _download_json(api.document_data(request, document), f"qararat-document-{document.pk}.json")


def resolution_text(request, pk):
    resolution = get_object_or_404(Resolution.objects.with_document(), pk=pk)
    header = [
        citation.resolution_label(resolution),
        resolution.subject,
        resolution.session.title,
        gregorian_range(resolution.document.date or resolution.session.start_date),
        request.build_absolute_uri(resolution.get_absolute_url()),
    ]
    filename = f"qararat-resolution-{resolution.pk}.txt"
    return _download_text(header, resolution.reading_order(), filename)


def resolution_json(request, pk):
    resolution = get_object_or_404(Resolution.objects.with_document(), pk=pk)
    return _download_json(api.resolution_data(request, resolution), f"qararat-resolution-{resolution.pk}.json")


def resolution_reference(request, pk, style):
    """The resolution as a reference for a citation manager: RIS or BibTeX."""
    resolution = get_object_or_404(Resolution.objects.with_document(), pk=pk)
    url = request.build_absolute_uri(resolution.get_absolute_url())
    return _reference(citation_export.resolution_reference(resolution, url), style)


def document_reference(request, pk, style):
    document = get_object_or_404(Document.objects.light().prefetch_related("sessions"), pk=pk)
    url = request.build_absolute_uri(document.get_absolute_url())
    return _reference(citation_export.document_reference(document, list(document.sessions.all()), url), style)


# Media types citation managers recognise (Zotero's connector and EndNote open these on download).
REFERENCE_FORMATS = {
    "ris": (citation_export.as_ris, "application/x-research-info-systems; charset=utf-8"),
    "bib": (citation_export.as_bibtex, "application/x-bibtex; charset=utf-8"),
}


def _reference(reference, style: str) -> HttpResponse:
    write, content_type = REFERENCE_FORMATS[style]
    response = HttpResponse(write(reference), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{reference.key}.{style}"'
    return response


def _download_text(header: list[str], paragraphs, filename: str) -> HttpResponse:
    """The header lines, a blank line, then one paragraph per block with its printed number."""
    lines = [line for line in header if line]
    body = [f"{p.number} - {p.text}" if p.number else p.text for p in paragraphs]
    response = HttpResponse("\n".join(lines) + "\n\n" + "\n\n".join(body) + "\n", content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _download_json(data: dict, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /search/", "Disallow: /api/", f"Sitemap: {sitemap}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
