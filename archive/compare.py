"""Two versions of a resolution compared: paragraphs aligned, and within each aligned pair the words that
were added and removed. Pure Python (difflib), no Django.

Paragraphs are aligned with difflib's SequenceMatcher over their folded texts (arabic.fold: a hamza or a
diacritic more is not a change); in a stretch where they differ, each earlier paragraph is paired in order
with the first later one whose words are alike (`alike`), and what stays unpaired was removed or
added whole. Words are compared folded too, and shown as printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from arabic import fold

SAME, CHANGED, ADDED, REMOVED = "same", "changed", "added", "removed"
PAIR_RATIO = 0.35
CONTAINED_SHARE, CONTAINED_WORDS = 0.4, 3
# Paragraphs in one differing stretch compared pairwise at most (beyond it they are removed and added).
MAX_PAIRING = 400


@dataclass(frozen=True)
class Piece:
    text: str
    change: str  # SAME, ADDED (only in the later text) or REMOVED (only in the earlier one)


@dataclass
class Side:
    index: int  # the paragraph's place in its version's list
    pieces: list[Piece]


@dataclass
class Row:
    kind: str  # SAME, CHANGED, ADDED, REMOVED
    earlier: Side | None
    later: Side | None


@dataclass
class Comparison:
    rows: list[Row] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for row in self.rows if row.kind == kind)

    def words(self, change: str) -> int:
        sides = [row.later if change == ADDED else row.earlier for row in self.rows]
        return sum(len(p.text.split()) for side in sides if side for p in side.pieces if p.change == change)


def _key(text: str) -> str:
    return " ".join(fold(text, lower=True).split())


def _words(text: str) -> list[str]:
    return text.split()


def compare(earlier: list[str], later: list[str]) -> Comparison:
    """Rows in reading order: each earlier and later paragraph appears in exactly one row."""
    matcher = SequenceMatcher(None, [_key(t) for t in earlier], [_key(t) for t in later], autojunk=False)
    rows: list[Row] = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            rows.extend(
                Row(SAME, Side(i, [Piece(earlier[i], SAME)]), Side(j, [Piece(later[j], SAME)]))
                for i, j in zip(range(a0, a1), range(b0, b1), strict=True)
            )
        else:
            rows.extend(_stretch(earlier, later, range(a0, a1), range(b0, b1)))
    return Comparison(rows)


def _stretch(earlier: list[str], later: list[str], left: range, right: range) -> list[Row]:
    """A differing stretch: pairs of alike paragraphs in order, the rest removed or added."""
    rows: list[Row] = []
    words = {j: [fold(w, lower=True) for w in _words(later[j])] for j in right}
    next_right = right.start
    pairable = len(left) * len(right) <= MAX_PAIRING
    for i in left:
        match = None
        if pairable:
            mine = [fold(w, lower=True) for w in _words(earlier[i])]
            for j in range(next_right, right.stop):
                if alike(mine, words[j]):
                    match = j
                    break
        if match is None:
            rows.append(Row(REMOVED, Side(i, [Piece(earlier[i], REMOVED)]), None))
            continue
        rows.extend(Row(ADDED, None, Side(j, [Piece(later[j], ADDED)])) for j in range(next_right, match))
        before, after = word_diff(earlier[i], later[match])
        rows.append(Row(CHANGED, Side(i, before), Side(match, after)))
        next_right = match + 1
    rows.extend(Row(ADDED, None, Side(j, [Piece(later[j], ADDED)])) for j in range(next_right, right.stop))
    return rows


def alike(a: list[str], b: list[str]) -> bool:
    """Two paragraphs' folded words are versions of one paragraph: PAIR_RATIO of all their words alike, or
    most of the shorter one's words in the longer (a sentence that grew a clause)."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.ratio() >= PAIR_RATIO:
        return True
    shared = sum(block.size for block in matcher.get_matching_blocks())
    return shared >= CONTAINED_WORDS and shared >= CONTAINED_SHARE * min(len(a), len(b))


def word_diff(earlier: str, later: str) -> tuple[list[Piece], list[Piece]]:
    """The earlier text's words as kept or removed, the later text's as kept or added."""
    a, b = _words(earlier), _words(later)
    matcher = SequenceMatcher(None, [fold(w, lower=True) for w in a], [fold(w, lower=True) for w in b], autojunk=False)
    left: list[Piece] = []
    right: list[Piece] = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            _append(left, a[a0:a1], SAME)
            _append(right, b[b0:b1], SAME)
        else:
            _append(left, a[a0:a1], REMOVED)
            _append(right, b[b0:b1], ADDED)
    return left, right


def _append(pieces: list[Piece], words: list[str], change: str) -> None:
    if not words:
        return
    if pieces and pieces[-1].change == change:
        pieces[-1] = Piece(f"{pieces[-1].text} {' '.join(words)}", change)
    else:
        pieces.append(Piece(" ".join(words), change))
