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

    Whoosh's corrector works on our analysed terms (the text field's terms); each correction is shown as
    the spelling most often found in the indexed paragraphs for that term.
    """
    if parsed.tree is None:
        return None
    backend = connections["default"].get_backend()
    if hasattr(backend, "corrections"):
        replacements = _engine_corrections(backend, parsed)
    else:
        replacements = _whoosh_corrections(backend, parsed)
    if not replacements:
        return None
    suggestion = render(parsed.tree, replacements)
    # Offer it only if it finds something.
    suggested = parse(suggestion)
    return suggestion if suggested.tree is not None and ranked_hits(suggested, 1) else None


def _correctable(term: Term) -> bool:
    return len(term.text) >= 3 and not term.text.isdigit()


def _engine_corrections(backend, parsed: ParsedQuery) -> dict[str, str]:
    """Corrections from an engine's own suggester, each shown as most often written in the archive."""
    terms = list(dict.fromkeys(term.text for term in positive_terms(parsed.tree) if _correctable(term)))
    replacements = {}
    for term, correction in backend.corrections(terms).items():
        texts = Paragraph.objects.filter(pk__in=backend.term_ids(correction, 30)).values_list(
            "text", flat=True
        )
        replacements[term] = _spelling_in(texts, correction)
    return replacements


def _whoosh_corrections(backend, parsed: ParsedQuery) -> dict[str, str]:
    if not backend.setup_complete:
        backend.setup()
    index = backend.index.refresh()
    if not index.doc_count():
        return {}
    fieldname = backend.content_field_name
    replacements: dict[str, str] = {}
    with index.searcher() as searcher:
        reader = searcher.reader()
        corrector = reader.corrector(fieldname)
        for term in positive_terms(parsed.tree):
            if not _correctable(term) or term.text in replacements:
                continue
            if reader.doc_frequency(fieldname, term.text):
                continue
            found = corrector.suggest(term.text, limit=1, maxdist=1 if len(term.text) <= 4 else 2)
            if found:
                replacements[term.text] = _common_spelling(searcher, fieldname, found[0])
    return replacements


def _common_spelling(searcher, fieldname: str, term: str) -> str:
    from whoosh.query import Term as WhooshTerm

    hits = searcher.search(WhooshTerm(fieldname, term), limit=30)
    return _spelling_in([hit.get(fieldname) or "" for hit in hits], term)


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
