"""\"Did you mean\": a corrected query from words the index holds, offered only if it finds something."""

from __future__ import annotations

from collections import Counter

from haystack import connections

from archive.models import Paragraph
from search import analysis
from search.query import Node, Not, Or, ParsedQuery, Phrase, Term, parse, positive_terms
from search.retrieve import ranked_hits


def suggest(parsed: ParsedQuery) -> str | None:
    """A corrected query built from words that are in the index, or None.

    The engine corrects our analysed terms (the text field's terms); each correction is shown as the
    spelling most often found in the indexed paragraphs for that term.
    """
    if parsed.tree is None:
        return None
    replacements = _corrections(connections["default"].get_backend(), parsed)
    if not replacements:
        return None
    suggestion = render(parsed.tree, replacements)
    # Offer it only if it finds something.
    suggested = parse(suggestion)
    return suggestion if suggested.tree is not None and ranked_hits(suggested, 1) else None


def _correctable(term: Term) -> bool:
    return len(term.text) >= 3 and not term.text.isdigit()


def _corrections(backend, parsed: ParsedQuery) -> dict[str, str]:
    """The engine's corrections of the query's words, each shown as most often written in the archive."""
    terms = list(dict.fromkeys(term.text for term in positive_terms(parsed.tree) if _correctable(term)))
    replacements = {}
    for term, correction in backend.corrections(terms).items():
        texts = Paragraph.objects.filter(pk__in=backend.term_ids(correction, 30)).values_list(
            "text", flat=True
        )
        replacements[term] = _spelling_in(texts, correction)
    return replacements


def _spelling_in(texts, term: str) -> str:
    """The spelling most often found for an analysed term in these texts (the term itself if none)."""
    spellings: Counter = Counter()
    for text in texts:
        for token in analysis.tokens(text):
            if token.text == term:
                spellings[text[token.start : token.end]] += 1
    return spellings.most_common(1)[0][0] if spellings else term


def render(node: Node, replacements: dict[str, str]) -> str:
    """The tree written back as a query (exclusions left out), with some words replaced."""
    if isinstance(node, Term):
        return replacements.get(node.text, node.surface)
    if isinstance(node, Phrase):
        return "«" + " ".join(replacements.get(t.text, t.surface) for t in node.terms) + "»"
    if isinstance(node, Not):
        return ""
    parts = [render(child, replacements) for child in node.nodes]
    parts = [part for part in parts if part]
    if isinstance(node, Or):
        return "(" + " أو ".join(parts) + ")" if len(parts) > 1 else "".join(parts)
    return " ".join(parts)
