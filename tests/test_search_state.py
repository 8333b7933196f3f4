"""The index's state, the key repeated searches are cached under (search.engine), changes with every write
the site makes, in every worker at once; on OpenSearch it costs a database read, and the cluster's own
statistics (for writes the site did not make) are asked at most once per OPENSEARCH_STATE_TTL seconds."""

from __future__ import annotations

import time

import pytest
from django.core.management import call_command
from haystack.utils import get_identifier

from archive.models import Paragraph
from search import engine
from tests.conftest import ENGINE
from tests.helpers import ingest_fixture as ingest

pytestmark = pytest.mark.django_db(transaction=True)
opensearch_only = pytest.mark.skipif(
    ENGINE != "opensearch", reason="OpenSearch's state (make test-opensearch)"
)

FIXTURE = "raw/oic-cfm17-res18-s-quds.txt"


def another_worker(search_index):
    """A second backend on the same index, as another gunicorn worker holds (its own engine connection)."""
    return search_index.backend(search_index.using, **search_index.options)


def test_every_write_by_the_site_changes_the_state(search_index):
    backend = search_index.get_backend()
    states = [backend.state()]
    document = ingest(FIXTURE)
    states.append(backend.state())
    paragraph = Paragraph.objects.filter(document=document).first()
    paragraph.text += " زنبقلورين"
    paragraph.save()
    states.append(backend.state())
    backend.remove_many([get_identifier(paragraph)])
    states.append(backend.state())
    call_command("rebuild_index", interactive=False, verbosity=0)
    states.append(backend.state())
    assert len(set(states)) == len(states)


def test_a_write_by_another_worker_shows_in_this_workers_searches_at_once(search_index):
    document = ingest(FIXTURE)
    paragraph = Paragraph.objects.filter(document=document).first()
    assert paragraph.pk in engine.search("القدس").outcome.ids  # cached in this worker under the state now
    before = search_index.get_backend().state()
    another_worker(search_index).remove_many([get_identifier(paragraph)])
    assert search_index.get_backend().state() != before
    assert paragraph.pk not in engine.search("القدس").outcome.ids


class Counting:
    def __init__(self, method):
        self.method, self.calls = method, 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.method(*args, **kwargs)


@opensearch_only
def test_opensearch_asks_the_cluster_for_its_statistics_once_per_ttl_not_per_search(
    search_index, monkeypatch
):
    backend = search_index.get_backend()
    ingest(FIXTURE)
    backend._cluster_state = None
    counting = Counting(backend.cluster_state)
    monkeypatch.setattr(backend, "cluster_state", counting)
    states = {backend.state() for _ in range(20)}
    assert counting.calls == 1 and len(states) == 1
    for _ in range(5):
        engine.search("القدس الشريف")
        engine.search("القدس", sort="newest")
    assert counting.calls == 1


@opensearch_only
def test_opensearch_shows_a_write_from_outside_the_site_once_the_ttl_has_passed(search_index):
    backend = search_index.get_backend()
    ingest(FIXTURE)
    backend.state_ttl = 0.5
    before = backend.state()
    # Another program writes to the alias: the site's generation does not move.
    backend.conn.index(
        index=backend.alias, id="archive.paragraph.999999", body={"text": "زنبق"}, refresh=True
    )
    assert backend.state() == before  # within the TTL
    time.sleep(0.6)
    assert backend.state() != before
