"""The ids of a search's full matches, in served order: the first ones loaded with the search, the rest
fetched from the engine a page at a time when a page past them is read.

An engine that counts every match and pages itself (OpenSearch) need not send thousands of ids for a page
of twenty: the search asks for the first FIRST_HITS (enough for the re-ranking and the first pages), and
a deeper page asks the engine for its own slice. An engine that returns all its hits at once (Whoosh, whose
filters run in the database) gives a list that needs no fetching.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from itertools import islice

# Hits loaded with the search: the re-ranked top (search.retrieve.RERANK) and ten pages of twenty.
FIRST_HITS = 200
# How deep pages go (500 pages of twenty): OpenSearch's default index.max_result_window, the deepest
# from+size it serves.
DEEPEST = 10_000


class HitList(Sequence):
    """`loaded` ids first, then up to `length` in all, the others fetched by `fetch(offset, limit)` (which
    returns (id, score) pairs; their scores go into `scores`, the search's score table)."""

    def __init__(
        self,
        loaded: list[int],
        length: int,
        fetch: Callable[[int, int], list[tuple[int, float]]],
        scores: dict[int, float],
    ):
        self.loaded = list(loaded)
        self.length = max(len(self.loaded), min(length, DEEPEST))
        self.fetch = fetch
        self.scores = scores
        self.fetched: dict[tuple[int, int], list[int]] = {}

    def __len__(self) -> int:
        return self.length

    def count(self, value=None) -> int:  # Django's Paginator asks count() when an object list has one
        return self.length if value is None else super().count(value)

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(self.length)
            if step != 1:
                return list(self)[index]
            return self._range(start, stop)
        position = index if index >= 0 else self.length + index
        if not 0 <= position < self.length:
            raise IndexError(index)
        return self._range(position, position + 1)[0]

    def _range(self, start: int, stop: int) -> list[int]:
        if stop <= len(self.loaded):
            return self.loaded[start:stop]
        key = (start, stop)
        if key not in self.fetched:
            hits = self.fetch(start, stop - start)
            self.scores.update(hits)
            self.fetched[key] = [pk for pk, _ in hits]
        return self.fetched[key]

    def __iter__(self) -> Iterator[int]:
        """Every id, the loaded ones and then the rest in pages of FIRST_HITS (a whole result list)."""
        yield from self.loaded
        for start in range(len(self.loaded), self.length, FIRST_HITS):
            yield from self._range(start, min(start + FIRST_HITS, self.length))


def first(ids: Sequence[int], limit: int) -> list[int]:
    """The first `limit` ids of a list or a HitList (fetching only what that takes)."""
    return list(islice(iter(ids), limit))
