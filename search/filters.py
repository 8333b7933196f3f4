"""Search filters (body, session, years, paragraph kind), applied in the database over the engine's hits."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from archive.models import Document


@dataclass(frozen=True)
class Filters:
    body: str = ""
    session: str = ""
    year_from: int | None = None
    year_to: int | None = None
    kind: str = ""

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
        q = Q()
        if self.body:
            q &= Q(document__in=Document.objects.filter(sessions__body=self.body))
        if self.session:
            q &= Q(document__in=Document.objects.filter(sessions__slug=self.session))
        if self.year_from is not None:
            q &= Q(document__date__year__gte=self.year_from)
        if self.year_to is not None:
            q &= Q(document__date__year__lte=self.year_to)
        if self.kind:
            q &= Q(kind=self.kind)
        return q

    def active(self) -> dict[str, object]:
        return {name: value for name in FILTERS if (value := getattr(self, name)) not in ("", None)}


FILTERS = ("body", "session", "year_from", "year_to", "kind")
