"""HAYSTACK_CONNECTIONS from the environment (search/backends/__init__.py): Whoosh by default, OpenSearch."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from search.backends import haystack_connections

DATA = Path("/srv/qararat")


def test_default_is_the_whoosh_index_in_the_data_folder():
    assert haystack_connections({}, DATA) == {
        "default": {"ENGINE": "search.backends.whoosh.QararatWhooshEngine", "PATH": "/srv/qararat/whoosh_index"}
    }
    assert haystack_connections({"QARARAT_SEARCH_BACKEND": "whoosh"}, DATA) == haystack_connections({}, DATA)
    assert haystack_connections({"QARARAT_SEARCH_BACKEND": ""}, DATA) == haystack_connections({}, DATA)


def test_the_whoosh_folder_can_be_set():
    connections = haystack_connections({"QARARAT_INDEX_DIR": "/mnt/shared/index"}, DATA)
    assert connections["default"]["PATH"] == "/mnt/shared/index"


def test_opensearch_with_defaults():
    assert haystack_connections({"QARARAT_SEARCH_BACKEND": "opensearch"}, DATA) == {
        "default": {
            "ENGINE": "search.backends.opensearch.QararatOpenSearchEngine",
            "URLS": ["http://127.0.0.1:9200"],
            "INDEX_NAME": "qararat",
            "HTTP_AUTH": None,
            "VERIFY_CERTS": True,
            "CA_CERTS": None,
            "SHARDS": 1,
            "REPLICAS": 1,
            "TIMEOUT": 10,
            "STATE_TTL": 5,
        }
    }


def test_opensearch_nodes_credentials_tls_index_shards_and_replicas_from_the_environment():
    environ = {
        "QARARAT_SEARCH_BACKEND": "OpenSearch",
        "OPENSEARCH_URL": "https://search-1.internal:9200, https://search-2.internal:9200",
        "OPENSEARCH_USER": "qararat",
        "OPENSEARCH_PASSWORD": "s3cret",
        "OPENSEARCH_VERIFY_CERTS": "off",
        "OPENSEARCH_CA_CERTS": "/etc/ssl/search-ca.pem",
        "OPENSEARCH_INDEX": "qararat-2",
        "OPENSEARCH_SHARDS": "3",
        "OPENSEARCH_REPLICAS": "2",
        "OPENSEARCH_TIMEOUT": "30",
        "QARARAT_INDEX_DIR": "/ignored",
    }
    connection = haystack_connections(environ, DATA)["default"]
    assert connection["URLS"] == ["https://search-1.internal:9200", "https://search-2.internal:9200"]
    assert connection["HTTP_AUTH"] == ("qararat", "s3cret")
    assert connection["VERIFY_CERTS"] is False and connection["CA_CERTS"] == "/etc/ssl/search-ca.pem"
    assert (connection["INDEX_NAME"], connection["SHARDS"], connection["REPLICAS"]) == ("qararat-2", 3, 2)
    assert connection["TIMEOUT"] == 30
    assert "PATH" not in connection


OPENSEARCH = {"QARARAT_SEARCH_BACKEND": "opensearch"}


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"QARARAT_SEARCH_BACKEND": "solr"}, "QARARAT_SEARCH_BACKEND='solr' is not a search backend"),
        ({"QARARAT_SEARCH_BACKEND": "elasticsearch"}, "no longer offered"),
        ({**OPENSEARCH, "OPENSEARCH_URL": "search.internal:9200"}, "not an http"),
        ({**OPENSEARCH, "OPENSEARCH_URL": "http://a:9200,"}, "not an http"),
        ({**OPENSEARCH, "OPENSEARCH_INDEX": "Qararat"}, "not a valid"),
        ({**OPENSEARCH, "OPENSEARCH_INDEX": "_qararat"}, "not a valid"),
        ({**OPENSEARCH, "OPENSEARCH_USER": "qararat"}, "set together"),
        ({**OPENSEARCH, "OPENSEARCH_VERIFY_CERTS": "ture"}, "OPENSEARCH_VERIFY_CERTS must be one of"),
        ({**OPENSEARCH, "OPENSEARCH_REPLICAS": "-1"}, "OPENSEARCH_REPLICAS must be at least 0, not -1"),
        ({**OPENSEARCH, "OPENSEARCH_SHARDS": "0"}, "OPENSEARCH_SHARDS must be at least 1, not 0"),
        ({**OPENSEARCH, "OPENSEARCH_TIMEOUT": "soon"}, "OPENSEARCH_TIMEOUT must be a whole number, not 'soon'"),
    ],
)
def test_unknown_values_are_refused_clearly(environ, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        haystack_connections(environ, DATA)
