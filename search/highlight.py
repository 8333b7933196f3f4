"""Mark the words of a paragraph that matched, through our analysis (never an English analyzer).

A word is marked when its analysed form is one of the query's analysed terms, so a search for تعاون marks
والتعاون; a phrase's words are marked only where they stand together, in order (stop words between them
are skipped, as the index skips them). All other text is escaped: the only HTML in the output is our <mark>.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search import analysis

SNIPPET_LENGTH = 300
ELLIPSIS = "…"


def matches(
    text: str,
    terms: Iterable[str],
    phrases: Iterable[tuple[str, ...]] = (),
    extra: Iterable[tuple[int, int]] = (),
) -> list[tuple[int, int]]:
    """(start, end) of every word whose analysed form is a term, of every run of words that is one of
    the phrases, and the extra spans (a cites: search's citations); neighbours joined by white space merge."""
    wanted = set(terms)
    tokens = [token for token in analysis.tokens(text) if not token.stop]
    found = [(token.start, token.end) for token in tokens if token.text in wanted]
    found += [(start, end) for start, end in extra if 0 <= start < end <= len(text)]
    texts = [token.text for token in tokens]
    for phrase in phrases:
        size = len(phrase)
        for i in range(len(tokens) - size + 1):
            if tuple(texts[i : i + size]) == phrase:  # one mark over the phrase, its stop words included
                found.append((tokens[i].start, tokens[i + size - 1].end))
    spans: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if spans and (start <= spans[-1][1] or not text[spans[-1][1] : start].strip()):
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def mark(text: str, terms: Iterable[str], phrases: Iterable[tuple[str, ...]] = ()) -> SafeString:
    """The whole text, escaped, with <mark> around the matching words."""
    return _render(text, matches(text, terms, phrases), 0, len(text))


def snippet(
    text: str,
    terms: Iterable[str],
    length: int = SNIPPET_LENGTH,
    phrases: Iterable[tuple[str, ...]] = (),
    extra: Iterable[tuple[int, int]] = (),
) -> SafeString:
    """About `length` characters around the first match (the start when nothing matched), on word
    boundaries, with … where the text was cut."""
    spans = matches(text, terms, phrases, extra)
    if len(text) <= length:
        return _render(text, spans, 0, len(text))
    centre = spans[0][0] if spans else 0
    start = max(0, centre - length // 3)
    end = min(len(text), start + length)
    start = max(0, min(start, end - length))
    start, end = _word_boundaries(text, start, end)
    if spans and spans[0][0] < start:  # never cut the first match
        start = spans[0][0]
    inside = [(a, b) for a, b in spans if a >= start and b <= end]
    html = _render(text, inside, start, end)
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    return mark_safe(prefix + html + suffix)


def _word_boundaries(text: str, start: int, end: int) -> tuple[int, int]:
    """Move start forward and end backward to white space, unless that would empty the window."""
    if start > 0 and not text[start - 1].isspace():
        space = _find_space(text, start, end)
        if space is not None:
            start = space + 1
    if end < len(text) and not text[end].isspace():
        space = _rfind_space(text, start, end)
        if space is not None:
            end = space
    return start, end


def _find_space(text: str, start: int, end: int) -> int | None:
    for i in range(start, end):
        if text[i].isspace():
            return i
    return None


def _rfind_space(text: str, start: int, end: int) -> int | None:
    for i in range(end - 1, start, -1):
        if text[i].isspace():
            return i
    return None


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> SafeString:
    parts = []
    position = start
    for a, b in spans:
        parts.append(escape(text[position:a]))
        parts.append(f"<mark>{escape(text[a:b])}</mark>")
        position = b
    parts.append(escape(text[position:end]))
    return mark_safe("".join(str(part) for part in parts).strip())
