"""What the parser hands to the database: plain dataclasses, no Django.

The sync code (archive/sync.py) stores these as they are; everything the parser could not determine
stays None/empty and is explained in ParsedDocument.warnings.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

PARSER_VERSION = "2"

# Body codes, shared with archive.models.Body.
OIC_CFM = "oic-cfm"
OIC_SUMMIT = "oic-summit"
UNGA = "unga"
UNSC = "unsc"
OTHER = "other"

# Document kinds, shared with archive.models.DocumentKind.
RESOLUTION = "resolution"
DECLARATION = "declaration"
COMMUNIQUE = "communique"
LETTER = "letter"
REPORT = "report"
SPEECH = "speech"
OTHER_KIND = "other"

# Paragraph kinds, shared with archive.models.ParagraphKind.
PREAMBULAR = "preambular"
OPERATIVE = "operative"
HEADING = "heading"
SIGNATURE = "signature"
OTHER_PARAGRAPH = "other"


@dataclass
class ParsedSession:
    body: str
    number: int | None
    extraordinary: bool = False
    # For body "other": which organisation (e.g. "puic"), part of the slug.
    organ: str = ""
    theme: str = ""
    place_printed: str = ""
    place: str = ""
    country: str = ""
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    hijri_start: str = ""  # "1432-07-26"
    hijri_end: str = ""

    @property
    def key(self) -> tuple:
        return (self.body, self.organ, self.number, self.extraordinary)


@dataclass
class ParsedResolution:
    number: str  # canonical, e.g. "32/38-س", "52/4", "242 (1967)"
    printed_number: str
    subject: str = ""  # the بشأن … line
    category: str = ""
    session_index: int = 0  # index into ParsedDocument.sessions


@dataclass
class ParsedParagraph:
    text: str
    kind: str = OTHER_PARAGRAPH
    number: str = ""  # as printed: "1", "٥", "(أ)"
    resolution_index: int | None = None  # index into ParsedDocument.resolutions


@dataclass
class ParsedDocument:
    title: str
    kind: str = OTHER_KIND
    symbol: str = ""
    date: datetime.date | None = None
    source_url: str = ""
    source_format: str = ""  # how the text was recognised: "muqatel", "pdf-layers", "plain" …
    # How the raw bytes became text: a text encoding ("utf-8", "utf-16", "cp1256" …) that decodes them,
    # or "pdf" / "docx" for a binary upload whose text was extracted (bytes.decode cannot read those).
    encoding: str = ""
    # The source as text before any cleanup: the decoded bytes, or the text extracted from a PDF or
    # .docx (one paragraph per line, a form feed between PDF pages). What "show the raw text" shows.
    text: str = ""
    sessions: list[ParsedSession] = field(default_factory=list)
    resolutions: list[ParsedResolution] = field(default_factory=list)
    paragraphs: list[ParsedParagraph] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)  # archive.ingest.notes: {"code": …, "params": {…}}
    parser_version: str = PARSER_VERSION
