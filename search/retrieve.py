"""The engine's half of a search: a query tree (aliases expanded) in, (paragraph id, score) best first out.

No double analysis: Whoosh's query parser runs the text field's analyzer (ours) on every word we send,
and our analysis is not idempotent (الفلسطينية -> فلسطين -> فلسط; والتي -> التي, a stop word). So each
term goes to the engine as a string whose analysis is exactly that term: the analysed term itself when it
is a fixed point of the analysis, otherwise the word as the user typed it (see `engine_text`).
"""

from __future__ import annotations

import operator
from functools import reduce

from haystack import connections
from haystack.inputs import Raw
from haystack.query import SQ, SearchQuerySet

from archive.models import Paragraph, ParagraphKind
from search import analysis
from search.aliases import expand_aliases
from search.query import And, Node, Not, Or, ParsedQuery, Phrase, Term

MAX_HITS = 5000


def engine_text(term: Term) -> str:
    """A string the field analyzer turns into exactly [term.text]: the engine then holds our term."""
    if analysis.analyse(term.text) == [term.text]:
        return term.text
    return term.surface


def to_sq(node: Node) -> SQ:
    """The query tree as haystack SQ objects on the document field (content), in Whoosh query syntax.

    Every string is built from analysis word runs (letters, marks, digits), so it holds no query syntax;
    Latin terms are lower case, so no word reads as an AND/OR/NOT operator.
    """
    if isinstance(node, Term):
        return SQ(content=Raw(engine_text(node)))
    if isinstance(node, Phrase):
        words = " ".join(engine_text(term) for term in node.terms)
        slop = f"~{node.slop}" if node.slop > 1 else ""
        return SQ(content=Raw(f'"{words}"{slop}'))
    if isinstance(node, Not):
        return ~to_sq(node.node)
    children = [to_sq(child) for child in node.nodes]
    return reduce(operator.and_ if isinstance(node, And) else operator.or_, children)


def search_queryset(parsed: ParsedQuery) -> SearchQuerySet:
    sqs = SearchQuerySet().models(Paragraph)
    if parsed.tree is None:
        return sqs.none()
    return sqs.filter(to_sq(expand_aliases(parsed.tree)))


def ranked_hits(parsed: ParsedQuery, limit: int) -> list[tuple[int, float]]:
    """(paragraph id, score) best first from the search engine, for a query with a tree."""
    return ranked_tree(with_proximity(expand_aliases(parsed.tree)), limit)


# Words of a query within this many positions of each other, in order, add a phrase match's score. Tuning
# set MRR: 0.979 without, 0.991 with a window of 2 or 4, 0.982 with 8.
PROXIMITY_WINDOW = 4


def with_proximity(tree: Node | None) -> Node | None:
    """The query's plain words, when there are several, also as a loose phrase ORed with them: the same
    paragraphs match (the phrase needs every word too), and those where the words stand close together
    score higher, on every engine (the tree is all they get)."""
    if not PROXIMITY_WINDOW or not isinstance(tree, And):
        return tree
    words = tuple(node for node in tree.nodes if isinstance(node, Term))
    if len(words) < 2:
        return tree
    others = tuple(node for node in tree.nodes if not isinstance(node, Term))
    near = Or((And(words), Phrase(words, gaps=(PROXIMITY_WINDOW - 1,) * (len(words) - 1))))
    return And((near, *others)) if others else near


def ranked_tree(tree: Node, limit: int) -> list[tuple[int, float]]:
    """(paragraph id, score) best first for a query tree whose aliases are already expanded.

    Whoosh takes the query in haystack's query syntax (`to_sq`); an engine that analyses nothing itself
    (Elasticsearch, search/elasticsearch_backend.py) takes the tree of analysed terms.
    """
    backend = connections["default"].get_backend()
    if hasattr(backend, "ranked_ids_for_tree"):
        return backend.ranked_ids_for_tree(tree, limit)
    return backend.ranked_ids(
        SearchQuerySet().models(Paragraph).filter(to_sq(tree)).query.build_query(), limit
    )


# A heading or signature line is short, so BM25 scores its words high ("بشأن مدينة القدس الشريف" outranked
# every paragraph about Jerusalem); its score counts for this much against a paragraph's. Measured on the
# tuning set it costs one query whose judged answer is a heading a rank (MRR 1.000 -> 0.991 for any weight
# from 0.5 to 0.8); kept because a reader looks for the paragraphs that discuss a subject, not its title.
KIND_WEIGHT = {ParagraphKind.HEADING: 0.5, ParagraphKind.SIGNATURE: 0.3}


def kind_weighted(hits: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """The engine's hits re-ranked with each score weighted by its paragraph's kind."""
    if not hits:
        return hits
    kinds = dict(
        Paragraph.objects.filter(pk__in=[pk for pk, _ in hits], kind__in=list(KIND_WEIGHT)).values_list(
            "pk", "kind"
        )
    )
    weighted = [(pk, score * KIND_WEIGHT.get(kinds.get(pk), 1.0)) for pk, score in hits]
    return sorted(weighted, key=lambda hit: -hit[1])
