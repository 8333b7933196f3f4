"""United Nations document symbols: read from the UN Parallel Corpus's file names, and from what a reader types.

The corpus names each document by its symbol made into a path: lower case, "/" kept, and the characters a
file name avoids (". ( ) -" and spaces) written "_". So ``2015/s/res/2213__2015_`` is S/RES/2213 (2015),
``2015/e/cn_7/2015/13`` is E/CN.7/2015/13, ``2015/a/70/6__sect__11_`` is A/70/6 (Sect. 11) and
``2015/cedaw/c/lbn/q/4_5`` is CEDAW/C/LBN/Q/4-5 (the leading ``2015/`` is the year the corpus filed it under).

`from_corpus_id` turns such a name into a `UnSymbol`: the symbol as the UN writes it, the body and session it
belongs to (General Assembly session 69 for A/69/767, A/C.3/69/L.5 and A/RES/69/131; the Security Council's
year for S/2015/123 and S/RES/2213 (2015); ECOSOC and every other organ: no session), the resolution number
in the archive's form (69/131, 2213 (2015)) and the year. `search_key` makes a symbol typed any way
(``a / res / 69 / 131``, ``s/res/2213(2015)``) comparable with a stored one. Pure Python: no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.ingest import records

# Organs by a symbol's first element (the General Assembly and the Security Council have sessions here).
ORGANS = {
    "A": "General Assembly",
    "S": "Security Council",
    "E": "Economic and Social Council",
}
# Words after which the UN writes a number with a capital and a full stop: A/69/767/Add.1, Corr.1, Rev.1.
_TITLE_WORDS = {
    "add": "Add.",
    "corr": "Corr.",
    "rev": "Rev.",
    "amend": "Amend.",
    "sect": "Sect.",
    "part": "Part",
    "agenda": "Agenda",
}
_ROMAN = re.compile(r"^[ivxlc]+$")
_SEGMENT = re.compile(r"^[a-z0-9_]+$")
# A segment with a parenthesised tail: 2213__2015_ (" (2015)"), cric_13_ ("(13)"), 6__sect__11_.
_PARENTHESISED = re.compile(r"^(?P<head>[a-z0-9]+?)(?P<gap>__?)(?P<inner>[a-z0-9][a-z0-9_]*)_$")
_YEAR = re.compile(r"^(19[4-9]\d|20\d\d)$")


class SymbolError(ValueError):
    """A corpus document name that is not a UN symbol this module can read."""


@dataclass(frozen=True)
class UnSymbol:
    symbol: str  # as the UN writes it: "S/RES/2213 (2015)", "E/CN.7/2015/13"
    body: str  # records.UNGA, records.UNSC or records.OTHER
    session: int | None  # GA session number or the Security Council's year; None for other organs
    extraordinary: bool = False  # a GA emergency special session (A/ES-10/…)
    resolution: str = ""  # the archive's resolution number (69/131, 2213 (2015)) when it is one
    year: int | None = (
        None  # the year its symbol names (E/RES/2014/31), else the one the corpus files it under
    )
    organ: str = ""  # the symbol's first element (A, S, E, NPT, UNEP …)

    @property
    def kind(self) -> str:
        return records.RESOLUTION if self.resolution or "/RES/" in self.symbol else records.OTHER_KIND

    @property
    def shape(self) -> str:
        """The symbol with its numbers as N (A/RES/N/N, S/N/N/Add.N): what the import's table counts."""
        return re.sub(r"\d+", "N", self.symbol)


def _word(part: str) -> str:
    """One dotted element of a symbol: CN, L, Add, 2015 …"""
    if part in _TITLE_WORDS:
        return _TITLE_WORDS[part].rstrip(".")
    return part.upper()


def _inner(text: str) -> str:
    """What stands in parentheses: 2015, Sect. 11, Part II, Income sect. 1, DTIE."""
    words = text.replace("__", ". ").replace("_", " ").split(" ")
    shown = []
    for i, word in enumerate(words):
        bare = word.rstrip(".")
        if _ROMAN.match(bare) or (len(words) == 1 and bare.isalpha() and len(bare) <= 5):
            shown.append(word.upper())
        elif i == 0:
            shown.append(word[:1].upper() + word[1:])
        else:
            shown.append(word)
    return " ".join(shown)


def _segment(segment: str) -> str:
    """One "/"-separated element of a corpus name, as the UN writes it."""
    if not _SEGMENT.match(segment):
        raise SymbolError(f"unexpected characters in {segment!r}")
    match = _PARENTHESISED.match(segment)
    if match:
        head = _segment(match.group("head"))
        space = " " if match.group("gap") == "__" else ""
        return f"{head}{space}({_inner(match.group('inner'))})"
    segment = segment.rstrip("_")  # "s_" (an empty pair of brackets in the corpus's names)
    if not segment or "__" in segment:
        raise SymbolError(f"cannot read the element {segment!r}")
    parts = segment.split("_")
    out = _word(parts[0])
    for previous, part in zip(parts, parts[1:], strict=False):
        if previous.isdigit() and part.isdigit():
            out += "-" + part  # CEDAW/C/LBN/Q/4-5
        elif previous == "es" and part.isdigit():
            out += "-" + part  # A/ES-10/670
        else:
            out += "." + _word(part)  # E/CN.7, A/AC.182/L.139, Add.1
    return out


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def from_corpus_id(name: str) -> UnSymbol:
    """The symbol a UN Parallel Corpus document name stands for; SymbolError for a shape it cannot read."""
    parts = name.strip().split("/")
    year = None
    if parts and _YEAR.match(parts[0]):
        year = int(parts.pop(0))
    if len(parts) < 2 or any(not part for part in parts):
        raise SymbolError(f"{name!r} is not a corpus document name (year/organ/…/number)")
    written = [_segment(part) for part in parts]
    symbol = "/".join(written)
    raw = [part.rstrip("_") for part in parts]
    organ = written[0]
    body, session, extraordinary, resolution = records.OTHER, None, False, ""
    if raw[0] == "a":
        body, session, extraordinary, resolution = _general_assembly(raw, parts)
    elif raw[0] == "s":
        body, session, resolution = _security_council(raw, parts, year)
    if body == records.OTHER:
        session = None
    if session is None and body != records.OTHER:
        body = records.OTHER
    named_year = next((int(p) for p in raw[1:] if _YEAR.match(p)), None)
    return UnSymbol(
        symbol=symbol,
        body=body,
        session=session,
        extraordinary=extraordinary,
        resolution=resolution,
        year=named_year or year,
        organ=organ,
    )


def _general_assembly(raw: list[str], parts: list[str]) -> tuple[str, int | None, bool, str]:
    """A/69/767, A/RES/69/131, A/C.3/69/L.5, A/INF/69/4, A/ES-10/670 → (body, session, emergency, number)."""
    second = raw[1]
    if second == "res" and len(raw) >= 4 and _number(raw[2]) and raw[3].isdigit():
        return records.UNGA, int(raw[2]), False, f"{int(raw[2])}/{int(raw[3])}"
    if second.startswith("es_") and second[3:].isdigit():
        return records.UNGA, int(second[3:]), True, ""
    if second.isdigit() and int(second) <= 200:
        return records.UNGA, int(second), False, ""
    if (re.fullmatch(r"c_\d", second) or second == "inf") and len(raw) > 2 and raw[2].isdigit():
        if int(raw[2]) <= 200:
            return records.UNGA, int(raw[2]), False, ""
    return records.OTHER, None, False, ""


def _security_council(raw: list[str], parts: list[str], year: int | None) -> tuple[str, int | None, str]:
    """S/RES/2213 (2015), S/2015/123, S/PRST/2015/1, S/AC.29/2015/1 → the Council's year; S/Agenda/7384
    and S/PV.7384 carry none, and take the year the corpus files them under."""
    if raw[1] == "res" and len(parts) >= 3:
        match = re.fullmatch(r"(\d+)__(\d{4})_", parts[2])
        if match:
            number, council_year = int(match.group(1)), int(match.group(2))
            return records.UNSC, council_year, f"{number} ({council_year})"
        return records.OTHER, None, ""
    named = next((int(p) for p in raw[1:] if _YEAR.match(p)), None)
    session = named or year
    return (records.UNSC, session, "") if session else (records.OTHER, None, "")


# --- Symbols as typed ----------------------------------------------------------------------------------

# A symbol in a query: an organ's letters, then at least two more elements separated by "/", each letters,
# digits and dots, with an optional "(2015)" or "(Sect. 11)" at the end. Spaces may stand around "/".
_TYPED = re.compile(
    r"(?<![A-Za-z0-9/])"
    r"(?P<symbol>[A-Za-z]{1,8}(?:[ ]*/[ ]*[A-Za-z0-9][A-Za-z0-9.\-]*){2,}(?:[ ]*\([ ]*[A-Za-z0-9. ]{1,20}\))?)"
    r"(?![A-Za-z0-9/])"
)


def search_key(symbol: str) -> str:
    """A symbol typed or stored any way, as one comparable string: upper case, no spaces, "." kept.
    "a / res / 69 / 131" and "A/RES/69/131" → "A/RES/69/131"; "s/res/2213(2015)" → "S/RES/2213(2015)"."""
    return re.sub(r"\s+", "", symbol).upper()


def find_symbols(text: str) -> list[tuple[int, int, str]]:
    """(start, end, search key) of each UN symbol a query holds (A/RES/69/131, s/res/2213 (2015) …)."""
    found = []
    for match in _TYPED.finditer(text):
        key = search_key(match.group("symbol"))
        if key.split("/", 1)[0] and re.search(r"\d", key):
            found.append((match.start("symbol"), match.end("symbol"), key))
    return found
