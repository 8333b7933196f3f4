"""What the archive asks of a search engine: the contract every backend implements.

A backend is a haystack backend (haystack's `BaseSearchBackend` contract: `update(index, iterable)` writes a
batch of search documents, `remove(obj)` one, `clear()` them all) that also implements this class. The
engine (search.retrieve, search.relax, search.suggest), the index sync (search.indexing), `check_index`,
`rebuild_index` and the backups (ops.backup) use these methods and nothing else; none of them asks which
backend it is talking to.

Every backend receives already-analysed text: search.analysis makes the terms at index time and the query
tree (search.query) carries analysed terms, so every engine matches the same tokens.

Filters, sorting and facet counts (`matches`): by default done by the database over the ids the engine
returns (up to a limit), which is exact as long as the engine has no more matches than that; an engine that
filters, sorts and counts well (OpenSearch) does all three itself over every match.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from search.query import Node, Term


@dataclass
class Matches:
    """The paragraphs matching a query under some filters, in the order asked for."""

    hits: list[tuple[int, float]]  # (paragraph id, score): the `limit` asked for at least, when there are as many
    total: int | None  # how many match in all; None when the engine stopped counting at the limit
    # name -> {value: count} over every match (body, session, year, kind), or None: the caller counts
    facets: dict[str, dict[str, int]] | None = None


class ArchiveSearchBackend(ABC):
    """Mixed into a haystack backend class before haystack's own base (`class X(ArchiveSearchBackend, …)`)."""

    @abstractmethod
    def ranked_ids(self, tree: Node, limit: int) -> list[tuple[int, float]]:
        """(paragraph id, score) best first, at most `limit`, for a query tree of analysed terms whose
        aliases are already expanded: terms, phrases (with their slop), And, Or, Not as search.query
        defines them, looked for in the paragraph's text and, weighted by search_indexes.FIELD_BOOSTS, in
        its context."""

    def matches(self, tree: Node, filters, sort: str, limit: int, offset: int = 0) -> Matches:
        """Paragraphs matching the tree that the filters (search.filters.Filters) keep, best first for
        sort "relevance", else by document date ("newest", "oldest"; undated last), then document and
        position: from the `offset`-th, `limit` of them at least (more if the backend finds that cheaper).

        This default asks `ranked_ids` for MAX_HITS hits, filters and orders them in the database and
        returns all it kept from the offset on (the filters need every hit, so a smaller limit would not
        make it cheaper); its total is None when the engine had MAX_HITS hits or more (there may be
        others it did not send). Its facets are counted over the hits it kept, from the same facts of
        the paragraphs and documents that filtering read (search.filters.facts: read once, not twice)."""
        from search.facets import counted
        from search.filters import facts, filter_ids
        from search.retrieve import MAX_HITS

        hits = self.ranked_ids(tree, MAX_HITS)
        scores = dict(hits)
        ranked = [pk for pk, _ in hits]
        known = facts(ranked) if ranked else None
        kept = filter_ids(ranked, filters, sort, known)
        total = None if len(hits) >= MAX_HITS else len(kept)
        facets = counted(kept, known) if known is not None and not offset else None
        return Matches([(pk, scores[pk]) for pk in kept[offset:]], total, facets)

    def term_ids(self, term: str, limit: int) -> list[int]:
        """Paragraphs holding one analysed term, best first (to show a correction as it is written)."""
        return [pk for pk, _ in self.ranked_ids(Term(term, term), limit)]

    @abstractmethod
    def symbol_ids(self, terms: tuple[str, ...], limit: int) -> list[int]:
        """Paragraphs whose document's UN symbol (the index's `symbol` field) holds these analysed terms
        side by side in this order (A/RES/69/131 is a, res, 69, 131), at most `limit` of them."""

    @abstractmethod
    def corrections(self, terms: list[str]) -> dict[str, str]:
        """For those analysed terms the index does not hold, the closest term it does hold (one or two
        edits away, one for terms of four letters or fewer); terms it holds or cannot correct are left out."""

    @abstractmethod
    def remove_many(self, identifiers: list[str]) -> None:
        """Remove several search documents ("archive.paragraph.12") in one write; a missing one is no error."""

    @abstractmethod
    def stored_documents(self) -> Iterator[tuple[str, dict]]:
        """(identifier, stored fields) of every document the index holds, for `check_index`."""

    @abstractmethod
    def expected_document(self, index, obj) -> dict:
        """The fields `update()` would store for obj, in the form `stored_documents()` gives them back."""

    @abstractmethod
    def state(self) -> str:
        """A token that changes whenever what the index holds changes (any write, removal, clear or
        rebuild), and differs between two indexes: search results are cached under it (search.engine).
        Cheap: it is asked on every search."""

    @abstractmethod
    def document_count(self, document: int | None = None) -> int:
        """How many search documents the index holds now (writes made so far are counted); with
        `document`, how many of that archive document's paragraphs."""

    def rebuild(self, index, batches: Iterable[list]) -> int:
        """Replace the whole index by the documents of `batches` (lists of objects of `index`'s model);
        how many were written. A backend that can build the new index aside and swap it in (OpenSearch:
        a new index behind an alias) overrides this so that searches never see a half-built index."""
        self.clear()
        written = 0
        for batch in batches:
            self.update(index, batch)
            written += len(batch)
        return written
