"""PDF text with two layers of the same text: a garbled one and a clean one.

UN PDFs extracted to text carry the visual-order layer (runs of words reversed, words glued together,
Arabic-Indic digits) followed by a clean logical-order layer whose lines start with a TAB. The clean
layer is what readers get; the garbled one still holds what only it printed (headers, the letter's
date, the annex title), which `repair_line` puts back in reading order using the clean layer's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from arabic import fold
from archive.ingest.cleanup import clean_line

_CLEAN_LAYER_LINE = re.compile(r"^ *\t")
_MIN_CLEAN_LINES = 3


@dataclass
class Layers:
    clean: list[str]
    garbled: list[str]


def split_layers(text: str) -> Layers | None:
    """Return both layers, or None when the text is not a two-layer PDF extraction."""
    clean, garbled = [], []
    for line in text.splitlines():
        target = clean if _CLEAN_LAYER_LINE.match(line) else garbled
        if cleaned := clean_line(line):
            target.append(cleaned)
    if len(clean) < _MIN_CLEAN_LINES or not garbled:
        return None
    return Layers(clean=clean, garbled=garbled)


class Vocabulary:
    """Words and word pairs of the clean layer, compared in folded form."""

    def __init__(self, lines: list[str]):
        self.words: set[str] = set()
        self.pairs: set[tuple[str, str]] = set()
        for line in lines:
            words = [fold(w) for w in re.findall(r"[\w\u0600-\u06ff]+", line)]
            self.words.update(words)
            self.pairs.update(pairwise(words))

    def unglue(self, token: str) -> list[str] | None:
        """Split a token of glued words into known words (longest first), or None."""
        folded = fold(token)
        if not folded:
            return []
        for cut in range(len(folded), 0, -1):
            if folded[:cut] in self.words:
                rest = self.unglue(token[cut:]) if cut < len(folded) else []
                if rest is not None:
                    return [token[:cut], *rest]
        return None

    def score(self, words: list[str]) -> int:
        return sum((fold(a), fold(b)) in self.pairs for a, b in pairwise(words))


def repair_line(line: str, vocabulary: Vocabulary) -> str:
    """Best reading order of one garbled line.

    The extraction writes the end of a line first, its words glued in reverse order, then the start of
    the line in order ("الإسلاميالتعاونمنظمة إعلان أستانا الصادر عن"). Every split of the glued
    token into an end part and a start part is tried; the clean layer's word pairs pick the reading.
    """
    tokens = line.split()
    if not tokens:
        return line
    pieces = vocabulary.unglue(tokens[0])
    if pieces is None or len(pieces) < 2:
        return line
    rest = tokens[1:]
    best, best_score = tokens, vocabulary.score(tokens)
    for cut in range(1, len(pieces) + 1):
        tail = list(reversed(pieces[:cut]))
        head = pieces[cut:] + rest
        candidate = head + tail
        if (score := vocabulary.score(candidate)) > best_score:
            best, best_score = candidate, score
    return " ".join(best)
