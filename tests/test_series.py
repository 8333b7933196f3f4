"""Series of resolutions (issue 14): grouped by subject on ingest; the admin merges series, splits a
resolution into a new one and moves it to another, and the automatic grouping then leaves it there."""

import pytest
from django.urls import reverse

from archive.models import AuditEntry, Resolution, ResolutionSeries
from archive.series import assign_series
from tests.helpers import ingest_fixtures, make_document, make_resolution, make_session, make_staff

pytestmark = pytest.mark.django_db

JERUSALEM = ("raw/oic-cfm17-res18-s-quds.txt", "raw/oic-cfm19-res10-s-quds.txt")


def jerusalem():
    ingest_fixtures(*JERUSALEM)
    return Resolution.objects.get(number="18/17-س"), Resolution.objects.get(number="10/19-س")


def test_a_resolution_on_the_same_subject_at_a_later_session_joins_the_series():
    quds17, quds19 = jerusalem()
    assert quds17.series == quds19.series
    assert ResolutionSeries.objects.filter(resolutions__isnull=False).distinct().count() == 1


def test_editing_a_subject_moves_the_resolution_and_drops_the_empty_series():
    session = make_session()
    one = make_resolution(session, make_document(sessions=[session]), number="1/38-س", subject="بشأن فلسطين")
    two = make_resolution(session, make_document(sessions=[session]), number="2/38-س", subject="كشمير")
    old = Resolution.objects.get(pk=two.pk).series_id
    two.subject = "قرار بشأن فلسطين"
    two.save()
    assert Resolution.objects.get(pk=two.pk).series_id == Resolution.objects.get(pk=one.pk).series_id
    assert not ResolutionSeries.objects.filter(pk=old).exists()


def test_the_admin_splits_a_resolution_into_a_new_series_and_grouping_leaves_it_there(client):
    quds17, quds19 = jerusalem()
    client.force_login(make_staff())
    url = reverse("admin:archive_resolution_changelist")
    response = client.post(url, {"action": "split_into_new_series", "_selected_action": [quds19.pk]}, follow=True)
    assert response.status_code == 200
    quds19.refresh_from_db()
    assert quds19.series_fixed and quds19.series_id != Resolution.objects.get(pk=quds17.pk).series_id
    assign_series(quds19)  # what every later save does
    quds19.save()
    assert Resolution.objects.get(pk=quds19.pk).series_id != Resolution.objects.get(pk=quds17.pk).series_id
    assert AuditEntry.objects.filter(object_type="archive.resolution", object_id=str(quds19.pk)).exists()


def test_the_admin_merges_two_series_into_one(client):
    quds17, quds19 = jerusalem()
    session = make_session(number=24, slug="oic-cfm-24")
    other = make_resolution(session, make_document(sessions=[session]), number="2/24-س", subject="قضية فلسطين")
    client.force_login(make_staff())
    chosen = [Resolution.objects.get(pk=quds17.pk).series_id, Resolution.objects.get(pk=other.pk).series_id]
    url = reverse("admin:archive_resolutionseries_changelist")
    client.post(url, {"action": "merge", "_selected_action": chosen}, follow=True)
    series_ids = set(Resolution.objects.filter(pk__in=[quds17.pk, quds19.pk, other.pk]).values_list("series", flat=True))
    assert len(series_ids) == 1
    assert ResolutionSeries.objects.filter(pk__in=chosen).count() == 1


def test_choosing_a_series_on_the_resolution_form_fixes_it_there(client):
    quds17, quds19 = jerusalem()
    session = make_session(number=24, slug="oic-cfm-24")
    other = make_resolution(session, make_document(sessions=[session]), number="2/24-س", subject="قضية فلسطين")
    client.force_login(make_staff())
    url = reverse("admin:archive_resolution_change", args=[other.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data.update(series=quds17.series_id, session=session.pk, document=other.document_id)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    other.refresh_from_db()
    assert other.series_id == Resolution.objects.get(pk=quds17.pk).series_id and other.series_fixed


def test_the_citation_list_in_the_admin_filters_held_and_missing(client):
    ingest_fixtures("raw/un-sc-res450-1979.txt", "raw/un-sc-res474-1980.txt")
    client.force_login(make_staff())
    url = reverse("admin:archive_citation_changelist")
    held = client.get(url, {"held": "yes"})
    assert held.status_code == 200
    assert [c.number for c in held.context["cl"].result_list] == ["450 (1979)"]
    assert len(client.get(url, {"held": "no"}).context["cl"].result_list) == 12
