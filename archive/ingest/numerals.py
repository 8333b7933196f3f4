"""Arabic digits and written-out ordinals ("الدورة الثامنة والثلاثين" -> 38).

Pure module (standard library only) so the ingest pipeline can use it without Django.

Matching is done on a *folded* copy of the text (`arabic.fold` with a tatweel standing
alone kept as a dash, "15 ـ 17"): real documents mix hamza forms, ى/ي, ة/ه, tatweel and
diacritics, and listing every spelling in the regexes would be unreadable. The fold keeps
a map back to the original offsets, so callers still get spans into the text they passed in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from arabic import fold

__all__ = ["Ordinal", "find_ordinals", "parse_ordinal"]


# --- ordinals ------------------------------------------------------------------------

# Folded spellings (no hamza, ى->ي, ة->ه). حادي only counts inside 11, 21, 31...
_UNITS = {
    "اول": 1, "اولي": 1, "حادي": 1, "حاديه": 1,
    "ثاني": 2, "ثانيه": 2, "ثالث": 3, "ثالثه": 3, "رابع": 4, "رابعه": 4,
    "خامس": 5, "خامسه": 5, "سادس": 6, "سادسه": 6, "سابع": 7, "سابعه": 7,
    "ثامن": 8, "ثامنه": 8, "تاسع": 9, "تاسعه": 9,
}
_TENS = {"عشر": 20, "ثلاث": 30, "اربع": 40, "خمس": 50, "ست": 60, "سبع": 70, "ثمان": 80, "تسع": 90}


def _alt(words) -> str:
    # Longest first so "ثانيه" is not cut to "ثاني".
    return "|".join(sorted(words, key=len, reverse=True))


_END = r"(?!\w)"
_TENS_WORD = rf"(?:{_alt(_TENS)})(?:ون|ين){_END}"
_HUNDRED = rf"م(?:اي|ي)ه{_END}"  # المائة / المئة / الماية, folded (ئ -> ي)
_ORDINAL = re.compile(
    rf"""
    (?<!\w)(?P<conj>و)?
    (?P<body>
      (?P<def>ال)?
      (?:
          (?P<unit>{_alt(_UNITS)}){_END}
          (?: \s+(?P<teen>عشره|عشر){_END}
            | \s+(?:و\s*)?(?:ال)?(?P<tens>{_TENS_WORD})
          )?
        | (?P<ten>عاشره|عاشر){_END}
        | (?P<tensonly>{_TENS_WORD})
        | (?P<hundred>{_HUNDRED})
      )
      (?:\s+بعد\s+(?:ال)?(?P<plus100>{_HUNDRED}))?
    )
    """,
    re.VERBOSE,
)

# Words after which الأول/الثاني/الأولى/الثانية name a month or a king, not an ordinal:
# ربيع الأول, جمادى الأولى, كانون الثاني, تشرين الأول, عبد الله الثاني.
_NOT_AFTER = re.compile(r"(?:ربيع|جمادي|جماد|كانون|تشرين|الله)\s+$")
# "في المائة" is "per cent".
_PERCENT = re.compile(r"في\s+$")


@dataclass(frozen=True)
class Ordinal:
    value: int
    start: int
    end: int
    text: str


def _value(m: re.Match) -> int | None:
    if m["unit"]:
        unit = _UNITS[m["unit"]]
        if m["teen"]:
            value = 10 + unit
        elif m["tens"]:
            value = _TENS[m["tens"][:-2]] + unit
        elif m["unit"].startswith("حادي") and not m["plus100"]:
            return None  # "الحادي" alone is not an ordinal; "الحادية بعد المائة" is 101
        else:
            value = unit
    elif m["ten"]:
        value = 10
    elif m["tensonly"]:
        value = _TENS[m["tensonly"][:-2]]
    else:
        return None if m["plus100"] else 100  # "المائة بعد المائة" is nonsense
    return value + 100 if m["plus100"] else value


def parse_ordinal(words: str) -> int | None:
    """Value of an ordinal written in words ("الحادية بعد المائة" -> 101), else None.

    Accepts both genders, with or without ال and a leading و, and the spelling noise
    of real texts (hamza, ى/ي, ة/ه, tatweel, diacritics, ون/ين).
    """
    folded = fold(words.strip(), tatweel="dash")
    m = _ORDINAL.fullmatch(folded)
    return _value(m) if m else None


def find_ordinals(text: str) -> list[Ordinal]:
    """Every ordinal in running text, longest match first ("الثامنة والثلاثين" is 38).

    To keep false positives out of running text:
    - the first word must carry ال ("عشرين عاما" is a cardinal, "أول دولة" is not
      a session number);
    - an ordinal right after a month or regnal word is skipped (ربيع الأول,
      جمادى الأولى, كانون الثاني, تشرين الأول, عبد الله الثاني);
    - "في المائة" (per cent) is skipped.
    Spans exclude a leading conjunction و.
    """
    folded, index = fold(text, tatweel="dash", offsets=True)
    found = []
    for m in _ORDINAL.finditer(folded):
        if not m["def"]:
            continue
        before = folded[max(0, m.start() - 12):m.start()]
        if _NOT_AFTER.search(before):
            continue
        if m["hundred"] and not m["plus100"] and _PERCENT.search(before):
            continue
        value = _value(m)
        if value is None:
            continue
        start, end = index[m.start("body")], index[m.end("body") - 1] + 1
        found.append(Ordinal(value, start, end, text[start:end]))
    return found
