"""The engine's half of a search: a query tree (aliases expanded) in, (paragraph id, score) best first out.

The backend (search.backends.base's contract) takes the tree of analysed terms; how it becomes the
engine's own query is the backend's business.
"""

from __future__ import annotations

from haystack import connections

from archive.models import Paragraph, ParagraphKind
from search import analysis
from search.aliases import expand_aliases
from search.query import Node, ParsedQuery, Term, top_level

MAX_HITS = 5000


def ranked_hits(parsed: ParsedQuery, limit: int) -> list[tuple[int, float]]:
    """(paragraph id, score) best first from the search engine, for a query with a tree."""
    return ranked_tree(expand_aliases(parsed.tree), limit)


# Proximity and paragraph kind re-rank the engine's best RERANK hits (what the first pages show). As a
# loose phrase sent to the engine, proximity cost Whoosh a position check on every paragraph holding common
# words ("لمجلس وزراء الخارجية": 560 ms at 100,000 paragraphs; /search/ p95 189 -> 288 ms); here it costs
# reading RERANK short texts with our analysis.
RERANK = 100
# A paragraph whose query words all stand within this many positions of each other scores this much more.
# Tuning set MRR 0.979 without, 0.982 with a boost of 1.25 to 2.0 (recall@10 0.904 at 1.25, 0.902 else);
# /search/ at 100,000 paragraphs: p50 68-69 ms, p95 188-191 ms, as before issue 11 (72-77, 191-200).
PROXIMITY_WINDOW = 4
PROXIMITY_BOOST = 1.25


def near_together(text: str, words: tuple[str, ...]) -> bool:
    """Whether every one of the words occurs within a window of PROXIMITY_WINDOW positions per gap."""
    wanted = set(words)
    if len(wanted) < 2:
        return False
    span = PROXIMITY_WINDOW * (len(wanted) - 1)
    last: dict[str, int] = {}
    for token in analysis.tokens(text):
        if token.stop or token.text not in wanted:
            continue
        last[token.text] = token.position
        if len(last) == len(wanted) and token.position - min(last.values()) <= span:
            return True
    return False


def plain_words(tree: Node | None) -> tuple[str, ...]:
    """The analysed words of a query's top level (no phrase, alternative or exclusion)."""
    return tuple(dict.fromkeys(node.text for node in top_level(tree) if isinstance(node, Term)))


def ranked_tree(tree: Node, limit: int) -> list[tuple[int, float]]:
    """(paragraph id, score) best first for a query tree whose aliases are already expanded."""
    return connections["default"].get_backend().ranked_ids(tree, limit)


# A heading or signature line is short, so BM25 scores its words high ("بشأن مدينة القدس الشريف" outranked
# every paragraph about Jerusalem); its score counts for this much against a paragraph's. Measured on the
# tuning set it costs one query whose judged answer is a heading a rank (MRR 1.000 -> 0.991 for any weight
# from 0.5 to 0.8); kept because a reader looks for the paragraphs that discuss a subject, not its title.
KIND_WEIGHT = {ParagraphKind.HEADING: 0.5, ParagraphKind.SIGNATURE: 0.3}


def reranked(hits: list[tuple[int, float]], words: tuple[str, ...] = ()) -> list[tuple[int, float]]:
    """The engine's best RERANK hits re-scored, the rest after them as they came: a heading or signature
    weighs less (KIND_WEIGHT), a paragraph with the query's words close together more (PROXIMITY_BOOST)."""
    if not hits:
        return hits
    top, rest = hits[:RERANK], hits[RERANK:]
    rows = Paragraph.objects.filter(pk__in=[pk for pk, _ in top]).values_list("pk", "kind", "text")
    factor = {}
    for pk, kind, text in rows:
        near = PROXIMITY_WINDOW and len(words) > 1 and near_together(text, words)
        factor[pk] = KIND_WEIGHT.get(kind, 1.0) * (PROXIMITY_BOOST if near else 1.0)
    weighted = [(pk, score * factor.get(pk, 1.0)) for pk, score in top]
    return sorted(weighted, key=lambda hit: -hit[1]) + rest
