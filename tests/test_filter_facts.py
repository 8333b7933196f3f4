"""The search filters, the date orders and the facet counts read the paragraphs' and documents' facts once
(search.filters.facts) instead of a subquery per paragraph; they keep, order and count exactly what the
database's own expression of the same rules (Filters.as_q, document_year, the sessions join) does."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest
from django.db.models import F

from archive.models import Body, Paragraph, ParagraphKind
from search.facets import counted
from search.filters import Filters, filter_ids, paragraphs
from tests.helpers import CORPUS
from tests.helpers import ingest_fixture as ingest

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def corpus():
    for path in sorted(p for folder in ("seeds", "raw") for p in (CORPUS / folder).iterdir() if p.is_file()):
        ingest(f"{path.parent.name}/{path.name}")
    # Every paragraph, in an order that is neither the database's nor by id.
    ids = list(Paragraph.objects.values_list("pk", flat=True))
    return sorted(ids, key=lambda pk: (pk * 7919) % 1009)


def in_database(ranked: list[int], filters: Filters, sort: str) -> list[int]:
    """What filter_ids gave before: the filters as SQL over the ids, the date order by the database."""
    matching = paragraphs().filter(pk__in=ranked).filter(filters.as_q())
    if sort == "relevance":
        kept = set(matching.values_list("pk", flat=True))
        return [pk for pk in ranked if pk in kept]
    date = F("document__date")
    first = date.desc(nulls_last=True) if sort == "newest" else date.asc(nulls_last=True)
    return list(matching.order_by(first, "document_id", "position").values_list("pk", flat=True))


FILTERS = [
    Filters(),
    Filters(body=Body.OIC_CFM),
    Filters(body=Body.UNGA, year_from=1990),
    Filters(session="oic-cfm-38"),
    Filters(year_from=2000, year_to=2011),
    Filters(year_to=1995),
    Filters(kind=ParagraphKind.OPERATIVE),
    Filters(body=Body.OIC_SUMMIT, kind=ParagraphKind.PREAMBULAR, year_from=2005),
]


def test_filters_and_orders_keep_what_the_database_keeps_in_the_same_order(corpus):
    # One corpus for every combination (ingesting it takes seconds).
    for filters, sort in itertools.product(FILTERS, ["relevance", "newest", "oldest"]):
        assert filter_ids(corpus, filters, sort) == in_database(corpus, filters, sort), (filters, sort)
    kept = [len(filter_ids(corpus, filters, "relevance")) for filters in FILTERS]
    assert sum(1 for n in kept if 0 < n < len(corpus)) >= 6  # the filters do filter, on this corpus


def test_the_facet_counts_are_the_databases_own(corpus):
    some = corpus[::3]
    years, kinds, sessions, bodies = Counter(), Counter(), Counter(), Counter()
    for kind, year in paragraphs().filter(pk__in=some).values_list("kind", "year"):
        kinds[kind] += 1
        if year is not None:
            years[year] += 1
    linked = Paragraph.objects.filter(pk__in=some, document__sessions__isnull=False)
    pairs = set(linked.values_list("pk", "document__sessions__slug", "document__sessions__body"))
    sessions.update(slug for _pk, slug, _body in pairs)
    bodies.update(body for _pk, body in {(pk, body) for pk, _slug, body in pairs})
    assert counted(some) == {"body": bodies, "session": sessions, "year": years, "kind": kinds}
    assert len(years) > 5 and len(sessions) > 5
    # An id the database no longer holds (the index is a step behind) is neither kept nor counted.
    gone = max(corpus) + 1000
    assert filter_ids([gone, *corpus[:5]], Filters(), "relevance") == corpus[:5]
    assert counted([gone]) == {"body": Counter(), "session": Counter(), "year": Counter(), "kind": Counter()}


def test_kept_facts_are_read_once_per_index_state_and_again_after_a_change():
    # The facts of the paragraphs searched are kept while the index stays as it is; a change to a
    # document's date re-indexes its paragraphs, and the next facts read it anew.
    import datetime

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.filters import facts, forget_facts

    forget_facts()
    document = ingest("raw/oic-cfm17-res18-s-quds.txt")
    ids = list(document.paragraphs.values_list("pk", flat=True))
    first = facts(ids)
    with CaptureQueriesContext(connection) as queries:
        again = facts(ids)
    # (OpenSearch's index state is a row of its own, search.IndexGeneration: that one may be read.)
    assert not [q["sql"] for q in queries.captured_queries if "archive_" in q["sql"]]
    assert again.paragraphs[ids[0]] == first.paragraphs[ids[0]]
    document.date = datetime.date(1987, 5, 1)
    document.save()
    assert facts(ids).documents[document.pk].date == datetime.date(1987, 5, 1)
    assert facts(ids).documents[document.pk].year == 1987
