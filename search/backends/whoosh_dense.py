"""Whoosh's answer to a query of words, worked out over whole posting lists at once (numpy), not one
matching paragraph at a time.

Whoosh's collector walks a query's matchers paragraph by paragraph in Python: about 20 µs per match, so a
common word (اسلام: 29,000 of 100,000 paragraphs, in the text and in the context field) costs 40-60 ms,
an alias that expands to three conjunctions 150-450 ms, and that is most of /search/'s p95 at 100,000
paragraphs. For the queries that are made of words only (Whoosh Term, And, Or, Not, with boosts, the
shape context_parser gives every word), the same answer comes out of a few array operations per word:

- each word's postings (paragraph numbers and term frequencies) are read a block at a time from Whoosh's
  own posting file, through its leaf matcher;
- each is scored with Whoosh's own BM25F statistics (idf, average field length, B, K1: the scorer Whoosh
  builds for that word) and the field lengths Whoosh stored (the same one-byte encoding), in the order of
  Whoosh's formula (search.backends.whoosh_dense.bm25), so the scores are Whoosh's;
- And, Or and Not combine them over one array per query node the size of the index (0.8 MB at 100,000
  paragraphs), the scores adding up as Whoosh's intersection and union matchers add them;
- the best `limit` are chosen as Whoosh's top collector chooses them: higher score first, then the
  earlier paragraph number, deleted paragraphs left out. (Whoosh's own collector, asked for the best few of
  an And with a Not, the shape of "القدس -الأمن", can miss better paragraphs; this gives the exhaustive
  answer.)

A phrase is scored the same way (Whoosh scores it as the conjunction of its words) and kept where its
words' positions follow each other within its slop, read only for the paragraphs holding every word.
Anything else (AndNot, a fuzzy or prefix term, a field not scored with BM25F) answers None and Whoosh runs
the query itself. tests/test_whoosh_dense.py checks the answers against Whoosh's on the archive and on
random queries.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.scoring import BM25FScorer
from whoosh.util.numeric import byte_to_length

# What one stored length byte stands for (Whoosh keeps field lengths in one byte, lossy above 108).
_LENGTH_OF_BYTE = np.array([byte_to_length(b) or 0 for b in range(256)], dtype=np.float64)


# Each segment's paragraph ids by document number (segments never change once written; deletions are kept
# beside them), so a new searcher after a commit reads only the new segments' ids: 43 ms per 100,000.
_SEGMENT_IDS: dict[tuple[str, int], np.ndarray] = {}
_SEGMENT_IDS_KEPT = 256


# Each segment's decoded postings of the words searched lately, (document numbers, weights), as
# compactly as they decode (int32, float32): reading a common word's blocks costs 10-30 ms at 100,000
# paragraphs (each block unpickled with its positions), a kept one nothing. Bounded by postings, least
# recently used first out: 2,000,000 postings are 16 MB a worker. search.backends.whoosh_dense.forget()
# empties it (the benchmarks time searches nobody made before).
_POSTINGS: OrderedDict[tuple[str, str, bytes], tuple[np.ndarray, np.ndarray]] = OrderedDict()
POSTINGS_KEPT = 2_000_000
_postings_held = 0
_POSTINGS_LOCK = threading.Lock()  # threaded servers and tests search from several threads


def forget() -> None:
    """Empty this process's kept postings."""
    global _postings_held
    with _POSTINGS_LOCK:
        _POSTINGS.clear()
        _postings_held = 0


def _kept_postings(key, read):
    """A segment's postings of one word, decoded by read() the first time and kept (see _POSTINGS)."""
    global _postings_held
    with _POSTINGS_LOCK:
        found = _POSTINGS.get(key)
        if found is not None:
            _POSTINGS.move_to_end(key)
            return found
    ids, weights, _values = read()
    found = (ids.astype(np.int32), weights.astype(np.float32))
    if len(ids) <= POSTINGS_KEPT:
        with _POSTINGS_LOCK:
            if key not in _POSTINGS:
                _POSTINGS[key] = found
                _postings_held += len(ids)
            while _postings_held > POSTINGS_KEPT:
                _old, (dropped, _weights) = _POSTINGS.popitem(last=False)
                _postings_held -= len(dropped)
    return found


class NotDense(Exception):
    """The query holds something this module does not score; Whoosh runs it."""


@dataclass
class _Scored:
    matched: np.ndarray  # bool, one per paragraph number of the index
    score: np.ndarray  # float64, 0 where not matched


def bm25(idf: float, tf: np.ndarray, fl: np.ndarray, avgfl: float, B: float, K1: float) -> np.ndarray:
    """whoosh.scoring.bm25 over arrays, each operation in the same order (so the same rounding)."""
    return idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))


class DenseScorer:
    """One searcher's index as arrays: built once per searcher (the backend keeps it beside it)."""

    def __init__(self, searcher):
        self.searcher = searcher
        self.leaves = searcher.leaf_searchers()
        self.size = searcher.doc_count_all()
        self._lengths: dict[str, np.ndarray] = {}
        self._alive = self._undeleted()

    def paragraph_ids(self, column: str) -> np.ndarray | None:
        """The id stored in `column` (the paragraph's primary key) of every document number, or None for
        an index built before the column existed."""
        if not hasattr(self, "_ids"):
            parts = []
            for sub, _offset in self.leaves:
                reader = sub.reader()
                if not reader.has_column(column):
                    self._ids = None
                    return None
                key = (reader.segment().segment_id(), reader.doc_count_all())
                if key not in _SEGMENT_IDS:
                    values = reader.column_reader(column)
                    count = reader.doc_count_all()
                    # A deleted document's id may be empty: it is never an answer (see _alive).
                    found = np.fromiter((int(v) if v else -1 for v in values), dtype=np.int64, count=count)
                    if len(_SEGMENT_IDS) >= _SEGMENT_IDS_KEPT:
                        _SEGMENT_IDS.pop(next(iter(_SEGMENT_IDS)))
                    _SEGMENT_IDS[key] = found
                parts.append(_SEGMENT_IDS[key])
            self._ids = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
        return self._ids

    def top(self, query, limit: int) -> list[tuple[int, float]] | None:
        """(paragraph number, score) best first, as Whoosh's exhaustive search (limit=None) ranks them, cut
        at `limit`; None when the query holds what this module does not score."""
        self._memo: dict[tuple[str, bytes], tuple] = {}  # one query's words, read once however often named
        try:
            scored = self._evaluate(query)
        except NotDense:
            return None
        finally:
            self._memo = {}
        matched = scored.matched if self._alive is None else scored.matched & self._alive
        docnums = np.flatnonzero(matched)
        scores = scored.score[docnums]
        if len(docnums) > limit:
            # Every paragraph scoring at least the limit-th best score, then the exact order among them.
            threshold = np.partition(scores, len(scores) - limit)[len(scores) - limit]
            keep = scores >= threshold
            docnums, scores = docnums[keep], scores[keep]
        order = np.lexsort((docnums, -scores))[:limit]
        return list(zip(docnums[order].tolist(), scores[order].tolist(), strict=True))

    # --- query nodes ---------------------------------------------------------------------------------

    def _evaluate(self, query) -> _Scored:
        kind = type(query)
        if kind is wq.Term:
            found = self._term(query.fieldname, query.text)
        elif kind is wq.And or kind is wq.Or:
            if not query.subqueries:
                found = self._nothing()
            elif len(query.subqueries) == 1:
                return self._evaluate(query.subqueries[0])  # Whoosh too uses the one part's matcher alone
            else:
                if kind is wq.Or and (query.minmatch or query.scale):
                    raise NotDense
                # One part at a time: at most two arrays the size of the index per level are alive.
                found = self._evaluate(query.subqueries[0])
                for sub in query.subqueries[1:]:
                    part = self._evaluate(sub)
                    if kind is wq.And:
                        matched = found.matched & part.matched
                        score = np.where(matched, found.score + part.score, 0.0)
                    else:
                        matched = found.matched | part.matched
                        score = found.score + part.score
                    found = _Scored(matched, score)
        elif kind is wq.Phrase:
            found = self._phrase(query)
        elif kind is wq.Not:
            # Whoosh's InverseMatcher: every paragraph the child does not match, deleted ones aside, each
            # scoring its weight 1.0 (a Not takes no boost). "القدس -الأمن" is And([القدس, Not(الأمن)]).
            matched = ~self._evaluate(query.query).matched
            if self._alive is not None:
                matched &= self._alive
            return _Scored(matched, matched.astype(np.float64))
        elif kind is type(wq.NullQuery):
            return self._nothing()
        else:
            raise NotDense
        boost = getattr(query, "boost", 1.0)
        if boost != 1.0:
            found = _Scored(found.matched, found.score * boost)
        return found

    def _nothing(self) -> _Scored:
        return _Scored(np.zeros(self.size, dtype=bool), np.zeros(self.size, dtype=np.float64))

    def _held(self, fieldname: str, word) -> bytes | None:
        """The word as the field's index holds it, or None where Whoosh's Term and Phrase match nothing (no
        such field, a word the field cannot hold, a word it does not hold)."""
        searcher = self.searcher
        if fieldname not in searcher.schema:
            return None
        try:
            btext = searcher.schema[fieldname].to_bytes(word)
        except ValueError:
            return None
        return btext if (fieldname, btext) in searcher.reader() else None

    def _term(self, fieldname: str, text) -> _Scored:
        btext = self._held(fieldname, text)
        if btext is None:
            return self._nothing()
        docnums, scores, _values = self._read_term(fieldname, btext)
        found = self._nothing()
        found.matched[docnums] = True
        found.score[docnums] = scores
        return found

    def _read_term(self, fieldname: str, btext: bytes, with_values: bool = False):
        """A word the field holds: (its posting numbers, their scores, their encoded positions or None),
        read once per query however often the query names it (an alias's variants share words)."""
        known = self._memo.get((fieldname, btext))
        if known is not None and (known[2] is not None or not with_values):
            return known
        searcher = self.searcher
        scorer = searcher.weighting.scorer(searcher, fieldname, btext)
        if type(scorer) is not BM25FScorer:
            raise NotDense  # an unscored field, or another weighting model
        docnums, weights, values = self._postings(fieldname, btext, with_values)
        lengths = _LENGTH_OF_BYTE[self._length_codes(fieldname)[docnums]]
        scores = bm25(scorer.idf, weights, lengths, scorer.avgfl, scorer.B, scorer.K1)
        known = self._memo[(fieldname, btext)] = (docnums, scores, values)
        return known

    def _phrase(self, query) -> _Scored:
        """A phrase: Whoosh scores it as the conjunction of its words (SpanNear2 wraps their intersection)
        and keeps the paragraphs where each word stands 1 to `slop` positions after the one before it
        (SpanNear2, ordered, mindist 1: a stop word typed between two words makes the slop 2)."""
        slop = query.slop
        fieldname = query.fieldname
        if fieldname not in self.searcher.schema:
            return self._nothing()
        field = self.searcher.schema[fieldname]
        if not field.format or not field.format.supports("positions"):
            raise NotDense  # Whoosh raises its own error for this
        words = [self._held(fieldname, word) for word in query.words]
        if not words or None in words:
            return self._nothing()
        read = [self._read_term(fieldname, word, with_values=len(words) > 1) for word in words]
        # The paragraphs holding every word, and their summed scores, from the words' own postings.
        candidates = read[0][0]
        for docnums, _scores, _values in read[1:]:
            candidates = np.intersect1d(candidates, docnums, assume_unique=True)
        score = np.zeros(len(candidates), dtype=np.float64)
        for docnums, scores, _values in read:
            score = score + scores[np.searchsorted(docnums, candidates)]
        if len(words) > 1 and len(candidates):
            # Each candidate's positions of each word, as (paragraph << 32 | position) keys: the phrase
            # stands where a key of each word is 1 to `slop` past a key of the word before it (the chain
            # Whoosh builds span by span, which measures from the last word reached).
            keys = None
            for docnums, _scores, values in read:
                word_keys = _position_keys(docnums, values, candidates, field.format)
                if keys is not None:
                    reached = [np.intersect1d(keys + step, word_keys, assume_unique=True) for step in range(1, slop + 1)]
                    word_keys = reached[0] if slop == 1 else np.unique(np.concatenate(reached))
                keys = word_keys
            kept = np.isin(candidates, np.unique(keys >> 32))
            candidates, score = candidates[kept], score[kept]
        found = self._nothing()
        found.matched[candidates] = True
        found.score[candidates] = score
        return found

    # --- what the index holds, as arrays -------------------------------------------------------------

    def _postings(self, fieldname: str, btext: bytes, with_values: bool = False):
        """Every posting of one term, deleted paragraphs included, in paragraph order: (paragraph numbers,
        weights, each posting's encoded positions if `with_values` else None)."""
        ids, weights, values = [], [], []
        for sub, offset in self.leaves:
            reader = sub.reader()
            if (fieldname, btext) not in reader:
                continue

            def read(reader=reader, with_values=with_values):
                matcher = reader.postings(fieldname, btext)
                if isinstance(matcher, FilterMatcher):  # deleted paragraphs: left out at the end, by _alive
                    matcher = matcher.child
                return _read_postings(matcher, with_values)

            if with_values:  # a phrase's words: positions are read for its candidates only, never kept
                leaf_ids, leaf_weights, leaf_values = read()
                values.extend(leaf_values)
            else:
                leaf_ids, leaf_weights = _kept_postings((reader.segment().segment_id(), fieldname, btext), read)
            ids.append(leaf_ids.astype(np.int64) + offset)
            weights.append(leaf_weights.astype(np.float64))
        return np.concatenate(ids), np.concatenate(weights), values if with_values else None

    def _length_codes(self, fieldname: str) -> np.ndarray:
        """Each paragraph's length in the field as Whoosh stored it, one byte (_LENGTH_OF_BYTE reads it)."""
        if fieldname not in self._lengths:
            parts = []
            for sub, _offset in self.leaves:
                reader = sub.reader()
                count = reader.doc_count_all()
                codes = np.zeros(count, dtype=np.uint8)
                column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
                if column is not None:
                    # A fixed one-byte column; documents after the last non-zero one are not written.
                    raw = np.frombuffer(column._dbfile.get(column._basepos, column._count), dtype=np.uint8)
                    codes[: len(raw)] = raw[:count]
                parts.append(codes)
            self._lengths[fieldname] = np.concatenate(parts)
        return self._lengths[fieldname]

    def _undeleted(self) -> np.ndarray | None:
        """Which paragraph numbers are not deleted (None: none is)."""
        if not any(sub.reader().has_deletions() for sub, _ in self.leaves):
            return None
        alive = np.ones(self.size, dtype=bool)
        for sub, offset in self.leaves:
            deleted = list(sub.reader().deleted_docs_set)
            if deleted:
                alive[np.asarray(deleted, dtype=np.int64) + offset] = False
        return alive


def _read_postings(matcher, with_values: bool = False):
    """(paragraph numbers, weights, encoded values: empty unless `with_values`) of a leaf matcher from
    where it stands to its end: Whoosh's posting blocks decoded whole (the block's delta-coded numbers
    summed at once) instead of posting by posting."""
    ids, weights, values = [], [], []
    if isinstance(matcher, W3LeafMatcher):
        while matcher.is_active():
            if matcher._data is None:
                matcher._read_data()
            if matcher._byteids:
                block_ids = np.asarray(matcher._data[0], dtype=np.int64)
            else:
                block_ids = np.cumsum(np.asarray(matcher._data[0], dtype=np.int64))
            start = matcher._i
            ids.append(block_ids[start:])
            matcher._read_weights()
            weights.append(np.asarray(matcher._weights, dtype=np.float64)[start:])
            if with_values:
                matcher._read_values()
                values.extend(matcher._values[start:])
            matcher._next_block()
        if not ids:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64), values
        return np.concatenate(ids), np.concatenate(weights), values
    # Inlined postings (a rare term's few paragraphs are kept in the term dictionary), one at a time.
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        if with_values:
            values.append(matcher.value())
        matcher.next()
    return np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float64), values


def _position_keys(docnums: np.ndarray, values: list, wanted: np.ndarray, format_) -> np.ndarray:
    """(paragraph << 32 | position) of every position of a word in the wanted paragraphs, sorted; the
    word's postings are `docnums` (sorted) with their encoded positions `values`."""
    where = np.searchsorted(docnums, wanted)
    keys = []
    for docnum, at in zip(wanted.tolist(), where.tolist(), strict=True):
        base = docnum << 32
        keys.extend(base + position for position in format_.decode_positions(values[at]))
    return np.unique(np.asarray(keys, dtype=np.int64))
