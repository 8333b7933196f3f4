"""Entry point of the pure parser: raw bytes in, ParsedDocument out.

Two shapes of source are told apart: a two-layer PDF extraction (see layers.py) and a page of lines
(scraped web pages, plain text, HTML). Both end in the same header analysis (metadata.py) and
paragraph segmentation (segment.py).
"""

from __future__ import annotations

import datetime
import re
from pathlib import PurePath

from arabic import fold
from archive.ingest import docx, formats, pdf, records
from archive.ingest.cleanup import clean_lines
from archive.ingest.dates import find_dates, find_dates_garbled, find_session_dates
from archive.ingest.decoding import decode
from archive.ingest.errors import IngestError
from archive.ingest.furniture import is_muqatel, strip_furniture
from archive.ingest.html import html_to_text, looks_like_html
from archive.ingest.layers import Vocabulary, repair_line, split_layers
from archive.ingest.metadata import (
    SessionEvidence,
    Vote,
    bodies_mentioned,
    find_subject,
    find_symbol,
    find_theme,
    is_number_line,
    looks_like_file_name,
    session_votes,
    symbol_from_file_name,
    symbol_votes,
    url_votes,
)
from archive.ingest.notes import note
from archive.ingest.places import find_places
from archive.ingest.records import ParsedDocument, ParsedParagraph, ParsedResolution, ParsedSession
from archive.ingest.resolution_numbers import (
    canonical_oic_number,
    canonical_un_reference,
    find_printed_numbers,
    find_un_references,
    is_stray_template_number,
)
from archive.ingest.segment import (
    is_resolution_opener,
    marker_alone,
    segment,
    split_marker,
    starts_paragraph,
)

__all__ = ["IngestError", "parse"]

_CONTINUATION = re.compile(r"^\(\s*تابع\s*\)\s*")
_COMMUNIQUE = re.compile(r"البيان الختامي|بيان ختامي")
_LETTER = re.compile(r"رساله مورخه")
_SPEECH = re.compile(r"^كلمه\s")
_REPORT = re.compile(r"^تقرير\b")
_DECLARATION = re.compile(r"^اعلان\b|^نحن\b")
_PREPARATORY = re.compile(r"التحضيري")
_MAX_HEADER = 10
# A page does not open with "و" + article ("والعربية في الدورة …"): such a first line continues
# a sentence from an earlier page, so the body has begun.
_CONJUNCTION_START = re.compile(r"^وا")
_LONG_LINE = 160
_OIC_BODIES = {records.OIC_CFM, records.OIC_SUMMIT}
_UN_BODIES = {records.UNGA, records.UNSC}
_TERMINAL = re.compile(r"[.:؛;!?؟)»”\"]\s*$")


BINARY_ENCODINGS = {formats.PDF, formats.DOCX}


def source_text(raw: bytes, filename: str = "") -> tuple[str, str]:
    """(text, encoding) of a source file: decoded text, or text extracted from a PDF or a .docx
    (encoding "pdf" / "docx"). The file name's extension must agree with the content."""
    kind = formats.check(raw, filename)
    if kind == formats.PDF:
        return pdf.extract_text(raw), formats.PDF
    if kind == formats.DOCX:
        return docx.extract_text(raw), formats.DOCX
    return decode(raw)


def parse(raw: bytes, filename: str = "", source_url: str = "") -> ParsedDocument:
    """Parse one source file. Raises IngestError with a readable reason for bad input."""
    text, encoding = source_text(raw, filename)
    extracted = text
    source_format = encoding if encoding in BINARY_ENCODINGS else "plain"
    if looks_like_html(text) and encoding not in BINARY_ENCODINGS:
        text, source_format = html_to_text(text), "html"
    layers = split_layers(text)
    if layers:
        document = _parse_two_layers(layers.clean, layers.garbled, source_url)
    else:
        lines = clean_lines(text)
        if is_muqatel(lines):
            source_format = "muqatel"
        body_lines, _removed = strip_furniture(lines)
        if not body_lines:
            raise IngestError("لا يحتوي الملف على نص بعد حذف عناصر الموقع (no text besides site navigation).")
        document = _parse_page(body_lines, source_url)
        document.source_format = source_format
    _name_by_symbol(document, filename)
    document.source_url = source_url
    document.encoding = encoding
    document.text = extracted
    if not any(p.text.strip() for p in document.paragraphs):
        raise IngestError("لا يحتوي الملف على فقرات (no paragraphs found).")
    _refuse_unless_arabic(document)
    return document


def _name_by_symbol(document: ParsedDocument, filename: str) -> None:
    """A source whose first line is its file name ("A_AC_109_2019_L_18_EA") is titled by the UN symbol
    printed in it or spelled by that name (A/AC.109/2019/L.18); without one the title stays empty, and the
    archive shows what the document is instead. A file named after its symbol gives the symbol too."""
    if looks_like_file_name(document.title):
        document.symbol = document.symbol or symbol_from_file_name(document.title)
        document.title = document.symbol
    document.symbol = document.symbol or symbol_from_file_name(PurePath(filename).name)


# The archive holds Arabic texts. Of the letters in a document's paragraphs, at least this share must be
# Arabic, and at least MIN_ARABIC_LETTERS of them: random ASCII or English lorem ipsum has none, while the
# corpus's least Arabic document (a UN bitext, Arabic beside English) has 28%.
MIN_ARABIC_SHARE = 0.10
MIN_ARABIC_LETTERS = 20


def arabic_share(text: str) -> tuple[float, int]:
    """The share of the text's letters that are Arabic, and how many are."""
    letters = [c for c in text if c.isalpha()]
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f" or "\ufb50" <= c <= "\ufefc")
    return (arabic / len(letters) if letters else 0.0), arabic


def _refuse_unless_arabic(document: ParsedDocument) -> None:
    share, arabic = arabic_share(" ".join(p.text for p in document.paragraphs))
    if share < MIN_ARABIC_SHARE or arabic < MIN_ARABIC_LETTERS:
        percent = round(share * 100)
        raise IngestError(
            f"النص ليس عربيًا: {percent}٪ فقط من حروفه عربية، والأرشيف للنصوص العربية "
            f"(not Arabic text: only {percent}% of its letters are Arabic)."
        )


# --- pages of lines -------------------------------------------------------------------------------


def _header_length(lines: list[str]) -> int:
    """Lines before the body starts: the resolution opener, a numbered, preambular or long paragraph."""
    for index, line in enumerate(lines[:_MAX_HEADER]):
        folded = fold(line)
        if (
            starts_paragraph(line)
            or marker_alone(line)
            or line.startswith(("·", "•"))
            or len(line) > _LONG_LINE
            or (index == 0 and _CONJUNCTION_START.match(folded))
        ):
            return index
    return min(len(lines), _MAX_HEADER)


def _continuation_header_length(lines: list[str]) -> int:
    """A continuation page repeats only the running title, unless a resolution's own header follows it
    (its number line, "بشأن" and the subject): then the header runs on to the body."""
    own = _header_length(lines[1:])
    own_header = lines[1 : 1 + own]
    if any(is_number_line(line) for line in own_header) and find_subject(own_header)[1] is not None:
        return 1 + own
    return 1


def _collect_votes(header: list[str], body: list[str], source_url: str) -> tuple[SessionEvidence, set[str]]:
    bodies = bodies_mentioned(header + body[:3])
    evidence = SessionEvidence()
    for index, line in enumerate(header):
        for vote in session_votes(line, 2.0, index, document_bodies=bodies):
            evidence.add(vote)
    for index, line in enumerate(body):
        opener = index == 0 and is_resolution_opener(line)
        weight = 3.0 if opener else (1.0 if index < 3 else 0.5)
        for vote in session_votes(line, weight, len(header) + index, document_bodies=bodies):
            evidence.add(vote)
    for vote in symbol_votes("\n".join(header + body)) + url_votes(source_url):
        evidence.add(vote)
    return evidence, bodies


def _number_votes(header: list[str], evidence: SessionEvidence) -> None:
    """A resolution number in the header also says which session it belongs to."""
    for index, line in enumerate(header):
        if not is_number_line(line):
            continue
        for printed in find_printed_numbers(line):
            body = records.OIC_SUMMIT if printed.summit else records.OIC_CFM
            for part in (printed.first, printed.second):
                if part:
                    evidence.add(Vote(body, "", part, False, 0.5, index))
        for ref in find_un_references(line):
            if ref.kind == "un-ga" and ref.session:
                evidence.add(Vote(records.UNGA, "", ref.session, False, 2.0, index))
            elif ref.kind == "un-sc":
                year = ref.year or _year_in(line)
                if year:
                    evidence.add(Vote(records.UNSC, "", year, False, 2.0, index))


def _year_in(line: str) -> int | None:
    for span in find_dates(line):
        return span.start[0] if span.calendar == "gregorian" else None
    return None


def _choose_sessions(evidence: SessionEvidence, warnings: list[dict]) -> list[ParsedSession]:
    ranked = evidence.ranked()
    if not ranked:
        warnings.append(note("session-not-found"))
        return []
    (body, organ, number, extraordinary), _score = ranked[0]
    sessions = [ParsedSession(body=body, organ=organ, number=number, extraordinary=extraordinary)]
    if body in _UN_BODIES:
        # UN documents circulate texts adopted by OIC meetings (a letter with a declaration annexed):
        # the document belongs to both sessions.
        for (other_body, other_organ, other_number, other_extra), score in ranked[1:]:
            if other_body in _OIC_BODIES and score >= 2.0:
                sessions.append(ParsedSession(other_body, other_number, other_extra, other_organ))
                break
    return sessions


def _fill_session_details(session: ParsedSession, lines: list[str], warnings: list[dict]) -> None:
    text = "\n".join(lines)
    places = find_places(text)
    if places:
        session.place_printed, session.place, session.country = places[0].printed, places[0].name, places[0].country
    else:
        warnings.append(note("place-not-found"))
    dates = find_session_dates(text)
    if dates:
        session.start_date, session.end_date = dates.start, dates.end
        session.hijri_start = _hijri(dates.hijri_start)
        session.hijri_end = _hijri(dates.hijri_end)
        warnings.extend(dates.warnings)
    else:
        warnings.append(note("dates-not-found"))
    session.theme = find_theme(lines)


def _hijri(value: tuple[int, int, int] | None) -> str:
    return f"{value[0]:04d}-{value[1]:02d}-{value[2]:02d}" if value else ""


def _resolution_from_header(
    header: list[str], session: ParsedSession | None, warnings: list[dict]
) -> ParsedResolution | None:
    session_number = session.number if session else None
    summit = bool(session and session.body == records.OIC_SUMMIT)
    for line in header:
        if not is_number_line(line):
            continue
        for printed in find_printed_numbers(line):
            if is_stray_template_number(printed, session_number, summit=summit) or printed.summit != summit:
                continue
            number, notes = canonical_oic_number(printed, session_number, summit=summit)
            warnings.extend(notes)
            return ParsedResolution(number=number, printed_number=printed.raw.strip(), category=printed.category)
        for ref in find_un_references(line):
            if ref.kind == "un-sc" and not ref.year:
                ref_year = _year_in(line)
                number = f"{ref.number} ({ref_year})" if ref_year else str(ref.number)
                return ParsedResolution(number=number, printed_number=ref.raw.strip())
            if ref.kind.startswith("un-"):
                number, notes = canonical_un_reference(ref)
                warnings.extend(notes)
                return ParsedResolution(number=number, printed_number=ref.raw.strip())
    return None


def _un_subject(header: list[str]) -> str:
    """UN style: the subject follows the number, on its line ("52 / 4   التعاون بين …") or the next ones."""
    for index, line in enumerate(header):
        if not is_number_line(line):
            continue
        rest = re.sub(r"^[\d\u0660-\u0669\s/]+", "", line).strip()
        if rest != line.strip() and len(rest) > 15:
            return rest
        following = [other for other in header[index + 1 :] if len(other) > 15]
        return " ".join(following)
    return ""


_IDH = re.compile(r"^و?اذ\s")
_RESOLUTION_TITLE = re.compile(r"^(?:ال)?قرار\b")


def _kind(header: list[str], body: list[str], resolution: ParsedResolution | None) -> str:
    folded_header = [fold(line) for line in header]
    first_body = fold(body[0]) if body else ""
    if resolution or any(_RESOLUTION_TITLE.match(line) for line in folded_header):
        return records.RESOLUTION
    if any(_IDH.match(fold(line)) for line in body[:5]) and any(split_marker(line)[0] for line in body):
        # A resolution page without its header: "وإذ …" preambulars followed by numbered operatives.
        return records.RESOLUTION
    if any(_COMMUNIQUE.search(line) for line in folded_header):
        return records.COMMUNIQUE
    if any(_LETTER.search(line) for line in folded_header):
        return records.LETTER
    if any(_SPEECH.search(line) for line in folded_header):
        return records.SPEECH
    if any(_REPORT.search(line) for line in folded_header):
        return records.REPORT
    if any(_DECLARATION.search(line) for line in folded_header) or _DECLARATION.search(first_body):
        return records.DECLARATION
    return records.OTHER_KIND


def _title(kind: str, header: list[str], body: list[str], resolution: ParsedResolution | None, subject: str) -> str:
    if resolution:
        title = f"القرار {resolution.number}"
        return f"{title} بشأن {subject}" if subject else title
    if kind == records.RESOLUTION:
        # A resolution printed without a number: "قرار بشأن الشؤون الاقتصادية".
        named = [line for line in header if _RESOLUTION_TITLE.match(fold(line))]
        if named:
            return named[0]
    if kind == records.SPEECH:
        return next(line for line in header if _SPEECH.search(fold(line)))
    if kind == records.COMMUNIQUE:
        named = [line for line in header if _COMMUNIQUE.search(fold(line)) and len(line) > 20]
        named.sort(key=lambda line: not _COMMUNIQUE.match(fold(line)))
        if named:
            return named[0]
        session_line = next((line for line in header if not _COMMUNIQUE.search(fold(line))), "")
        return f"البيان الختامي — {session_line}" if session_line else "البيان الختامي"
    source = header[0] if header else body[0]
    return _shorten(source)


def _shorten(text: str, limit: int = 160) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def _parse_page(lines: list[str], source_url: str) -> ParsedDocument:
    warnings: list[dict] = []
    continuation = bool(_CONTINUATION.match(lines[0]))
    if continuation:
        lines = [_CONTINUATION.sub("", lines[0]), *lines[1:]]
    split = _header_length(lines)
    if continuation:
        split = _continuation_header_length(lines)
        # The site marks every page after a session's first "(تابع)"; a page that prints its own number
        # and subject under the running title starts its resolution all the same.
        continuation = split == 1
    if continuation:
        warnings.append(note("continuation-page"))
    header, body = lines[:split], lines[split:]
    evidence, _bodies = _collect_votes(header, body, source_url)
    _number_votes(header or body[:1], evidence)
    sessions = _choose_sessions(evidence, warnings)
    primary = sessions[0] if sessions else None
    # The first paragraph after a header states where and when the meeting was held; a page without a
    # header starts somewhere in the middle, and its first line says nothing about the meeting.
    opener = body[:1] if header else []
    if primary and any(_PREPARATORY.search(fold(line)) for line in header):
        warnings.append(note("preparatory-meeting"))
    elif primary:
        _fill_session_details(primary, header + opener, warnings)
    # A page whose first line is one long paragraph still states its number there ("القرار 61/53 اتخذ …").
    number_zone = header or body[:1]
    resolution = _resolution_from_header(number_zone, primary, warnings)
    subject, subject_index = find_subject(header)
    if resolution and not subject:
        subject = _un_subject(header)
    kind = _kind(header, body, resolution)
    if resolution:
        resolution.subject = subject
        if not subject:
            warnings.append(note("subject-not-found", number=resolution.number))
    elif kind == records.RESOLUTION:
        warnings.append(note("resolution-unnumbered"))
    paragraphs = _header_paragraphs(header, subject_index)
    in_resolution = kind in (records.RESOLUTION, records.DECLARATION) or any(
        is_resolution_opener(line) for line in body[:3]
    )
    paragraphs += segment(body, in_resolution=in_resolution)
    if continuation and body and not starts_paragraph(body[0]):
        warnings.append(note("starts-mid-sentence"))
    if body and not _TERMINAL.search(body[-1]):
        warnings.append(note("ends-mid-sentence"))
    document = ParsedDocument(
        title=_title(kind, header, body, resolution, subject) + (" (تابع)" if continuation else ""),
        kind=kind,
        symbol=find_symbol("\n".join(header or body[:1])),
        sessions=sessions,
        resolutions=[resolution] if resolution else [],
        paragraphs=paragraphs,
        warnings=warnings,
    )
    if resolution:
        for paragraph in document.paragraphs:
            paragraph.resolution_index = 0
    document.date = _document_date(header, primary)
    return document


def _header_paragraphs(header: list[str], subject_index: int | None) -> list[ParsedParagraph]:
    """Header lines shown as headings; the subject's lines (بشأن …) joined into one."""
    if subject_index is None:
        return [ParsedParagraph(text=line, kind=records.HEADING) for line in header]
    before = [ParsedParagraph(text=line, kind=records.HEADING) for line in header[:subject_index]]
    subject = " ".join(header[subject_index:])
    return [*before, ParsedParagraph(text=subject, kind=records.HEADING)]


_DATED = re.compile(r"بتاريخ|المورخ|الموخر|صدر في|اتخذ")


def _document_date(header: list[str], session: ParsedSession | None) -> datetime.date | None:
    """A date the header prints for the document ("بتاريخ …", "المؤرخ في …"); else the session's last day."""
    for line in header:
        if not _DATED.search(fold(line)):
            continue
        for span in find_dates(line):
            if span.calendar == "gregorian" and span.precision == "day":
                return _date(span.end)
    return session.end_date if session else None


def _date(ymd: tuple[int, int, int]) -> datetime.date | None:
    try:
        return datetime.date(*ymd)
    except ValueError:
        return None


# --- two-layer PDF extractions --------------------------------------------------------------------

_ANNEX = re.compile(r"مرفق الرساله")
_SIGNED = re.compile(r"^\(توقيع\)")
_ADOPTED = re.compile(r"اعتمد")
_AGENDA_ITEM = re.compile(r"البند\s+(\d+)\s*(\(\S{1,3}\))?")


def _parse_two_layers(clean: list[str], garbled: list[str], source_url: str) -> ParsedDocument:
    warnings = [note("two-layer-pdf")]
    vocabulary = Vocabulary(clean)
    folded_garbled = [fold(line) for line in garbled]

    evidence = SessionEvidence()
    bodies = bodies_mentioned(clean[:3] + garbled[:6])
    for index, line in enumerate(garbled[:2]):
        for vote in session_votes(line, 2.0, index, document_bodies=bodies & _UN_BODIES or bodies):
            evidence.add(vote)
    for index, line in enumerate(clean[:3]):
        for vote in session_votes(line, 2.0, index, document_bodies=bodies):
            evidence.add(vote)
    for vote in url_votes(source_url):
        evidence.add(vote)
    sessions = _choose_sessions(evidence, warnings)
    meeting = next((s for s in sessions if s.body in _OIC_BODIES), sessions[0] if sessions else None)
    if meeting:
        _fill_session_details(meeting, clean[:1], warnings)

    letter_index = next((i for i, line in enumerate(folded_garbled) if _LETTER.search(line)), None)
    letter_date = None
    if letter_index is not None:
        spans = find_dates_garbled(garbled[letter_index])
        if spans:
            letter_date = _date(spans[0].start)
            date_text = _printed_date(spans[0])
    title = "رسالة"
    if letter_date:
        title = f"رسالة مؤرخة {date_text}"
        if "الامين العام" in folded_garbled[letter_index]:
            title += " موجهة إلى الأمين العام"
        if "الممثل الدا" in folded_garbled[letter_index] and letter_index + 1 < len(garbled):
            title += f" من الممثل الدائم {garbled[letter_index + 1]}"
    else:
        warnings.append(note("letter-date-not-found"))

    paragraphs: list[ParsedParagraph] = []
    heading = _un_heading(garbled, clean)
    if heading:
        paragraphs.append(ParsedParagraph(text=heading, kind=records.HEADING))
    signed_at = next((i for i, line in enumerate(clean) if _SIGNED.match(line)), None)
    letter_lines = clean[: signed_at + 1] if signed_at is not None else []
    annex_lines = clean[signed_at + 1 :] if signed_at is not None else clean
    paragraphs += [
        ParsedParagraph(text=line, kind=records.SIGNATURE if _SIGNED.match(line) else records.OTHER_PARAGRAPH)
        for line in letter_lines
    ]
    annex_title = _annex_title(garbled, folded_garbled, vocabulary)
    if annex_lines:
        if letter_date:
            paragraphs.append(ParsedParagraph(text=f"مرفق الرسالة المؤرخة {date_text}", kind=records.HEADING))
        if annex_title:
            paragraphs.append(ParsedParagraph(text=annex_title, kind=records.HEADING))
        else:
            warnings.append(note("annex-title-not-recovered"))
        paragraphs += segment(annex_lines, in_resolution=True)
    return ParsedDocument(
        title=title,
        kind=records.LETTER if letter_index is not None else records.OTHER_KIND,
        date=letter_date,
        source_format="pdf-two-layers",
        sessions=sessions,
        paragraphs=paragraphs,
        warnings=warnings,
    )


def _printed_date(span) -> str:
    """Dates as printed in UN Arabic: "8 تموز/يوليه 2011"."""
    months = [
        "كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو", "حزيران/يونيه",
        "تموز/يوليه", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر", "تشرين الثاني/نوفمبر",
        "كانون الأول/ديسمبر",
    ]
    year, month, day = span.start
    return f"{day} {months[month - 1]} {year}"


def _un_heading(garbled: list[str], clean: list[str]) -> str:
    """"الدورة الخامسة والستون — البند 122 (ق) من جدول الأعمال" from what the layers print."""
    parts = []
    session_line = next((line for line in garbled[:2] if fold(line).startswith("الدوره")), "")
    if session_line:
        parts.append(session_line)
    for line in clean:
        if match := _AGENDA_ITEM.search(line):
            parts.append(f"البند {match.group(1)} {match.group(2) or ''} من جدول الأعمال".replace("  ", " "))
            break
    return " — ".join(parts)


def _annex_title(garbled: list[str], folded: list[str], vocabulary: Vocabulary) -> str:
    """The annexed text's title: the garbled lines between the annex line and "اعتمد …", repaired."""
    start = next((i for i, line in enumerate(folded) if _ANNEX.search(line)), None)
    if start is None:
        return ""
    lines = []
    for line, folded_line in zip(garbled[start + 1 :], folded[start + 1 :], strict=False):
        if _ADOPTED.search(folded_line):
            break
        if "لدي الامم المتحده" in folded_line:
            continue  # the end of the annex line itself
        lines.append(repair_line(line, vocabulary))
    return ": ".join(lines)
