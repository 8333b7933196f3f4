"""Hand-written builders for tests: parsed records (no database) and stored rows (database)."""

from __future__ import annotations

import datetime
import hashlib
import itertools
from pathlib import Path

from archive.ingest import records
from archive.ingest.records import ParsedDocument, ParsedParagraph, ParsedResolution, ParsedSession
from archive.models import Document, Paragraph, Resolution, Session
from archive.sync import ingest_bytes

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"
_serial = itertools.count(1)


def make_parsed_session(**overrides) -> ParsedSession:
    fields = {
        "body": records.OIC_CFM,
        "number": 38,
        "theme": "السلام والتعاون والتنمية",
        "place_printed": "أستانا",
        "place": "أستانا",
        "country": "كازاخستان",
        "start_date": datetime.date(2011, 6, 28),
        "end_date": datetime.date(2011, 6, 30),
        "hijri_start": "1432-07-26",
        "hijri_end": "1432-07-28",
    }
    return ParsedSession(**{**fields, **overrides})


def make_parsed_document(**overrides) -> ParsedDocument:
    """A resolution of CFM-38 with one preambular and two operative paragraphs, unless overridden."""
    fields = {
        "title": "قرار رقم 32/38-س بشأن التعاون مع المنظمات الدولية",
        "kind": records.RESOLUTION,
        "date": datetime.date(2011, 6, 30),
        "source_format": "plain",
        "sessions": [make_parsed_session()],
        "resolutions": [
            ParsedResolution(
                number="32/38-س",
                printed_number="32/38 - س",
                subject="التعاون مع المنظمات الدولية والإقليمية",
            )
        ],
        "paragraphs": [
            ParsedParagraph("إن مجلس وزراء الخارجية،", kind=records.PREAMBULAR, resolution_index=0),
            ParsedParagraph("يرحب بالتعاون القائم", kind=records.OPERATIVE, number="1", resolution_index=0),
            ParsedParagraph("يطلب إلى الأمين العام", kind=records.OPERATIVE, number="٢", resolution_index=0),
        ],
    }
    return ParsedDocument(**{**fields, **overrides})


def unique_raw(text: str = "نص") -> bytes:
    """Different bytes on every call, so that each stored document has its own checksum."""
    return f"{text} {next(_serial)}".encode()


def make_session(**overrides) -> Session:
    fields = {
        "body": records.OIC_CFM,
        "number": 38,
        "theme": "السلام والتعاون والتنمية",
        "place": "أستانا",
        "place_printed": "أستانة",
        "country": "كازاخستان",
        "start_date": datetime.date(2011, 6, 28),
        "end_date": datetime.date(2011, 6, 30),
        "hijri_start": "1432-07-26",
        "hijri_end": "1432-07-28",
    }
    fields.update(overrides)
    fields.setdefault(
        "slug",
        Session.make_slug(
            fields["body"], fields["number"], fields.get("extraordinary", False), fields.get("organ", "")
        ),
    )
    return Session.objects.create(**fields)


def make_document(*, sessions=(), text: str = "", encoding: str = "utf-8", **overrides) -> Document:
    raw = (text or f"وثيقة {next(_serial)}").encode(encoding)
    fields = {
        "title": "قرار بشأن التعاون مع المنظمات الدولية",
        "kind": records.RESOLUTION,
        "date": datetime.date(2011, 6, 30),
        "source_name": "cfm38-res32.txt",
        "source_url": "https://example.org/cfm38/res32",
        "source_format": "plain",
        "raw": raw,
        "encoding": encoding,
        "checksum": hashlib.sha256(raw).hexdigest(),
        "parser_version": records.PARSER_VERSION,
    }
    document = Document.objects.create(**{**fields, **overrides})
    document.sessions.set(sessions)
    return document


def make_resolution(session: Session, document: Document, **overrides) -> Resolution:
    fields = {
        "number": "32/38-س",
        "printed_number": "32/38 - س",
        "subject": "التعاون مع المنظمات الدولية والإقليمية",
    }
    return Resolution.objects.create(session=session, document=document, **{**fields, **overrides})


def make_paragraph(document: Document, position: int, text: str, **overrides) -> Paragraph:
    return Paragraph.objects.create(document=document, position=position, text=text, **overrides)


def ingest_fixture(relative: str) -> Document:
    """Ingest one real corpus file ("seeds/…" or "raw/…") the way the command does; its document."""
    path = CORPUS / relative
    return ingest_bytes(path.read_bytes(), source_name=path.name).document


def ingest_fixtures(*relatives: str) -> list[Document]:
    return [ingest_fixture(relative) for relative in relatives]


UPLOADS = Path(__file__).resolve().parents[1] / "fixtures" / "uploads"


def indexed_count(search_index) -> int:
    """How many paragraphs the search index holds right now (whichever engine the suite runs on)."""
    return search_index.get_backend().document_count()


def found_ids(words: str) -> set[int]:
    """The paragraphs the engine finds holding every one of the words (the query as /search/ parses it)."""
    from search.query import parse
    from search.retrieve import MAX_HITS, ranked_hits

    parsed = parse(words)
    return {pk for pk, _ in ranked_hits(parsed, MAX_HITS)} if parsed.tree is not None else set()


def stored_entries(search_index, document: int | None = None) -> dict[int, dict]:
    """What the index stores per paragraph id (of one document, if given), in one form for every engine:
    `sessions` and `bodies` as sets, the rest as stored."""
    entries = {}
    for identifier, fields in search_index.get_backend().stored_documents():
        fields = dict(fields)
        for name in ("sessions", "bodies"):
            value = fields.get(name) or []
            fields[name] = set(value.split(",") if isinstance(value, str) else value) - {""}
        if document is None or int(fields["document"]) == document:
            entries[int(identifier.rsplit(".", 1)[1])] = fields
    return entries


def make_staff(
    username: str = "editor", *, superuser: bool = True, permissions: tuple[str, ...] = (), password=None
):
    """A staff user: a superuser, or one with exactly the named permissions ("add_document" …). Without a
    password (tests log in with force_login; hashing one takes a while)."""
    from django.contrib.auth.models import Permission, User

    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.org", password)
    user = User.objects.create_user(username, f"{username}@example.org", password, is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="archive", codename__in=permissions))
    return user
