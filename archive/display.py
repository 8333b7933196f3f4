"""How dates, date ranges and digits are shown in the interface language.

Gregorian months come from Django's own locale data (يونيو / June); Hijri months are ours, since Django
knows no Hijri calendar. A Hijri date is the one printed in the source when there is one, otherwise it is
computed from the Gregorian date with hijridate (Umm al-Qura), the same conversion the parser uses.
"""

from __future__ import annotations

import datetime
import re

from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from hijridate import Gregorian

from arabic import to_arabic_indic_digits, to_western_digits

HIJRI_MONTHS = (
    gettext_lazy("محرم"),
    gettext_lazy("صفر"),
    gettext_lazy("ربيع الأول"),
    gettext_lazy("ربيع الآخر"),
    gettext_lazy("جمادى الأولى"),
    gettext_lazy("جمادى الآخرة"),
    gettext_lazy("رجب"),
    gettext_lazy("شعبان"),
    gettext_lazy("رمضان"),
    gettext_lazy("شوال"),
    gettext_lazy("ذو القعدة"),
    gettext_lazy("ذو الحجة"),
)
EN_DASH = "\u2013"


def gregorian_range(start: datetime.date | None, end: datetime.date | None = None) -> str:
    """"28–30 يونيو 2011", "30 يونيو – 2 يوليو 2011", or one date, in the active language."""
    if start is None:
        return ""
    if end is None or end == start:
        return dateformat.format(start, "j F Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}{EN_DASH}{dateformat.format(end, 'j F Y')}"
    if start.year == end.year:
        return f"{dateformat.format(start, 'j F')} {EN_DASH} {dateformat.format(end, 'j F Y')}"
    return f"{dateformat.format(start, 'j F Y')} {EN_DASH} {dateformat.format(end, 'j F Y')}"


def parse_hijri(value: str) -> tuple[int, int, int] | None:
    """The stored "YYYY-MM-DD" Hijri form (Session.hijri_start) as numbers; None if absent or malformed."""
    match = re.fullmatch(r"(\d{3,4})-(\d{1,2})-(\d{1,2})", value or "")
    if not match:
        return None
    year, month, day = map(int, match.groups())
    return (year, month, day) if 1 <= month <= 12 and 1 <= day <= 30 else None


def to_hijri(date: datetime.date | None) -> tuple[int, int, int] | None:
    """Umm al-Qura date of a Gregorian one; None outside hijridate's range (1343–1500 H)."""
    if date is None:
        return None
    try:
        hijri = Gregorian(date.year, date.month, date.day).to_hijri()
    except (OverflowError, ValueError):
        return None
    return hijri.year, hijri.month, hijri.day


def hijri_range(start: tuple[int, int, int] | None, end: tuple[int, int, int] | None = None) -> str:
    """"26–28 رجب 1432 هـ" / "26–28 Rajab 1432 AH"."""
    if start is None:
        return ""
    era = _("هـ")

    def day_month(date):
        return f"{date[2]} {HIJRI_MONTHS[date[1] - 1]}"

    if end is None or end == start:
        return f"{day_month(start)} {start[0]} {era}"
    if start[:2] == end[:2]:
        return f"{start[2]}{EN_DASH}{day_month(end)} {end[0]} {era}"
    if start[0] == end[0]:
        return f"{day_month(start)} {EN_DASH} {day_month(end)} {end[0]} {era}"
    return f"{day_month(start)} {start[0]} {EN_DASH} {day_month(end)} {end[0]} {era}"


# Text between tags; the contents of script and style elements, character references (&#39;) and URLs
# written out in the text (a citation's permalink) are skipped whole.
_HTML_PIECES = re.compile(
    r"(<script\b.*?</script>|<style\b.*?</style>|<[^>]*>|&#?[0-9a-zA-Z]+;|https?://[^\s<]+)", re.S | re.I
)


def convert_digits(text: str, style: str) -> str:
    """Digits of plain text in the reader's style: "arab" (٠١٢), "latn" (012), "source" (unchanged)."""
    if style == "arab":
        return to_arabic_indic_digits(text)
    if style == "latn":
        return to_western_digits(text)
    return text


def convert_digits_in_html(html: str, style: str) -> str:
    """Only the text between tags: URLs, ids, datetime attributes and scripts keep Western digits."""
    if style == "source":
        return html
    pieces = _HTML_PIECES.split(html)
    # split() with one group alternates text (even indexes) and tags (odd indexes).
    return "".join(piece if index % 2 else convert_digits(piece, style) for index, piece in enumerate(pieces))
