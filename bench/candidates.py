"""The stemmers compared by bench/relevance.py, each as term(raw word) -> indexed term.

All candidates share our tokenisation, normalisation, stop words and aliases; only the stemming step
differs. Third-party stemmers get the word with marks and tatweel removed (their own rules know ة, ى and
hamzas) and their output is then normalised like ours, so index and query always agree.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager

from arabic import fold
from search import analysis

_OLD_PREFIXES = ("وبال", "وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
_OLD_WEAK = {"ف", "ب", "ل", "ك"}
_OLD_SUFFIXES = ("يات", "ات", "ون", "ين", "يه", "ان", "ها", "هم", "نا", "ي", "ه")


def old_stem(word: str) -> str:
    """The rule before this change (commit 7d26434): one prefix group and one suffix."""
    if not word or word.isdigit() or not ("\u0621" <= word[0] <= "\u064a"):
        return word
    for prefix in _OLD_PREFIXES:
        needed = 6 if prefix in _OLD_WEAK else 3
        if word.startswith(prefix) and len(word) - len(prefix) >= needed:
            word = word[len(prefix) :]
            break
    for suffix in _OLD_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word


def _light(raw: str) -> str:
    return fold(raw, hamza=False, alef_maqsura=False, taa_marbuta=False, digits=False)


def _external(stemmer: Callable[[str], str]) -> Callable[[str], str]:
    def term(raw: str) -> str:
        word = analysis.normalise(raw)
        if not analysis._is_arabic(word):
            return word
        return analysis.normalise(stemmer(_light(raw)) or word)

    return term


def _snowball() -> Callable[[str], str]:
    import snowballstemmer

    return _external(snowballstemmer.stemmer("arabic").stemWord)


def _tashaphyne() -> Callable[[str], str]:
    from tashaphyne.stemming import ArabicLightStemmer

    stemmer = ArabicLightStemmer()
    return _external(stemmer.light_stem)


def _isri() -> Callable[[str], str]:
    from nltk.stem.isri import ISRIStemmer

    return _external(ISRIStemmer().stem)


@contextmanager
def without_vocabulary():
    """Run our stemmer as if search/data/vocabulary.txt were empty (a document it has never seen)."""
    original = analysis.vocabulary
    analysis.vocabulary = lambda: {}
    try:
        yield
    finally:
        analysis.vocabulary = original


def ours(raw: str) -> str:
    return analysis.stem(analysis.normalise(raw))


def old(raw: str) -> str:
    return old_stem(analysis.normalise(raw))


def unstemmed(raw: str) -> str:
    return analysis.normalise(raw)


def candidates() -> dict[str, Callable[[str], str] | None]:
    """name -> term function; None when the package is not installed (pip install it to measure)."""
    found: dict[str, Callable[[str], str] | None] = {
        "ours": ours,
        "ours-novocab": ours,  # run inside without_vocabulary()
        "ours-nosyn": ours,  # no aliases
        "before": old,
        "none": unstemmed,
    }
    for name, factory in (("snowball", _snowball), ("tashaphyne", _tashaphyne), ("isri", _isri)):
        try:
            found[name] = factory()
        except ImportError:
            found[name] = None
    return found
