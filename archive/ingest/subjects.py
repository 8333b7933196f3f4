"""A resolution's subject as a key: the same subject re-adopted at another session gives the same key.

"بشأن مدينة القدس الشريف", "قرار بشأن مدينة القدس الشريف" and "مدينة القدس الشّريف" all give
"مدينه القدس الشريف": arabic.fold (hamza, alef maqsura, taa marbuta, diacritics, tatweel, digits), the
words that introduce a subject ("قرار بشأن", "حول", "الخاص ب") removed from its start, punctuation and
spacing made one. Pure Python: no Django.
"""

from __future__ import annotations

import re

from arabic import fold

# Folded forms of what stands before the subject itself, removed from the start again and again:
# "القرار الخاص بشأن …" loses "القرار", then "الخاص", then "بشان".
_LEADING = re.compile(
    r"^(?:(?:ال)?قرار(?:ات)?(?:\s+رقم)?|مشروع|بشان|حول|عن|في)\s+|^(?:الخاصه?|المتعلقه?)\s+(?:ب(?=\S))?"
)
_PUNCTUATION = re.compile(r"[^\w\s]|_")
MAX_KEY = 300  # ResolutionSeries.key's length


def subject_key(subject: str) -> str:
    """The normalised subject ("" when nothing is left of it)."""
    key = fold(subject or "", lower=True)
    key = " ".join(_PUNCTUATION.sub(" ", key).split())
    while (stripped := _LEADING.sub("", key, count=1)) != key:
        key = stripped
    return key[:MAX_KEY].strip()
