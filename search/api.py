"""GET /api/search/: the search page as JSON, with the same parameters.

Invalid parameters answer 400 {"error", "errors"}; a page past the last one answers 400 too. An empty q
answers an empty result, as the page shows nothing but the form.
"""

from __future__ import annotations

from django.core.paginator import EmptyPage

from archive.api import api_view, json_response
from search import engine
from search.filters import Filters
from search.forms import SearchForm
from search.highlight import snippet
from search.query import Highlights


@api_view
def search(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        errors = {name: list(messages) for name, messages in form.errors.items()}
        return json_response(
            {"error": f"invalid parameters: {', '.join(errors)}", "errors": errors}, status=400
        )
    found = engine.search(
        form.value("q", ""),
        Filters.from_data(form.cleaned_data),
        form.value("sort", "relevance"),
        group=form.value("group") == "resolution",
    )
    paginator = found.paginator()
    number = form.value("page", 1)
    try:
        page = paginator.page(number)
    except EmptyPage:
        return json_response(
            {"error": f"page {number} does not exist: the last page of results is {paginator.num_pages}"},
            status=400,
        )
    highlights = found.parsed.highlights()
    groups = found.page_groups(page)
    return json_response(
        {
            "count": found.outcome.count,
            "relaxed": found.outcome.relaxed,
            "page": page.number,
            "num_pages": paginator.num_pages,
            "results": [
                result_data(
                    request,
                    paragraph,
                    highlights,
                    found.outcome.scores.get(paragraph.pk),
                    found.outcome.missing.get(paragraph.pk, []),
                    list(groups[paragraph.pk].others) if paragraph.pk in groups else [],
                )
                for paragraph in engine.load_paragraphs(found.page_ids(page))
            ],
            "facets": {
                name: {value: n for value, _label, n in entries}
                for name, entries in found.outcome.facets.items()
            },
            "notices": found.notices,
            "suggestion": found.suggestion,
            "resolution_numbers": found.parsed.resolution_numbers,
            "truncated": found.outcome.truncated,
        }
    )


def result_data(
    request, paragraph, highlights: Highlights, score: float | None, missing: list[str], others: list[int]
) -> dict:
    document = paragraph.document
    return {
        "paragraph_id": paragraph.pk,
        "kind": paragraph.kind,
        "text": paragraph.text,
        "text_en": paragraph.text_en,
        "snippet": str(snippet(paragraph.text, highlights.words, phrases=highlights.phrases)),
        "document_id": document.pk,
        "document_title": document.title,
        "document_symbol": document.symbol,
        "session": [session.slug for session in document.sessions.all()],
        "resolution": paragraph.resolution.number if paragraph.resolution else None,
        "url": request.build_absolute_uri(paragraph.get_absolute_url()),
        "score": score,
        "missing": missing,
        "more_in_group": others,
    }
