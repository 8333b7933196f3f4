"""A document or a resolution as a reference that Zotero, EndNote and Mendeley import: RIS and BibTeX.

One record per item (`Reference`), written by the kept libraries for each format (rispy, bibtexparser), so
quoting, escaping and line layout are theirs. Titles stay in Arabic, as the sources print them; the
body that adopted the text is the author, in the interface language, as in the text citation
(archive/citation.py).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import bibtexparser
import rispy
from bibtexparser.model import Entry, Field
from rispy.writer import RisWriter

from archive.models import Document, Resolution, Session


@dataclass(frozen=True)
class Reference:
    key: str  # a citation key: "qararat-resolution-24"
    title: str
    authors: tuple[str, ...]
    url: str
    date: datetime.date | None = None
    year: int | None = None
    number: str = ""  # the resolution number or the document's symbol
    conference: str = ""  # the session
    place: str = ""


def _sessions_authors(sessions: list[Session]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(session.body_name for session in sessions))


def resolution_reference(resolution: Resolution, url: str) -> Reference:
    session = resolution.session
    title = resolution.subject or resolution.document.display_title
    return Reference(
        key=f"qararat-resolution-{resolution.pk}",
        title=f"{resolution.number} {title}".strip() if resolution.subject else title,
        authors=_sessions_authors([session]),
        url=url,
        date=resolution.document.date or session.start_date,
        year=resolution.document.year or session.year,
        number=resolution.number,
        conference=session.title,
        place=session.place_name,
    )


def document_reference(document: Document, sessions: list[Session], url: str) -> Reference:
    first = sessions[0] if sessions else None
    return Reference(
        key=f"qararat-document-{document.pk}",
        title=document.display_title,
        authors=_sessions_authors(sessions),
        url=url,
        date=document.date,
        year=document.year,
        number=document.symbol,
        conference=first.title if first else "",
        place=first.place_name if first else "",
    )


class _Writer(RisWriter):
    """rispy's RIS writer without its "1." line before each record, which citation managers do not expect."""

    def set_header(self, count):
        return ""


def as_ris(reference: Reference) -> str:
    # GOVDOC: a government document (resolutions, communiqués), the type Zotero maps to "Report"/"Document".
    record = {
        "type_of_reference": "GOVDOC",
        "title": reference.title,
        "authors": list(reference.authors),
        "urls": [reference.url],
        "language": "ar",
    }
    if reference.year:
        record["year"] = str(reference.year)
    if reference.date:
        record["date"] = reference.date.strftime("%Y/%m/%d")
    if reference.number:
        record["number"] = reference.number
    if reference.conference:
        record["secondary_title"] = reference.conference
    if reference.place:
        record["place_published"] = reference.place
    return rispy.dumps([record], implementation=_Writer).lstrip("\n")


def _escaped(text: str) -> str:
    """Text with the characters BibTeX reads as markup escaped."""
    for char in "\\{}&%$#_":
        text = text.replace(char, f"\\{char}")
    return text


def _value(text: str) -> str:
    return "{" + _escaped(text) + "}"


def as_bibtex(reference: Reference) -> str:
    # Titles and corporate authors in double braces: kept as they are, never re-cased or split into names.
    fields = [
        Field("title", "{" + _value(reference.title) + "}"),
        Field("author", "{" + " and ".join(_value(author) for author in reference.authors) + "}"),
        Field("url", "{" + reference.url + "}"),
        Field("language", "{arabic}"),
    ]
    if reference.year:
        fields.append(Field("year", "{" + str(reference.year) + "}"))
    if reference.date:
        fields.append(Field("date", "{" + reference.date.isoformat() + "}"))
    if reference.number:
        fields.append(Field("number", _value(reference.number)))
    if reference.conference:
        fields.append(Field("howpublished", _value(reference.conference)))
    if reference.place:
        fields.append(Field("address", _value(reference.place)))
    return bibtexparser.write_string(bibtexparser.Library([Entry("misc", reference.key, fields)]))
