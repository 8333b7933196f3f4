"""Search filters (body, session, years, paragraph kind, cited resolutions), applied in the database over the
engine's hits."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, Q

from archive.citing import citing_paragraph_ids, citing_q
from archive.models import Citation, Document, Paragraph, document_year


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

    def citing_ids(self) -> list[int]:
        """The paragraphs the cites: filters keep, for an engine that filters itself (OpenSearch)."""
        return citing_paragraph_ids(self.cites)

    def active(self) -> dict[str, object]:
        return {name: value for name in FILTERS if (value := getattr(self, name)) not in ("", None)}


FILTERS = ("body", "session", "year_from", "year_to", "kind")


def paragraphs():
    """Paragraphs with the year they are filed under (`year`), what the year filter and facet read."""
    return Paragraph.objects.annotate(year=document_year("document__"))


def filter_ids(ranked: list[int], filters: Filters, sort: str) -> list[int]:
    """The ranked ids the filters keep, in rank order ("relevance") or by date: newest or oldest document
    first (undated last), then document and position."""
    if not ranked:
        return []
    matching = paragraphs().filter(pk__in=ranked).filter(filters.as_q())
    if sort == "relevance":
        kept = set(matching.values_list("pk", flat=True))
        return [pk for pk in ranked if pk in kept]
    date = F("document__date")
    first = date.desc(nulls_last=True) if sort == "newest" else date.asc(nulls_last=True)
    return list(matching.order_by(first, "document_id", "position").values_list("pk", flat=True))
