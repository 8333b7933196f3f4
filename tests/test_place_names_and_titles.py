"""English pages name meeting places in English; documents titled by a file name show their symbol or what
they are; a source is linked by its site, or said to have no known address."""

import pytest
from django.conf import settings

from archive.ingest import records
from tests.helpers import make_document, make_resolution, make_session

pytestmark = pytest.mark.django_db


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_english_pages_name_the_place_and_country_in_english_and_arabic_pages_in_arabic(client):
    session = make_session()  # أستانا، كازاخستان
    document = make_document(sessions=[session])
    resolution = make_resolution(session, document)

    arabic_home = client.get("/").content.decode()
    english(client)
    home = client.get("/").content.decode()
    page = client.get(session.get_absolute_url()).content.decode()
    ris = client.get(f"/resolutions/{resolution.pk}/cite.ris").content.decode()

    assert '<bdi class="token">أستانا</bdi>' in arabic_home
    assert '<td><bdi class="token">Astana</bdi></td>' in home and "أستانا" not in home
    assert "<bdi>Astana</bdi>, <bdi>Kazakhstan</bdi>" in page
    assert "CY  - Astana" in ris


def test_a_place_the_gazetteer_does_not_know_stays_in_arabic_marked_as_arabic(client):
    make_session(place="", place_printed="بلدة صغيرة")

    home = english(client).get("/").content.decode()

    assert '<td lang="ar"><bdi class="token">بلدة صغيرة</bdi></td>' in home


def test_a_document_titled_by_its_file_name_shows_its_symbol_or_what_it_is(client):
    session = make_session()
    by_symbol = make_document(title="A_AC_109_2019_L_18_EA", symbol="A/AC.109/2019/L.18", kind=records.OTHER_KIND)
    unnamed = make_document(
        sessions=[session], title="002_393cbb48b9883689.txt", source_name="002_393cbb48b9883689.txt", source_url=""
    )

    symbol_page = client.get(by_symbol.get_absolute_url()).content.decode()
    unnamed_page = client.get(unnamed.get_absolute_url()).content.decode()
    english_page = english(client).get(unnamed.get_absolute_url()).content.decode()

    assert '<h1 lang="ar" dir="auto">A/AC.109/2019/L.18</h1>' in symbol_page and "A_AC_109" not in symbol_page
    assert "<h1 lang=\"ar\" dir=\"auto\">قرار — مجلس وزراء خارجية منظمة التعاون الإسلامي — الدورة 38</h1>" in unnamed_page
    assert "002_393cbb48b9883689" not in unnamed_page
    assert "Resolution — OIC Council of Foreign Ministers — Session 38" in english_page


def test_a_source_is_linked_by_its_site_or_said_to_have_no_known_address(client):
    linked = make_document(source_url="https://www.muqatel.com/openshare/Wthaek/page.htm")
    unlinked = make_document(source_url="", source_name="002_393cbb48b9883689.txt")

    linked_page = client.get(linked.get_absolute_url()).content.decode()
    unlinked_page = english(client).get(unlinked.get_absolute_url()).content.decode()

    assert (
        '<a class="source-link" href="https://www.muqatel.com/openshare/Wthaek/page.htm" rel="noopener nofollow">'
        '<bdi dir="ltr">www.muqatel.com</bdi></a>'
    ) in linked_page
    assert f'address not known, <a href="/documents/{unlinked.pk}/raw.txt">' in unlinked_page
    assert "with each source's original text and, where known, its address." in unlinked_page
