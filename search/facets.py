"""Facet counts of the matching paragraphs (body, session, year, kind): SQL over the ids, exact."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count
from django.utils.functional import lazy

from archive.models import Body, Paragraph, ParagraphKind, Session
from search.filters import paragraphs

FACETS = ("body", "session", "year", "kind")


def empty_facets() -> dict[str, list]:
    return {name: [] for name in FACETS}


def facet_counts(ids: list[int]) -> dict[str, list[tuple[str, str, int]]]:
    """Counts of matching paragraphs by body, session, year and kind: two queries over the ids."""
    if not ids:
        return empty_facets()
    return labelled(counted(ids))


def counted(ids: list[int]) -> dict[str, Counter]:
    """name -> Counter of values, over the ids (a paragraph counts once per session and body)."""
    kinds: Counter = Counter()
    years: Counter = Counter()
    for kind, year, n in (
        paragraphs()
        .filter(pk__in=ids)
        .values_list("kind", "year")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        kinds[kind] += n
        if year is not None:
            years[year] += n
    session_pairs = set()
    body_pairs = set()
    linked = Paragraph.objects.filter(pk__in=ids, document__sessions__isnull=False)
    for pk, slug, body in linked.values_list("pk", "document__sessions__slug", "document__sessions__body"):
        session_pairs.add((pk, slug))
        body_pairs.add((pk, body))
    sessions = Counter(slug for _, slug in session_pairs)
    bodies = Counter(body for _, body in body_pairs)
    return {"body": bodies, "session": sessions, "year": years, "kind": kinds}


def labelled(counts: dict[str, dict]) -> dict[str, list[tuple[str, str, int]]]:
    """(value, label, count) per facet, most frequent first (years newest first), from counts by value,
    whether the database counted them (`counted`) or the engine did (search.backends.base.Matches)."""
    bodies, sessions = counts.get("body") or {}, counts.get("session") or {}
    years, kinds = counts.get("year") or {}, counts.get("kind") or {}
    session_titles = session_labels(Session.objects.filter(slug__in=list(sessions)))
    body_labels, kind_labels = dict(Body.choices), dict(ParagraphKind.choices)
    return {
        "body": [(b, body_labels.get(b, b), n) for b, n in _by_count(bodies)],
        "session": [(s, session_titles.get(s, s), n) for s, n in _by_count(sessions)],
        "year": [(str(y), str(y), n) for y, n in sorted(years.items(), key=lambda item: -int(item[0]))],
        "kind": [(k, kind_labels.get(k, k), n) for k, n in _by_count(kinds)],
    }


def session_labels(sessions) -> dict[str, str]:
    """slug -> the session's label in a facet: short ("الدورة 38"), since the body facet names the body,
    qualified by the body's short name ("وزراء الخارجية — الدورة 38") when that alone would leave the reader
    guessing: two sessions in the list read the same, or the body facet says only "هيئة أخرى".
    Lazy, like the body and kind labels (TextChoices): a search is cached (search.engine) and shown again
    to readers of the other language, so each label is put into words when it is shown."""
    sessions = list(sessions)
    # Which short titles collide is the same in every language (they differ by number and kind only).
    shown = Counter(session.short_title for session in sessions)
    return {
        session.slug: _lazy_facet_label(session, shown[session.short_title] > 1) for session in sessions
    }


def _facet_label(session: Session, ambiguous: bool) -> str:
    if session.number is None:
        return session.title
    if ambiguous or (session.body == Body.OTHER and session.organ):
        return f"{session.body_short_name} — {session.short_title}"
    return session.short_title


_lazy_facet_label = lazy(_facet_label, str)


def _by_count(counter: Counter) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], str(item[0])))
