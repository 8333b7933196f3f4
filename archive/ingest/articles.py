"""Whole texts made of a preamble and numbered articles, grouped in chapters: the UN Charter, the Universal
Declaration of Human Rights and their like.

`parse_articles(lines)` reads lines of text: those before the first chapter or article form the preamble
(one preambular paragraph each), a line "الفصل الأول: مقاصد الهيئة ومبادئها" is a chapter heading (also
when a source left it in English, "Chapter XVI: Miscellaneous Provisions", which the Charter's Arabic text
does), a short line just before an article ("التأليف", "التصويت") is a section heading, a line "المادة 12"
starts article 12, and the article's lines up to the next article, section or chapter are its text: one
paragraph numbered 12, its sub-paragraphs kept as lines. `html_lines(text)` turns an HTML
rendering (the UDHR's: a header with "الديباجة" and <p>s, an <article> per article with its <h2> and <p>,
<li>s) into such lines. Raw text in, dataclasses out; no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from arabic import to_western_digits
from archive.ingest.records import HEADING, OTHER_PARAGRAPH, PREAMBULAR, ParsedParagraph

_ARTICLE = re.compile(r"^\s*المادة\s*[:\-–]?\s*(?P<number>[0-9\u0660-\u0669]{1,3})\s*[:.]?\s*$")
_CHAPTER = re.compile(r"^\s*(?:الفصل|الباب|الجزء|Chapter\s+[IVXLC]+\b)")
_PREAMBLE_HEADING = re.compile(r"^\s*(?:الديباجة|ديباجة)\s*$")


@dataclass
class ArticledText:
    title: str
    paragraphs: list[ParsedParagraph]
    warnings: list[str] = field(default_factory=list)

    @property
    def articles(self) -> list[ParsedParagraph]:
        return [p for p in self.paragraphs if p.kind == OTHER_PARAGRAPH and p.number]

    @property
    def chapters(self) -> list[ParsedParagraph]:
        return [p for p in self.paragraphs if p.kind == HEADING and _CHAPTER.match(p.text)]

    @property
    def preamble(self) -> list[ParsedParagraph]:
        return [p for p in self.paragraphs if p.kind == PREAMBULAR]


def parse_articles(lines: list[str], title: str = "") -> ArticledText:
    """The preamble, chapter headings and numbered articles of a text given line by line."""
    paragraphs: list[ParsedParagraph] = []
    warnings: list[str] = []
    article: ParsedParagraph | None = None
    body: list[str] = []
    expected = 1

    def close():
        nonlocal article, body
        if article is not None:
            article.text = "\n".join(body)
            if not body:
                warnings.append(f"article {article.number} has no text")
            paragraphs.append(article)
        article, body = None, []

    lines = [" ".join(raw.split()) for raw in lines]
    lines = [line for line in lines if line]
    started = False  # a chapter or an article was seen: the preamble is over
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if match := _ARTICLE.match(line):
            close()
            started = True
            number = int(to_western_digits(match.group("number")))
            if number != expected:
                warnings.append(f"article {number} follows article {expected - 1}")
            expected = number + 1
            article = ParsedParagraph("", kind=OTHER_PARAGRAPH, number=str(number))
        elif _CHAPTER.match(line):
            close()
            started = True
            if not re.match(r"[\u0600-\u06ff]", line):
                warnings.append(f"chapter heading not in Arabic in the source: {line}")
            paragraphs.append(ParsedParagraph(line, kind=HEADING))
        elif started and _is_section_heading(line, following):
            # "التأليف", "التصويت": a chapter's section, standing just before an article.
            close()
            paragraphs.append(ParsedParagraph(line, kind=HEADING))
        elif article is not None:
            body.append(line)
        elif _PREAMBLE_HEADING.match(line):
            paragraphs.append(ParsedParagraph(line, kind=HEADING))
        elif not paragraphs and not title:
            title = line
        elif started:
            paragraphs.append(ParsedParagraph(line, kind=HEADING))
        else:
            paragraphs.append(ParsedParagraph(line, kind=PREAMBULAR))
    close()
    return ArticledText(title, paragraphs, warnings)


def _is_section_heading(line: str, following: str) -> bool:
    """A short line without closing punctuation right before an article's number line."""
    return bool(_ARTICLE.match(following)) and len(line) <= 60 and not re.search(r"[.،:؛,;]$", line)


class _Lines(HTMLParser):
    """Text of the block elements of an HTML page, one line each (h1 as the title)."""

    BLOCKS = {"h1", "h2", "h3", "h4", "p", "li"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.title = ""
        self._open: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self._flush()
            self._open = tag

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data):
        if self._open:
            self._text.append(data)

    def _flush(self):
        text = " ".join("".join(self._text).split())
        if self._open == "h1" and not self.title:
            self.title = text
        elif text:
            self.lines.append(text)
        self._open, self._text = None, []


def html_lines(text: str) -> tuple[str, list[str]]:
    """(the page's h1, the text of its headings, paragraphs and list items, one line each)."""
    parser = _Lines()
    parser.feed(text)
    parser.close()
    return parser.title, parser.lines
