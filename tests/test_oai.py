"""OAI-PMH 2.0 at /oai/: every response validates against the official OAI-PMH and oai_dc schemas
(tests/oai_schemas), lists page through resumption tokens, selective harvesting by date and set works, each
error code answers what the protocol says, and a real harvester (sickle, from PyPI) reads every document of
the corpus from the real server (gunicorn)."""

from __future__ import annotations

import datetime
import time
from pathlib import Path

import pytest
import requests
from lxml import etree
from sickle import Sickle
from sickle.iterator import OAIResponseIterator

from archive.models import AuditAction, AuditEntry, Document
from tests import servers
from tests.helpers import ingest_fixtures

pytestmark = pytest.mark.django_db(transaction=True)

SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "oai_schemas" / "responses.xsd")))
NS = {"oai": "http://www.openarchives.org/OAI/2.0/", "dc": "http://purl.org/dc/elements/1.1/"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FIXTURES = [
    "raw/oic-cfm17-res18-s-quds.txt",
    "raw/oic-cfm19-res10-s-quds.txt",
    "raw/oic-cfm38-economic-affairs.txt",
    "raw/oic-cfm10-final-communique-habous.txt",
    "raw/oic-summit11-res8-th.txt",
    "raw/un-sc-res450-1979.txt",
    "raw/un-sc-res474-1980.txt",
    "raw/un-a-res-52-4-un-oic-cooperation.txt",
    "raw/puic-istanbul-declaration-2015.txt",
    "seeds/002_393cbb48b9883689.txt",
    "raw/oic-cfm45-res5-th.txt",
]


@pytest.fixture
def documents(settings):
    settings.QARARAT_OAI_PAGE_SIZE = 4
    return ingest_fixtures(*FIXTURES)


def oai(client, method: str = "get", **args) -> etree._Element:
    """One request; the answer must be valid OAI-PMH (its records valid oai_dc) whatever it says."""
    response = getattr(client, method)("/oai/", args)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    root = etree.fromstring(response.content)
    SCHEMA.assertValid(root)
    return root


def error_code(root) -> str | None:
    error = root.find("oai:error", NS)
    return None if error is None else error.get("code")


def texts(element, path: str) -> list[str]:
    return [e.text for e in element.iterfind(path, NS)]


def harvest(client, verb: str, **args) -> tuple[list[etree._Element], list[etree._Element]]:
    """Every page of a list, following resumption tokens: the pages and their tokens."""
    pages, tokens = [oai(client, verb=verb, **args)], []
    while True:
        token = pages[-1].find(f"oai:{verb}/oai:resumptionToken", NS)
        if token is None:
            return pages, tokens
        tokens.append(token)
        if not token.text:
            return pages, tokens
        pages.append(oai(client, verb=verb, resumptionToken=token.text))


def test_identify_names_the_repository_its_base_url_granularity_and_earliest_datestamp(client, documents):
    identify = oai(client, verb="Identify").find("oai:Identify", NS)
    assert texts(identify, "oai:baseURL") == ["http://testserver/oai/"]
    assert texts(identify, "oai:protocolVersion") == ["2.0"]
    assert texts(identify, "oai:granularity") == ["YYYY-MM-DDThh:mm:ssZ"]
    assert texts(identify, "oai:deletedRecord") == ["no"]
    earliest = min(document.created_at for document in Document.objects.all())
    assert texts(identify, "oai:earliestDatestamp") == [earliest.strftime("%Y-%m-%dT%H:%M:%SZ")]
    assert "قرارات" in texts(identify, "oai:repositoryName")[0]


def test_list_metadata_formats_offers_oai_dc_for_the_repository_and_for_a_record(client, documents):
    for args in ({}, {"identifier": f"oai:qararat.local:document/{documents[0].pk}"}):
        root = oai(client, verb="ListMetadataFormats", **args)
        assert texts(root, ".//oai:metadataPrefix") == ["oai_dc"]
    assert error_code(
        oai(client, verb="ListMetadataFormats", identifier="oai:qararat.local:document/999999")
    ) == ("idDoesNotExist")


def test_list_sets_gives_each_body_and_each_session_with_arabic_names(client, documents):
    root = oai(client, verb="ListSets")
    names = dict(zip(texts(root, ".//oai:setSpec"), texts(root, ".//oai:setName"), strict=True))
    assert names["body:oic-cfm"] == "مجلس وزراء خارجية منظمة التعاون الإسلامي"
    assert names["body:unsc"] == "مجلس الأمن التابع للأمم المتحدة"
    assert names["session:oic-cfm-17"].endswith("الدورة 17")
    assert {"body", "session", "session:unsc-1979", "session:oic-summit-11"} <= set(names)


def test_list_records_pages_through_every_document_once_with_cursor_and_complete_list_size(client, documents):
    pages, tokens = harvest(client, "ListRecords", metadataPrefix="oai_dc")
    identifiers = [i for page in pages for i in texts(page, ".//oai:header/oai:identifier")]
    assert identifiers == [
        f"oai:qararat.local:document/{d.pk}" for d in sorted(documents, key=lambda d: d.pk)
    ]
    assert len(pages) == 3  # 11 documents, 4 a page
    assert [t.get("cursor") for t in tokens] == ["0", "4", "8"]
    assert {t.get("completeListSize") for t in tokens} == {"11"}
    assert tokens[-1].text is None  # the last page's token is empty: the list is complete


def test_list_identifiers_pages_the_same_list_with_headers_only(client, documents):
    pages, _tokens = harvest(client, "ListIdentifiers", metadataPrefix="oai_dc")
    assert sum(len(page.findall(".//oai:header", NS)) for page in pages) == len(documents)
    assert all(page.find(".//oai:metadata", NS) is None for page in pages)


def test_a_record_has_arabic_title_and_subjects_the_body_dates_type_and_its_absolute_permalink(
    client, documents
):
    quds = Document.objects.get(resolutions__number="18/17-س")
    root = oai(
        client, verb="GetRecord", metadataPrefix="oai_dc", identifier=f"oai:qararat.local:document/{quds.pk}"
    )
    header = root.find(".//oai:header", NS)
    assert texts(header, "oai:setSpec") == ["body:oic-cfm", "session:oic-cfm-17"]
    dc = root.find(
        ".//oai:metadata/oai_dc:dc", {**NS, "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/"}
    )
    title = dc.find("dc:title", NS)
    assert title.text == quds.title and title.get(XML_LANG) == "ar"
    subjects = dc.findall("dc:subject", NS)
    assert [s.text for s in subjects] == ["مدينة القدس الشريف"] and subjects[0].get(XML_LANG) == "ar"
    creators = {(c.get(XML_LANG), c.text) for c in dc.findall("dc:creator", NS)}
    assert creators == {
        ("ar", "مجلس وزراء خارجية منظمة التعاون الإسلامي"),
        ("en", "OIC Council of Foreign Ministers"),
    }
    assert texts(dc, "dc:publisher") == ["مجلس وزراء خارجية منظمة التعاون الإسلامي"]
    assert texts(dc, "dc:date") == ["1988-03-25"]
    assert texts(dc, "dc:type") == ["Text", "قرار"]
    identifiers = texts(dc, "dc:identifier")
    assert f"http://testserver/documents/{quds.pk}/" in identifiers and "18/17-س" in identifiers
    resolution = quds.resolutions.get()
    assert texts(dc, "dc:relation") == [f"http://testserver/resolutions/{resolution.pk}/"]
    assert texts(dc, "dc:language") == ["ar"]


def test_sets_select_the_documents_of_a_body_or_a_session(client, documents):
    def listed(spec):
        pages, _ = harvest(client, "ListIdentifiers", metadataPrefix="oai_dc", set=spec)
        return {int(i.rsplit("/", 1)[1]) for page in pages for i in texts(page, ".//oai:identifier")}

    assert listed("body:unsc") == set(
        Document.objects.filter(sessions__body="unsc").values_list("pk", flat=True)
    )
    assert len(listed("body:unsc")) == 2
    assert listed("session:oic-cfm-17") == {Document.objects.get(resolutions__number="18/17-س").pk}
    assert listed("body") == set(Document.objects.filter(sessions__isnull=False).values_list("pk", flat=True))
    assert error_code(oai(client, verb="ListRecords", metadataPrefix="oai_dc", set="session:nowhere-1")) == (
        "noRecordsMatch"
    )


def test_from_and_until_select_by_datestamp_and_an_audited_change_moves_it(client, documents):
    old, new = documents[0], documents[1]
    Document.objects.filter(pk=old.pk).update(
        created_at=datetime.datetime(2020, 5, 1, 10, 0, 0, 700000, tzinfo=datetime.UTC)
    )
    Document.objects.exclude(pk=old.pk).update(created_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC))

    def listed(**args):
        root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **args)
        if error_code(root) == "noRecordsMatch":
            return set()
        pages, _ = harvest(client, "ListIdentifiers", metadataPrefix="oai_dc", **args)
        return {int(i.rsplit("/", 1)[1]) for page in pages for i in texts(page, ".//oai:identifier")}

    assert listed(until="2020-05-01") == {old.pk}  # a day until is the whole day
    assert listed(until="2020-05-01T10:00:00Z") == {old.pk}  # the datestamp shown is 10:00:00
    assert listed(until="2020-05-01T09:59:59Z") == set()
    assert listed(**{"from": "2023-12-31", "until": "2024-01-01"}) == {d.pk for d in documents} - {old.pk}
    # An edit in the admin (recorded in the audit trail with the document's checksum) makes it new again.
    AuditEntry.objects.create(
        action=AuditAction.EDIT, object_type="archive.document", object_id=str(new.pk), checksum=new.checksum
    )
    AuditEntry.objects.filter(checksum=new.checksum).update(
        created_at=datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC)
    )
    assert listed(**{"from": "2025-01-01"}) == {new.pk}
    record = oai(
        client, verb="GetRecord", metadataPrefix="oai_dc", identifier=f"oai:qararat.local:document/{new.pk}"
    )
    assert texts(record, ".//oai:datestamp") == ["2025-06-01T00:00:00Z"]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "ListEverything"}, "badVerb"),
        ({"verb": "ListRecords"}, "badArgument"),  # no metadataPrefix
        ({"verb": "Identify", "set": "body"}, "badArgument"),  # an argument the verb does not take
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc"}, "badArgument"),  # no identifier
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-13-45"}, "badArgument"),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2020-01-01",
                "until": "2021-01-01T00:00:00Z",
            },
            "badArgument",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "x"},
            "badArgument",
        ),  # exclusive
        ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        ({"verb": "GetRecord", "metadataPrefix": "marc21", "identifier": "DOC"}, "cannotDisseminateFormat"),
        (
            {
                "verb": "GetRecord",
                "metadataPrefix": "oai_dc",
                "identifier": "oai:qararat.local:document/999999",
            },
            "idDoesNotExist",
        ),
        (
            {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:elsewhere.org:document/1"},
            "idDoesNotExist",
        ),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2999-01-01"}, "noRecordsMatch"),
        ({"verb": "ListRecords", "resumptionToken": "not-a-token"}, "badResumptionToken"),
        ({"verb": "ListIdentifiers", "resumptionToken": "AAAA"}, "badResumptionToken"),
        (
            {"verb": "ListSets", "resumptionToken": "bWV0YWRhdGFQcmVmaXg9b2FpX2RjJmM9MA=="},
            "badResumptionToken",
        ),
    ],
)
def test_each_error_is_answered_with_its_oai_code(client, documents, args, code):
    args = {
        key: (f"oai:qararat.local:document/{documents[0].pk}" if value == "DOC" else value)
        for key, value in args.items()
    }
    root = oai(client, **args)
    assert error_code(root) == code
    request = root.find("oai:request", NS)
    if code in ("badVerb", "badArgument"):
        assert request.attrib == {}  # the protocol: no arguments echoed after these two
    else:
        assert request.get("verb") == args["verb"]


def test_a_repeated_argument_is_a_bad_argument(client, documents):
    response = client.get("/oai/?verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc")
    root = etree.fromstring(response.content)
    SCHEMA.assertValid(root)
    assert error_code(root) == "badArgument"


def test_post_requests_are_answered_like_get(client, documents):
    root = oai(client, method="post", verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert len(root.findall(".//oai:header", NS)) == 4


def test_a_token_of_a_list_that_shrank_is_refused_and_one_of_a_list_that_grew_goes_on(client, documents):
    first = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = first.find(".//oai:resumptionToken", NS).text
    ingest_fixtures("raw/oic-cfm9-res8-aq.txt")  # a new document goes at the end of the list
    grown = oai(client, verb="ListIdentifiers", resumptionToken=token)
    assert grown.find(".//oai:resumptionToken", NS).get("completeListSize") == "12"
    assert (
        texts(grown, ".//oai:identifier")[0]
        == f"oai:qararat.local:document/{sorted(d.pk for d in documents)[4]}"
    )
    Document.objects.filter(pk__in=[documents[0].pk, documents[1].pk]).delete()
    assert error_code(oai(client, verb="ListIdentifiers", resumptionToken=token)) == "badResumptionToken"


# -- a real harvester against the real server ----------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """gunicorn over the whole bundled corpus, 10 records a response."""
    data = tmp_path_factory.mktemp("oai-data")
    env = servers.environment(
        data, QARARAT_OAI_PAGE_SIZE="10", GUNICORN_WORKERS="2", GUNICORN_LOG_LEVEL="warning"
    )
    manage = servers.manage_command(env)
    manage("migrate", "--noinput", "-v0")
    manage("load_corpus")
    count = int(
        manage("shell", "-c", "from archive.models import Document; print(Document.objects.count())").split()[
            -1
        ]
    )
    process, url = servers.start_gunicorn(env, ready_path="/oai/?verb=Identify")
    yield {"url": url, "documents": count}
    servers.stop(process)


def test_sickle_harvests_every_document_of_the_corpus_through_resumption_tokens(server):
    sickle = Sickle(f"{server['url']}/oai/", max_retries=0)
    started = time.monotonic()
    records = list(sickle.ListRecords(metadataPrefix="oai_dc"))
    elapsed = time.monotonic() - started
    print(f"\nsickle: {len(records)} records in {elapsed:.2f} s")
    assert server["documents"] == 48
    assert len(records) == len({r.header.identifier for r in records}) == server["documents"]
    assert all(r.metadata["title"] and r.metadata["identifier"][0].startswith(server["url"]) for r in records)
    assert any("مجلس الأمن التابع للأمم المتحدة" in r.metadata.get("creator", []) for r in records)
    identifiers = list(sickle.ListIdentifiers(metadataPrefix="oai_dc", set="body:unsc"))
    assert {h.setSpecs[0] for h in identifiers} == {"body:unsc"} and len(identifiers) >= 3
    record = sickle.GetRecord(identifier=records[0].header.identifier, metadataPrefix="oai_dc")
    assert record.metadata["title"] == records[0].metadata["title"]
    assert [f.metadataPrefix for f in sickle.ListMetadataFormats()] == ["oai_dc"]
    assert any(s.setSpec == "session:oic-cfm-38" for s in sickle.ListSets())


def test_every_response_of_a_whole_harvest_validates_against_the_schemas(server):
    """Each page sickle reads (5 of ListRecords, 5 of ListIdentifiers) and each other verb, as served."""
    sickle = Sickle(f"{server['url']}/oai/", iterator=OAIResponseIterator, max_retries=0)
    pages = list(sickle.ListRecords(metadataPrefix="oai_dc")) + list(
        sickle.ListIdentifiers(metadataPrefix="oai_dc")
    )
    assert len(pages) == 10
    others = [
        requests.get(f"{server['url']}/oai/", params=params, timeout=30).content
        for params in (
            {"verb": "Identify"},
            {"verb": "ListSets"},
            {"verb": "ListMetadataFormats"},
            {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:qararat.local:document/1"},
            {"verb": "Bogus"},
        )
    ]
    for raw in [page.raw.encode() for page in pages] + others:
        SCHEMA.assertValid(etree.fromstring(raw))
    harvested = sum(
        len(etree.fromstring(page.raw.encode()).findall(".//oai:record", NS)) for page in pages[:5]
    )
    assert harvested == server["documents"]


def test_a_page_of_records_costs_the_same_few_queries_however_many_it_holds_and_never_reads_the_raw_file(
    client, documents, settings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for size in (2, 8):
        settings.QARARAT_OAI_PAGE_SIZE = size
        with CaptureQueriesContext(connection) as queries:
            root = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
        assert len(root.findall(".//oai:record", NS)) == size
        assert not any(
            '"raw"' in query["sql"] or '"text"' in query["sql"] for query in queries.captured_queries
        )
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1] <= 8
