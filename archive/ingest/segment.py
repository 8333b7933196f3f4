"""Lines to paragraphs: printed numbers, lettered items, wrapped lines joined, kinds recognised."""

from __future__ import annotations

import re

from arabic import fold
from archive.ingest import records
from archive.ingest.records import ParsedParagraph

_DIGIT = r"[0-9\u0660-\u0669\u06f0-\u06f9]"
_DASH = r"[-–—ـ]"
# "1 - ", "١ - ", "1. ", "(1) ", "1) ", "1ـ ", "- ١" at the end of a garbled line is not handled here.
_NUMBER_PREFIX = re.compile(rf"^(?:\(({_DIGIT}{{1,3}})\)|({_DIGIT}{{1,3}})\s*(?:{_DASH}|\.|\)))\s*(?=\S)")
# A number alone on its line: "24)", "6.", "4 -", "12 -", "(3)", "7".
_NUMBER_ALONE = re.compile(rf"^\(?({_DIGIT}{{1,3}})\s*(?:{_DASH}|\.|\))?$")
_LETTERS = "أابجدهوزحطيكلمنسعفصقرشتثخذضظغ"
# "أ- ", "ب) ", "(ج) ", "أ )", "د  )": a letter item of the Arabic abjad order.
_LETTER_PREFIX = re.compile(rf"^(?:\(([{_LETTERS}])\)|([{_LETTERS}])\s*(?:{_DASH}|\)))\s*(?=\S)")
_LETTER_ALONE = re.compile(rf"^\(?([{_LETTERS}])\s*(?:{_DASH}|\))$")
# "27 – 29 ربيع الأول 1424هـ", "10-12 ديسمبر": a day range, not a paragraph number.
_DATE_START = re.compile(rf"^{_DIGIT}{{1,2}}\s*(?:{_DASH}|الي|إلى)\s*{_DIGIT}{{1,2}}\s")
_BULLET = re.compile(r"^[·•▪◦*-]\s+")

# Preambular paragraphs open with إذ/وإذ, وقد, or a circumstantial participle or verbal noun.
_PREAMBULAR_OPENERS = re.compile(
    r"^و?(?:اذ|وقد|قد|منطلقا|موكدا|مستذكرا|مذكرا|منوها|مقتنعا|معربا|مدركا|مراعيا|اخذا|مرحبا|مشيرا|"
    r"مستلهما|مسترشدا|معترفا|ملاحظا|مستعرضا|واعيا|مشددا|اقتناعا|ادراكا|ايمانا|اعترافا|التزاما|"
    r"اقرارا|تاكيدا|حرصا|تقديرا|استرشادا|انطلاقا|بعد الاطلاع|اذا)\b"
)
# The opening formula of a resolution: "إن مجلس وزراء الخارجية …", "إن الجمعية العامة،".
_RESOLUTION_OPENER = re.compile(r"^(?:ان (?:مجلس|الموتمر|موتمر|الجمعيه|اللجنه|روساء)|نحن[،,]?\s)")
# Operative paragraphs open with a verb in the present tense: يقرر، يدعو، تطلب …
_OPERATIVE_VERB = re.compile(r"^و?(?:ي|ت)\S{2,}")
_SIGNATURE = re.compile(r"^(?:\(توقيع\)|صدر في|حرر في|التوقيع|الممثل الدائم|الامين العام$)")
_TERMINAL = re.compile(r"[.:؛;!?؟،,)\]»”\"]$")


def _number_of(match: re.Match) -> str:
    return next(group for group in match.groups() if group)


def split_marker(line: str) -> tuple[str, str]:
    """(printed number or letter, rest of the line). A line that opens with a date is not numbered."""
    if _DATE_START.match(fold(line)):
        return "", line
    for pattern, fmt in ((_NUMBER_PREFIX, "{}"), (_LETTER_PREFIX, "({})")):
        if match := pattern.match(line):
            return fmt.format(_number_of(match)), line[match.end() :]
    return "", line


def marker_alone(line: str) -> str:
    if match := _NUMBER_ALONE.match(line):
        return match.group(1)
    if match := _LETTER_ALONE.match(line):
        return f"({match.group(1)})"
    return ""


def join_markers(lines: list[str]) -> list[str]:
    """Put a number printed alone on its line ("24)", "6.", "أ )") in front of the line it numbers."""
    joined: list[str] = []
    pending = ""
    for line in lines:
        if marker := marker_alone(line):
            pending = marker
            continue
        if pending:
            line = f"{pending} - {line}" if not pending.startswith("(") else f"{pending} {line}"
            pending = ""
        joined.append(line)
    return joined


def is_heading_like(line: str) -> bool:
    """Short, no sentence punctuation, no marker: a section heading such as "في الميدان الاقتصادي"."""
    return len(line) <= 90 and not _TERMINAL.search(line) and not split_marker(line)[0]


def classify(text: str, number: str, *, in_resolution: bool, after_opener: bool, operative_seen: bool) -> str:
    folded = fold(text)
    if _SIGNATURE.match(folded):
        return records.SIGNATURE
    if in_resolution and _RESOLUTION_OPENER.match(folded):
        return records.PREAMBULAR
    if number:
        return records.OPERATIVE if in_resolution else records.OTHER_PARAGRAPH
    if in_resolution and _PREAMBULAR_OPENERS.match(folded) and not operative_seen:
        return records.PREAMBULAR
    if in_resolution and after_opener and not operative_seen and _TERMINAL.search(text):
        return records.PREAMBULAR
    if in_resolution and after_opener and _OPERATIVE_VERB.match(folded):
        return records.OPERATIVE
    if is_heading_like(text):
        return records.HEADING
    return records.OTHER_PARAGRAPH


def is_resolution_opener(line: str) -> bool:
    """The opening formula of a resolution or declaration ("إن مجلس وزراء الخارجية …", "نحن، …")."""
    return bool(_RESOLUTION_OPENER.match(fold(line)))


def starts_paragraph(line: str) -> bool:
    """A line that opens a paragraph of a body: a printed marker, the opener or a preambular opener."""
    folded = fold(line)
    return bool(split_marker(line)[0] or _RESOLUTION_OPENER.match(folded) or _PREAMBULAR_OPENERS.match(folded))


_WRAP_MIN = 90


def _continues(previous: ParsedParagraph, line: str) -> bool:
    """A long line cut without sentence punctuation, followed by a line that opens nothing new."""
    if len(previous.text) < _WRAP_MIN or _TERMINAL.search(previous.text):
        return False
    return not (starts_paragraph(line) or _SIGNATURE.match(fold(line)))


def segment(lines: list[str], *, in_resolution: bool) -> list[ParsedParagraph]:
    """Paragraphs from body lines (header already removed). Numbered and lettered items keep their
    printed marker; in a resolution or declaration the opener, preambulars and operatives are told apart.
    """
    paragraphs: list[ParsedParagraph] = []
    after_opener = operative_seen = False
    for line in join_markers(lines):
        if paragraphs and _continues(paragraphs[-1], line):
            paragraphs[-1].text = f"{paragraphs[-1].text} {line}"
            continue
        number, text = split_marker(line)
        text = _BULLET.sub("", text).strip() or text
        if not text:
            continue
        if in_resolution and is_resolution_opener(text):
            after_opener = True
        kind = classify(
            text, number, in_resolution=in_resolution, after_opener=after_opener, operative_seen=operative_seen
        )
        if kind == records.OPERATIVE:
            operative_seen = True
        paragraphs.append(ParsedParagraph(text=text, kind=kind, number=number))
    if paragraphs and paragraphs[-1].kind == records.HEADING:
        # Nothing follows it: a line cut short where the source ends ("كما قرر - في"), not a heading.
        paragraphs[-1].kind = records.OTHER_PARAGRAPH
    return paragraphs
