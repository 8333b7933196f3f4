"""Citations to copy: who said it, in which session, which resolution and paragraph, when, and where.

Written in the interface language, e.g.
  مجلس وزراء خارجية منظمة التعاون الإسلامي، الدورة 38 (أستانا، 28–30 يونيو 2011)، القرار رقم 32/38-س
  «…»، الفقرة 1 من المنطوق. قرارات: https://…/resolutions/24/#op-1
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from arabic import to_western_digits
from archive.display import gregorian_range
from archive.models import Document, Paragraph, ParagraphKind, Resolution, Session

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


@dataclass(frozen=True)
class ParagraphReference:
    """How a lawyer cites a paragraph: operative paragraph 1 ("op"), preambular paragraph 3 ("pp"), or a
    paragraph of a document that has neither ("p", by its printed number, else counted without headings)."""

    part: str
    number: str

    @property
    def anchor(self) -> str:
        """The paragraph's id on its resolution's page: "op-1", "pp-3"."""
        return f"{self.part}-{self.number}"

    def __str__(self) -> str:
        if self.part == OPERATIVE:
            return _("الفقرة %(number)s من المنطوق") % {"number": self.number}
        if self.part == PREAMBULAR:
            return _("الفقرة %(number)s من الديباجة") % {"number": self.number}
        return _("الفقرة %(number)s") % {"number": self.number}


OPERATIVE, PREAMBULAR, OTHER = "op", "pp", "p"
_NOT_CITED = (ParagraphKind.HEADING, ParagraphKind.SIGNATURE)


def paragraph_references(paragraphs) -> dict[int, ParagraphReference]:
    """paragraph id -> its reference, for paragraphs in reading order (a resolution's, or a document's).

    Preambular paragraphs are unnumbered in the sources and are counted: 1, 2, 3 … Operative paragraphs
    keep their printed number when it is a whole number not used before (a continuation page goes on with
    5, 6 …), else follow the last one. Other paragraphs keep a printed number, else are counted among the
    paragraphs that are neither headings nor signatures. Headings and signatures are not cited."""
    references: dict[int, ParagraphReference] = {}
    preambular = operative = other = 0
    used: set[int] = set()
    for paragraph in paragraphs:
        if paragraph.kind == ParagraphKind.PREAMBULAR:
            preambular += 1
            references[paragraph.pk] = ParagraphReference(PREAMBULAR, str(preambular))
        elif paragraph.kind == ParagraphKind.OPERATIVE:
            printed = to_western_digits(paragraph.number or "").strip(" .()")
            operative = int(printed) if printed.isdigit() and int(printed) not in used else operative + 1
            used.add(operative)
            references[paragraph.pk] = ParagraphReference(OPERATIVE, str(operative))
        elif paragraph.kind not in _NOT_CITED:
            other += 1
            references[paragraph.pk] = ParagraphReference(OTHER, paragraph.number or str(other))
    return references


def paragraph_part(paragraph: Paragraph | None, reference: ParagraphReference | None = None) -> str:
    """"الفقرة 1 من المنطوق" / "operative paragraph 1"; a printed number alone where there is no reference."""
    if reference is not None:
        return str(reference)
    if paragraph is not None and paragraph.number:
        return _("الفقرة %(number)s") % {"number": paragraph.number}
    return ""


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
    title = document.display_title
    # A document known by its symbol alone (A/AC.109/2019/L.18) is cited by it, not by a quoted title.
    named = [_quoted(title), isolate(document.symbol)] if document.symbol != title else [isolate(title)]
    parts += [*named, gregorian_range(document.date) if document.date else ""]
    return _join(parts)


def cite(heading: str, url: str, paragraph: Paragraph | None = None, reference: ParagraphReference | None = None) -> str:
    """A heading, the paragraph if one is cited, and the URL: "…، الفقرة 1 من المنطوق. قرارات: https://…"."""
    part = paragraph_part(paragraph, reference)
    return _("%(citation)s. قرارات: %(url)s") % {"citation": _join([heading, part]), "url": url}


def _quoted(text: str) -> str:
    return _("«%(text)s»") % {"text": isolate(text)}
