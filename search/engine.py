"""One search, start to end, in one direction: parse (search.query) → expand aliases (search.aliases) →
retrieve from the engine (search.retrieve) → relax when few paragraphs have every word (search.relax) →
filter and order in the database (search.filters) → facets (search.facets) → a suggestion
(search.suggest) → pages, grouped or not (search.grouping), for the page and the API.

The backend answers "which paragraphs match these words under these filters, in this order" (up to MAX_HITS
of them, search.backends.base's `matches`). Whoosh filters and orders in the database over its hits and the
facets are counted there too (SQL over the ids); OpenSearch filters, orders and counts the facets itself over
every match, so its count and facets are exact however many paragraphs match.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.translation import gettext, gettext_lazy
from haystack import connections

from archive.ingest.un_symbols import search_key
from archive.models import Paragraph, Resolution
from search import analysis
from search.aliases import expand_aliases
from search.facets import empty_facets, facet_counts, labelled
from search.filters import Filters, filter_ids
from search.grouping import Group, grouped
from search.hits import FIRST_HITS, HitList, first
from search.models import active_groups
from search.query import Notice, ParsedQuery, parse
from search.relax import partial_matches
from search.retrieve import MAX_HITS, plain_words, reranked
from search.suggest import suggest

PAGE_SIZE = 20
SORTS = {
    "relevance": gettext_lazy("الأكثر صلة"),
    "newest": gettext_lazy("الأحدث"),
    "oldest": gettext_lazy("الأقدم"),
}


@dataclass
class Outcome:
    # The paragraphs shown: full matches in the order asked for (a list, or a HitList that fetches deep
    # pages from the engine), then partial matches.
    ids: Sequence[int]
    scores: dict[int, float]
    truncated: bool  # more paragraphs match than the pages hold (MAX_HITS on Whoosh, hits.DEEPEST else)
    facets: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)  # name -> (value, label, n)
    # Partial matches (after the full ones): paragraph id -> the query's words, as typed, that it lacks.
    missing: dict[int, list[str]] = field(default_factory=dict)
    total: int | None = None  # full matches in all, when the engine counted past the ids it returned

    @property
    def count(self) -> int:
        """How many paragraphs match the whole query (partial matches are not counted)."""
        return self.total if self.total is not None else len(self.ids) - len(self.missing)

    @property
    def shown(self) -> int:
        """How many of the full matches the pages hold (all of them unless truncated)."""
        return len(self.ids) - len(self.missing)

    @property
    def relaxed(self) -> bool:
        """Whether partial matches follow the full ones."""
        return bool(self.missing)

    def paginator(self) -> Paginator:
        return Paginator(self.ids, PAGE_SIZE, allow_empty_first_page=True)


def run(parsed: ParsedQuery, filters: Filters | None = None, sort: str = "relevance") -> Outcome:
    """Matching paragraph ids in order, with scores and facet counts. An empty query finds nothing."""
    filters = filters or Filters()
    ids: Sequence[int] = []
    scores: dict[int, float] = {}
    total: int | None = 0
    counts = None  # facet counts the engine made over every match, if it did
    if parsed.tree is None and filters.cites:
        # Only cites: filters: the paragraphs citing the resolution, in reading order (or by date).
        ids = filter_ids(filters.citing_ids(), filters, sort)
        if not ids:
            return Outcome([], {}, False, empty_facets())
        return Outcome(ids, {}, False, facet_counts(first(ids, MAX_HITS)), total=len(ids))
    if parsed.tree is not None:
        backend = connections["default"].get_backend()
        tree = expand_aliases(parsed.tree)
        found = backend.matches(tree, filters, sort, FIRST_HITS)
        hits = reranked(found.hits, plain_words(parsed.tree)) if sort == "relevance" else found.hits
        scores = dict(hits)
        ids = [pk for pk, _ in hits]
        total, counts = found.total, found.facets
        if total is not None and total > len(ids):
            # The engine counted more than it sent: deeper pages come from it, in its own order.
            def fetch(offset: int, limit: int) -> list[tuple[int, float]]:
                return backend.matches(tree, filters, sort, limit, offset=offset).hits[:limit]

            ids = HitList(ids, total, fetch, scores)
    # The paragraphs of a resolution the query names come first, in reading order (by date when sorting
    # by date); the engine's count and facets then no longer cover every paragraph shown.
    named = list(
        dict.fromkeys(symbol_paragraph_ids(parsed.symbols) + resolution_paragraph_ids(parsed.resolution_numbers))
    )
    named = filter_ids(named, filters, "relevance")
    if named:
        complete = total is not None and total <= len(ids)
        seen = set(named)
        ids = named + [pk for pk in first(ids, MAX_HITS) if pk not in seen]
        if sort != "relevance":
            ids = filter_ids(ids, Filters(), sort)
        total = len(ids) if complete else None
        counts = None
    truncated = total is None or total > len(ids)
    missing: dict[int, list[str]] = {}
    if len(ids) < PAGE_SIZE and not truncated:
        # Fewer than a page has every word: the best partial matches follow, each saying what it lacks.
        ids = list(ids)
        partial = partial_matches(parsed.tree, set(ids))
        lacking = {pk: words for pk, words, _score in partial}
        scores.update({pk: score for pk, _words, score in partial})
        extra = filter_ids(list(lacking), filters, sort)[: MAX_HITS - len(ids)]
        missing = {pk: lacking[pk] for pk in extra}
        total = len(ids)
        ids += extra
        if missing:
            counts = None
    if not ids:
        return Outcome([], {}, False, empty_facets())
    facets = labelled(counts) if counts is not None else facet_counts(first(ids, MAX_HITS))
    return Outcome(ids, scores, truncated, facets, missing, total)


def symbol_paragraph_ids(symbols: list[str]) -> list[int]:
    """Paragraphs of the documents a query names by UN symbol, found through the index's symbol field (the
    symbol's analysed terms as a phrase, search.analysis, on every engine): the documents whose symbol is
    the one typed come first, then those it begins (A/RES/69/131/Corr.1), each in reading order."""
    if not symbols:
        return []
    backend = connections["default"].get_backend()
    found: list[int] = []
    for key in symbols:
        terms = tuple(analysis.analyse(key))
        if terms:
            found.extend(backend.symbol_ids(terms, MAX_HITS))
    rank = {key: i for i, key in enumerate(symbols)}
    rows = Paragraph.objects.filter(pk__in=set(found)).values_list(
        "pk", "document__symbol", "document__date", "document_id", "position"
    )

    def order(row):
        pk, symbol, date, document_id, position = row
        exact = rank.get(search_key(symbol), len(rank))
        return (exact, date is None, date, document_id, position)

    return [row[0] for row in sorted(rows, key=order)]


def resolution_paragraph_ids(numbers: list[str]) -> list[int]:
    """Paragraphs of the resolutions numbered as the query says ("32/38" also finds "32/38-س")."""
    if not numbers:
        return []
    wanted = Q(number__in=numbers)
    for number in numbers:
        wanted |= Q(number__startswith=f"{number}-")
    rank = {number: i for i, number in enumerate(numbers)}
    rows = Paragraph.objects.filter(resolution__in=Resolution.objects.filter(wanted)).values_list(
        "pk", "resolution__number", "document__date", "document_id", "position"
    )

    def order(row):
        pk, number, date, document_id, position = row
        prefix = number.split("-", 1)[0]
        return (rank.get(number, rank.get(prefix, len(rank))), date is None, date, document_id, position)

    return [row[0] for row in sorted(rows, key=order)]


def load_paragraphs(ids: list[int]) -> list[Paragraph]:
    """The paragraphs of one page, in the order given, with what a result shows (three queries)."""
    found = Paragraph.objects.with_document("resolution").prefetch_related("document__sessions")
    by_id = {paragraph.pk: paragraph for paragraph in found.filter(pk__in=ids)}
    return [by_id[pk] for pk in ids if pk in by_id]


# --- One search, as the page and the API need it ---------------------------------------------------------


@dataclass
class Search:
    parsed: ParsedQuery
    filters: Filters
    sort: str
    outcome: Outcome
    suggestion: str | None
    group: bool = False  # one result per resolution (or document): its best paragraph

    def paginator(self) -> Paginator:
        """Pages of paragraph ids, or of Groups when grouping."""
        if self.group:
            return Paginator(grouped(first(self.outcome.ids, MAX_HITS)), PAGE_SIZE, allow_empty_first_page=True)
        return self.outcome.paginator()

    @staticmethod
    def page_ids(page) -> list[int]:
        return [entry.best if isinstance(entry, Group) else entry for entry in page.object_list]

    @staticmethod
    def page_groups(page) -> dict[int, Group]:
        return {entry.best: entry for entry in page.object_list if isinstance(entry, Group)}

    @property
    def notices(self) -> list[str]:
        """What had to be guessed or left out of the query, in the interface language."""
        return [localize(notice) for notice in self.parsed.notices]


def localize(notice: str) -> str:
    if isinstance(notice, Notice):
        translated = gettext(notice.template)
        return translated % notice.params if notice.params else translated
    return notice


def search(text: str, filters: Filters | None = None, sort: str = "relevance", group: bool = False) -> Search:
    """One search, as the page and the API show it. The same search on an index in the same state is
    answered from this process's cache (SEARCH_CACHE searches), so that repeated and paged searches
    cost a cache look-up, not the engine, the database and the re-ranking again. Every archive change
    that can alter a result (a paragraph, a document's title, date or sessions, a resolution's number or
    subject, a session) re-indexes what it touches (search/signals.py), so the index's state stands for
    the database's too; the alias groups admins edit (search.models) are part of the key themselves."""
    state = (connections["default"].get_backend().state(), active_groups())
    return _cached_search(text, filters or Filters(), sort, group, state)


# Searches kept per process: each holds at most MAX_HITS ids with their scores (about 0.5 MB), so 32 of
# them stay within 16 MB a worker.
SEARCH_CACHE = 32


def forget_kept() -> None:
    """Empty everything this process keeps between searches: the searches themselves, the paragraphs' and
    documents' facts (search.filters) and Whoosh's decoded postings (search.backends.whoosh_dense). The
    benchmarks call it to time a search whose words and paragraphs nobody searched before."""
    from search.backends.whoosh_dense import forget
    from search.filters import forget_facts

    _cached_search.cache_clear()
    forget_facts()
    forget()


@lru_cache(maxsize=SEARCH_CACHE)
def _cached_search(text: str, filters: Filters, sort: str, group: bool, state: tuple) -> Search:
    parsed = parse(text)
    if parsed.cites:
        filters = replace(filters, cites=parsed.cites)
    outcome = run(parsed, filters, sort)
    suggestion = suggest(parsed) if not outcome.count and not filters.active() else None
    return Search(parsed, filters, sort, outcome, suggestion, group)
