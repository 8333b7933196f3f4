"""Every body and organ has an Arabic and an English name: titles, the home page, citations and the
search page's session facet never show a raw organ code ("puic", "arab-league")."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from archive import citation
from archive.ingest import records
from archive.models import Organ
from search.facets import session_labels
from tests.helpers import ingest_fixtures, make_session

pytestmark = pytest.mark.django_db

PUIC_NAME_AR = "اتحاد مجالس الدول الأعضاء في منظمة التعاون الإسلامي"
PUIC_NAME_EN = "Parliamentary Union of the OIC Member States (PUIC)"
ARAB_LEAGUE_AR = "مجلس جامعة الدول العربية"
ARAB_LEAGUE_EN = "Council of the League of Arab States"


def other_session(organ: str, number: int):
    return make_session(body=records.OTHER, organ=organ, number=number, place="إسطنبول")


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_a_known_organ_is_named_in_arabic_and_in_english_never_by_its_code():
    puic = other_session(Organ.PUIC, 10)
    league = other_session(Organ.ARAB_LEAGUE, 29)

    assert puic.title == f"{PUIC_NAME_AR} — الدورة 10"
    assert league.title == f"{ARAB_LEAGUE_AR} — الدورة 29"
    with translation.override("en"):
        assert puic.title == f"{PUIC_NAME_EN} — Session 10"
        assert league.title == f"{ARAB_LEAGUE_EN} — Session 29"
        assert puic.body_name == PUIC_NAME_EN


def test_an_unknown_organ_falls_back_to_its_code():
    session = other_session("gcc", 3)

    assert session.title == "gcc — الدورة 3"
    assert session.body_short_name == "gcc"


def test_an_unnumbered_organ_session_is_titled_by_the_organs_name():
    session = make_session(body=records.OTHER, organ=Organ.PUIC, number=None)

    assert session.title == session.short_title == PUIC_NAME_AR


def test_a_citation_names_the_organ_in_the_interface_language():
    session = other_session(Organ.ARAB_LEAGUE, 29)

    assert citation.session_part(session).startswith(f"{ARAB_LEAGUE_AR}، الدورة 29 (")
    with translation.override("en"):
        assert citation.session_part(session).startswith(f"{ARAB_LEAGUE_EN}, Session 29 (")


def test_session_facet_labels_are_short_and_qualified_only_where_the_number_alone_is_ambiguous():
    sessions = [
        make_session(number=38),
        make_session(body=records.UNGA, number=38),
        make_session(number=25),
        other_session(Organ.PUIC, 10),
    ]

    assert session_labels(sessions) == {
        "oic-cfm-38": "وزراء الخارجية — الدورة 38",
        "unga-38": "الجمعية العامة — الدورة 38",
        "oic-cfm-25": "الدورة 25",
        "other-puic-10": "الاتحاد البرلماني الإسلامي — الدورة 10",
    }
    with translation.override("en"):
        assert session_labels(sessions) == {
            "oic-cfm-38": "CFM — Session 38",
            "unga-38": "UNGA — Session 38",
            "oic-cfm-25": "Session 25",
            "other-puic-10": "PUIC — Session 10",
        }


@pytest.mark.parametrize(
    "language, puic, league, other_body",
    [("ar", PUIC_NAME_AR, ARAB_LEAGUE_AR, "هيئة أخرى"), ("en", PUIC_NAME_EN, ARAB_LEAGUE_EN, "Other body")],
)
def test_home_lists_each_organ_session_under_its_organs_name(client, language, puic, league, other_body):
    other_session(Organ.PUIC, 10)
    other_session(Organ.ARAB_LEAGUE, 29)
    make_session(number=38)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    html = client.get(reverse("archive:home")).content.decode()

    assert other_body in html
    assert f'href="/sessions/other-puic-10/">{puic} — ' in html
    assert f'href="/sessions/other-arab-league-29/">{league} — ' in html
    assert ">puic" not in html and ">arab-league" not in html
    # A body that names itself in the heading keeps its short rows.
    assert 'href="/sessions/oic-cfm-38/">' + ("الدورة 38" if language == "ar" else "Session 38") in html


def test_favicon_ico_redirects_to_the_static_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"] == "/static/favicon.svg"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["ar", "en"])
def test_search_facets_name_organ_sessions_without_their_codes(client, language):
    ingest_fixtures("raw/puic-istanbul-declaration-2015.txt", "raw/arab-league-council-1958-un-items.txt")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    response = client.get(reverse("search:results"), {"q": "الأمم المتحدة"})

    facets = {facet["name"]: facet for facet in response.context["facets"]}
    with translation.override(language):  # the labels are put into words when shown, in the reader's language
        labels = [str(item["label"]) for item in facets["session"]["items"]]
    expected = (
        {"الاتحاد البرلماني الإسلامي — الدورة 10", "جامعة الدول العربية — الدورة 29"}
        if language == "ar"
        else {"PUIC — Session 10", "Arab League — Session 29"}
    )
    assert set(labels) == expected
    html = response.content.decode()
    assert all(label in html for label in expected)
    assert ">puic" not in html and ">arab-league" not in html


@pytest.mark.django_db(transaction=True)
def test_a_cached_search_shows_its_session_facet_in_each_readers_language(client):
    ingest_fixtures("raw/puic-istanbul-declaration-2015.txt")
    params = {"q": "الأمم المتحدة"}

    arabic = client.get(reverse("search:results"), params).content.decode()
    english = in_english(client).get(reverse("search:results"), params).content.decode()

    assert "الاتحاد البرلماني الإسلامي — الدورة 10" in arabic
    assert "PUIC — Session 10" in english and "الاتحاد البرلماني الإسلامي" not in english
