"""Resolutions cited in a paragraph: where each is printed, its number in the archive's form, its body.

Every form the sources print, read through archive.ingest.resolution_numbers (the one place numbers are
recognised and canonicalised):

* OIC numbers with a category, ``القرار رقم 1/3 - س (ق أ)``, ``32/38-س``: a summit marker (``(ق أ)``,
  ``(ق.إ)``) makes it a summit's resolution, otherwise the Council of Foreign Ministers'. That is the
  OIC's own convention: a summit's resolutions carry the marker in every document, its own included.
* UN forms: ``242 (1967)`` (the Council), ``52/4``, ``3376 (د-30)``, ``دإط-7/2`` (the General Assembly),
  the symbols ``A/RES/52/4`` and ``S/RES/242 (1967)``, ``قرار مجلس الأمن رقم 478`` and the lists that
  follow it (``… رقم 242 و 338``); each number of a list is its own citation.
* Numbers the form leaves implicit take the citing document's convention: a bare ``القرار رقم 660``
  belongs to the body the sentence names before it (``مجلس الأمن``, ``الجمعية العامة``), else to the
  citing body when that is a UN organ; a bare pair ``1/19`` in an OIC text is a General Assembly number
  when a UN body is named before it or its date fits a GA session (``7/54 … 1999`` is 54/7), otherwise
  the Council of Foreign Ministers' resolution 1 of session 19 (category unknown: ``1/19``).

A bare GA pair or an old-style GA number is only a citation where a word for resolution (قرار, قراراتها,
resolution) stands shortly before it, or it continues a list of citations ("…، و 39 / 7"): a pair of
numbers alone is as often a page, a paragraph or a date. Offsets refer to the text passed in.

Pure standard library, no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from arabic import to_western_digits
from archive.ingest import records
from archive.ingest.resolution_numbers import (
    UNReference,
    canonical_ga_number,
    canonical_sc_number,
    canonical_un_reference,
    find_printed_numbers,
    find_un_references,
    format_oic_number,
    is_symbol,
    un_symbol,
)

UN_BODIES = (records.UNGA, records.UNSC)
OIC_BODIES = (records.OIC_CFM, records.OIC_SUMMIT)


@dataclass(frozen=True)
class FoundCitation:
    start: int
    end: int
    printed: str  # the text at start:end
    number: str  # canonical, as Resolution.number: "32/38-س", "8/11-ث(ق.إ)", "52/4", "450 (1979)", "478"
    body: str  # records.OIC_CFM, OIC_SUMMIT, UNGA or UNSC
    symbol: str = ""  # the UN document symbol when the number gives one: "S/RES/450 (1979)"


# A word for "resolution" before a number: قرار, القرار, بالقرار, قراره, قراراتها, القرارين, قراري, resolution(s).
_CUE_RE = re.compile(r"(?:قرار|resolution)", re.IGNORECASE)
CUE_WINDOW = 40  # characters before a bare number in which the cue must stand
COUNCIL_NAME = 25  # and before a Council number, the Council's name between: "مجلس الأمن الدولي رقم"
LIST_WINDOW = 160  # characters from one citation to the next in a list ("… المؤرخ في … 1982، و 39 / 7")
_LIST_JOINER = re.compile(r"(?:^|[\s،,؛;])و\s*$|[،,]\s*$|\band\s*$")
# Which body a sentence names, nearest before the number winning.
_BODY_NAMES = (
    (re.compile(r"مجلس\s+ال[أا]من|Security\s+Council", re.IGNORECASE), records.UNSC),
    (re.compile(r"الجمعية\s+العامة|General\s+Assembly", re.IGNORECASE), records.UNGA),
    (re.compile(r"(?:ال)?[أا]مم\s+المتحدة|United\s+Nations", re.IGNORECASE), records.UNGA),
    (
        re.compile(r"القمة|وزراء\s+الخارجية|المؤتمر\s+ال[إا]سلامي|منظمة\s+(?:المؤتمر|التعاون)\s+ال[إا]سلامي"),
        "oic",
    ),
)
CONTEXT_WINDOW = 250  # characters before a number searched for the body it belongs to
# "القرار رقم 660", "القرار الرقم 3369،", "قرار رقم: 478": a number with no session, year or category.
_BARE_RE = re.compile(
    r"قرار(?:ه|ها|ات|اته|اتها|ين|ي)?[ \t]+(?:ال)?رقم[ \t]*:?[ \t]*(?P<number>\d{2,4})(?![\d/]|[ \t]*\()"
)
_ANY_DIGIT = re.compile(r"\d")  # \d is Unicode: Western, Arabic-Indic and Persian digits alike
_YEAR_RE = re.compile(r"(?<!\d)(?:19[4-9]\d|20\d\d)(?!\d)")
DATE_WINDOW = 80


def find_citations(
    text: str, *, body: str = "", session_number: int | None = None, before: str = ""
) -> list[FoundCitation]:
    """Every resolution cited in the text, in order. body and session_number are the citing document's
    session (records body codes): they settle the forms that leave the body implicit. before is the text
    just before (the previous paragraph): a list item "القرار الرقم 660" names its body in the sentence
    that introduces the list."""
    if not _ANY_DIGIT.search(text):
        return []  # no number, no citation: most paragraphs, skipped at the cost of one scan
    digits = to_western_digits(text)
    lead = to_western_digits(before[-CONTEXT_WINDOW:])
    found: list[FoundCitation] = []
    for printed in find_printed_numbers(text):
        cited_body = records.OIC_SUMMIT if printed.summit else records.OIC_CFM
        first, second = printed.first, printed.second
        if (
            cited_body == body
            and session_number is not None
            and second is not None
            and (second > session_number >= first or first == session_number != second)
        ):
            # Printed session first, as muqatel prints some of a session's own numbers ("38/32" in 38),
            # and a session cannot cite a later one.
            first, second = second, first
        number = format_oic_number(first, second, printed.category, printed.summit)
        found.append(FoundCitation(printed.start, printed.end, printed.raw, number, cited_body))
    accepted_ends = [c.end for c in found]
    for ref in find_un_references(text):
        citation = _un_citation(ref, digits, body, accepted_ends)
        if citation is not None:
            found.append(citation)
            accepted_ends.append(citation.end)
    taken = [(c.start, c.end) for c in found]
    for m in _BARE_RE.finditer(digits):
        start, end = m.start("number"), m.end("number")
        if any(start < e and s < end for s, e in taken):
            continue
        citation = _bare_citation(int(m["number"]), start, end, text, digits, body, lead)
        if citation is not None:
            found.append(citation)
    found.sort(key=lambda c: c.start)
    return found


def _un_citation(ref: UNReference, digits: str, body: str, accepted_ends: list[int]) -> FoundCitation | None:
    # A symbol or a Council number with its year is a resolution wherever it stands. A Council number
    # after the Council's name needs a word for resolution before that name ("قرار مجلس الأمن رقم 478",
    # not "جلسة مجلس الأمن 7395", a meeting), or to continue a list; GA numbers need a cue too.
    distinctive = is_symbol(ref) or (ref.kind == "un-sc" and ref.year is not None)
    window = CUE_WINDOW + COUNCIL_NAME if ref.kind == "un-sc" else CUE_WINDOW
    if not distinctive and not _cited_here(digits, ref.start, accepted_ends, window):
        return None
    if ref.kind == "un-ga" and "/" not in ref.raw and ref.session is not None and ref.session > 30:
        # "1894 (د-57)": the Assembly numbered resolutions with the session in brackets only until its
        # 30th session; this is another organ's (the Economic and Social Council's).
        return None
    number, reversed_or_dated = canonical_un_reference(ref)
    cited_body = records.UNSC if ref.kind == "un-sc" else records.UNGA
    if ref.kind == "un-ga" and "/" in ref.raw and not is_symbol(ref) and body in OIC_BODIES:
        # A bare pair in an OIC text: the General Assembly's only when the text says so.
        named = _named_body(digits, ref.start)
        if named != records.UNGA and not reversed_or_dated and not _fits_ga_date(ref):
            # Resolution `session` of the Council's session `number`, its category not printed.
            return FoundCitation(ref.start, ref.end, ref.raw, f"{ref.session}/{ref.number}", records.OIC_CFM)
    return FoundCitation(ref.start, ref.end, ref.raw, number, cited_body, un_symbol(cited_body, number))


def _fits_ga_date(ref: UNReference) -> bool:
    """The date printed after a bare pair is that of its GA session (the year the session opened or the next)."""
    if ref.dated_year is None or ref.session is None:
        return False
    sessions = (ref.dated_year - 1945, ref.dated_year - 1946)
    return ref.session in sessions or ref.number in sessions


def _cited_here(digits: str, start: int, accepted_ends: list[int], window: int = 0) -> bool:
    """A word for resolution just before, or the previous citation shortly before with a list joiner."""
    if _CUE_RE.search(digits, max(0, start - (window or CUE_WINDOW)), start):
        return True
    before = [end for end in accepted_ends if end <= start and start - end <= LIST_WINDOW]
    return bool(before) and bool(_LIST_JOINER.search(digits[max(before) : start]))


def _named_body(digits: str, start: int, lead: str = "") -> str:
    """The body the text names nearest before start (within CONTEXT_WINDOW, else in the lead text before
    it): UNSC, UNGA, "oic" or ""."""
    window_start = max(0, start - CONTEXT_WINDOW)
    best, best_at = "", -1
    for pattern, code in _BODY_NAMES:
        for m in pattern.finditer(digits, window_start, start):
            if m.start() > best_at:
                best, best_at = code, m.start()
    if not best and lead:
        return _named_body(lead, len(lead))
    return best


def _bare_citation(
    number: int, start: int, end: int, text: str, digits: str, body: str, lead: str
) -> FoundCitation | None:
    named = _named_body(digits, start, lead)
    cited_body = named if named in UN_BODIES else (body if body in UN_BODIES and not named else "")
    if not cited_body:
        return None  # an OIC number without its session, or no body named: nothing to read it as
    year_match = _YEAR_RE.search(digits, end, min(len(digits), end + DATE_WINDOW))
    year = int(year_match.group()) if year_match else None
    if cited_body == records.UNSC:
        canonical = canonical_sc_number(number, year)  # the year of the date printed after it, if any
    elif year is not None and 1946 <= year <= 1976:
        # Sequentially numbered GA resolutions (sessions 1-30), adopted mostly in the autumn: the session
        # is the year's.
        canonical = canonical_ga_number(year - 1945, number)
    else:
        return None  # a GA number without its session cannot be told from another
    return FoundCitation(start, end, text[start:end], canonical, cited_body, un_symbol(cited_body, canonical))
