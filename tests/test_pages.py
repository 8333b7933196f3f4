import datetime
import re

import pytest
from django.urls import reverse

from archive.ingest import records
from tests.helpers import make_document, make_paragraph, make_resolution, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    session = make_session()
    summit = make_session(
        body=records.OIC_SUMMIT, number=11, place="داكار", start_date=datetime.date(2008, 3, 13)
    )
    document = make_document(
        sessions=[session],
        title="القرار رقم 32/38-س",
        text="نص القرار كما ورد\nإن مجلس وزراء الخارجية",
        encoding="cp1256",
        warnings=["لم يُعرف تاريخ الوثيقة"],
    )
    resolution = make_resolution(session, document)
    make_paragraph(document, 1, "القرار رقم 32/38-س", kind=records.HEADING)
    make_paragraph(document, 2, "إن مجلس وزراء الخارجية،", kind=records.PREAMBULAR, resolution=resolution)
    make_paragraph(
        document, 3, "يرحب بالتعاون القائم", kind=records.OPERATIVE, number="١", resolution=resolution
    )
    speech = make_document(title="كلمة الأمين العام", kind=records.SPEECH)
    return {
        "session": session,
        "summit": summit,
        "document": document,
        "resolution": resolution,
        "speech": speech,
    }


def test_home_lists_sessions_by_body_with_place_year_and_counts(client, archive):
    response = client.get(reverse("archive:home"))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl"' in html
    assert html.index("مجلس وزراء خارجية منظمة التعاون الإسلامي") < html.index("مؤتمر القمة الإسلامي")
    assert 'href="/sessions/oic-cfm-38/"' in html and "الدورة 38" in html
    assert "أستانا" in html and ">2011</time>" in html
    assert "داكار" in html and ">2008</time>" in html
    assert "كلمة الأمين العام" in html


def test_home_counts_what_the_archive_holds(client, archive):
    html = client.get(reverse("archive:home")).content.decode()

    totals = re.search(r'<dl class="totals">(.*?)</dl>', html, re.S).group(1)
    assert re.findall(r"<dd>(\d+)</dd>", totals) == ["2", "2", "1", "3"]  # sessions, documents, …


def test_session_page_shows_dates_in_both_calendars_in_words(client, archive):
    response = client.get(archive["session"].get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    for text in ("السلام والتعاون والتنمية", "أستانا", "كازاخستان", "28–30 يونيو 2011", "26–28 رجب 1432 هـ"):
        assert text in html
    assert '<time datetime="2011-06-28">' in html
    assert f'href="/documents/{archive["document"].pk}/"' in html
    assert f'href="/resolutions/{archive["resolution"].pk}/"' in html
    assert "التعاون مع المنظمات الدولية والإقليمية" in html


def test_session_page_computes_hijri_dates_when_none_were_printed(client, archive):
    summit = archive["summit"]
    summit.hijri_start = summit.hijri_end = ""
    summit.end_date = None
    summit.save()

    html = client.get(summit.get_absolute_url()).content.decode()

    assert "13 مارس 2008" in html
    assert "5 ربيع الأول 1429 هـ" in html and "محسوب" in html


def test_session_page_searches_within_the_session(client, archive):
    html = client.get(archive["session"].get_absolute_url()).content.decode()

    form = re.search(r'<form class="search-form".*?</form>', html[html.index("session-search") :], re.S).group(0)
    assert 'action="/search/"' in form
    assert '<input type="hidden" name="session" value="oic-cfm-38">' in form
    assert "ابحث في هذه الدورة" in form


def test_session_page_lists_resolutions_in_number_order(client, archive):
    session, document = archive["session"], archive["document"]
    make_resolution(session, document, number="10/38-س", subject="العاشر")
    make_resolution(session, document, number="2/38-س", subject="الثاني")

    html = client.get(session.get_absolute_url()).content.decode()

    listed = re.search(r'<ol class="resolution-list">(.*?)</ol>', html, re.S).group(1)
    assert re.findall(r"<bdi class=\"token\" lang=\"ar\">(.*?)</bdi>", listed) == ["2/38-س", "10/38-س", "32/38-س"]


def test_document_page_shows_paragraphs_in_order_with_permalinks_and_kinds(client, archive):
    document = archive["document"]

    html = client.get(document.get_absolute_url()).content.decode()

    assert html.index('id="p-1"') < html.index('id="p-2"') < html.index('id="p-3"')
    assert f'href="/documents/{document.pk}/#p-3"' in html
    assert f'data-copy="http://testserver/documents/{document.pk}/#p-3"' in html
    assert "paragraph--preambular" in html and "فقرة ديباجة" in html
    assert "paragraph--operative" in html and "فقرة منطوق" in html
    assert '<span class="paragraph-number" lang="ar"><bdi>١</bdi></span>' in html
    assert "لم يُعرف تاريخ الوثيقة" in html
    assert 'href="https://example.org/cfm38/res32"' in html
    assert "<details" in html and "نص القرار كما ورد" in html
    assert 'href="/sessions/oic-cfm-38/"' in html


def test_document_page_offers_a_citation_and_downloads(client, archive):
    document = archive["document"]

    html = client.get(document.get_absolute_url()).content.decode()

    citation = re.search(r'<p class="citation" id="citation-text">(.*?)</p>', html, re.S).group(1)
    assert "مجلس وزراء خارجية منظمة التعاون الإسلامي، الدورة 38 (أستانا، 28–30 يونيو 2011)" in _visible(citation)
    assert f'<bdi class="url" dir="ltr">http://testserver/documents/{document.pk}/</bdi>' in citation
    assert f'href="/documents/{document.pk}/download.txt"' in html
    assert f'href="/documents/{document.pk}/download.json"' in html
    # A paragraph of a resolution is cited by its resolution and its place in the operative part.
    # A paragraph's citation, as its copy button holds it (FSI … PDI isolates dropped to compare).
    assert "القرار رقم 32/38-س «التعاون مع المنظمات الدولية والإقليمية»، الفقرة 1 من المنطوق" in html.replace(
        "\u2068", ""
    ).replace("\u2069", "")


def test_document_page_lists_all_its_sessions(client, archive):
    document = archive["document"]
    ga = make_session(body=records.UNGA, number=65, place="", start_date=None, end_date=None, hijri_start="")
    document.sessions.add(ga)

    html = client.get(document.get_absolute_url()).content.decode()

    assert 'href="/sessions/oic-cfm-38/"' in html and 'href="/sessions/unga-65/"' in html


def test_resolution_page_shows_session_subject_and_paragraphs_with_its_own_anchors(client, archive):
    resolution = archive["resolution"]
    document = archive["document"]

    response = client.get(reverse("archive:resolution-detail", args=[resolution.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "32/38-س" in html
    assert "التعاون مع المنظمات الدولية والإقليمية" in html
    assert 'href="/sessions/oic-cfm-38/"' in html
    assert html.index("إن مجلس وزراء الخارجية") < html.index("يرحب بالتعاون القائم")
    # Its paragraphs are anchored on its own page (#pp-1, #op-1), and keep their document ids (#p-3) too.
    assert f'href="/resolutions/{resolution.pk}/#op-1"' in html and 'id="op-1"' in html and 'id="pp-1"' in html
    assert 'id="p-3"' in html and 'id="p-2"' in html
    assert f'/documents/{document.pk}/#p-3' not in html
    assert "القرار رقم 32/38-س</span>" not in html  # the heading paragraph is not part of the resolution


def test_raw_text_is_the_original_decoded_to_utf8(client, archive):
    response = client.get(reverse("archive:document-raw", args=[archive["document"].pk]))

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode("utf-8") == "نص القرار كما ورد\nإن مجلس وزراء الخارجية"


@pytest.mark.parametrize(
    "url", ["/sessions/oic-cfm-99/", "/documents/999/", "/resolutions/999/", "/no-such-page/"]
)
def test_unknown_pages_get_the_arabic_404_page(client, archive, url):
    response = client.get(url)

    assert response.status_code == 404
    html = response.content.decode()
    assert "الصفحة غير موجودة" in html
    assert 'dir="rtl"' in html


def test_a_document_typed_resolution_without_a_number_is_in_its_sessions_resolution_list(client):
    from tests.helpers import ingest_fixture

    document = ingest_fixture("raw/oic-cfm38-economic-affairs.txt")
    assert document.kind == "resolution" and not document.resolutions.exists()
    session = document.sessions.get()
    page = client.get(session.get_absolute_url()).content.decode()
    resolutions = page.split('id="resolutions-title"')[1].split("</section>")[0]
    assert document.get_absolute_url() in resolutions and "قرار بشأن الشؤون الاقتصادية" in resolutions
    assert "(1)" in resolutions


def test_another_copy_of_a_listed_resolution_is_not_listed_again_as_unnumbered(client):
    from archive.sync import ingest_bytes
    from tests.helpers import UPLOADS, ingest_fixture

    ingest_fixture("seeds/002_393cbb48b9883689.txt")
    pdf = ingest_bytes((UPLOADS / "cfm38-res32-s.pdf").read_bytes(), "cfm38-res32-s.pdf").document
    assert pdf.kind == "resolution" and not pdf.resolutions.exists()  # its paragraphs join 32/38-س
    page = client.get(pdf.sessions.get().get_absolute_url()).content.decode()
    resolutions = page.split('id="resolutions-title"')[1].split("</section>")[0]
    assert resolutions.count("<li") == 1 and pdf.get_absolute_url() not in resolutions


def _visible(text: str) -> str:
    """Text without tags and without the invisible direction isolates (FSI, PDI) that citations carry."""
    return re.sub(r"<[^>]+>", "", text).replace("\u2068", "").replace("\u2069", "")
