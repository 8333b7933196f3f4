import itertools
import os

import pytest
from haystack import connections

# Which engine the suite's search runs on: Whoosh (the default) or a running OpenSearch cluster
# (QARARAT_TEST_ENGINE=opensearch, `make test-opensearch`; QARARAT_TEST_OPENSEARCH_URL, default the three
# nodes `make opensearch` starts, 127.0.0.1:9200-9202). The same tests run either way: every test gets a
# fresh, empty index.
ENGINE = (os.environ.get("QARARAT_TEST_ENGINE") or "whoosh").strip().lower()
OPENSEARCH_URL = (
    os.environ.get("QARARAT_TEST_OPENSEARCH_URL") or "http://127.0.0.1:9200,http://127.0.0.1:9201,http://127.0.0.1:9202"
)
_index_numbers = itertools.count()
# For the few tests of Whoosh's own machinery (its index lock, its searcher), when the suite runs elsewhere.
whoosh_only = pytest.mark.skipif(ENGINE != "whoosh", reason="checks Whoosh's own index folder and lock")


def opensearch_connection(name: str, replicas: int = 0) -> dict:
    """A connection to the test cluster with an index of its own (no replicas: tests do not need them
    and an index without them is ready at once; the fault test asks for some)."""
    from search.backends import opensearch_connection as from_environment

    return from_environment(
        {"OPENSEARCH_URL": OPENSEARCH_URL, "OPENSEARCH_INDEX": name, "OPENSEARCH_REPLICAS": str(replicas)}
    )


def test_connection(tmp_path) -> dict:
    if ENGINE == "whoosh":
        return {"ENGINE": "search.backends.whoosh.QararatWhooshEngine", "PATH": str(tmp_path / "whoosh")}
    if ENGINE == "opensearch":
        return opensearch_connection(f"qararat-test-{os.getpid()}-{next(_index_numbers)}")
    raise pytest.UsageError(f"QARARAT_TEST_ENGINE={ENGINE!r}: use whoosh or opensearch")


@pytest.fixture(autouse=True)
def search_index(settings, tmp_path):
    """Every test gets a fresh, empty index (Whoosh in a temporary folder, or its own OpenSearch index),
    never the real one."""
    original = connections.connections_info
    settings.HAYSTACK_CONNECTIONS = {"default": test_connection(tmp_path)}
    connections.connections_info = settings.HAYSTACK_CONNECTIONS
    handler = connections.reload("default")
    yield handler
    if ENGINE == "opensearch":
        handler.get_backend().drop()
    connections.connections_info = original
    connections.reload("default")


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    """Files kept or staged by admin uploads go to a temporary folder, never the data folder."""
    settings.QARARAT_UPLOAD_DIR = tmp_path / "uploads"
    return settings.QARARAT_UPLOAD_DIR


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """SQLite tests use a database file, as the site does: two threads writing at once then wait for each
    other's lock (the timeout in settings), where SQLite's shared in-memory cache fails at once."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3" and not database.get("TEST", {}).get("NAME"):
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "test.sqlite3")
        # A throwaway file: no need to wait for the disk on every commit.
        database.setdefault("OPTIONS", {})["init_command"] = "PRAGMA synchronous=OFF;"
