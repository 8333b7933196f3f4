"""Citations to copy: who said it, in which session, which resolution and paragraph, when, and where.

Written in the interface language, e.g.
  مجلس وزراء خارجية منظمة التعاون الإسلامي، الدورة 38 (أستانا، 28–30 يونيو 2011)، القرار رقم 32/38-س
  «…»، الفقرة 3. قرارات: https://…/documents/7/#p-12
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from archive.display import gregorian_range
from archive.models import Document, Paragraph, Resolution, Session

# First-strong isolates (FSI … PDI) around every run that may be of the other direction than the citation
# (a place, a number with an Arabic or Latin suffix, a title): in a copied citation, invisible, and they
# keep "Session 38 (Astana …" from coming out as "(30–28 أستانا" in English, or "ORG-2/25" from flipping.
FSI, PDI = "\u2068", "\u2069"


def isolate(text: str) -> str:
    return f"{FSI}{text}{PDI}" if text else ""


def _join(parts) -> str:
    return _("، ").join(part for part in parts if part)


def session_part(session: Session) -> str:
    """"الدورة 38 (أستانا، 28–30 يونيو 2011)" preceded by the body."""
    body = session.body_name
    details = _join([isolate(session.place_name), gregorian_range(session.start_date, session.end_date)])
    short = session.short_title if session.number is not None else ""
    return _join([body, f"{short} ({details})" if details and short else short or details])


def paragraph_part(paragraph: Paragraph | None) -> str:
    if paragraph is None:
        return ""
    if paragraph.number:
        return _("الفقرة %(number)s") % {"number": paragraph.number}
    return _("الفقرة رقم %(position)s في الوثيقة") % {"position": paragraph.position}


def resolution_label(resolution: Resolution, isolated: bool = False) -> str:
    """"القرار رقم 32/38-س" in the interface language; in a citation's text the number is isolated."""
    return _("القرار رقم %(number)s") % {"number": isolate(resolution.number) if isolated else resolution.number}


def resolution_heading(resolution: Resolution) -> str:
    """Body, session (place, dates), resolution number and subject: what every citation of it starts with."""
    number = resolution_label(resolution, isolated=True)
    if resolution.subject:
        number = f"{number} {_quoted(resolution.subject)}"
    return _join([session_part(resolution.session), number])


def document_heading(document: Document, sessions: list[Session]) -> str:
    """The first session, the document's title, symbol and date."""
    parts = [session_part(session) for session in sessions[:1]]
    parts += [_quoted(document.title), isolate(document.symbol), gregorian_range(document.date) if document.date else ""]
    return _join(parts)


def cite(heading: str, url: str, paragraph: Paragraph | None = None) -> str:
    """A heading, the paragraph if one is cited, and the URL: "…، الفقرة 3. قرارات: https://…"."""
    return _("%(citation)s. قرارات: %(url)s") % {"citation": _join([heading, paragraph_part(paragraph)]), "url": url}


def _quoted(text: str) -> str:
    return _("«%(text)s»") % {"text": isolate(text)}
