"""Search filters (body, session, years, paragraph kind, cited resolutions), applied in the database over the
engine's hits."""

from __future__ import annotations

import datetime
import json
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import F, Q
from django.db.models.expressions import RawSQL

from archive.citing import citing_paragraph_ids, citing_q
from archive.models import Citation, Document, Paragraph, Session, document_year


@dataclass(frozen=True)
class Filters:
    body: str = ""
    session: str = ""
    year_from: int | None = None
    year_to: int | None = None
    kind: str = ""
    # Paragraphs citing these resolutions (the query's cites: filters, search.query), each given by the
    # numbers it may be written as; not a form field.
    cites: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def from_data(cls, data: dict) -> Filters:
        """From a form's cleaned_data: missing or invalid values mean no filter."""
        return cls(
            body=data.get("body") or "",
            session=data.get("session") or "",
            year_from=data.get("year_from"),
            year_to=data.get("year_to"),
            kind=data.get("kind") or "",
        )

    def as_q(self) -> Q:
        """The filters over paragraphs annotated with their document's `year` (`paragraphs()` does it:
        the document's date, else its earliest session's, archive.models.document_year)."""
        q = Q()
        if self.body:
            q &= Q(document__in=Document.objects.filter(sessions__body=self.body))
        if self.session:
            q &= Q(document__in=Document.objects.filter(sessions__slug=self.session))
        if self.year_from is not None:
            q &= Q(year__gte=self.year_from)
        if self.year_to is not None:
            q &= Q(year__lte=self.year_to)
        if self.kind:
            q &= Q(kind=self.kind)
        for numbers in self.cites:
            q &= Q(pk__in=Citation.objects.filter(citing_q(numbers)).values("paragraph_id"))
        return q

    def keeps(self, kind: str, document: DocumentFacts) -> bool:
        """What as_q decides for one paragraph, from its kind and its document's facts (not for cites:)."""
        return (
            (not self.body or self.body in document.bodies)
            and (not self.session or self.session in document.sessions)
            and (self.year_from is None or (document.year is not None and document.year >= self.year_from))
            and (self.year_to is None or (document.year is not None and document.year <= self.year_to))
            and (not self.kind or kind == self.kind)
        )

    def citing_ids(self) -> list[int]:
        """The paragraphs the cites: filters keep, for an engine that filters itself (OpenSearch)."""
        return citing_paragraph_ids(self.cites)

    def active(self) -> dict[str, object]:
        return {name: value for name in FILTERS if (value := getattr(self, name)) not in ("", None)}


FILTERS = ("body", "session", "year_from", "year_to", "kind")


def paragraphs():
    """Paragraphs with the year they are filed under (`year`), what the year filter and facet read."""
    return Paragraph.objects.annotate(year=document_year("document__"))


def pk_in(ids: Collection[int], field: str = "pk") -> Q:
    """Q(<field>__in=ids) for the thousands of ids an engine returns. On SQLite the ids go as one JSON
    parameter read by json_each: Django prepares, and SQLite binds, each of 5,000 separate parameters,
    which cost 56 ms for one query at 100,000 paragraphs against 11 ms this way. Elsewhere the usual list."""
    if connection.vendor == "sqlite":
        return Q(**{f"{field}__in": RawSQL("SELECT value FROM json_each(%s)", [json.dumps(list(ids))])})
    return Q(**{f"{field}__in": list(ids)})


@dataclass(frozen=True)
class DocumentFacts:
    """What the filters, the facets and the date order read of a paragraph's document."""

    date: datetime.date | None
    year: int | None  # Document.year's rule: its date's, else its earliest session's
    sessions: frozenset[str]  # slugs
    bodies: frozenset[str]


@dataclass
class Facts:
    paragraphs: dict[int, tuple[int, str, int]]  # paragraph id -> (document id, kind, position)
    documents: dict[int, DocumentFacts]


# The facts read so far, kept while the search index stays in the same state: every archive change that can
# alter them (a paragraph, a document's date or sessions, a session) re-indexes what it touches
# (search/signals.py), as the cache of searches (search.engine) relies on too. At 100,000 paragraphs the four
# queries cost 30-40 ms for 5,000 hits, most of a new search's time. Emptied past FACTS_KEPT paragraphs.
FACTS_KEPT = 200_000


@dataclass
class _KeptFacts:
    state: str
    paragraphs: dict[int, tuple[int, str, int]] = field(default_factory=dict)
    documents: dict[int, DocumentFacts] = field(default_factory=dict)


_kept = _KeptFacts(state="")


def forget_facts() -> None:
    """Empty this process's kept facts."""
    global _kept
    _kept = _KeptFacts(state="")


def facts(ids: Collection[int]) -> Facts:
    """The facts of these paragraphs and of their documents (and of others read before: the dictionaries
    are this process's kept facts), reading from the database only the ones not yet kept under the index's
    present state: one primary-key read per paragraph, each document's date and sessions once."""
    global _kept
    from haystack import connections

    state = connections["default"].get_backend().state()
    if _kept.state != state or len(_kept.paragraphs) > FACTS_KEPT:
        _kept = _KeptFacts(state=state)
    kept = _kept
    missing = [pk for pk in ids if pk not in kept.paragraphs]
    if missing:
        rows = Paragraph.objects.filter(pk_in(missing)).order_by().values_list("pk", "document_id", "kind", "position")
        kept.paragraphs.update({pk: (document_id, kind, position) for pk, document_id, kind, position in rows})
    documents = {kept.paragraphs[pk][0] for pk in ids if pk in kept.paragraphs}
    unknown = [document_id for document_id in documents if document_id not in kept.documents]
    if unknown:
        kept.documents.update(document_facts(unknown))
    return Facts(kept.paragraphs, kept.documents)


def document_facts(documents: Collection[int]) -> dict[int, DocumentFacts]:
    """Each document's date, filing year, sessions and bodies, in three queries (not the year subquery and
    the sessions join for every paragraph that as_q and a GROUP BY cost)."""
    dates = dict(Document.objects.filter(pk_in(documents)).order_by().values_list("pk", "date"))
    links = list(
        Document.sessions.through.objects.filter(pk_in(documents, "document_id")).values_list(
            "document_id", "session_id"
        )
    )
    found = Session.objects.filter(pk__in={session_id for _, session_id in links}).order_by()
    by_id = {session.pk: session for session in found.only("slug", "body", "number", "start_date")}
    linked = defaultdict(list)
    for document_id, session_id in links:
        linked[document_id].append(by_id[session_id])
    known = {}
    for document_id in documents:
        sessions = linked.get(document_id, [])
        date = dates.get(document_id)
        years = [session.year for session in sessions if session.year is not None]
        known[document_id] = DocumentFacts(
            date=date,
            year=date.year if date else (min(years) if years else None),
            sessions=frozenset(session.slug for session in sessions),
            bodies=frozenset(session.body for session in sessions),
        )
    return known


def filter_ids(ranked: list[int], filters: Filters, sort: str, known: Facts | None = None) -> list[int]:
    """The ranked ids the filters keep, in rank order ("relevance") or by date: newest or oldest document
    first (undated last), then document and position. Over the paragraphs' and documents' facts (`facts`);
    with a cites: filter, in the database (as_q). `known`: the facts of the ranked ids, if already read."""
    if not ranked:
        return []
    if not filters.cites:
        return _filtered_by_facts(ranked, filters, sort, known or facts(ranked))
    matching = paragraphs().filter(pk_in(ranked)).filter(filters.as_q())
    if sort == "relevance":
        kept = set(matching.order_by().values_list("pk", flat=True))
        return [pk for pk in ranked if pk in kept]
    date = F("document__date")
    first = date.desc(nulls_last=True) if sort == "newest" else date.asc(nulls_last=True)
    return list(matching.order_by(first, "document_id", "position").values_list("pk", flat=True))


def _filtered_by_facts(ranked: list[int], filters: Filters, sort: str, known: Facts) -> list[int]:
    kept = [
        pk
        for pk in ranked
        if pk in known.paragraphs and filters.keeps(known.paragraphs[pk][1], known.documents[known.paragraphs[pk][0]])
    ]
    if sort == "relevance":
        return kept

    def by_date(pk: int):
        document_id, _kind, position = known.paragraphs[pk]
        date = known.documents[document_id].date
        if date is None:
            return (1, 0, document_id, position)
        return (0, -date.toordinal() if sort == "newest" else date.toordinal(), document_id, position)

    return sorted(dict.fromkeys(kept), key=by_date)
