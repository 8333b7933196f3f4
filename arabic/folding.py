"""The one Arabic folding: spelling variants made one form, for matching (never for display).

Every step is an option because the parser and the search need "almost the same" fold:

- presentation forms (ﻫ, ﻻ: PDF text layers, old pages) become letters, one character at a time with NFKC,
  so a ligature becomes two letters that both map back to it;
- zero-width and bidi controls, the soft hyphen and the BOM always go;
- diacritics go (harakat, shadda, sukun, dagger alef, Quranic marks);
- tatweel goes; with ``tatweel="dash"`` a tatweel standing alone (between spaces, or next to a digit) is a
  dash, as these sources print "17/29 ـ ث", "1ـ يقرر", "15 ـ 17";
- the Persian and Urdu letter forms (ی ک ہ ھ ە ۀ ...) always become Arabic letters;
- ``hamza``: أ إ آ ٱ → ا, ؤ → و, ئ → ي, and the seat-less ء after ي (مبادىء = مبادئ = مبادي);
- ``alef_maqsura``: ى → ي; ``taa_marbuta``: ة → ه (places keep it: جدة is not جده, "his grandfather");
- ``digits``: Arabic-Indic and Persian digits become 0-9; ``lower``: Latin lower-cased.

With ``offsets=True`` the result is (folded, index) where folded[i] came from text[index[i]], so a match
in the folded copy gives a span in the printed text.

Standard library only: no Django import.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

from arabic.digits import TO_WESTERN

TATWEEL = "\u0640"
# Never part of the spelling: soft hyphen, Arabic letter mark, zero-width space/joiners, LRM/RLM, bidi
# embeddings and isolates, word joiner, BOM. Copy-paste from PDFs and web pages leaves them inside words.
INVISIBLE = "\u00ad\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
# Harakat, shadda, sukun, combining madda and hamza, dagger alef, Quranic annotation marks.
DIACRITICS = "".join(
    map(chr, [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE)])
)

_PRESENTATION_FORM = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]")
# A tatweel run standing alone is a dash; inside a word it is only justification ("التعـــاون").
_TATWEEL_AS_DASH = re.compile(rf"(?:(?<=\s)|(?<=\d)|^){TATWEEL}+(?=\s|$|\d)")
_SEATLESS_HAMZA = re.compile("يء")  # runs after ى -> ي, so it also takes مبادىء

_ALEF_SEATS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا"}
_OTHER_SEATS = {"ؤ": "و", "ئ": "ي"}
_PERSIAN = {"ی": "ي", "ێ": "ي", "ې": "ي", "ک": "ك", "ڪ": "ك", "ۀ": "ة", "ہ": "ه", "ھ": "ه", "ە": "ه"}

Tatweel = Literal["drop", "dash"]


@lru_cache(maxsize=32)
def _drop_table(diacritics: bool) -> dict[int, None]:
    return {ord(c): None for c in INVISIBLE + (DIACRITICS if diacritics else "")}


@lru_cache(maxsize=32)
def _letter_table(hamza: bool, alef_maqsura: bool, taa_marbuta: bool, digits: bool) -> dict[int, int | None]:
    letters = dict(_PERSIAN)
    if hamza:
        letters |= _ALEF_SEATS | _OTHER_SEATS
    if alef_maqsura:
        letters["ى"] = "ي"
    if taa_marbuta:
        letters["ة"] = "ه"
        letters = {k: "ه" if v == "ة" else v for k, v in letters.items()}
    table: dict[int, int | None] = {ord(k): ord(v) for k, v in letters.items()}
    table[ord(TATWEEL)] = None  # whatever the dash rule left is stretching
    if digits:
        table |= TO_WESTERN
    return table


def _unpresent(match: re.Match) -> str:
    return unicodedata.normalize("NFKC", match.group())


def fold(
    text: str,
    *,
    hamza: bool = True,
    alef_maqsura: bool = True,
    taa_marbuta: bool = True,
    diacritics: bool = True,
    tatweel: Tatweel = "drop",
    digits: bool = True,
    presentation_forms: bool = True,
    lower: bool = False,
    offsets: bool = False,
) -> str | tuple[str, list[int]]:
    """Folded text; with offsets=True, (folded, index) where folded[i] came from text[index[i]].

    Each keyword turns one step on (True) or off (False); ``diacritics=True`` drops them. The steps run in
    the order of the module docstring; both forms (with and without offsets) give the same folded text.
    """
    if tatweel not in ("drop", "dash"):
        raise ValueError(f"tatweel must be 'drop' or 'dash', not {tatweel!r}")
    letters = _letter_table(hamza, alef_maqsura, taa_marbuta, digits)
    if offsets:
        return _fold_with_offsets(text, letters, hamza, diacritics, tatweel, presentation_forms, lower)
    if presentation_forms:
        text = _PRESENTATION_FORM.sub(_unpresent, text)
    text = text.translate(_drop_table(diacritics))
    if tatweel == "dash":
        text = _TATWEEL_AS_DASH.sub("-", text)
    text = text.translate(letters)
    if hamza:
        text = _SEATLESS_HAMZA.sub("ي", text)
    return text.lower() if lower else text


def _fold_with_offsets(
    text: str,
    letters: dict,
    hamza: bool,
    diacritics: bool,
    tatweel: Tatweel,
    presentation_forms: bool,
    lower: bool,
) -> tuple[str, list[int]]:
    # The same steps as fold(), on (character, source index) pairs.
    drop = _drop_table(diacritics)
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        piece = (
            unicodedata.normalize("NFKC", ch) if presentation_forms and _PRESENTATION_FORM.match(ch) else ch
        )
        for c in piece.translate(drop):
            chars.append(c)
            index.append(i)
    if tatweel == "dash":
        chars, index = _replace(chars, index, _TATWEEL_AS_DASH, "-")
    kept = [(c.translate(letters), i) for c, i in zip(chars, index, strict=True)]
    chars = [c for c, _ in kept if c]
    index = [i for c, i in kept if c]
    if hamza:
        chars, index = _replace(chars, index, _SEATLESS_HAMZA, "ي")
    folded = "".join(chars)
    if lower:
        if len(folded.lower()) != len(folded):  # "İ" lower-cases to two characters
            pairs = [(low, i) for c, i in zip(chars, index, strict=True) for low in c.lower()]
            index = [i for _, i in pairs]
        folded = folded.lower()
    return folded, index


def _replace(chars: list[str], index: list[int], pattern: re.Pattern, replacement: str) -> tuple[list, list]:
    """Each match of pattern in the characters becomes replacement, mapped to the match's first character."""
    out_chars: list[str] = []
    out_index: list[int] = []
    end = 0
    for m in pattern.finditer("".join(chars)):
        out_chars += chars[end : m.start()] + list(replacement)
        out_index += index[end : m.start()] + [index[m.start()]] * len(replacement)
        end = m.end()
    return out_chars + chars[end:], out_index + index[end:]
