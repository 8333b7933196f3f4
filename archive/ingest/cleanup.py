"""Cleanup that keeps meaning: what a reader sees, minus the noise of how the text was made.

Diacritics, hamza seats, ى and ة stay (they are part of the text as printed); tatweel, odd spaces, invisible
marks, Persian letter forms and presentation forms (ﻫ, ﻻ) go, and a tatweel standing alone is a dash
("17/29 ـ ث", "1ـ يقرر", "(د ـ 30)"). That is `arabic.fold` with only its display-safe steps on; the full
fold, for recognising patterns (never shown), is `arabic.fold` with its defaults.
"""

from __future__ import annotations

import re

from arabic import fold

_ODD_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_SPACES = re.compile(r" {2,}")


def clean_line(line: str) -> str:
    line = fold(
        line, hamza=False, alef_maqsura=False, taa_marbuta=False, diacritics=False, digits=False, tatweel="dash"
    )
    return _SPACES.sub(" ", _ODD_SPACES.sub(" ", line)).strip()


def clean_lines(text: str) -> list[str]:
    """Non-empty cleaned lines, in order."""
    return [cleaned for line in text.splitlines() if (cleaned := clean_line(line))]

