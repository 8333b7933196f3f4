"""A node of the 3-node test cluster killed with kill -9 while searches run: nothing is lost.

Runs only in the suite run against the cluster (`make test-opensearch`: QARARAT_TEST_ENGINE=opensearch), never
from `make test` even when a cluster is up, since it kills one of its nodes. Needs the cluster `make
opensearch` (or `python -m ops.opensearch_cluster start`) runs, with its pid files in
QARARAT_TEST_OPENSEARCH_DATA (default var/opensearch); skipped otherwise, unless QARARAT_REQUIRE_OPENSEARCH=1.
The test's index has two replicas, so every node holds a copy of every paragraph.
"""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.core.management import call_command

from archive.models import Paragraph
from search import engine
from search.query import parse
from tests.conftest import ENGINE, OPENSEARCH_URL, opensearch_connection
from tests.helpers import ingest_fixture as ingest
from tests.test_opensearch_backend import cluster, use  # noqa: F401 - the cluster fixture

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("QARARAT_TEST_OPENSEARCH_DATA") or ROOT / "var" / "opensearch")
VICTIM = 1  # node-1: not the node the client lists first


def node_pid(node: int) -> int:
    path = DATA / f"node-{node}.pid"
    if not path.exists():
        message = f"no pid file {path}: start the cluster with `make opensearch`"
        if os.environ.get("QARARAT_REQUIRE_OPENSEARCH") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return int(path.read_text())


def restart_missing_nodes() -> None:
    subprocess.run(
        [sys.executable, "-m", "ops.opensearch_cluster", "start", "--data", str(DATA)],
        cwd=ROOT, check=True, capture_output=True, timeout=240,
    )


@pytest.mark.opensearch
@pytest.mark.django_db(transaction=True)
def test_killing_a_node_while_searching_loses_no_search_and_no_document(settings, search_index, cluster):  # noqa: F811
    if ENGINE != "opensearch":
        pytest.skip("kills a node of the cluster: only in the suite run against it (make test-opensearch)")
    client, health = cluster
    if health["number_of_nodes"] < 3 or len(OPENSEARCH_URL.split(",")) < 3:
        pytest.skip("needs the 3-node cluster and all three nodes in QARARAT_TEST_OPENSEARCH_URL")
    pid = node_pid(VICTIM)
    backend = use(settings, opensearch_connection(f"qararat-faults-{os.getpid()}", replicas=2))
    backend.drop()
    try:
        ingest("raw/oic-cfm20-res9-at.txt")
        client.cluster.health(index=backend.alias, wait_for_status="green", request_timeout=60)
        expected = set(engine.run(parse("المؤتمر الإسلامي")).ids)
        assert expected
        # Every search during the outage finds at least these (the document ingested meanwhile adds more):
        # a search that silently lost a shard's hits would lack some.

        answers, failures, stop = [], [], threading.Event()

        def search_until_stopped():
            while not stop.is_set():
                try:
                    answers.append(expected <= set(engine.run(parse("المؤتمر الإسلامي")).ids))
                except Exception as error:  # counted, not raised: the point is how many fail
                    failures.append(repr(error))

        searcher = threading.Thread(target=search_until_stopped)
        searcher.start()
        time.sleep(1)
        os.kill(pid, signal.SIGKILL)
        time.sleep(5)
        # Ingested while the node is down: stored and indexed on the two nodes left.
        during = ingest("seeds/002_393cbb48b9883689.txt")
        time.sleep(2)
        stop.set()
        searcher.join()
        print(f"searches during the outage: {len(answers)}, failed {len(failures)}, incomplete {answers.count(False)}")
        assert failures == [] and len(answers) > 20 and all(answers), (len(answers), failures[:3])

        restart_missing_nodes()
        client.cluster.health(index=backend.alias, wait_for_status="green", request_timeout=120)
        assert backend.document_count() == Paragraph.objects.count()
        # Every node, the restarted one too, answers with the document ingested during the outage.
        wanted = {f"archive.paragraph.{pk}" for pk in during.paragraphs.values_list("pk", flat=True)}
        for node in range(3):
            hits = client.search(
                index=backend.alias,
                body={"query": {"term": {"document": during.pk}}, "size": 1000, "_source": False},
                preference=f"_only_nodes:{_node_id(client, node)}",
            )["hits"]["hits"]
            assert {hit["_id"] for hit in hits} == wanted, f"node-{node}"
        call_command("check_index", verbosity=0)  # raises unless the index and the database agree
    finally:
        restart_missing_nodes()
        backend.drop()


def _node_id(client, node: int) -> str:
    """The cluster's id of node-i (the launcher names its nodes node-0, node-1, …)."""
    nodes = client.nodes.info(metric="process")["nodes"]
    return next(node_id for node_id, info in nodes.items() if info["name"] == f"node-{node}")
