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
