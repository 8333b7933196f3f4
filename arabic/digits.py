"""Digit tables: Arabic-Indic (٠-٩) and Persian (۰-۹) digits to Western (0-9), and Western to Arabic-Indic."""

from __future__ import annotations

WESTERN = "0123456789"
ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
PERSIAN = "۰۱۲۳۴۵۶۷۸۹"

TO_WESTERN = str.maketrans(ARABIC_INDIC + PERSIAN, WESTERN * 2)
_WESTERN_TO_ARABIC_INDIC = str.maketrans(WESTERN, ARABIC_INDIC)


def to_western_digits(text: str) -> str:
    """Arabic-Indic (٠-٩) and Persian (۰-۹) digits to 0-9; everything else unchanged."""
    return text.translate(TO_WESTERN)


def to_arabic_indic_digits(text: str) -> str:
    """Western and Persian digits to Arabic-Indic (٠-٩), as readers who choose ٠١٢ see them."""
    return to_western_digits(text).translate(_WESTERN_TO_ARABIC_INDIC)
