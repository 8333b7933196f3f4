"""What the pages and the API show of a resolution's links: its series and versions, what it cites and what
cites it, and two versions compared (archive.compare), as Python objects for templates and as JSON."""

from __future__ import annotations

from itertools import groupby

from django.urls import reverse

from archive import citing, compare, series
from archive.linked_text import undocs_url
from archive.models import Resolution


def comparison(first: Resolution, second: Resolution) -> dict:
    """The two versions, earlier first (by adoption), and the aligned rows with their paragraphs."""
    earlier, later = sorted((first, second), key=series.adoption_key)
    left, right = list(earlier.reading_order()), list(later.reading_order())
    result = compare.compare([p.text for p in left], [p.text for p in right])
    rows = [
        {
            "kind": row.kind,
            "earlier": {"paragraph": left[row.earlier.index], "pieces": row.earlier.pieces} if row.earlier else None,
            "later": {"paragraph": right[row.later.index], "pieces": row.later.pieces} if row.later else None,
        }
        for row in result.rows
    ]
    stats = {kind: result.count(kind) for kind in (compare.SAME, compare.CHANGED, compare.ADDED, compare.REMOVED)}
    stats["words_added"] = result.words(compare.ADDED)
    stats["words_removed"] = result.words(compare.REMOVED)
    same_series = first.series_id is not None and first.series_id == second.series_id
    return {"earlier": earlier, "later": later, "rows": rows, "stats": stats, "same_series": same_series}


def links_context(resolution: Resolution) -> dict:
    """The resolution page's links: its series' versions (each with the address of its comparison with
    this one, the earlier version first), what it cites (paragraph by paragraph), what cites it, and the
    search for the latter."""
    versions = series.versions(resolution)
    position = next((i for i, v in enumerate(versions) if v.pk == resolution.pk), None)
    for i, version in enumerate(versions):
        if version.pk != resolution.pk and position is not None:
            pair = (version.pk, resolution.pk) if i < position else (resolution.pk, version.pk)
            version.compare_url = reverse("archive:resolution-compare", args=pair)
    return {
        "versions": versions,
        "cites": [
            {"paragraph": citations[0].paragraph, "citations": citations}
            for citations in (list(group) for _pk, group in groupby(citing.cites_of(resolution), key=_paragraph_id))
        ],
        "cited_by": _one_per_paragraph(citing.cited_by(resolution).prefetch_related("paragraph__citations__resolution")),
        "cites_query": citing.search_query(resolution),
    }


def _one_per_paragraph(citations) -> list:
    """The first citation of each citing paragraph, however often the paragraph names the resolution."""
    first: dict = {}
    for citation in citations:
        first.setdefault(citation.paragraph_id, citation)
    return list(first.values())


def _paragraph_id(citation) -> int:
    return citation.paragraph_id


# --- JSON -----------------------------------------------------------------------------------------------


def _iso(date) -> str | None:
    return date.isoformat() if date else None


def version_data(request, resolution: Resolution) -> dict:
    return {
        "id": resolution.pk,
        "number": resolution.number,
        "title": resolution.subject,
        "session": resolution.session.slug,
        "session_title": resolution.session.title,
        "date": _iso(resolution.document.date or resolution.session.start_date),
        "url": request.build_absolute_uri(resolution.get_absolute_url()),
    }


def series_data(request, resolution: Resolution) -> dict | None:
    """Its series: title and every version in order of adoption (null without a series)."""
    versions = series.versions(resolution)
    if not versions:
        return None
    return {
        "id": resolution.series_id,
        "title": resolution.series.title,
        "versions": [version_data(request, version) for version in versions],
    }


def cites_data(request, resolution: Resolution) -> list[dict]:
    """What it cites: each citation with its paragraph, and where the cited resolution is read (our page
    when held, the UN's document when it has a symbol, else null)."""
    out = []
    for c in citing.cites_of(resolution):
        if c.resolution is not None:
            url = request.build_absolute_uri(c.resolution.get_absolute_url())
        else:
            url = undocs_url(c.symbol) if c.symbol else None
        out.append(
            {
                "number": c.number,
                "body": c.body,
                "printed": c.printed,
                "symbol": c.symbol,
                "resolution": c.resolution_id,
                "url": url,
                "paragraph": c.paragraph_id,
                "paragraph_url": request.build_absolute_uri(c.paragraph.get_absolute_url()),
            }
        )
    return out


def cited_by_data(request, resolution: Resolution) -> list[dict]:
    """The paragraphs that cite it, with their resolution (its number; null for a paragraph of none)."""
    return [
        {
            "paragraph": c.paragraph_id,
            "paragraph_url": request.build_absolute_uri(c.paragraph.get_absolute_url()),
            "printed": c.printed,
            "resolution": c.paragraph.resolution_id,
            "resolution_number": c.paragraph.resolution.number if c.paragraph.resolution else None,
            "document": c.paragraph.document_id,
            "text": c.paragraph.text,
        }
        for c in citing.cited_by(resolution)
    ]


def _side(request, side: dict | None) -> dict | None:
    if side is None:
        return None
    paragraph = side["paragraph"]
    return {
        "paragraph": paragraph.pk,
        "number": paragraph.number,
        "url": request.build_absolute_uri(paragraph.get_absolute_url()),
        "pieces": [{"text": piece.text, "change": piece.change} for piece in side["pieces"]],
    }


def comparison_data(request, first: Resolution, second: Resolution) -> dict:
    context = comparison(first, second)
    return {
        "earlier": version_data(request, context["earlier"]),
        "later": version_data(request, context["later"]),
        "same_series": context["same_series"],
        "stats": context["stats"],
        "rows": [
            {"kind": row["kind"], "earlier": _side(request, row["earlier"]), "later": _side(request, row["later"])}
            for row in context["rows"]
        ],
        "url": request.build_absolute_uri(reverse("archive:resolution-compare", args=[first.pk, second.pk])),
    }
