"""HTML pages to text lines: block elements become lines; scripts, styles and navigation are dropped."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = {
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
    "blockquote", "pre", "dd", "dt", "ul", "ol", "hr", "title",
}
_SKIPPED = {"script", "style", "nav", "noscript", "template", "iframe", "object", "svg", "head"}
_LOOKS_HTML = re.compile(r"<\s*(?:!doctype\s+html|html|body|p|div|table)\b", re.I)


def looks_like_html(text: str) -> bool:
    return bool(_LOOKS_HTML.search(text[:5000]))


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data.replace("\n", " "))


def html_to_text(html: str) -> str:
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    return "".join(extractor.parts)


_ACTIVE = (
    ("<script>", re.compile(r"<\s*script\b", re.I)),
    ("on… event handlers", re.compile(r"<[a-z][^>]*?\son[a-z]+\s*=", re.I | re.S)),
    ("javascript: links", re.compile(r"\b(?:href|src|action|formaction)\s*=\s*[\"']?\s*javascript:", re.I)),
)


def active_content(text: str) -> list[str]:
    """What in a page could run in a browser: <script> elements, inline on… handlers, javascript: URLs."""
    return [name for name, pattern in _ACTIVE if pattern.search(text)]
