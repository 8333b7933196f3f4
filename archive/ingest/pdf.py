"""PDF bytes to text: Arabic in reading order, one line per printed line, pages separated by a form feed.

PDFium (pypdfium2) finds the characters, their boxes and the printed lines; chosen by measurement on
Arabic PDFs (bench/pdf_extract.py, bench/README.md). Its own reading order of an Arabic line is nearly
right, but it moves a dash to the wrong side of a number ("38/32- س" comes out "-38/32 س") and keeps the
mirrored glyph of every bracket (")دورة(" for "(دورة)"). So each line is read again from the characters'
positions: right to left for an Arabic line, with runs of digits and Latin letters read left to right,
and brackets outside those runs turned back.

Then a printed line is joined to the next one when the next one's first word would not have fitted in
the room left at the end of the line: a paragraph wrapped over several lines becomes one line again, as
in the text sources, and a short last line ends its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

import pypdfium2

from archive.ingest.errors import IngestError

_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD
_MIRRORED = str.maketrans("()[]{}<>«»", ")(][}{><»«")
_LTR_JOINERS = set("/.,:٫٬")  # inside a run of digits: 38/32, 1.5, ١٤٣٢/٧
PAGE_BREAK = "\f"
# PDFium puts a space before a vowel mark whose box stands apart from its letter ("ون ُذَكِّر").
_MARK_AFTER_SPACE = re.compile("(?<=[\u0600-\u06ff]) (?=[\u064b-\u065f\u0670])")
# A printed paragraph number opens a new paragraph whatever room the line before it left: "7 - ", "12. ".
_NUMBERED = re.compile(r"^[(]?[0-9\u0660-\u0669]{1,3}\s*[-.)–]")


@dataclass
class _Char:
    text: str
    left: float
    right: float
    bottom: float = 0.0

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2


@dataclass
class Line:
    text: str
    left: float
    right: float
    first_word: float  # width of the first word in reading order
    rtl: bool
    bottom: float = 0.0


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufefc"


def _is_ltr(ch: str) -> bool:
    """Laid out left to right even inside Arabic: digits (ASCII and Arabic-Indic) and Latin letters."""
    return len(ch) == 1 and (ch.isdigit() or (ch.isalpha() and not _is_arabic(ch)))


def _words(chars: list[_Char]) -> list[_Char]:
    """Runs of Arabic letters as PDFium orders them, every other character alone.

    Inside an Arabic word PDFium's order is right while the boxes are not: a ligature's letters share or
    stack their boxes (Amiri's مج, لخ), so only whole words and the characters between them are placed.
    """
    pieces: list[_Char] = []
    for char in chars:
        if pieces and _is_arabic(char.text) and _is_arabic(pieces[-1].text[-1]):
            last = pieces[-1]
            pieces[-1] = _Char(last.text + char.text, min(last.left, char.left), max(last.right, char.right))
        else:
            pieces.append(char)
    return pieces


def _reading_order(chars: list[_Char], rtl: bool) -> list[_Char]:
    visual = sorted(_words(chars), key=lambda c: -c.centre if rtl else c.centre)
    if not rtl:
        return visual
    out: list[_Char] = []
    run: list[_Char] = []
    for index, char in enumerate(visual):
        following = visual[index + 1].text if index + 1 < len(visual) else ""
        joins_run = run and char.text in _LTR_JOINERS and _is_ltr(following) and _is_ltr(run[-1].text)
        latin_space = run and char.text == " " and _is_latin(run[-1].text) and _is_latin(following)
        if _is_ltr(char.text) or joins_run or latin_space:
            run.append(char)
            continue
        out.extend(reversed(run))
        run = []
        out.append(_Char(char.text.translate(_MIRRORED), char.left, char.right))
    out.extend(reversed(run))
    return out


def _is_latin(ch: str) -> bool:
    return len(ch) == 1 and ch.isalpha() and not _is_arabic(ch)


def _lines(textpage) -> list[Line]:
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    lines: list[Line] = []
    current: list[_Char] = []

    def close() -> None:
        inked = [c for c in current if not c.text.isspace()]
        if not inked:
            current.clear()
            return
        strong = [c.text for c in inked if c.text.isalpha()]
        rtl = sum(map(_is_arabic, strong)) * 2 >= len(strong) > 0
        ordered = _reading_order(current, rtl)
        while ordered and ordered[0].text.isspace():
            ordered.pop(0)
        first_word = next((ordered[:i] for i, c in enumerate(ordered) if c.text.isspace()), ordered)
        width = max(c.right for c in first_word) - min(c.left for c in first_word)
        text = _MARK_AFTER_SPACE.sub("", " ".join("".join(c.text for c in ordered).split()))
        bottom = min(c.bottom for c in inked)
        lines.append(Line(text, min(c.left for c in inked), max(c.right for c in inked), width, rtl, bottom))
        current.clear()

    for index, ch in enumerate(text[:count]):
        if ch in "\r\n":
            close()
            continue
        left, bottom, right, _top = textpage.get_charbox(index)
        current.append(_Char(ch, left, right, bottom))
    close()
    return lines


def _wraps(line: Line, following: Line, left_margin: float, right_margin: float, pitch: float) -> bool:
    """Would the next line's first word have fitted at the end of this line? If not, the line wrapped,
    unless the next line is numbered or stands further below than the page's usual line spacing."""
    room = (line.left - left_margin) if line.rtl else (right_margin - line.right)
    slack = 0.02 * (right_margin - left_margin)
    if line.rtl != following.rtl or _NUMBERED.match(following.text):
        return False
    if pitch and line.bottom - following.bottom > 1.3 * pitch:
        return False
    return room < following.first_word + slack


def _pitch(lines: list[Line]) -> float:
    gaps = [a.bottom - b.bottom for a, b in zip(lines, lines[1:], strict=False) if a.bottom > b.bottom]
    return median(gaps) if gaps else 0.0


def _join(pages: list[list[Line]]) -> str:
    every = [line for lines in pages for line in lines]
    if not every:
        return ""
    left_margin = min(line.left for line in every)
    right_margin = max(line.right for line in every)
    out: list[str] = []
    for number, lines in enumerate(pages):
        if number:
            out.append(PAGE_BREAK)
        paragraph = ""
        pitch = _pitch(lines)
        for index, line in enumerate(lines):
            paragraph = f"{paragraph} {line.text}" if paragraph else line.text
            following = lines[index + 1] if index + 1 < len(lines) else None
            if following is None or not _wraps(line, following, left_margin, right_margin, pitch):
                out.append(paragraph)
                paragraph = ""
    return "\n".join(out)


def extract_text(raw: bytes) -> str:
    """The text of a PDF: one paragraph (wrapped printed lines joined) per line, a form feed between pages.

    Raises IngestError for a PDF that is corrupt, encrypted or has no text layer.
    """
    try:
        document = pypdfium2.PdfDocument(raw)
    except pypdfium2.PdfiumError as exc:
        if getattr(exc, "err_code", None) == _PASSWORD_ERROR:
            raise IngestError(
                "ملف PDF محمي بكلمة مرور (encrypted PDF: remove the password and upload it again)."
            ) from exc
        raise IngestError(f"ملف PDF تالف (corrupt PDF: {exc}).") from exc
    try:
        pages = []
        for page in document:
            textpage = page.get_textpage()
            pages.append(_lines(textpage))
            textpage.close()
            page.close()
    except pypdfium2.PdfiumError as exc:
        raise IngestError(f"ملف PDF تالف (corrupt PDF: {exc}).") from exc
    finally:
        document.close()
    text = _join(pages)
    if not any(ch.isalnum() for ch in text):
        raise IngestError(
            f"لا يحتوي ملف PDF على طبقة نص (the PDF has no text layer: {len(pages)} page(s) of images, "
            "a scan? Upload a PDF with text or the text itself)."
        )
    return text
