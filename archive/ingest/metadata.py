"""What a document says about itself: which body and session, where, when, its number and subject.

Evidence is weighed rather than taken from one line, because sources contradict themselves (a summit
page headed "الدورة العاشرة" above the 11th summit's title) and cite other sessions in their text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from arabic import fold
from archive.ingest import records
from archive.ingest.numerals import find_ordinals

# Body phrases, matched on folded text (no hamza/ى/ة distinctions, no diacritics).
_BODY_PHRASES: list[tuple[str, str, re.Pattern]] = [
    (records.OIC_CFM, "", re.compile(r"وزراء\s*(?:ال)?خارجيه|لوزراء\s*الخارجيه|\bI?CFM\b")),
    (records.OIC_SUMMIT, "", re.compile(r"القمه\s*الاسلامي|موتمر\s*القمه|موتمرات\s*القمه")),
    (records.UNGA, "", re.compile(r"(?:ا|ل)لجمعيه\s*العامه")),
    (records.UNSC, "", re.compile(r"مجلس\s*الامن")),
    (records.OTHER, "puic", re.compile(r"اتحاد\s*(?:ال)?مجالس")),
]
_SESSION_WORD = re.compile(r"(?:الدوره|دورته|دورتها|الدورتين|للدوره|بالدوره)\s*$")
_OPENER_DORATIHI = re.compile(r"دورته[اا]?\s*$")
_EXTRAORDINARY = re.compile(r"الاستثناييه|الاستثنايي|الطاريه")  # folded: ئ -> ي
_WINDOW = 60

# Resolution number lines: "القرار الرقم 38/32- س", "قرار رقم 9 /20 - أت", "52 / 4 التعاون …",
# "قرار مجلس الأمن رقم 450 بتاريخ …", "القرار الرقم 552 (1984)".
_NUMBER_LINE = re.compile(r"(?:^|ـ|-|،)\s*(?:القرار|قرار)\s*(?:مجلس الامن\s*)?(?:الرقم|رقم)?\s*:?\s*\d")
_UN_NUMBER_FIRST = re.compile(r"^\d{1,2}\s*/\s*\d{1,3}\s+\S")
_SUBJECT_INTRO = re.compile(r"^(?:بشان|في شان|حول)\s*:?\s*")
_THEME = re.compile(r"(?:^|\(|،)\s*دوره\s*:?\s*([^()،]{6,120}?)\s*(?:\)|،|$)")
_SYMBOL = re.compile(r"\b((?:A|S|E|ICFM|OIC)/[A-Z0-9./\-]+[A-Z0-9])")
_ICFM_SYMBOL = re.compile(r"\bICFM/(\d{1,2})-(\d{2,4})")
_ARAB_LEAGUE = re.compile(r"\(ق\s*\d+\s*/\s*دع\s*(\d+)")
_URL_GA_SESSION = re.compile(r"/ga/(\d{1,2})/")


@dataclass
class Vote:
    body: str
    organ: str
    number: int
    extraordinary: bool
    weight: float
    line: int


@dataclass
class SessionEvidence:
    votes: list[Vote] = field(default_factory=list)

    def add(self, vote: Vote) -> None:
        self.votes.append(vote)

    def ranked(self) -> list[tuple[tuple, float]]:
        totals: dict[tuple, float] = defaultdict(float)
        for vote in self.votes:
            totals[(vote.body, vote.organ, vote.number, vote.extraordinary)] += vote.weight
        # On equal evidence the later session wins: documents cite earlier sessions, not later ones.
        return sorted(totals.items(), key=lambda item: (-item[1], -(item[0][2] or 0)))


def _nearest_body(folded: str, start: int, end: int) -> tuple[str, str, re.Match] | None:
    """The body phrase closest to an ordinal at [start, end), within a short window."""
    best = None
    for body, organ, pattern in _BODY_PHRASES:
        for match in pattern.finditer(folded, max(0, start - _WINDOW), min(len(folded), end + _WINDOW)):
            distance = start - match.end() if match.end() <= start else match.start() - end
            if distance < 0:
                continue
            if best is None or distance < best[0]:
                best = (distance, body, organ, match)
    return best[1:] if best else None


def session_votes(line: str, weight: float, line_index: int, *, document_bodies: set[str]) -> list[Vote]:
    """Votes for (body, session number) cast by the ordinals of one line."""
    votes = []
    folded = fold(line)
    for ordinal in find_ordinals(line):
        # find_ordinals gives offsets in the printed line; fold() can shorten it by dropping diacritics,
        # so locate the ordinal again in the folded copy.
        position = folded.find(fold(ordinal.text))
        if position < 0:
            continue
        end = position + len(fold(ordinal.text))
        context = folded[max(0, position - 25) : min(len(folded), end + 25)]
        extraordinary = bool(_EXTRAORDINARY.search(context))
        nearest = _nearest_body(folded, position, end)
        before = folded[:position]
        if nearest:
            body, organ, _match = nearest
            w = weight * (1.5 if _OPENER_DORATIHI.search(before) else 1.0)
            votes.append(Vote(body, organ, ordinal.value, extraordinary, w, line_index))
        elif _SESSION_WORD.search(before) and len(document_bodies) == 1:
            # "الدورة الخامسة والستون" alone, in a document of one known body.
            (body,) = document_bodies
            votes.append(Vote(body, "", ordinal.value, extraordinary, weight * 0.75, line_index))
    return votes


def bodies_mentioned(lines: list[str]) -> set[str]:
    found = set()
    for line in lines:
        folded = fold(line)
        for body, _organ, pattern in _BODY_PHRASES:
            if pattern.search(folded):
                found.add(body)
    return found


def symbol_votes(text: str) -> list[Vote]:
    votes = []
    if match := _ICFM_SYMBOL.search(text):
        votes.append(Vote(records.OIC_CFM, "", int(match.group(1)), False, 1.0, -1))
    # Arab League council resolutions close with "(ق 1490/ دع 29/ ج 6 - …)": دع = ordinary session.
    for match in _ARAB_LEAGUE.finditer(fold(text)):
        votes.append(Vote(records.OTHER, "arab-league", int(match.group(1)), False, 2.0, -1))
    return votes


def url_votes(url: str) -> list[Vote]:
    if match := _URL_GA_SESSION.search(url):
        # The address names the session explicitly (un.org/ar/ga/63/…): strong evidence.
        return [Vote(records.UNGA, "", int(match.group(1)), False, 3.0, -1)]
    return []


def find_symbol(text: str) -> str:
    match = _SYMBOL.search(text)
    return match.group(1) if match else ""


# A file name standing in for a title: "A_AC_109_2019_L_18_EA", "002_393cbb48b9883689.txt" (no Arabic,
# no spaces, an underscore or a file extension).
_FILE_NAME = re.compile(r"^(?=[^\s]*(?:_|\.(?:txt|html?|pdf|docx?)$))[\w.\-]+$", re.ASCII | re.IGNORECASE)
# The UN writes these series with a full stop before their number: A/AC.109, A/C.3, A/65/L.18, S/PV.6500.
_DOTTED_SERIES = {"AC", "C", "CN", "CONF", "L", "PV", "SR", "WG", "ADD", "REV", "CORR", "SUB"}
# Language marks the UN's document stores add to a symbol's file name: _E, _A, _EA (English and Arabic) …
_LANGUAGE_MARK = re.compile(r"_(?:[AEFRSC]{1,2}|AR|EN)$")


def looks_like_file_name(title: str) -> bool:
    return bool(_FILE_NAME.match(title.strip()))


def symbol_from_file_name(name: str) -> str:
    """The UN symbol a file is named after, or "": "A_AC_109_2019_L_18_EA" -> "A/AC.109/2019/L.18",
    "A_RES_65_1.txt" -> "A/RES/65/1", "S_PV_6500" -> "S/PV.6500". Underscores stand for both "/" and "."."""
    stem = re.sub(r"\.(?:txt|html?|pdf|docx?)$", "", name.strip(), flags=re.IGNORECASE)
    stem = _LANGUAGE_MARK.sub("", stem)
    parts = stem.split("_")
    if len(parts) < 2 or parts[0].upper() not in ("A", "S", "E") or not all(re.fullmatch(r"[A-Za-z0-9]+", p) for p in parts):
        return ""
    symbol = parts[0].upper()
    for index in range(1, len(parts)):
        previous, part = parts[index - 1], parts[index]
        # The organ letter itself never takes a dot: A/65 …, but A/C.3, A/AC.109.
        dotted = index > 1 and previous.upper() in _DOTTED_SERIES and part.isdigit()
        symbol += ("." if dotted else "/") + (part if part.isdigit() else part.upper())
    if not _SYMBOL.fullmatch(symbol):
        return ""
    # A Security Council resolution's year goes in brackets: S/RES/2213 (2015).
    symbol = re.sub(r"^(S/RES/\d+)/((?:19|20)\d\d)$", r"\1 (\2)", symbol)
    return re.sub(r"/(ADD|REV|CORR)\.", lambda m: "/" + m.group(1).capitalize() + ".", symbol)


def find_theme(lines: list[str]) -> str:
    for line in lines:
        match = _THEME.search(fold(line))
        if match:
            # Take the printed spelling: the same span in the unfolded line when lengths agree.
            start, end = match.span(1)
            if len(fold(line)) == len(line):
                return line[start:end].strip(" :،")
            return match.group(1).strip(" :،")
    return ""


def is_number_line(line: str) -> bool:
    folded = fold(line)
    return bool(_NUMBER_LINE.search(folded) or _UN_NUMBER_FIRST.match(folded))


def find_subject(lines: list[str]) -> tuple[str, int | None]:
    """The بشأن … subject in header lines (on its line and the lines after), and its first line index."""
    for index, line in enumerate(lines):
        folded = fold(line)
        match = _SUBJECT_INTRO.match(folded)
        if not match:
            continue
        words = line.split()
        intro_words = len(folded[: match.end()].split())
        parts = [" ".join(words[intro_words:])] + lines[index + 1 :]
        return " ".join(part for part in parts if part).strip(" :،"), index
    return "", None
