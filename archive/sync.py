"""Store what the parser found: one atomic, idempotent write per source file.

`ingest_bytes` is the one entry point for the `ingest` command and the admin upload: it checks the size,
parses (which decodes) and stores. `store_document` does the database part on its own (tests call it directly).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError, IntegrityError, models, transaction
from django.utils.translation import gettext as _

from archive.citing import store_document_citations
from archive.ingest.errors import IngestError
from archive.ingest.notes import note
from archive.ingest.overrides import Overrides, apply_overrides
from archive.ingest.parser import BINARY_ENCODINGS, parse
from archive.ingest.records import ParsedDocument, ParsedResolution, ParsedSession
from archive.models import Body, Document, DocumentKind, Paragraph, ParagraphKind, Resolution, Session
from search.indexing import schedule_document_index

logger = logging.getLogger(__name__)

# Session details a later document may fill in but never overwrite.
SESSION_DETAILS = (
    "theme",
    "place_printed",
    "place",
    "country",
    "start_date",
    "end_date",
    "hijri_start",
    "hijri_end",
)
# Spelling as printed differs from document to document by nature: not worth a warning.
QUIET_CONFLICTS = {"place_printed"}
# Documents stored by a command of their own, not by the parser (archive.unpc_import, load_un_texts):
# re-parsing their raw text with the parser would replace their paragraphs with a wrong reading.
NOT_REPARSED = {"unpc", "articles"}
# Resolution details a continuation page may fill in but never overwrite.
RESOLUTION_DETAILS = ("printed_number", "subject", "category")


@dataclass
class IngestResult:
    document: Document
    created: bool
    warnings: list[dict] = field(default_factory=list)


def checksum(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def too_large(size: int, limit: int) -> str:
    return _("الملف أكبر من المسموح: حجمه %(size)s بايت، والحد %(limit)s بايت.") % {
        "size": f"{size:,}",
        "limit": f"{limit:,}",
    }


def check_size(raw: bytes) -> None:
    limit = settings.QARARAT_MAX_UPLOAD_BYTES
    if len(raw) > limit:
        raise IngestError(too_large(len(raw), limit))


def parse_source(
    raw: bytes, source_name: str, source_url: str = "", overrides: Overrides | None = None
) -> ParsedDocument:
    """What would be stored for this file: the parser's reading with the admin's overrides on top.
    The admin's preview shows exactly this; raises IngestError for a file that cannot be ingested."""
    check_size(raw)
    parsed = parse(raw, source_name, source_url)
    if source_url and not parsed.source_url:
        parsed.source_url = source_url
    return apply_overrides(parsed, overrides or Overrides())


def ingest_bytes(
    raw: bytes,
    source_name: str,
    source_url: str = "",
    *,
    overrides: Overrides | None = None,
    on_stored: Callable[[Document], None] | None = None,
) -> IngestResult:
    """Decode, parse and store one source file. Raises IngestError (and stores nothing) if it cannot.

    overrides: what the admin said at upload, over what the parser found. on_stored(document) runs inside
    the storing transaction, only when the document is new (the admin upload writes its audit entry and
    keeps the raw file there).
    """
    check_size(raw)
    # A file already in the archive is not parsed again: a second run of the command is cheap.
    existing = Document.objects.filter(checksum=checksum(raw)).first()
    if existing is not None:
        return IngestResult(existing, created=False, warnings=list(existing.warnings))
    parsed = parse_source(raw, source_name, source_url, overrides)
    try:
        document, created = store_document(
            parsed,
            raw=raw,
            encoding=parsed.encoding,
            source_name=source_name,
            overrides=overrides,
            on_stored=on_stored,
        )
    except IntegrityError as exc:
        # Another process stored the same file between our look-up and our insert.
        existing = Document.objects.filter(checksum=checksum(raw)).first()
        if existing is None:
            raise IngestError(_("تعذر حفظ الوثيقة: %(error)s") % {"error": exc}) from exc
        return IngestResult(existing, created=False, warnings=list(existing.warnings))
    except DatabaseError as exc:
        raise IngestError(_("تعذر حفظ الوثيقة: %(error)s") % {"error": exc}) from exc
    return IngestResult(document, created=created, warnings=list(document.warnings))


def store_document(
    parsed: ParsedDocument,
    *,
    raw: bytes,
    encoding: str,
    source_name: str,
    overrides: Overrides | None = None,
    on_stored: Callable[[Document], None] | None = None,
) -> tuple[Document, bool]:
    """Store a parsed document with its sessions, resolutions and paragraphs; (document, created).

    A document whose checksum is already stored is returned as it is. Sessions and resolutions that
    other documents already stored are reused, and only their empty fields are filled in.
    """
    digest = checksum(raw)
    with transaction.atomic():
        existing = Document.objects.filter(checksum=digest).first()
        if existing is not None:
            return existing, False
        warnings = list(parsed.warnings)
        document = Document(
            source_name=_fit(Document, "source_name", source_name, warnings),
            raw=raw,
            checksum=digest,
            overrides=overrides.to_json() if overrides else {},
        )
        _store_contents(document, parsed, encoding, warnings)
        if on_stored is not None:
            on_stored(document)
    return document, True


@dataclass
class ReparseResult:
    document: Document
    paragraphs_before: int
    paragraphs_after: int
    warnings: list[dict]


def reparse_document(document: Document) -> ReparseResult:
    """Parse a stored document's raw bytes again (after a parser upgrade) and replace what the parser
    made: fields, session links, paragraphs and the resolutions only this document held. The overrides
    the admin gave at upload are applied again. One transaction; the index follows on commit.
    Raises IngestError (and changes nothing) if the new parser refuses the file, or if the document was not
    made by this parser (an import of the UN Parallel Corpus, a whole text read by articles: their commands,
    `import_unpc` and `load_un_texts`, are what reads them)."""
    if document.source_format in NOT_REPARSED:
        raise IngestError(
            _("هذه الوثيقة مستوردة بأمر خاص (%(format)s)، فلا يعاد تحليلها من نصها الأصلي.")
            % {"format": document.source_format}
        )
    parsed = parse_source(
        bytes(document.raw), document.source_name, document.source_url, Overrides.from_json(document.overrides)
    )
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        before = document.paragraphs.count()
        old_resolutions = set(document.resolutions.values_list("pk", flat=True))
        # Paragraphs have delete receivers, so this deletes them one by one and each leaves the index.
        document.paragraphs.all().delete()
        warnings = list(parsed.warnings)
        kept = {resolution.pk for resolution in _store_contents(document, parsed, parsed.encoding, warnings)
                if resolution is not None}
        # Resolutions this document started that the new reading no longer has and nothing else uses.
        Resolution.objects.filter(pk__in=old_resolutions - kept, paragraphs__isnull=True).delete()
    return ReparseResult(document, before, document.paragraphs.count(), warnings)


def _store_contents(
    document: Document, parsed: ParsedDocument, encoding: str, warnings: list[dict]
) -> list[Resolution | None]:
    """Save the document's parsed fields, link its sessions, store its resolutions and paragraphs
    (the document has none), and schedule its indexing. Inside the caller's transaction."""
    sessions = [_store_session(parsed_session, warnings) for parsed_session in parsed.sessions]
    document.title = _fit(Document, "title", parsed.title.strip() or parsed.symbol or document.source_name, warnings)
    document.kind = _choice(parsed.kind, DocumentKind, "document kind", warnings)
    document.symbol = _fit(Document, "symbol", parsed.symbol, warnings)
    document.date = parsed.date
    document.source_url = _fit(Document, "source_url", parsed.source_url, warnings)
    document.source_format = _fit(Document, "source_format", parsed.source_format, warnings)
    document.encoding = encoding
    document.text = parsed.text if encoding in BINARY_ENCODINGS else ""
    document.parser_version = parsed.parser_version
    document.save()
    document.sessions.set(sessions)
    resolutions = [
        _store_resolution(parsed_resolution, sessions, document, warnings)
        for parsed_resolution in parsed.resolutions
    ]
    Paragraph.objects.bulk_create(
        Paragraph(
            document=document,
            resolution=_pick(resolutions, paragraph.resolution_index),
            position=position,
            number=_fit(Paragraph, "number", paragraph.number, warnings),
            kind=_choice(paragraph.kind, ParagraphKind, "paragraph kind", warnings),
            text=paragraph.text,
        )
        for position, paragraph in enumerate(parsed.paragraphs, start=1)
    )
    store_document_citations(document)
    document.warnings = warnings
    document.save(update_fields=["warnings"])
    schedule_document_index(document.pk)
    return resolutions


def _store_session(parsed: ParsedSession, warnings: list[dict]) -> Session:
    if parsed.body not in Body.values:
        raise IngestError(f"unknown body {parsed.body!r} (the parser and archive.models.Body disagree).")
    details = {name: _fit(Session, name, getattr(parsed, name), warnings) for name in SESSION_DETAILS}
    session, created = Session.objects.get_or_create(
        body=parsed.body,
        organ=parsed.organ,
        number=parsed.number,
        extraordinary=parsed.extraordinary,
        defaults={
            "slug": Session.make_slug(parsed.body, parsed.number, parsed.extraordinary, parsed.organ),
            **details,
        },
    )
    if not created:
        _fill_empty(session, details, note("session-conflict", session=session.slug), warnings)
    return session


def _store_resolution(
    parsed: ParsedResolution, sessions: list[Session], document: Document, warnings: list[dict]
) -> Resolution | None:
    number = parsed.number.strip()
    session = _pick(sessions, parsed.session_index)
    if not number or session is None:
        warnings.append(note("resolution-not-stored", number=parsed.printed_number or number or "?"))
        return None
    details = {name: _fit(Resolution, name, getattr(parsed, name), warnings) for name in RESOLUTION_DETAILS}
    resolution, created = Resolution.objects.get_or_create(
        session=session,
        number=_fit(Resolution, "number", number, warnings),
        defaults={"document": document, **details},
    )
    if not created:
        # A continuation page: this document adds paragraphs to a resolution stored from another file.
        conflict = note("resolution-conflict", number=resolution.number, session=session.slug)
        _fill_empty(resolution, details, conflict, warnings)
    return resolution


def _fill_empty(instance: models.Model, details: dict, conflict: dict, warnings: list[dict]) -> None:
    """Fill the instance's empty fields from details; report (the conflict note with the field and both
    values added), never overwrite, conflicting values."""
    changed = []
    for name, new in details.items():
        old = getattr(instance, name)
        if new in ("", None) or new == old:
            continue
        if old in ("", None):
            setattr(instance, name, new)
            changed.append(name)
        elif name not in QUIET_CONFLICTS:
            params = {**conflict["params"], "field": name, "old": str(old), "new": str(new)}
            warnings.append({"code": conflict["code"], "params": params})
    if changed:
        instance.save(update_fields=changed)


def _pick(items: list, index: int | None):
    if index is None or not 0 <= index < len(items):
        return None
    return items[index]


def _fit(model: type[models.Model], name: str, value, warnings: list[dict]):
    """Cut a string to the field's max_length (PostgreSQL would refuse it), saying so."""
    if not isinstance(value, str):
        return value
    value = value.strip()
    max_length = model._meta.get_field(name).max_length
    if max_length and len(value) > max_length:
        warnings.append(note("value-cut", model=model._meta.model_name, field=name, length=max_length, value=value[:40]))
        return value[: max_length - 1] + "…"
    return value


def _choice(value: str, choices: type[models.TextChoices], what: str, warnings: list[dict]) -> str:
    if value in choices.values:
        return value
    warnings.append(note("unknown-choice", what=what, value=value, stored=choices.OTHER.value))
    return choices.OTHER.value
