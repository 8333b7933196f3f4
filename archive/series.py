"""A resolution's history across sessions: resolutions of one body on one subject form a series.

A resolution joins the series of its body whose key is its normalised subject (archive.ingest.subjects),
made when the first resolution on that subject arrives; every resolution with a subject has one (a series
of one is not shown). A resolution whose subject is empty has none. An admin may merge series and move a
resolution to another or a new series (archive.admin): the resolution is then `series_fixed`, and the
automatic grouping leaves it where the admin put it.
"""

from __future__ import annotations

import uuid

from django.db import transaction

from archive.ingest.subjects import subject_key
from archive.models import Resolution, ResolutionSeries


def assign_series(resolution: Resolution) -> ResolutionSeries | None:
    """Put the resolution in the series of its subject (unless an admin placed it); empty series left
    behind are removed."""
    if resolution.series_fixed:
        return resolution.series
    key = subject_key(resolution.subject)
    series = None
    if key:
        series, _created = ResolutionSeries.objects.get_or_create(
            body=resolution.session.body, key=key, defaults={"title": resolution.subject.strip()[:500]}
        )
    if resolution.series_id != (series.pk if series else None):
        # update(), not save(): no post_save, whose receiver called this.
        Resolution.objects.filter(pk=resolution.pk).update(series=series)
        resolution.series = series
        # The series it left (or one a save of a stale copy emptied) goes once no resolution is in it.
        ResolutionSeries.objects.filter(body=resolution.session.body, resolutions__isnull=True).delete()
    return series


def _drop_if_empty(series_id: int | None) -> None:
    if series_id is not None:
        ResolutionSeries.objects.filter(pk=series_id, resolutions__isnull=True).delete()


def move_to_series(resolutions, series: ResolutionSeries) -> int:
    """The admin's move: these resolutions belong to `series` from now on, whatever their subjects say."""
    with transaction.atomic():
        resolutions = list(resolutions)
        previous = {r.series_id for r in resolutions}
        Resolution.objects.filter(pk__in=[r.pk for r in resolutions]).update(series=series, series_fixed=True)
        for series_id in previous - {series.pk}:
            _drop_if_empty(series_id)
    return len(resolutions)


def move_to_new_series(resolutions) -> ResolutionSeries:
    """Split: the resolutions leave their series for a new one of their own (titled by the first)."""
    resolutions = list(resolutions)
    first = resolutions[0]
    with transaction.atomic():
        series = ResolutionSeries.objects.create(
            body=first.session.body,
            # Not a subject's key, so that no resolution joins it on its own.
            key=f"#{uuid.uuid4().hex}",
            title=(first.subject or first.number)[:500],
        )
        move_to_series(resolutions, series)
    return series


def merge_series(series_list) -> ResolutionSeries:
    """Merge: every resolution of these series (of one body) joins the first, the others go."""
    series_list = sorted(series_list, key=lambda s: s.pk)
    target = series_list[0]
    with transaction.atomic():
        move_to_series(Resolution.objects.filter(series__in=series_list), target)
        ResolutionSeries.objects.filter(pk__in=[s.pk for s in series_list[1:]]).delete()
    return target


def versions(resolution: Resolution) -> list[Resolution]:
    """Every resolution of its series in the order they were adopted (session date, then session number)."""
    if resolution.series_id is None:
        return []
    members = Resolution.objects.filter(series_id=resolution.series_id).with_document()
    return sorted(members, key=adoption_key)


def adoption_key(resolution: Resolution) -> tuple:
    session = resolution.session
    date = resolution.document.date or session.start_date
    return (session.year or 0, date.isoformat() if date else "", session.number or 0, resolution.pk)


def resolution_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    assigned = assign_series(Resolution.objects.select_related("session", "series").get(pk=instance.pk))
    # The saved instance too, so that saving it again does not undo the grouping.
    instance.series_id = assigned.pk if assigned else None
