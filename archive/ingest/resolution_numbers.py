"""Find and normalise resolution numbers as Arabic sources print them.

Three numbering systems meet in this archive:

* OIC (summits and councils of foreign ministers): ``<number>/<session>-<category>``,
  e.g. ``9/20-أت`` is resolution 9 of CFM session 20.  A trailing ``(ق.إ)`` marks a
  resolution of an Islamic *summit* rather than of the CFM.
* UN General Assembly: ``<session>/<number>`` (``52/4``); before session 31 the GA
  numbered resolutions sequentially with the session in brackets (``3376 (د-30)``,
  ``1514 (XV)``); emergency special sessions print as ``دإط-7/2``.
* UN Security Council: ``<number> (<year>)`` (``242 (1967)``).

Sources print these with every imaginable spacing, dash (hyphen, en dash, tatweel),
dotted category letters and Arabic-Indic digits.  This module is pure standard
library: no Django, so it can run inside the ingest pipeline and in search.

Offsets (``start``/``end``) always refer to the text passed in: digit translation is
one character for one character, so no offset mapping is needed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from arabic import to_western_digits
from archive.ingest.notes import note

CATEGORY_LABELS: dict[str, str] = {
    "س": "سياسي",
    "أق": "اقتصادي",
    "ث": "ثقافي",
    "أت": "تنظيمي/إداري",
    "ORG": "تنظيمي",
    "أف": "إداري ومالي",
    "ق": "قانوني",
    "إ": "إعلامي",
    "اج": "اجتماعي",
    "ع": "علمي وتكنولوجي",
    "POL": "سياسي",
    "EC": "اقتصادي",
    "LEG": "قانوني",
    "INF": "إعلامي",
    "AF": "إداري ومالي",
}

# Arabic letters without tatweel (U+0640), which sources use as a dash.
_AR = "\u0621-\u063f\u0641-\u064a"
# Horizontal space only: a number never continues onto the next line, and letting
# \s cross newlines would glue a category to the first letter of the next heading.
_SP = "[ \t\u00a0\u200e\u200f]*"
# Hyphen, Unicode hyphens/dashes, minus sign and tatweel all serve as the dash.
_DASH = "[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u0640]+"
_ALEF = "[أاإآ]"

# Known category codes, letters possibly separated by dots/spaces ("أ. ق", "أ.ف").
# Longest first so that "أق" wins over a bare "ق".
_KNOWN_AR = [
    _ALEF + "[ .]*ق",
    _ALEF + "[ .]*ت",
    _ALEF + "[ .]*ف",
    "ا[ .]*ج",
    "س",
    "ث",
    "ق",
    "ع",
    "إ",
]
_KNOWN = "(?:" + "|".join(_KNOWN_AR) + "|(?i:ORG|POL|EC|LEG|INF|AF)(?![A-Za-z]))"
# After a dash an unknown code is accepted and kept as printed (normalised) if it
# is dotted letters ("ش.إ") or one or two letters ("دع") that are not a common
# short word: a GA title such as "61/53 - صون الأمن" must not become a category.
_SHORT_WORDS = "في|من|عن|إلى|الى|على|أو|او|لا|ما|إن|أن|ان|هو|هي|قد|لم|لن|مع"
_ANY = f"(?:{_KNOWN}|[{_AR}](?:[ ]*\\.[ ]*[{_AR}]){{1,2}}|(?!(?:{_SHORT_WORDS})(?![{_AR}]))[{_AR}]{{1,2}})"

_OIC_RE = re.compile(
    rf"""
    (?<![\d/.])                         # not the tail of a date, symbol or longer number
    (?P<first>\d{{1,3}}){_SP}/{_SP}(?P<second>\d{{1,3}})
    (?![\d/])                           # "9/9/1958" is a date
    (?:
        {_SP}{_DASH}{_SP}(?P<cat_dash>{_ANY})   # "9/20 - أت", "17/29 ـ ث"
      | {_SP}(?P<cat_bare>{_KNOWN})             # "2/6 أق": no dash, so only known codes
    )
    (?![{_AR}])                         # the code must end the word
    (?:{_SP}\({_SP}(?P<summit>ق{_SP}[.\-\u2013\u0640]?{_SP}[أإا]){_SP}\))?   # (ق.إ) (ق أ) (ق-إ)
    """,
    re.VERBOSE,
)

_CATEGORY_STRIP_RE = re.compile("[ .\u00a0\u0640]")


def normalise_category(printed: str) -> str:
    """``"أ. ق"`` -> ``"أق"``, ``"org"`` -> ``"ORG"``; unknown codes stripped of dots/spaces."""
    code = _CATEGORY_STRIP_RE.sub("", printed)
    if code.isascii():
        return code.upper()
    # Sources drop the hamza ("اق"); the codes are written with hamza alef.
    if len(code) == 2 and code[0] in "اإآ" and code[1] in "قتف":
        return "أ" + code[1]
    if code in ("أج", "إج"):
        return "اج"
    return code


@dataclass(frozen=True)
class PrintedNumber:
    """An OIC-style resolution number as printed in a text."""

    raw: str
    first: int
    second: int | None
    category: str  # normalised code, see CATEGORY_LABELS; unknown codes kept as printed
    summit: bool  # printed with "(ق.إ)": a resolution of an Islamic summit
    start: int
    end: int


def find_printed_numbers(text: str) -> list[PrintedNumber]:
    """Every OIC-style number that carries a category, in order of appearance.

    Bare ``a/b`` pairs (no category) are UN GA numbers or noise: see
    :func:`find_un_references`.  Nothing is filtered here: stray template lines
    and cited resolutions are returned too; see :func:`is_stray_template_number`
    and :func:`own_numbers`.
    """
    found = []
    for m in _OIC_RE.finditer(to_western_digits(text)):
        category = m.group("cat_dash") or m.group("cat_bare")
        found.append(
            PrintedNumber(
                raw=text[m.start() : m.end()],
                first=int(m.group("first")),
                second=int(m.group("second")),
                category=normalise_category(category),
                summit=m.group("summit") is not None,
                start=m.start(),
                end=m.end(),
            )
        )
    return found


def format_oic_number(number: int, session: int | None, category: str, summit: bool) -> str:
    """The archive's form of an OIC number: ``32/38-س``, a summit's ``8/11-ث(ق.إ)``."""
    core = f"{number}/{session}-{category}" if session is not None else f"{number}-{category}"
    return core + ("(ق.إ)" if summit else "")


_format_oic = format_oic_number


def canonical_oic_number(
    printed: PrintedNumber, session_number: int | None, *, summit: bool = False
) -> tuple[str, list[dict]]:
    """Canonical ``"32/38-س"`` (summit resolutions get ``"(ق.إ)"`` appended) plus notes (archive.ingest.notes).

    ``session_number`` is the session of the meeting that issued the document;
    ``summit`` says whether that meeting is a summit.  When the number's own
    summit marker disagrees with ``summit`` the number is a citation of the other
    body, so the session cannot arbitrate and the number is kept as printed.
    """
    first, second = printed.first, printed.second
    if session_number is None or printed.summit != summit or second == session_number:
        return _format_oic(first, second, printed.category, printed.summit), []
    canonical_as_printed = _format_oic(first, second, printed.category, printed.summit)
    if first == session_number:
        # muqatel pages sometimes print session/number ("38/32- س" in session 38).
        canonical = _format_oic(second, first, printed.category, printed.summit)
        return canonical, [note("number-reversed", printed=canonical_as_printed, number=second, session=first)]
    return canonical_as_printed, [
        note("number-session-mismatch", printed=canonical_as_printed, session=session_number)
    ]


def is_stray_template_number(
    printed: PrintedNumber, session_number: int | None, *, summit: bool = False
) -> bool:
    """True when a number cannot belong to the document's session.

    muqatel pages carry a template line ("القرار الرقم 1/28 - س") left over from
    another page; its session part matches neither part of the document's session.
    Citations of other sessions are "stray" by this rule too: the caller decides
    whether it is looking at a heading or at body text.
    """
    if session_number is None or printed.summit != summit:
        return False
    return session_number not in (printed.first, printed.second)


def own_numbers(text: str, session_number: int, *, summit: bool = False) -> list[PrintedNumber]:
    """The printed numbers that can be the document's own (session in either part)."""
    return [
        p
        for p in find_printed_numbers(text)
        if not is_stray_template_number(p, session_number, summit=summit) and p.summit == summit
    ]


# --- United Nations -----------------------------------------------------------------

_GA_PARTS = "ألف|باء|جيم|دال|هاء|واو|زاي|حاء|طاء|ياء"

# SC: "242 (1967)", "444(1979)".
_SC_YEAR_RE = re.compile(rf"(?<![\d/])(?P<number>\d{{1,4}}){_SP}\({_SP}(?P<year>(?:19[4-9]|20\d)\d){_SP}\)")
# Old GA style: "3376 (د ـ 30)", "3210 (د-29)"; "د" is for دورة (session).
_GA_OLD_RE = re.compile(
    rf"(?<![\d/])(?P<number>\d{{1,4}}){_SP}\({_SP}د{_SP}{_DASH}?{_SP}(?P<session>\d{{1,2}}){_SP}\)"
)
# Old GA style with a Roman session, as in English or bilingual texts: "1514 (XV)".
_GA_ROMAN_RE = re.compile(rf"(?<![\d/])(?P<number>\d{{1,4}}){_SP}\({_SP}(?P<roman>[IVXL]+){_SP}\)")
# Emergency special session: "دإط ـ 7/2" (دورة استثنائية طارئة), also "ES-7/2".
_GA_ESS_RE = re.compile(
    rf"(?:دإط|دا?ط|ES){_SP}{_DASH}?{_SP}(?P<session>\d{{1,2}}){_SP}/{_SP}(?P<number>\d{{1,3}})(?![\d/])"
)
# Modern GA "52/4", "52 / 4", "38/58 ألف".  Not preceded by "/" or "." (document
# symbols such as A/61/387) and not followed by "/" (dates).
_GA_RE = re.compile(
    rf"(?<![\d/.])(?P<session>\d{{1,2}}){_SP}/{_SP}(?P<number>\d{{1,3}})(?![\d/])"
    rf"(?:[ \t]+(?P<part>{_GA_PARTS})(?![{_AR}]))?"
)
# SC numbers printed without a year need the Council's name just before them:
# "قرار مجلس الأمن رقم 478", "رقم474بتاريخ", "قراري مجلس الأمن رقم 242 و 338".
_SC_CONTEXT_RE = re.compile(
    rf"مجلس\s+ال[أا]من(?:\s+الدولي)?{_SP}(?:ال)?(?:رقم)?{_SP}:?{_SP}(?P<number>\d{{2,4}})(?![\d/])"
)
# UN document symbols of resolutions, as English and Arabic texts print them: "A/RES/52/4",
# "A/RES/ES-7/2", "A/RES/3376 (XXX)", "S/RES/242 (1967)", "S/RES/478". Matched before the bare forms.
_GA_SYMBOL_RE = re.compile(
    r"(?<![A-Za-z/])A\s*/\s*RES\s*/\s*(?:"
    r"ES\s*-\s*(?P<ess>\d{1,2})\s*/\s*(?P<ess_number>\d{1,3})"
    r"|(?P<session>\d{1,2})\s*/\s*(?P<number>\d{1,3})"
    r"|(?P<old>\d{1,4})\s*\(\s*(?P<roman>[IVXL]+)\s*\))(?![\d/])"
)
_SC_SYMBOL_RE = re.compile(
    r"(?<![A-Za-z/])S\s*/\s*RES\s*/\s*(?P<number>\d{1,4})(?:\s*\(\s*(?P<year>(?:19[4-9]|20\d)\d)\s*\))?(?![\d/])"
)
_SC_LIST_NEXT_RE = re.compile(rf"{_SP}(?:[،,]{_SP}و?|و){_SP}(?P<number>\d{{2,4}})(?![\d/(])")
_YEAR_RE = re.compile(r"(?<!\d)(?:19[4-9]\d|20\d\d)(?!\d)")

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def _roman_to_int(roman: str) -> int:
    total = 0
    for i, ch in enumerate(roman):
        value = _ROMAN[ch]
        total += -value if i + 1 < len(roman) and _ROMAN[roman[i + 1]] > value else value
    return total


@dataclass(frozen=True)
class UNReference:
    """A UN resolution number found in a text.

    kind: "un-ga" (``session``/``number``; sessions 1-30 numbered sequentially),
    "un-ga-ess" (emergency special session) or "un-sc" (``number``, ``year`` when
    printed in brackets).  ``dated_year`` is the first year printed shortly after
    the reference ("المؤرخ في ... 1999"), used to catch reversed GA numbers.
    """

    kind: str
    raw: str
    number: int
    session: int | None
    year: int | None
    part: str | None  # GA part letter as printed: "ألف" for 38/58 A
    dated_year: int | None
    start: int
    end: int


def find_un_references(text: str) -> list[UNReference]:
    """GA and SC references in order of appearance, skipping OIC numbers."""
    digits = to_western_digits(text)
    taken = [(p.start, p.end) for p in find_printed_numbers(text)]
    found: list[dict] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(kind, start, end, number, session=None, year=None, part=None):
        if free(start, end):
            taken.append((start, end))
            found.append(
                dict(kind=kind, start=start, end=end, number=number, session=session, year=year, part=part)
            )

    # Most specific patterns first: a document symbol, then a bracketed year or session makes
    # "242 (1967)" unambiguous, and the ESS prefix must claim "7/2" before the bare GA pattern.
    for m in _GA_SYMBOL_RE.finditer(digits):
        if m["ess"]:
            add("un-ga-ess", m.start(), m.end(), int(m["ess_number"]), session=int(m["ess"]))
        elif m["old"]:
            add("un-ga", m.start(), m.end(), int(m["old"]), session=_roman_to_int(m["roman"]))
        else:
            add("un-ga", m.start(), m.end(), int(m["number"]), session=int(m["session"]))
    for m in _SC_SYMBOL_RE.finditer(digits):
        add("un-sc", m.start(), m.end(), int(m["number"]), year=int(m["year"]) if m["year"] else None)
    for m in _SC_YEAR_RE.finditer(digits):
        add("un-sc", m.start(), m.end(), int(m["number"]), year=int(m["year"]))
    for m in _GA_OLD_RE.finditer(digits):
        add("un-ga", m.start(), m.end(), int(m["number"]), session=int(m["session"]))
    for m in _GA_ROMAN_RE.finditer(digits):
        add("un-ga", m.start(), m.end(), int(m["number"]), session=_roman_to_int(m["roman"]))
    for m in _GA_ESS_RE.finditer(digits):
        add("un-ga-ess", m.start(), m.end(), int(m["number"]), session=int(m["session"]))
    for m in _SC_CONTEXT_RE.finditer(digits):
        add("un-sc", m.start("number"), m.end("number"), int(m["number"]))
        pos = m.end()
        while (nxt := _SC_LIST_NEXT_RE.match(digits, pos)) is not None:
            add("un-sc", nxt.start("number"), nxt.end("number"), int(nxt["number"]))
            pos = nxt.end()
    for m in _GA_RE.finditer(digits):
        add("un-ga", m.start(), m.end(), int(m["number"]), session=int(m["session"]), part=m["part"])

    found.sort(key=lambda f: f["start"])
    refs = []
    for i, f in enumerate(found):
        # The date belongs to this reference only up to where the next one starts.
        limit = min(f["end"] + 80, found[i + 1]["start"] if i + 1 < len(found) else len(text))
        year = _YEAR_RE.search(digits, f["end"], limit)
        refs.append(
            UNReference(raw=text[f["start"] : f["end"]], dated_year=int(year.group()) if year else None, **f)
        )
    return refs


def canonical_ga_number(session: int, number: int, *, emergency: bool = False) -> str:
    """``52/4``; sessions 1-30 numbered sequentially: ``3376 (د-30)``; ESS: ``دإط-7/2``."""
    if emergency:
        return f"دإط-{session}/{number}"
    if session <= 30:
        return f"{number} (د-{session})"
    return f"{session}/{number}"


def canonical_sc_number(number: int, year: int | None) -> str:
    """``242 (1967)``; just ``474`` when the year is unknown."""
    return f"{number} ({year})" if year is not None else str(number)


def canonical_un_reference(ref: UNReference) -> tuple[str, list[dict]]:
    """Canonical number for a :class:`UNReference`, plus notes (archive.ingest.notes).

    OIC texts cite GA resolutions in OIC order ("7/54" for 54/7).  A bare ``a/b``
    is read as reversed when the date printed after it belongs to session ``b``
    (a resolution dated in year Y is of session Y-1945 or Y-1946), or, with no
    date, when ``a`` is below 31 (the first session numbered ``session/number``)
    and ``b`` is not.
    """
    if ref.kind == "un-sc":
        if ref.year is None and ref.dated_year is not None:
            # "قرار مجلس الأمن رقم 478 المؤرخ في 20 أغسطس 1980": the date is the adoption date.
            return canonical_sc_number(ref.number, ref.dated_year), [
                note("sc-year-from-date", number=ref.number, year=ref.dated_year)
            ]
        return canonical_sc_number(ref.number, ref.year), []
    if ref.kind == "un-ga-ess":
        return canonical_ga_number(ref.session, ref.number, emergency=True), []
    session, number = ref.session, ref.number
    if "/" not in ref.raw or is_symbol(ref):  # old style (session from the brackets), or a symbol
        return canonical_ga_number(session, number), []
    if ref.dated_year is not None:
        sessions = (ref.dated_year - 1945, ref.dated_year - 1946)
        reversed_ = number in sessions and session not in sessions
    else:
        reversed_ = session < 31 <= number
    if reversed_:
        return f"{number}/{session}", [
            note("ga-number-reversed", printed=f"{session}/{number}", number=session, session=number)
        ]
    return f"{session}/{number}", []


def is_symbol(ref: UNReference) -> bool:
    """Printed as a UN document symbol (A/RES/52/4, S/RES/242 (1967)): its parts are never reversed."""
    return "RES" in ref.raw


_ROMAN_NUMERALS = ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _int_to_roman(value: int) -> str:
    out = []
    for amount, letters in _ROMAN_NUMERALS:
        while value >= amount:
            out.append(letters)
            value -= amount
    return "".join(out)


_CANONICAL_GA_OLD = re.compile(r"^(?P<number>\d+) \(د-(?P<session>\d+)\)$")
_CANONICAL_GA_ESS = re.compile(r"^دإط-(?P<session>\d+)/(?P<number>\d+)$")
_CANONICAL_GA = re.compile(r"^(?P<session>\d+)/(?P<number>\d+)$")
_CANONICAL_SC = re.compile(r"^(?P<number>\d+) \((?P<year>\d{4})\)$")


def un_symbol(body: str, number: str) -> str:
    """The UN document symbol of a resolution in the archive's canonical form, or "" when the number
    does not determine one: ``52/4`` -> ``A/RES/52/4``, ``3376 (د-30)`` -> ``A/RES/3376 (XXX)``,
    ``دإط-7/2`` -> ``A/RES/ES-7/2``, ``450 (1979)`` -> ``S/RES/450 (1979)``; a Council number printed
    without its year (``478``) has none."""
    if body == "unga":
        if m := _CANONICAL_GA_OLD.match(number):
            return f"A/RES/{m['number']} ({_int_to_roman(int(m['session']))})"
        if m := _CANONICAL_GA_ESS.match(number):
            return f"A/RES/ES-{m['session']}/{m['number']}"
        if m := _CANONICAL_GA.match(number):
            return f"A/RES/{m['session']}/{m['number']}"
    if body == "unsc" and (m := _CANONICAL_SC.match(number)):
        return f"S/RES/{m['number']} ({m['year']})"
    return ""


# --- Queries ------------------------------------------------------------------------

_QUERY_OIC_RE = re.compile(
    rf"^(?P<a>\d{{1,3}}){_SP}/{_SP}(?P<b>\d{{1,3}}){_SP}(?:{_DASH})?{_SP}(?P<cat>{_ANY})"
    rf"(?:{_SP}\({_SP}(?P<summit>ق{_SP}[.\-\u2013\u0640]?{_SP}[أإا]){_SP}\))?$"
)
_QUERY_PAIR_RE = re.compile(rf"^(?P<a>\d{{1,3}}){_SP}/{_SP}(?P<b>\d{{1,3}})$")
_QUERY_SC_RE = re.compile(rf"^(?P<n>\d{{1,4}}){_SP}\({_SP}(?P<y>\d{{4}}){_SP}\)$")
_QUERY_GA_OLD_RE = re.compile(rf"^(?P<n>\d{{1,4}}){_SP}\({_SP}د{_SP}{_DASH}?{_SP}(?P<s>\d{{1,2}}){_SP}\)$")


def parse_number_query(q: str) -> list[str]:
    """Canonical numbers a search query may mean; ``[]`` if it is not a number.

    * ``"32/38-س"`` -> ``["32/38-س", "38/32-س"]`` (as typed first; the swap
      because sources print some numbers reversed)
    * ``"32/38"`` / ``"٣٢/٣٨"`` -> ``["32/38", "38/32"]``: exact GA numbers, and
      prefixes of OIC canonicals (``number/session-``)
    * ``"242 (1967)"`` -> ``["242 (1967)"]``; ``"3376 (د-30)"`` -> ``["3376 (د-30)"]``
    """
    q = to_western_digits(q).strip()
    if m := _QUERY_OIC_RE.match(q):
        a, b, cat = int(m["a"]), int(m["b"]), normalise_category(m["cat"])
        summit = m["summit"] is not None
        return list(dict.fromkeys([_format_oic(a, b, cat, summit), _format_oic(b, a, cat, summit)]))
    if m := _QUERY_PAIR_RE.match(q):
        a, b = int(m["a"]), int(m["b"])
        return list(dict.fromkeys([f"{a}/{b}", f"{b}/{a}"]))
    if m := _QUERY_SC_RE.match(q):
        return [canonical_sc_number(int(m["n"]), int(m["y"]))]
    if m := _QUERY_GA_OLD_RE.match(q):
        return [canonical_ga_number(int(m["s"]), int(m["n"]))]
    return []
