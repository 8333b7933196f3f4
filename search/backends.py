"""Which search engine serves the archive, chosen by environment variables (see docs/scaling.md).

`haystack_connections(os.environ, DATA_DIR)` is what settings.py assigns to HAYSTACK_CONNECTIONS. Pure: no
Django setup and no engine import, so it can be tested (and fail clearly) before anything else loads.

- default (``QARARAT_SEARCH_BACKEND`` unset or ``whoosh``): the Whoosh index in a folder,
  ``QARARAT_INDEX_DIR`` or ``<data folder>/whoosh_index``. One machine (any number of processes on it).
- ``QARARAT_SEARCH_BACKEND=elasticsearch``: an Elasticsearch 7.x server or cluster at
  ``ELASTICSEARCH_URL`` (default ``http://127.0.0.1:9200``), index ``ELASTICSEARCH_INDEX`` (default
  ``qararat``), through haystack's elasticsearch7 backend with our analysis applied before text is sent
  (search/elasticsearch_backend.py). Needs the ``elasticsearch`` extra (``pip install '.[elasticsearch]'``).

haystack 3.4 also ships backends for Elasticsearch 1.x and 5.x; both are end-of-life servers and need
client libraries that no longer install cleanly beside current Python packages, so only 7.x is offered
(``ELASTICSEARCH_VERSION``, default ``7``, says so explicitly if anyone asks for another).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

WHOOSH_ENGINE = "search.whoosh_backend.QararatWhooshEngine"
ELASTICSEARCH_ENGINES = {"7": "search.elasticsearch_backend.QararatElasticsearch7Engine"}
DEFAULT_ELASTICSEARCH_URL = "http://127.0.0.1:9200"
DEFAULT_ELASTICSEARCH_INDEX = "qararat"
BACKENDS = ("whoosh", "elasticsearch")


def haystack_connections(environ: Mapping[str, str], data_dir: Path) -> dict:
    """HAYSTACK_CONNECTIONS for this environment; ImproperlyConfigured for a value we do not know."""
    backend = (environ.get("QARARAT_SEARCH_BACKEND") or "whoosh").strip().lower()
    if backend == "whoosh":
        path = environ.get("QARARAT_INDEX_DIR") or Path(data_dir) / "whoosh_index"
        return {"default": {"ENGINE": WHOOSH_ENGINE, "PATH": str(Path(path))}}
    if backend in ("elasticsearch", "es"):
        version = (environ.get("ELASTICSEARCH_VERSION") or "7").strip().split(".")[0]
        if version not in ELASTICSEARCH_ENGINES:
            raise ImproperlyConfigured(
                f"ELASTICSEARCH_VERSION={version!r} is not supported: Qararat works with Elasticsearch "
                f"{', '.join(sorted(ELASTICSEARCH_ENGINES))}.x (haystack's elasticsearch7 backend)."
            )
        url = (environ.get("ELASTICSEARCH_URL") or DEFAULT_ELASTICSEARCH_URL).strip()
        index_name = (environ.get("ELASTICSEARCH_INDEX") or DEFAULT_ELASTICSEARCH_INDEX).strip()
        if not index_name or index_name != index_name.lower() or any(c in index_name for c in ' ,"*\\/<>|?#'):
            raise ImproperlyConfigured(
                f"ELASTICSEARCH_INDEX={index_name!r} is not a valid Elasticsearch index name "
                "(lower case, no spaces or , \" * \\ / < > | ? #)."
            )
        return {
            "default": {
                "ENGINE": ELASTICSEARCH_ENGINES[version],
                "URL": url,
                "INDEX_NAME": index_name,
                "TIMEOUT": _seconds(environ.get("ELASTICSEARCH_TIMEOUT") or "10"),
            }
        }
    raise ImproperlyConfigured(
        f"QARARAT_SEARCH_BACKEND={backend!r} is not a search backend Qararat knows: use "
        f"{' or '.join(BACKENDS)} (unset means whoosh)."
    )


def _seconds(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"ELASTICSEARCH_TIMEOUT={value!r} is not a number of seconds.") from None
