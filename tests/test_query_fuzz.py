"""Property test of the query reader: for any text, parse() never raises, and whatever it returns can be
sent to both engines and shown (notices in Arabic and English, the suggestion's rewritten query, the
highlighted snippet). Deep brackets, the bug that made /search/ answer 500, end to end.

500 examples a run; QARARAT_FUZZ_EXAMPLES=20000 runs more (random each run: a failure prints the example
to add to tests/test_query.py)."""

import functools
import inspect
import os
import sys
from contextlib import contextmanager

import pytest
from django.test import Client
from django.utils import translation
from haystack import connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search import engine
from search.aliases import expand_aliases
from search.backends.opensearch import query_dsl
from search.backends.whoosh import context_parser, query_string
from search.highlight import snippet
from search.query import MAX_DEPTH, MAX_LENGTH, MAX_TERMS, ParsedQuery, parse, positive_terms
from search.suggest import render
from tests.conftest import ENGINE

pytestmark = pytest.mark.django_db

# Pieces a query is made of, hostile ones included: every operator the reader knows and the Whoosh syntax
# it must never pass on (fields, wildcards, ranges, boosts), quotes of every kind, stop words, diacritics,
# tatweel, both digit scripts, resolution numbers, control, direction and private-use characters (the
# number placeholders are built from these), and % (notices are formatted with %).
# fmt: off
PIECES = [
    "(", ")", "((", "))", '"', "«", "»", "“", "”", "„", "″",
    "AND", "OR", "NOT", "and", "or", "not", "أو", "او", "|", "||", "&", "&&",
    "-", "+", "−", "–", "--", "-(", "+(",
    "content:", "text:", "title:", "django_ct:", "*", "?", "~", "~2", "^3", "[1 TO 5]", "{a TO b}", "\\", ":",
    "/", "تعاون", "منظمة", "الإسلامي", "فلسطين", "القدس", "والتعاون", "في", "من", "على", "التي", "و",
    "فِلَسْطِين", "الْقُدْسُ", "تـــعـــاون", "ـ", "\u064b", "\u0670",
    "32/38", "٣٢/٣٨", "32/38-س", "242 (1967)", "3376 (د-30)", "٢٠١١", "1967", "0", "٠",
    "\x00", "\x07", "\t", "\n", "\u200f", "\u202e", "\u200d", "\ufeff", "\ue000", "\ue001", "\ue0000\ue001",
    "%", "%(limit)s", "%s", "{}", "<mark>", "&amp;", "🙂", "Ω", "é",
]
# fmt: on

QUERIES = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(PIECES), max_size=80).map(" ".join),
    st.lists(st.sampled_from(PIECES), max_size=80).map("".join),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=60).map(
        lambda parts: " ".join(parts)
    ),
    st.integers(min_value=0, max_value=600).map(lambda n: "(" * n + "تعاون"),
    st.integers(min_value=0, max_value=300).map(lambda n: "-(" * n + "تعاون OR منظمة" + ")" * n),
)


# Hypothesis raises the recursion limit by 2,000 frames while a test runs, which hid the RecursionError
# that 470 "(" raised in a request (where the stack is already deep): parsing and rendering get this many
# frames above the caller's, far below what a request leaves them.
STACK_FRAMES = 200


@contextmanager
def stack_budget(frames: int):
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack(0)) + frames)
    try:
        yield
    finally:
        sys.setrecursionlimit(limit)


def depth(node) -> int:
    children = getattr(node, "nodes", None) or ([node.node] if hasattr(node, "node") else [])
    return 1 + max((depth(child) for child in children), default=0)


def render_everywhere(parsed: ParsedQuery) -> None:
    """Everything the page and the API do with a parsed query, short of running it."""
    assert len(parsed.text) <= MAX_LENGTH
    for language in ("ar", "en"):
        with translation.override(language):
            assert all(isinstance(engine.localize(notice), str) for notice in parsed.notices)
    if parsed.tree is None:
        return
    assert depth(parsed.tree) <= 3 * MAX_DEPTH + 3
    assert len(positive_terms(parsed.tree)) <= MAX_TERMS
    tree = expand_aliases(parsed.tree)
    if ENGINE == "whoosh":  # the query string is Whoosh's own syntax, built with the suite's Whoosh index
        whoosh_parser().parse(query_string(tree))
    query_dsl(tree)
    parse(render(parsed.tree, {}))
    str(snippet("والتعاون بين منظمة التعاون الإسلامي وفلسطين في القدس 32/38", parsed.terms()))


@functools.cache
def whoosh_parser():
    """Whoosh's parser over the paragraph index's schema (whichever engine the suite runs on)."""
    from haystack.backends.whoosh_backend import WhooshSearchBackend

    fields = connections["default"].get_unified_index().all_searchfields()
    content, schema = WhooshSearchBackend("fuzz", PATH="/nonexistent").build_schema(fields)
    return context_parser(schema, content)


@settings(
    max_examples=int(os.environ.get("QARARAT_FUZZ_EXAMPLES", "500")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(QUERIES)
def test_any_text_parses_and_renders_without_an_exception(text):
    with stack_budget(STACK_FRAMES):
        render_everywhere(parse(text))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", ["/search/", "/api/search/"])
def test_four_hundred_seventy_open_brackets_are_searched_with_a_notice(path):
    client = Client(raise_request_exception=False)
    client.cookies["qararat_language"] = "en"
    response = client.get(path, {"q": "(" * 470 + "x"})
    assert response.status_code == 200
    assert f"nested more than {MAX_DEPTH} levels deep" in response.content.decode()
