import pytest
from haystack import connections


@pytest.fixture(autouse=True)
def search_index(settings, tmp_path):
    """Every test gets a fresh, empty Whoosh index in a temporary folder, never the real one."""
    original = connections.connections_info
    settings.HAYSTACK_CONNECTIONS = {
        "default": {
            "ENGINE": "search.whoosh_backend.QararatWhooshEngine",
            "PATH": str(tmp_path / "whoosh"),
        }
    }
    connections.connections_info = settings.HAYSTACK_CONNECTIONS
    yield connections.reload("default")
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
