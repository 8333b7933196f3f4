"""The search page: /search/?q=… with filters, facets, sort and pages of paragraphs."""

from __future__ import annotations

from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from archive.citing import cited_spans
from search import engine
from search.export import EXPORT_LIMIT
from search.forms import SearchForm
from search.highlight import snippet

FACET_LABELS = {
    "body": gettext_lazy("الهيئة"),
    "session": gettext_lazy("الدورة"),
    "year": gettext_lazy("السنة"),
    "kind": gettext_lazy("نوع الفقرة"),
}


def results(request):
    form = SearchForm(request.GET)
    form.is_valid()
    # Invalid filters are left out (with a word saying so) rather than refusing the whole search.
    params = request.GET.copy()
    notices = []
    for name, errors in form.errors.items():
        params.pop(name, None)
        label = form.fields[name].label if name in form.fields else name
        notices.append(
            _("%(label)s: %(errors)s (تُجوهل هذا الشرط)") % {"label": label, "errors": " ".join(errors)}
        )
    text = form.value("q", "")
    context = {"form": form, "search_query": text, "notices": notices, "params": params}
    if not text:
        return render(request, "search/results.html", context)

    found = form.search()
    page = found.paginator().get_page(form.value("page", 1))
    groups = found.page_groups(page)
    highlights = found.parsed.highlights()
    page_paragraphs = engine.load_paragraphs(found.page_ids(page))
    cited = cited_spans([p.pk for p in page_paragraphs], found.parsed.cites)
    context.update(
        searched=True,
        notices=found.notices + notices,
        outcome=found.outcome,
        page=page,
        # The first and last page and two on each side of this one; None where pages are left out.
        page_range=[
            None if number == page.paginator.ELLIPSIS else number
            for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        ],
        items=[
            {
                "paragraph": paragraph,
                "snippet": snippet(
                    paragraph.text, highlights.words, phrases=highlights.phrases, extra=cited.get(paragraph.pk, ())
                ),
                "missing": found.outcome.missing.get(paragraph.pk, []),
                "more": len(groups[paragraph.pk].others) if paragraph.pk in groups else 0,
            }
            for paragraph in page_paragraphs
        ],
        grouping={
            "on": found.group,
            "href": _href(params, group=None if found.group else "resolution"),
        },
        has_phrase=found.parsed.has_phrase,
        facets=_facets(found, params),
        active_filters=_active_filters(found, params),
        sorts=[
            {
                "label": label,
                "href": _href(params, sort=None if key == "relevance" else key),
                "current": key == found.sort,
            }
            for key, label in engine.SORTS.items()
        ],
        hidden=[(name, value) for name, value in params.items() if name not in ("q", "page")],
        suggestion=found.suggestion,
        suggestion_href=_href(QueryDict(), q=found.suggestion) if found.suggestion else "",
        takeaway=_takeaway(params),
    )
    return render(request, "search/results.html", context)


def _takeaway(params: QueryDict) -> dict:
    """This search as a feed and as files (search/feeds.py, search/export.py): the same parameters."""
    query = _href(params)
    return {
        "feed": reverse("search:feed") + query,
        "csv": reverse("search:export-csv") + query,
        "ris": reverse("search:export-references", args=["ris"]) + query,
        "bib": reverse("search:export-references", args=["bib"]) + query,
        "limit": EXPORT_LIMIT,
    }


def _href(params: QueryDict, **changes) -> str:
    """These parameters with some changed (None removes one); any change goes back to page 1."""
    updated = params.copy()
    for name, value in {**changes, "page": None}.items():
        if value is None:
            updated.pop(name, None)
        else:
            updated[name] = value
    return f"?{updated.urlencode()}"


def _facets(found: engine.Search, params: QueryDict) -> list[dict]:
    facets = []
    for name, entries in found.outcome.facets.items():
        items = []
        for value, label, count in entries:
            if name == "year":
                href = _href(params, year_from=value, year_to=value)
                current = str(found.filters.year_from) == value == str(found.filters.year_to)
            else:
                href = _href(params, **{name: value})
                current = getattr(found.filters, name) == value
            items.append({"label": label, "count": count, "href": href, "current": current})
        if items:
            facets.append({"name": name, "label": FACET_LABELS[name], "items": items})
    return facets


def _active_filters(found: engine.Search, params: QueryDict) -> list[dict]:
    labels = {name: {v: label for v, label, _ in entries} for name, entries in found.outcome.facets.items()}
    active = []
    for name, value in found.filters.active().items():
        facet = "year" if name.startswith("year") else name
        shown = labels.get(facet, {}).get(str(value), str(value))
        prefix = {"year_from": _("من سنة"), "year_to": _("إلى سنة")}.get(name, FACET_LABELS.get(facet, name))
        active.append({"label": f"{prefix}: {shown}", "href": _href(params, **{name: None})})
    return active
