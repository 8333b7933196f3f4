"""The one Arabic analysis used at index time, at query time and for highlighting.

Pure Python (pyarabic for the character tables): text in, tokens out. Each token keeps its offsets in
the original text so the highlighter can mark exactly the words that matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pyarabic import araby

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_LETTERS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي", "ی": "ي", "ک": "ك"}
)
# Words: runs of Arabic letters (with their marks and tatweel), Latin letters or digits. A digit run glued
# to Arabic letters ("1432هـ", "20شعبان") is its own token.
_WORD = re.compile(r"[\u0621-\u064a\u0660-\u0669\u066e-\u06d3\u06f0-\u06f9\u0640\u064b-\u065f\u0670]+|[A-Za-z]+|\d+")
_ARABIC_DIGITS = re.compile(r"[\u0660-\u0669\u06f0-\u06f9]+|[^\u0660-\u0669\u06f0-\u06f9]+")

# Frequent function words that carry no search meaning. Kept short on purpose: phrase queries still work
# because positions are kept for every token, stop word or not.
STOP_WORDS = frozenset(
    "في من على الى عن مع ان او ثم قد لا ما هذا هذه ذلك التي الذي الذين كما بين و ف ب ل ك".split()
)

_PREFIXES = ("وبال", "وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
# A lone ف/ب/ل/ك is only taken off a long word: short words starting with them are mostly roots
# (فلسطين، بلد، لجنة، كتاب). The search issue replaces this with a measured, corpus-aware rule.
_WEAK_PREFIXES = {"ف", "ب", "ل", "ك"}
_MIN_AFTER_WEAK_PREFIX = 6
_SUFFIXES = ("يات", "ات", "ون", "ين", "يه", "ان", "ها", "هم", "نا", "ي", "ه")
_MIN_STEM = 3
_MIN_STEM_AFTER_SUFFIX = 4


@dataclass(frozen=True)
class Token:
    text: str  # analysed form
    start: int
    end: int
    position: int
    stop: bool = False


def normalise(word: str) -> str:
    """Spelling-insensitive form: no diacritics or tatweel, one alef, ي for ى, ه for ة, Western digits."""
    word = araby.strip_diacritics(word).replace(araby.TATWEEL, "")
    return word.translate(_LETTERS).translate(_DIGITS).lower()


def stem(word: str) -> str:
    """Light stemming: one prefix group and one suffix, never below three letters."""
    if not word or word.isdigit() or not ("\u0621" <= word[0] <= "\u064a"):
        return word
    for prefix in _PREFIXES:
        needed = _MIN_AFTER_WEAK_PREFIX if prefix in _WEAK_PREFIXES else _MIN_STEM
        if word.startswith(prefix) and len(word) - len(prefix) >= needed:
            word = word[len(prefix) :]
            break
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM_AFTER_SUFFIX:
            word = word[: -len(suffix)]
            break
    return word


def tokens(text: str) -> list[Token]:
    found = []
    position = 0
    for match in _WORD.finditer(text):
        word = normalise(match.group())
        if not word:
            continue
        stop = word in STOP_WORDS
        found.append(Token(stem(word), match.start(), match.end(), position, stop))
        position += 1
    return found


def analyse(text: str) -> list[str]:
    """The analysed terms of a text, stop words dropped (what the engine indexes)."""
    return [token.text for token in tokens(text) if not token.stop]
