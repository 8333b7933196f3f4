"""HAYSTACK_CONNECTIONS from the environment (search/backends.py): Whoosh by default, Elasticsearch 7."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from search.backends import haystack_connections

DATA = Path("/srv/qararat")


def test_default_is_the_whoosh_index_in_the_data_folder():
    assert haystack_connections({}, DATA) == {
        "default": {"ENGINE": "search.whoosh_backend.QararatWhooshEngine", "PATH": "/srv/qararat/whoosh_index"}
    }
    assert haystack_connections({"QARARAT_SEARCH_BACKEND": "whoosh"}, DATA) == haystack_connections({}, DATA)
    assert haystack_connections({"QARARAT_SEARCH_BACKEND": ""}, DATA) == haystack_connections({}, DATA)


def test_the_whoosh_folder_can_be_set():
    connections = haystack_connections({"QARARAT_INDEX_DIR": "/mnt/shared/index"}, DATA)
    assert connections["default"]["PATH"] == "/mnt/shared/index"


def test_elasticsearch_with_defaults():
    assert haystack_connections({"QARARAT_SEARCH_BACKEND": "elasticsearch"}, DATA) == {
        "default": {
            "ENGINE": "search.elasticsearch_backend.QararatElasticsearch7Engine",
            "URL": "http://127.0.0.1:9200",
            "INDEX_NAME": "qararat",
            "TIMEOUT": 10,
        }
    }


def test_elasticsearch_url_index_version_and_timeout_from_the_environment():
    environ = {
        "QARARAT_SEARCH_BACKEND": "Elasticsearch",
        "ELASTICSEARCH_URL": "https://search.internal:9200",
        "ELASTICSEARCH_INDEX": "qararat-2",
        "ELASTICSEARCH_VERSION": "7.17",
        "ELASTICSEARCH_TIMEOUT": "30",
        "QARARAT_INDEX_DIR": "/ignored",
    }
    connection = haystack_connections(environ, DATA)["default"]
    assert connection["URL"] == "https://search.internal:9200"
    assert connection["INDEX_NAME"] == "qararat-2"
    assert connection["TIMEOUT"] == 30
    assert "PATH" not in connection


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"QARARAT_SEARCH_BACKEND": "solr"}, "QARARAT_SEARCH_BACKEND='solr' is not a search backend"),
        ({"QARARAT_SEARCH_BACKEND": "elasticsearch", "ELASTICSEARCH_VERSION": "5"}, "ELASTICSEARCH_VERSION='5'"),
        ({"QARARAT_SEARCH_BACKEND": "elasticsearch", "ELASTICSEARCH_VERSION": "8"}, "ELASTICSEARCH_VERSION='8'"),
        ({"QARARAT_SEARCH_BACKEND": "elasticsearch", "ELASTICSEARCH_INDEX": "Qararat"}, "not a valid"),
        ({"QARARAT_SEARCH_BACKEND": "elasticsearch", "ELASTICSEARCH_TIMEOUT": "soon"}, "ELASTICSEARCH_TIMEOUT"),
    ],
)
def test_unknown_values_are_refused_clearly(environ, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        haystack_connections(environ, DATA)

