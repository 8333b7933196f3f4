"""Hijri and Gregorian dates in Arabic OIC/UN documents, and the dates of a meeting.

Pure module (standard library + hijridate) so the ingest pipeline can use it without Django.

All regexes run on the folded text from `arabic.fold` (western digits, one spelling of
alef/ya/heh and of the hamza seats, no diacritics, stretching tatweel dropped and a tatweel
standing alone kept as a dash), and spans are mapped back
to the caller's text. That is what lets "20شعبان", "يومَي", "1428ﻫ" and "إبريل/ابريل"
share one pattern each.

Representation of a found date (`DateSpan`):
- `start`/`end` are (year, month, day) in the span's own calendar; a single date has
  start == end, a range ("28 -30 يونيه 2011", "30 مايو - 1 يونيو 2011") has both.
- `precision` is "day" or "month". A month+year without a day ("في يونيو 2010") has
  precision "month" and day 0 in both tuples, so it can never be mistaken for a day.
- A bare year is not a date, and neither is a day+month with no year: the year is
  never guessed (texts are often cut right before it).
- Two days joined by و ("يومي 19 و20 شعبان") are read as a range from the first to the
  second.
"""

from __future__ import annotations

import datetime
import re
from bisect import bisect_left
from dataclasses import dataclass, field

from hijridate import Hijri

from arabic import fold
from archive.ingest.notes import note

__all__ = [
    "DateSpan", "SessionDates", "find_dates", "find_dates_garbled", "find_session_dates",
    "hijri_to_gregorian",
]

GREGORIAN = "gregorian"
HIJRI = "hijri"

# Folded spellings (see arabic.fold): أ/إ/آ -> ا, ؤ -> و, ئ/ى -> ي, ة -> ه.
_MONTH_NAMES = {
    GREGORIAN: {
        1: ["يناير", "كانون الثاني"], 2: ["فبراير", "شباط"], 3: ["مارس", "اذار"],
        4: ["ابريل", "نيسان"], 5: ["مايو", "ايار"], 6: ["يونيو", "يونيه", "حزيران"],
        7: ["يوليو", "يوليه", "تموز"], 8: ["اغسطس", "اب"], 9: ["سبتمبر", "ايلول"],
        10: ["اكتوبر", "تشرين الاول"], 11: ["نوفمبر", "تشرين الثاني"], 12: ["ديسمبر", "كانون الاول"],
    },
    HIJRI: {
        1: ["محرم", "المحرم"], 2: ["صفر"], 3: ["ربيع الاول", "ربيع اول"],
        4: ["ربيع الثاني", "ربيع الاخر", "ربيع ثاني", "ربيع اخر"],
        5: ["جمادي الاولي", "جمادي الاول", "جماد الاول", "جماد الاولي"],
        6: ["جمادي الاخره", "جمادي الاخر", "جمادي الثانيه", "جمادي الثاني",
            "جماد الاخر", "جماد الاخره", "جماد الثاني", "جماد الثانيه"],
        7: ["رجب"], 8: ["شعبان"], 9: ["رمضان"], 10: ["شوال"],
        11: ["ذو القعده", "ذي القعده"], 12: ["ذو الحجه", "ذي الحجه"],
    },
}
# Key without spaces, so "ذوالقعده" (glued) and "ربيع  الاول" (double space) both look up.
_MONTHS = {
    name.replace(" ", ""): (calendar, number)
    for calendar, months in _MONTH_NAMES.items()
    for number, names in months.items()
    for name in names
}

_NOT_LETTER_BEFORE = r"(?<![^\W\d_])"  # a digit may touch a month name: "6مايو", "حزيران30"
_NOT_LETTER_AFTER = r"(?![^\W\d_])"
_MONTH = (
    _NOT_LETTER_BEFORE
    + "(?:"
    + "|".join(
        r"\s*".join(map(re.escape, name.split()))
        for name in sorted({n for ms in _MONTH_NAMES.values() for ns in ms.values() for n in ns},
                           key=len, reverse=True)
    )
    + ")"
    + _NOT_LETTER_AFTER
)
_MONTH_RE = re.compile(_MONTH)
# A month with its other-calendar twin: "حزيران/يونيه", "آذار (مارس)", 'أغسطس "آب"'.
_MONTH_EXPR = rf"{_MONTH}(?:\s*[/(\"“”«]\s*{_MONTH}\s*[)\"“”»]?)?"

_DAY = r"(?<!\d)\d{1,2}"
# Between two days: any dash (tatweel included), إلى/الى, حتى, و, or only spaces when
# the dash was lost in conversion ("من 9 11 ديسمبر").
_SEP = r"\s*(?:[-–—‐‑−ـ]|(?:ل?الي|حتي)(?![^\W\d_])|و)\s*|\s+"  # ل?الي: OCR "8 لإلى 12"
# "17 إلى 19 من ذي القعدة", "10 من شهر رمضان"
_OF = r"\s*(?:من\s+)?(?:شهر\s+)?"


def _year(n: int) -> str:
    # "هـ." keeps its abbreviation dot; after "م" a dot ends the sentence.
    return rf"\s*[,،]?\s*(?P<y{n}>\d{{4}})(?!\d)(?:\s*(?:ه(?![^\W\d_])\.?|م(?![^\W\d_])))?"


_DATE = re.compile(
    rf"""
    (?P<d1>{_DAY})
    (?:
        {_OF}(?P<ma>{_MONTH_EXPR})(?:(?P<sepx>{_SEP})(?P<d2x>\d{{1,2}}){_OF}(?P<mb>{_MONTH_EXPR}))?
      | (?P<sep>{_SEP})(?P<d2>\d{{1,2}}){_OF}(?P<mc>{_MONTH_EXPR})
    )
    {_year(1)}
    | (?<![\d/])(?P<nd>\d{{1,2}})/(?P<nm>\d{{1,2}})/(?P<y2>\d{{4}})(?![\d/])(?P<hmark>\s*ه(?![^\W\d_]))?
    | (?<!\d)(?<!\d\s)(?P<mo>{_MONTH_EXPR}){_year(3)}
    """,
    re.VERBOSE,
)

# PDF text layers of right-to-left documents come out in visual order:
# "٢٠١١يوليه  / تموز ٨رسالة" is "8 تموز/يوليه 2011", and
# "٢٠١١يونيه / حزيران٣٠ إلى ٢٨أستانا" is "28 إلى 30 حزيران/يونيه 2011".
_GARBLED = re.compile(
    rf"""
    (?<!\d)(?P<year>\d{{4}})\s*(?P<ma>{_MONTH})\s*/\s*(?P<mb>{_MONTH})\s*
    (?P<dend>\d{{1,2}})(?!\d)(?:\s*(?:الي|[-–—])\s*(?P<dstart>\d{{1,2}})(?!\d))?
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class DateSpan:
    calendar: str  # "gregorian" | "hijri"
    start: tuple[int, int, int]  # (year, month, day); day 0 when precision == "month"
    end: tuple[int, int, int]
    start_char: int  # offsets into the caller's text
    end_char: int
    text: str
    precision: str = "day"  # "day" | "month"


@dataclass(frozen=True)
class SessionDates:
    start: datetime.date | None
    end: datetime.date | None
    hijri_start: tuple[int, int, int] | None
    hijri_end: tuple[int, int, int] | None
    warnings: list[dict] = field(default_factory=list)


def hijri_to_gregorian(y: int, m: int, d: int) -> datetime.date | None:
    """Umm al-Qura conversion via hijridate; None when invalid or out of its range."""
    try:
        g = Hijri(y, m, d).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return datetime.date(g.year, g.month, g.day)


def _month(expr: str) -> tuple[str, int]:
    # The first name of "حزيران/يونيه" decides; the twin names the same month.
    return _MONTHS[re.sub(r"\s+", "", _MONTH_RE.search(expr).group())]


def _valid(calendar: str, ymd: tuple[int, int, int]) -> bool:
    y, m, d = ymd
    if calendar == HIJRI:
        return 1200 <= y <= 1600 and 1 <= d <= 30
    if not 1800 <= y <= 2200:
        return False
    try:
        datetime.date(y, m, d)
    except ValueError:
        return False
    return True


def _from_match(m: re.Match) -> tuple[str, tuple, tuple, str] | None:
    """(calendar, start, end, precision) of one _DATE match, or None if it is not a date."""
    if m["nd"]:
        ymd = (int(m["y2"]), int(m["nm"]), int(m["nd"]))
        calendar = HIJRI if m["hmark"] else GREGORIAN
        return (calendar, ymd, ymd, "day") if _valid(calendar, ymd) else None
    if m["mo"]:
        calendar, month = _month(m["mo"])
        year = int(m["y3"])
        ok = _valid(calendar, (year, month, 1))
        return (calendar, (year, month, 0), (year, month, 0), "month") if ok else None
    year, d1 = int(m["y1"]), int(m["d1"])
    if m["mc"]:  # same-month range
        calendar, month = _month(m["mc"])
        d2 = int(m["d2"])
        if d1 >= d2:
            return None
        start, end = (year, month, d1), (year, month, d2)
    elif m["mb"]:  # range across months; the printed year belongs to the end
        calendar, m1 = _month(m["ma"])
        calendar2, m2 = _month(m["mb"])
        if calendar2 != calendar or m1 == m2 or not m["sepx"].strip():
            return None
        start = (year - 1 if m1 > m2 else year, m1, d1)
        end = (year, m2, int(m["d2x"]))
    else:
        calendar, month = _month(m["ma"])
        start = end = (year, month, d1)
    if _valid(calendar, start) and _valid(calendar, end):
        return calendar, start, end, "day"
    return None


def _span(text: str, index: list[int], m: re.Match, calendar, start, end, precision) -> DateSpan:
    # End at the next kept char, so a dropped tatweel or diacritic ("هـ") stays inside.
    a = index[m.start()]
    b = index[m.end()] if m.end() < len(index) else len(text)
    return DateSpan(calendar, start, end, a, b, text[a:b], precision)


def find_dates(text: str) -> list[DateSpan]:
    """All dates, day ranges and month+year mentions in `text`, in order of appearance.

    Understands Arabic-Indic/Persian digits, glued digits ("20شعبان"), any dash or
    إلى/حتى/و between days, a lost dash ("9 11 ديسمبر"), twin month names
    ("حزيران/يونيه"), Hijri/Gregorian markers (هـ, ه, ﻫ, "هـ.", م) and d/m/yyyy.
    Visual-order PDF text is not handled here: see `find_dates_garbled`.
    """
    folded, index = fold(text, tatweel="dash", offsets=True)
    spans = []
    for m in _DATE.finditer(folded):
        found = _from_match(m)
        if found:
            spans.append(_span(text, index, m, *found))
    return spans


def find_dates_garbled(text: str) -> list[DateSpan]:
    """Best-effort reader for PDF layers printed in visual order ("YEAR MONTH / MONTH DAY").

    Only the twin-month form is recognised ("٢٠١١يوليه  / تموز ٨"), because the slash
    and the two names of one month make it unambiguous; "YEAR MONTH / MONTH END إلى
    START" is read as the range START..END.
    """
    folded, index = fold(text, tatweel="dash", offsets=True)
    spans = []
    for m in _GARBLED.finditer(folded):
        calendar, month = _month(m["ma"])
        if _month(m["mb"])[1] != month:
            continue
        year, end_day = int(m["year"]), int(m["dend"])
        start_day = int(m["dstart"]) if m["dstart"] else end_day
        start, end = (year, month, start_day), (year, month, end_day)
        if start_day <= end_day and _valid(calendar, start) and _valid(calendar, end):
            spans.append(_span(text, index, m, calendar, start, end, "day"))
    return spans


# --- session dates -------------------------------------------------------------------

# Verbs that announce when the meeting was held (folded, so "عُقدت" matches). "لعقد",
# "سيعقد" and "عقده" (to hold / will hold / holding it) fail the word boundaries.
_VERB = re.compile(r"(?<!\w)[وف]?(?:المنعقد(?:ه|ين|تين)?|المعقود(?:ه)?|انعقدت?|عقدت?)(?!\w)")
# "في الفترة من" / "يومي" only count after a meeting noun on the same line: alone they
# also introduce periods that are not meetings ("خلال الفترة من 2 إلى 9 أغسطس 1990،
# صدرت ثلاثة قرارات").
_PERIOD = re.compile(r"(?<!\w)(?:(?:خلال|في)\s+الفتره|يومي)(?!\w)")
_MEETING = re.compile(r"دور[هت]|موتمر|اجتماع|قمه|جلسه")  # folded: مؤتمر -> موتمر
# "الذي عقد في دبي" / "التي عقدت في مكة" cite an earlier meeting, not this one.
_RELATIVE = re.compile(r"(?:الذي|التي|الذين|اللذين|اللتين|اللذان|اللتان)\s+$")
# What may stand between a date and its other-calendar twin: "، الموافق (",
# " (الموافقان ", " الموافق لـ ", " الموافق من ".
_PUNCT = r"[\s،,;:()\[\]\-–—ـ.]*"
_CONNECTOR = re.compile(rf"{_PUNCT}(?:ال)?(?:موافق\w*)?{_PUNCT}(?:(?:ل|من)(?!\w))?{_PUNCT}")
_HEADING = 250  # a title line ("مؤتمر ... في فاس 8 - 12 مايو 1979") is shorter than this
_WINDOW = 400  # folded chars before a date searched for the verb; a meeting sentence needs less


def _announced(folded: str, pos: int) -> bool:
    """Is the date at folded[pos] announced as the meeting's date by its own line?"""
    line = folded[max(folded.rfind("\n", 0, pos) + 1, pos - _WINDOW):pos]
    verbs = list(_VERB.finditer(line))
    if verbs:
        return not _RELATIVE.search(line[:verbs[-1].start()])
    period = _PERIOD.search(line)
    return bool(period and _MEETING.search(line[:period.start()]))


def _in_heading(folded: str, pos: int) -> bool:
    """Is the date at folded[pos] in a short title line naming a meeting, with no verb?"""
    start = folded.rfind("\n", 0, pos) + 1
    end = folded.find("\n", pos)
    line = folded[start:end if end != -1 else len(folded)]
    # Any "عقد" (سيعقد, الذي عقد) means the line talks about some other meeting.
    return len(line) <= _HEADING and "عقد" not in line and bool(_MEETING.search(folded[start:pos]))


def _paired(text: str, spans: list[DateSpan], i: int) -> DateSpan | None:
    """The other-calendar date right after spans[i] if only "الموافق" etc. lies between."""
    if i + 1 >= len(spans):
        return None
    first, second = spans[i], spans[i + 1]
    if second.calendar == first.calendar or second.precision != first.precision:
        return None
    gap, _ = fold(text[first.end_char : second.start_char], tatweel="dash", offsets=True)
    return second if _CONNECTOR.fullmatch(gap) else None


def _session(first: DateSpan, twin: DateSpan | None, warnings: list[dict]) -> SessionDates:
    if first.precision != "day":
        warnings.append(note("date-month-only", printed=first.text))
        return SessionDates(None, None, None, None, warnings)
    hijri = next((s for s in (first, twin) if s and s.calendar == HIJRI), None)
    greg = next((s for s in (first, twin) if s and s.calendar == GREGORIAN), None)
    computed = (hijri_to_gregorian(*hijri.start), hijri_to_gregorian(*hijri.end)) if hijri else None
    start = end = None
    if greg:
        start, end = datetime.date(*greg.start), datetime.date(*greg.end)
        if computed and None in computed:
            warnings.append(note("hijri-unconvertible"))
        elif computed and max(abs((a - b).days) for a, b in zip(computed, (start, end), strict=True)) > 2:
            warnings.append(
                note("dates-disagree", start=start, end=end, computed_start=computed[0], computed_end=computed[1])
            )
    elif None in computed:
        warnings.append(note("hijri-out-of-range"))
    else:
        start, end = computed
        warnings.append(note("gregorian-from-hijri"))
    return SessionDates(
        start, end, hijri.start if hijri else None, hijri.end if hijri else None, warnings
    )


def find_session_dates(text: str) -> SessionDates | None:
    """The dates on which the meeting was held, or None if the text gives none.

    1. The first date announced on its own line, within 400 chars, by a meeting verb
       (المنعقد/المنعقدة/المعقودة/عقدت/انعقدت...), or by "في/خلال الفترة" or "يومي"
       after a meeting noun (الدورة, المؤتمر, اجتماع, القمة, الجلسة); dates after a
       relative clause ("الذي عقد", "التي عقدت") are skipped as citations of other
       meetings. The other-calendar date printed right after it ("الموافق ...") is its twin.
    2. Otherwise a dateline: the first Hijri date directly followed by its Gregorian
       twin (speech headers like "9 - 11 جماد الأول 1430 هـ 4 - 6 مايو 2009م"), with a
       warning that no meeting sentence was found.
    3. Otherwise a short title line naming a meeting ("(تابع) مؤتمر القمة الإسلامي
       السادس في داكار - السنغال 9 - 11 ديسمبر 1991"), with a warning.
    Only a Hijri date: Gregorian computed with hijridate, with a warning. Both, but
    more than 2 days apart from the conversion: printed ones kept, with a warning.
    A month-only meeting date gives start/end None and a warning; nothing is guessed.
    """
    spans = find_dates(text)
    if not spans:
        return None
    folded, index = fold(text, tatweel="dash", offsets=True)
    for i, span in enumerate(spans):
        if _announced(folded, bisect_left(index, span.start_char)):
            return _session(span, _paired(text, spans, i), [])
    for i, span in enumerate(spans):
        if span.calendar == HIJRI and span.precision == "day":
            twin = _paired(text, spans, i)
            if twin:
                return _session(span, twin, [note("dates-from-dateline")])
    for i, span in enumerate(spans):
        if span.precision == "day" and _in_heading(folded, bisect_left(index, span.start_char)):
            return _session(span, _paired(text, spans, i), [note("dates-from-title")])
    return None
