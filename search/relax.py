"""Best partial matches when few paragraphs have every word: which words may be missing, and the
paragraphs that lack the fewest, each with what it lacks."""

from __future__ import annotations

import math
from dataclasses import dataclass

from archive.models import Paragraph
from search import analysis
from search.aliases import expand_aliases, with_aliases
from search.query import And, Node, Or, Term, top_level
from search.retrieve import ranked_tree, reranked


@dataclass(frozen=True)
class Unit:
    """One of the query's plain words (or a run of words naming an alias group) that a partial match may lack."""

    node: Node  # what the engine searches: the word, or the alias group's alternatives
    label: str  # the words as the user typed them


# How many of a query's units a partial match may lack: none of one, one of two or three, then up to half.
def max_missing(units: int) -> int:
    return 0 if units < 2 else max(1, units // 2)


# A partial match must keep most of what makes the query specific: the words it lacks may weigh (by
# inverse document frequency) at most this share of the query's weight. A paragraph that has only the
# common words of a query is noise; so is every partial match of a two-word query whose other word the
# archive does not hold at all ("القدس الزنبقلورين"): that page stays empty. Chosen on the tuning set
# (recall@10 0.883 at 0.5, 0.904 at 0.65, 0.913 at 1.0, MRR 0.991 for all three) and ten negative queries of
# our own about what the archive does not hold (1, 2 and 2 of them showed partial matches), never on the
# held-out set.
MAX_MISSING_WEIGHT = 0.65


def relaxable(tree: Node | None) -> tuple[list[Unit], list[Node]]:
    """The query's plain words as units that may be missing, and what every result must still match:
    phrases, exclusions, resolution numbers and bracketed alternatives are never relaxed."""
    nodes = top_level(tree)
    required = [node for node in nodes if not isinstance(node, Term)]
    units = []
    for node in with_aliases(tuple(node for node in nodes if isinstance(node, Term))):
        if isinstance(node, Term):
            units.append(Unit(node, node.surface))
        else:  # an alias group: its first option is the words as typed
            units.append(Unit(node, " ".join(term.surface for term in node.nodes[0].nodes)))
    return list(dict.fromkeys(units)), [expand_aliases(node) for node in required]


# Partial matches are taken from the best this many paragraphs that have any of the query's words; each
# word's document frequency is counted up to this many too (past it a word is common: its weight is low
# either way). Bounded so that relaxing costs a few small engine queries, not one of MAX_HITS per word
# (at 100,000 paragraphs that took /search/'s p95 from 189 to 268 ms).
POOL = 300


def partial_matches(tree: Node | None, exclude: set[int]) -> list[tuple[int, list[str], float]]:
    """Paragraphs that match the query but for some of its words, best first: (id, the words it lacks,
    the engine's score).

    Ranked by how many of the query's units they contain, then by the engine's score for any of them. The
    candidates are the engine's best POOL for any of the words (phrases and exclusions still required);
    which words each one holds is read with our analysis from its text and its context (resolution
    subject, document title), the fields the engine searched.
    """
    units, required = relaxable(tree)
    allowed = max_missing(len(units))
    if not allowed:
        return []

    def with_required(node: Node) -> Node:
        return And((node, *required)) if required else node

    # Counted only once the query is known to relax: a query that cannot (one word) costs nothing here.
    total = Paragraph.objects.count()
    frequency = {unit: len(ranked_tree(with_required(unit.node), POOL)) for unit in units}
    weight = {unit: math.log(1 + total / (frequency[unit] + 0.5)) for unit in units}
    everything = sum(weight.values())
    candidates = [
        (pk, score)
        for pk, score in reranked(ranked_tree(with_required(Or(tuple(unit.node for unit in units))), POOL))
        if pk not in exclude
    ]
    terms = _terms_held([pk for pk, _ in candidates])
    found = []
    for pk, score in candidates:
        lacking = [unit for unit in units if not _holds(unit.node, terms.get(pk, set()))]
        if not lacking or len(lacking) > allowed:
            continue
        if sum(weight[unit] for unit in lacking) > MAX_MISSING_WEIGHT * everything:
            continue
        found.append((len(lacking), -score, pk, [unit.label for unit in lacking]))
    found.sort(key=lambda entry: entry[:2])
    return [(pk, lacking, -negative) for _n, negative, pk, lacking in found]


def _terms_held(ids: list[int]) -> dict[int, set[str]]:
    """The analysed terms of each paragraph's text and context, as the index holds them."""
    rows = Paragraph.objects.filter(pk__in=ids).values_list(
        "pk", "text", "resolution__subject", "document__title"
    )
    return {pk: set(analysis.analyse(" ".join(filter(None, parts)))) for pk, *parts in rows}


def _holds(node: Node, terms: set[str]) -> bool:
    """Whether a paragraph with these terms matches a unit: a word, or any alternative of an alias group."""
    if isinstance(node, Term):
        return node.text in terms
    if isinstance(node, And):
        return all(_holds(child, terms) for child in node.nodes)
    if isinstance(node, Or):
        return any(_holds(child, terms) for child in node.nodes)
    return False
