"""OAI-PMH 2.0 at /oai/: library systems (DSpace, Invenio, Primo …) harvest the archive's documents.

The protocol (the six verbs, their arguments, the error codes, resumption tokens with `cursor` and
`completeListSize`) is oai-repo's (MSU Libraries, on PyPI): `Archive` below is its DataInterface, which
answers from the database. A record is a document (oai:<QARARAT_OAI_REPOSITORY_ID>:document/N), the unit a
library catalogues: its resolutions are in its metadata (their subjects as dc:subject, their numbers as
dc:identifier, their pages as dc:relation), so a harvester gets them without a second kind of record.

Datestamps are a document's `modified_at` (its upload or its latest audited change, archive.models), to
the second. Lists are in id order, so a document added during a harvest comes at the end of it and a
resumption token (an offset) stays right; a list that shrank (a document deleted) refuses the token
(badResumptionToken) and the harvester starts again. Sets: `body:<body>` and `session:<slug>`, and their
parents `body` and `session` (documents of any session). Deleted records are not kept (deletedRecord no).

Around oai-repo, `oai()` does what it leaves out: a repeated argument is a badArgument; `from` and `until`
of different granularities are a badArgument; a day `until` means the whole day, and a second's the whole
second (datestamps are shown to the second, stored finer); ListSets with a token is a badResumptionToken
(every set fits in one response, so we never give one).
"""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.db.models import Q
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from lxml import etree
from oai_repo import DataInterface, Identify, MetadataFormat, OAIRepository, RecordHeader, Set
from oai_repo.error import OAIErrorResponse
from oai_repo.exceptions import OAIErrorBadArgument, OAIErrorBadResumptionToken

from archive.display import gregorian_range
from archive.models import Body, Document, DocumentKind, Session

OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# DCMI Type Vocabulary: every record is a text.
DCMI_TEXT = "Text"


def identifier(document_id: int) -> str:
    return f"oai:{settings.QARARAT_OAI_REPOSITORY_ID}:document/{document_id}"


def document_id(oai_identifier: str) -> int | None:
    prefix = f"oai:{settings.QARARAT_OAI_REPOSITORY_ID}:document/"
    rest = oai_identifier.removeprefix(prefix) if oai_identifier.startswith(prefix) else ""
    return int(rest) if rest.isascii() and rest.isdigit() and not rest.startswith("0") else None


def _in_set(spec: str | None) -> Q | None:
    """Documents of a set, or None for a set that does not exist."""
    if not spec:
        return Q()
    if spec == "body":
        return Q(sessions__isnull=False)
    if spec == "session":
        return Q(sessions__isnull=False)
    kind, _, value = spec.partition(":")
    if kind == "body" and value in Body.values:
        return Q(sessions__body=value)
    if kind == "session" and value and Session.objects.filter(slug=value).exists():
        return Q(sessions__slug=value)
    return None


class Archive(DataInterface):
    """The archive as oai-repo's DataInterface: one instance per request (it keeps the page's documents)."""

    def __init__(self, request):
        self.request = request
        self.limit = settings.QARARAT_OAI_PAGE_SIZE
        self._loaded: dict[str, Document] = {}
        self._identify: Identify | None = None

    # -- the repository ------------------------------------------------------------------------------

    def get_identify(self) -> Identify:
        # oai-repo asks for it again for every header it writes (for the granularity): made once a request.
        if self._identify is None:
            self._identify = self._make_identify()
        return self._identify

    def _make_identify(self) -> Identify:
        earliest = Document.objects.order_by("created_at").values_list("created_at", flat=True).first()
        return Identify(
            repository_name="قرارات — Qararat",
            base_url=self.request.build_absolute_uri(reverse("archive:oai")),
            admin_email=[settings.QARARAT_OAI_ADMIN_EMAIL],
            # A string: oai-repo's check of this field refuses a datetime.
            earliest_datestamp=_datestamp(earliest or datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)),
            deleted_record="no",
            granularity=GRANULARITY,
        )

    def get_metadata_formats(self, identifier: str | None = None) -> list[MetadataFormat]:
        return [MetadataFormat("oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", OAI_DC)]

    def is_valid_identifier(self, identifier: str) -> bool:
        pk = document_id(identifier)
        return pk is not None and Document.objects.filter(pk=pk).exists()

    # -- sets ----------------------------------------------------------------------------------------

    def list_set_specs(self, identifier: str | None = None, cursor: int = 0) -> tuple:
        bodies = Session.objects.order_by("body").values_list("body", flat=True).distinct()
        sessions = Session.objects.order_by("body", "organ", "extraordinary", "number").values_list(
            "slug", flat=True
        )
        specs = [
            "body",
            *(f"body:{body}" for body in bodies),
            "session",
            *(f"session:{slug}" for slug in sessions),
        ]
        return specs, len(specs), None

    def get_set(self, setspec: str) -> Set:
        kind, _, value = setspec.partition(":")
        if not value:
            name = "حسب الهيئة" if kind == "body" else "حسب الدورة"
        elif kind == "body":
            name = str(Body(value).label)
        else:
            name = Session.objects.get(slug=value).title
        return Set(spec=setspec, name=name, description=[])

    # -- records -------------------------------------------------------------------------------------

    def list_identifiers(
        self, metadataprefix, filter_from=None, filter_until=None, filter_set=None, cursor=0
    ):
        in_set = _in_set(filter_set)
        if in_set is None:
            return [], 0, None
        documents = Document.objects.with_modified_at().filter(in_set)
        if filter_from is not None:
            documents = documents.filter(modified_at__gte=filter_from)
        if filter_until is not None:
            # Datestamps are shown to the second: until 10:00:00 takes in 10:00:00.7.
            documents = documents.filter(modified_at__lt=filter_until + datetime.timedelta(seconds=1))
        ids = documents.order_by("pk").values_list("pk", flat=True).distinct()
        page = list(ids[cursor : cursor + self.limit])
        return [identifier(pk) for pk in page], ids.count(), None

    def _documents(self, identifiers: list[str]) -> list[Document]:
        missing = [i for i in identifiers if i not in self._loaded]
        if missing:
            pks = [document_id(i) for i in missing]
            found = (
                Document.objects.light()
                .with_modified_at()
                .filter(pk__in=[pk for pk in pks if pk is not None])
                .prefetch_related("sessions", "resolutions")
            )
            self._loaded.update({identifier(document.pk): document for document in found})
        return [self._loaded[i] for i in identifiers]

    def get_records_header(self, identifiers: list[str]) -> list[RecordHeader]:
        return [
            RecordHeader(
                identifier=identifier(document.pk),
                datestamp=_utc(document.modified_at),
                setspecs=_set_specs(document),
            )
            for document in self._documents(identifiers)
        ]

    def get_record_header(self, identifier: str) -> RecordHeader:
        return self.get_records_header([identifier])[0]

    def get_records_metadata(self, identifiers: list[str], metadataprefix: str) -> list[etree._Element]:
        return [self._dublin_core(document) for document in self._documents(identifiers)]

    def get_record_metadata(self, identifier: str, metadataprefix: str) -> etree._Element:
        return self.get_records_metadata([identifier], metadataprefix)[0]

    def get_records_abouts(self, identifiers: list[str]) -> list[list]:
        return [[] for _ in identifiers]

    def get_record_abouts(self, identifier: str) -> list:
        return []

    def _dublin_core(self, document: Document) -> etree._Element:
        """oai_dc: Arabic text marked xml:lang="ar", the body in Arabic and English, the permalink."""
        root = etree.Element(f"{{{OAI_DC}}}dc", nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI})
        root.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd")

        def add(name: str, text, lang: str | None = None) -> None:
            if text:
                element = etree.SubElement(root, f"{{{DC}}}{name}")
                element.text = str(text)
                if lang:
                    element.set(XML_LANG, lang)

        sessions = list(document.sessions.all())
        resolutions = sorted(document.resolutions.all(), key=lambda r: r.sort_key)
        add("title", document.title, "ar")
        for language in ("ar", "en"):
            with translation.override(language):
                for name in dict.fromkeys(session.body_name for session in sessions):
                    add("creator", name, language)
        for resolution in resolutions:
            add("subject", resolution.subject, "ar")
        for session in sessions:
            place = session.place or session.place_printed
            dates = gregorian_range(session.start_date, session.end_date) if session.start_date else ""
            add("description", "، ".join(part for part in (session.title, place, dates) if part), "ar")
        if document.excerpt:
            add("description", "مقتطف: يحفظ الأرشيف جزءًا من الوثيقة فقط.", "ar")
        for name in dict.fromkeys(session.body_name for session in sessions):
            add("publisher", name, "ar")
        year = document.year
        add("date", document.date.isoformat() if document.date else (str(year) if year else ""))
        add("type", DCMI_TEXT)
        add("type", DocumentKind(document.kind).label if document.kind in DocumentKind.values else "", "ar")
        add("format", "text/html")
        add("identifier", self.request.build_absolute_uri(document.get_absolute_url()))
        add("identifier", document.symbol)
        for resolution in resolutions:
            add("identifier", resolution.number)
        add("source", document.source_url)
        add("language", "ar")
        for resolution in resolutions:
            add("relation", self.request.build_absolute_uri(resolution.get_absolute_url()))
        return root


def _set_specs(document: Document) -> list[str]:
    sessions = list(document.sessions.all())
    bodies = [f"body:{body}" for body in dict.fromkeys(session.body for session in sessions)]
    return bodies + [f"session:{session.slug}" for session in sessions]


def _utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC).replace(microsecond=0)


def _datestamp(moment: datetime.datetime) -> str:
    return _utc(moment).strftime("%Y-%m-%dT%H:%M:%SZ")


ALLOWED = {"verb", "identifier", "metadataPrefix", "from", "until", "set", "resumptionToken"}


def _arguments(query) -> dict[str, str]:
    """The request's arguments, as oai-repo reads them. Raises OAIErrorBadArgument for what it would let by."""
    repeated = [name for name, values in query.lists() if len(values) > 1]
    if repeated:
        raise OAIErrorBadArgument(f"Repeated argument: {', '.join(sorted(repeated))}.")
    args = {name: query[name] for name in query}
    start, end = args.get("from"), args.get("until")
    if start and end and bool(DAY.match(start)) != bool(DAY.match(end)):
        raise OAIErrorBadArgument("The from and until arguments have different granularities.")
    if end and DAY.match(end):
        # A day until takes in the whole of that day.
        args["until"] = f"{end}T23:59:59Z"
    if args.get("verb") == "ListSets" and "resumptionToken" in args:
        raise OAIErrorBadResumptionToken(
            "ListSets never gives a resumption token: every set is in one response."
        )
    return args


# Harvesters POST without a CSRF token; the protocol only reads.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def oai(request):
    """One OAI-PMH request (GET, or POST as application/x-www-form-urlencoded), answered as text/xml."""
    query = request.POST if request.method == "POST" else request.GET
    repository = OAIRepository(Archive(request))
    args = {name: query[name] for name in query}
    with translation.override("ar"):
        try:
            args = _arguments(query)
            response = repository.process(dict(args))
        except (OAIErrorBadArgument, OAIErrorBadResumptionToken) as error:
            response = OAIErrorResponse(repository, error)
        root = response.root()
    code = getattr(response, "code", None)
    if code not in ("badVerb", "badArgument"):
        # The request element names the verb and its arguments, also for the errors after them
        # (oai-repo leaves the verb out, and every argument out of an error).
        _echo(root.find("request"), args)
    body = etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)
    return HttpResponse(body, content_type="text/xml; charset=utf-8")


# What the schema allows in the request element's attributes (OAI-PMH.xsd's types).
ECHOED = {
    "verb": re.compile(r"^(Identify|ListMetadataFormats|ListSets|GetRecord|ListIdentifiers|ListRecords)$"),
    "identifier": re.compile(r"^\S+$"),
    "metadataPrefix": re.compile(r"^[A-Za-z0-9\-_.!~*'()]+$"),
    "from": re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$"),
    "until": re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$"),
    "set": re.compile(r"^[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*$"),
    "resumptionToken": re.compile(r"^.+$"),
}


def _echo(element, args: dict[str, str]) -> None:
    for name, pattern in ECHOED.items():
        if name in args and pattern.match(args[name]):
            element.set(name, args[name])
