"""Which search engine serves the archive, chosen by environment variables (see docs/scaling.md).

`haystack_connections(os.environ, DATA_DIR)` is what settings.py assigns to HAYSTACK_CONNECTIONS. Pure: no
Django setup and no engine import, so it can be tested (and fail clearly) before anything else loads.
Every backend implements search.backends.base.ArchiveSearchBackend.

- default (``QARARAT_SEARCH_BACKEND`` unset or ``whoosh``): the Whoosh index in a folder,
  ``QARARAT_INDEX_DIR`` or ``<data folder>/whoosh_index``. One machine (any number of processes on it).
- ``QARARAT_SEARCH_BACKEND=opensearch``: an OpenSearch cluster (2.x) through opensearch-py
  (search/backends/opensearch.py): ``OPENSEARCH_URL`` (one or several nodes, comma-separated; default
  ``http://127.0.0.1:9200``), ``OPENSEARCH_USER`` and ``OPENSEARCH_PASSWORD`` (both or neither),
  ``OPENSEARCH_VERIFY_CERTS`` (default on), ``OPENSEARCH_CA_CERTS`` (a CA bundle file),
  ``OPENSEARCH_INDEX`` (the alias searched, default ``qararat``), ``OPENSEARCH_SHARDS`` (default 1),
  ``OPENSEARCH_REPLICAS`` (default 1), ``OPENSEARCH_TIMEOUT`` (seconds, default 10),
  ``OPENSEARCH_STATE_TTL`` (seconds a worker trusts the cluster's statistics for writes the site did not
  make itself, default 5; the site's own writes show at once: search/backends/opensearch.py's ``state``).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from qararat.env import read_bool, read_int

WHOOSH_ENGINE = "search.backends.whoosh.QararatWhooshEngine"
OPENSEARCH_ENGINE = "search.backends.opensearch.QararatOpenSearchEngine"
DEFAULT_OPENSEARCH_URL = "http://127.0.0.1:9200"
DEFAULT_OPENSEARCH_INDEX = "qararat"
BACKENDS = ("whoosh", "opensearch")


def haystack_connections(environ: Mapping[str, str], data_dir: Path) -> dict:
    """HAYSTACK_CONNECTIONS for this environment; ImproperlyConfigured for a value we do not know."""
    backend = (environ.get("QARARAT_SEARCH_BACKEND") or "whoosh").strip().lower()
    if backend == "whoosh":
        path = environ.get("QARARAT_INDEX_DIR") or Path(data_dir) / "whoosh_index"
        return {"default": {"ENGINE": WHOOSH_ENGINE, "PATH": str(Path(path))}}
    if backend == "opensearch":
        return {"default": opensearch_connection(environ)}
    if backend in ("elasticsearch", "es"):
        raise ImproperlyConfigured(
            "QARARAT_SEARCH_BACKEND=elasticsearch is no longer offered (Elasticsearch 7 is out of support): "
            "use QARARAT_SEARCH_BACKEND=opensearch with OPENSEARCH_URL (docs/scaling.md)."
        )
    raise ImproperlyConfigured(
        f"QARARAT_SEARCH_BACKEND={backend!r} is not a search backend Qararat knows: use "
        f"{' or '.join(BACKENDS)} (unset means whoosh)."
    )


def opensearch_connection(environ: Mapping[str, str]) -> dict:
    urls = [url.strip() for url in (environ.get("OPENSEARCH_URL") or DEFAULT_OPENSEARCH_URL).split(",")]
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ImproperlyConfigured(
                f"OPENSEARCH_URL holds {url!r}, which is not an http(s)://host:port address "
                "(several nodes are separated by commas)."
            )
    index_name = (environ.get("OPENSEARCH_INDEX") or DEFAULT_OPENSEARCH_INDEX).strip()
    if (
        not index_name
        or index_name != index_name.lower()
        or index_name[0] in "-_+"
        or any(c in index_name for c in ' ,:"*\\/<>|?#')
    ):
        raise ImproperlyConfigured(
            f"OPENSEARCH_INDEX={index_name!r} is not a valid OpenSearch index name "
            "(lower case, not starting with - _ +, no spaces or , : \" * \\ / < > | ? #)."
        )
    user, password = environ.get("OPENSEARCH_USER") or "", environ.get("OPENSEARCH_PASSWORD") or ""
    if bool(user) != bool(password):
        raise ImproperlyConfigured("OPENSEARCH_USER and OPENSEARCH_PASSWORD must be set together.")
    return {
        "ENGINE": OPENSEARCH_ENGINE,
        "URLS": urls,
        "INDEX_NAME": index_name,
        "HTTP_AUTH": (user, password) if user else None,
        "VERIFY_CERTS": read_bool(environ, "OPENSEARCH_VERIFY_CERTS", True),
        "CA_CERTS": environ.get("OPENSEARCH_CA_CERTS") or None,
        "SHARDS": read_int(environ, "OPENSEARCH_SHARDS", 1, minimum=1),
        "REPLICAS": read_int(environ, "OPENSEARCH_REPLICAS", 1, minimum=0),
        "TIMEOUT": read_int(environ, "OPENSEARCH_TIMEOUT", 10, minimum=1),
        "STATE_TTL": read_int(environ, "OPENSEARCH_STATE_TTL", 5, minimum=0),
    }
