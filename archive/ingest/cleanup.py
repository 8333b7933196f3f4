"""Cleanup that keeps meaning: what a reader sees, minus the noise of how the text was made.

Diacritics stay (they are part of the text as printed); tatweel, odd spaces, invisible marks, Persian
letter forms and presentation forms go. `fold` is the stricter form used only for recognising
patterns (never shown): it also drops diacritics and unifies hamza/alef, ى/ي and ة/ه spellings.
"""

from __future__ import annotations

import re
import unicodedata

TATWEEL = "\u0640"
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]")
_ODD_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_PERSIAN = str.maketrans({"ی": "ي", "ک": "ك", "ۀ": "ة", "ە": "ه"})
# Tatweel standing alone (between spaces, or between a digit and a space) is a dash in these sources:
# "17/29 ـ ث", "1ـ يقرر", "(د ـ 30)". Inside a word it is only justification: "التعـــاون".
_TATWEEL_AS_DASH = re.compile(rf"(?:(?<=\s)|(?<=\d)|^){TATWEEL}+(?=\s|$|\d)")
_TATWEEL_RUN = re.compile(f"{TATWEEL}+")
_SPACES = re.compile(r" {2,}")
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]+")
DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")


def _unpresent(match: re.Match) -> str:
    # PDF text layers and old pages use Arabic presentation forms (ﻫ, ﻻ); readers and search want letters.
    return unicodedata.normalize("NFKC", match.group())


def clean_line(line: str) -> str:
    line = _PRESENTATION_FORMS.sub(_unpresent, line)
    line = _INVISIBLE.sub("", line)
    line = _ODD_SPACES.sub(" ", line)
    line = line.translate(_PERSIAN)
    line = _TATWEEL_AS_DASH.sub("-", line)
    line = _TATWEEL_RUN.sub("", line)
    return _SPACES.sub(" ", line).strip()


def clean_lines(text: str) -> list[str]:
    """Non-empty cleaned lines, in order."""
    return [cleaned for line in text.splitlines() if (cleaned := clean_line(line))]


_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})


def fold(text: str) -> str:
    """Spelling-insensitive form for pattern matching (not for display)."""
    return DIACRITICS.sub("", text).replace(TATWEEL, "").translate(_FOLD)
