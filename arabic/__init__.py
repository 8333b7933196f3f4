"""Arabic text without Django: one folding function and the digit tables, for the parser and the search."""

from arabic.digits import to_arabic_indic_digits, to_western_digits
from arabic.folding import DIACRITICS, INVISIBLE, TATWEEL, fold

__all__ = ["DIACRITICS", "INVISIBLE", "TATWEEL", "fold", "to_arabic_indic_digits", "to_western_digits"]
