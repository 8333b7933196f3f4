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
