"""A paragraph's text as HTML with its citations linked: escaped, and the only markup ours.

A cited resolution the archive holds links to its page; one it does not hold links to the UN's official
document when the number gives a UN symbol (https://undocs.org/S/RES/450(1979)), or stays plain text
with a note saying the archive does not hold it. Marks (a search's matches, as (start, end) offsets) may
overlap the citations: each run is cut where a link starts or ends, so <mark> always nests inside <a>.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

UN_DOCUMENTS = "https://undocs.org/"


def undocs_url(symbol: str) -> str:
    """The UN's permanent address of a document by its symbol, written without spaces: S/RES/450(1979)."""
    return UN_DOCUMENTS + quote("".join(symbol.split()), safe="/()-")


def _opening(citation) -> tuple[str, str]:
    """The tag that opens a citation's run and the one that closes it."""
    resolution = citation.resolution
    if resolution is not None:
        note = _("القرار %(number)s في الأرشيف") % {"number": resolution.number}
        if resolution.subject:
            note = f"{note}: {resolution.subject}"
        return format_html('<a class="cited" href="{}" title="{}">', resolution.get_absolute_url(), note), "</a>"
    if citation.symbol:
        note = _("الوثيقة الرسمية %(symbol)s على موقع الأمم المتحدة (ليست في الأرشيف)") % {"symbol": citation.symbol}
        return (
            format_html(
                '<a class="cited cited--external" href="{}" title="{}" rel="external noopener">',
                undocs_url(citation.symbol),
                note,
            ),
            "</a>",
        )
    note = _("القرار %(number)s ليس في الأرشيف") % {"number": citation.number}
    return format_html('<span class="cited cited--missing" title="{}">', note), "</span>"


def render(text: str, citations: Iterable = (), marks: Iterable[tuple[int, int]] = ()) -> SafeString:
    """The text escaped, citations (objects with start, end, number, symbol, resolution) linked, marks in
    <mark>, line breaks as <br>. Citations whose offsets no longer fit the text are left out."""
    links = sorted(
        (c for c in citations if 0 <= c.start < c.end <= len(text)), key=lambda c: (c.start, c.end)
    )
    kept, last_end = [], 0
    for citation in links:  # never two links over one character
        if citation.start >= last_end:
            kept.append(citation)
            last_end = citation.end
    marks = sorted((a, b) for a, b in marks if 0 <= a < b <= len(text))
    cuts = {0, len(text)}
    for citation in kept:
        cuts |= {citation.start, citation.end}
    for a, b in marks:
        cuts |= {a, b}
    points = sorted(cuts)
    parts: list[str] = []
    open_link = None
    for a, b in zip(points, points[1:], strict=False):
        link = next((c for c in kept if c.start <= a and b <= c.end), None)
        if link is not open_link:
            if open_link is not None:
                parts.append(_opening(open_link)[1])
            if link is not None:
                parts.append(_opening(link)[0])
            open_link = link
        piece = _escaped(text[a:b])
        if any(m_a <= a and b <= m_b for m_a, m_b in marks):
            piece = f"<mark>{piece}</mark>"
        parts.append(piece)
    if open_link is not None:
        parts.append(_opening(open_link)[1])
    return mark_safe("".join(parts))


def _escaped(text: str) -> str:
    return str(escape(text)).replace("\r\n", "\n").replace("\n", "<br>")
