"""Site furniture: navigation, banners and template lines that scraped pages carry around the text.

Each rule names the site it comes from; lines are compared after cleanup.
"""

from __future__ import annotations

import re

from arabic import fold

# Whole lines that are never part of a document.
_JUNK_LINES = [
    # muqatel.com and its mirrors (moqatel, mokatel, muqatil, raw IP)
    re.compile(r"^ارشادات مقترحات البحث"),
    re.compile(r"^مقاتل من الصحراء$"),
    re.compile(r"^Al Moqatel\b", re.I),
    re.compile(r"^Home Page\s*/"),
    re.compile(r"^(وثيقه|ترجمه)$"),
    re.compile(r"^المصدر\s*:?\s*[\"“]?\s*منظمه (?:الموتمر|التعاون) الاسلامي"),
    re.compile(r"^الانتفاضه الفلسطينيه$"),
    re.compile(r"^<\d+>$"),  # page markers "<5>"
    re.compile(r"^[-=_*]{3,}$"),
    # plord.ps article furniture: "الإثنين 22 مارس 2010 10:13 ص بتوقيت القدس المحتلة"
    re.compile(r"^(السبت|الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه) \d+ \S+ \d{4} \d+:\d+ [صم] "),
    # oic-oci.org banner
    re.compile(r"^الصوت الجامع للعالم الاسلامي$"),
    # habous.gov.ma
    re.compile(r"^islamaumaroc$", re.I),
    # issuu page counters
    re.compile(r"^Page \d+$", re.I),
    re.compile(r"^(Arabic|English|Diacritized|stringlengths)$", re.I),
]
# A dataset viewer's column headers ("Arabic", "stringlengths", "301", "134k"): only on such pages is a
# bare number junk; elsewhere a number alone on its line is a paragraph number.
_DATASET_VIEWER = re.compile(r"^stringlengths$", re.I)
_BARE_COUNT = re.compile(r"^\d+(\.\d+)?k?$")

# muqatel's page template repeats one resolution's number above every page of its collection; it is
# not the number of the page's own resolution (that one follows the session header).
_STRAY_TEMPLATE_NUMBER = re.compile(r"^القرار الرقم 1/28 - س$")

_MUQATEL_MARK = re.compile(r"ارشادات مقترحات البحث|مقاتل من الصحراء|Al Moqatel", re.I)


def is_muqatel(lines: list[str]) -> bool:
    return any(_MUQATEL_MARK.search(fold(line)) for line in lines[:6])


def strip_furniture(lines: list[str]) -> tuple[list[str], list[str]]:
    """Return (kept lines, removed lines). Consecutive duplicate lines (repeated titles) collapse."""
    kept: list[str] = []
    removed: list[str] = []
    muqatel = is_muqatel(lines)
    dataset_viewer = any(_DATASET_VIEWER.match(line) for line in lines[:12])
    for index, line in enumerate(lines):
        folded = fold(line)
        junk = any(pattern.search(folded) for pattern in _JUNK_LINES)
        if dataset_viewer and index < 12 and _BARE_COUNT.match(line):
            junk = True
        if muqatel and index < 8 and _STRAY_TEMPLATE_NUMBER.match(folded):
            junk = True
        if junk or (kept and fold(kept[-1]) == folded):
            removed.append(line)
        else:
            kept.append(line)
    return kept, removed
