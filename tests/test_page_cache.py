"""Reading pages come from a per-process cache keyed on the data version and the reader's choices, with
weak ETags answered by 304; every edit (admin or models) shows at once with a new ETag; each reader gets
their own CSRF token; staff and pages with messages are never cached (ops/page_cache.py, ops/signals.py)."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import constants as message_levels
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ops.models import DataVersion
from search.models import SynonymGroup
from tests.conftest import ENGINE
from tests.helpers import make_document, make_paragraph, make_resolution, make_session, make_staff

# Outside a test transaction, as the site runs: the cache is never used inside one (ops.page_cache).
pytestmark = pytest.mark.django_db(transaction=True)

# What a cached page asks the database: the data version, and on OpenSearch the index's generation.
STATE_QUERIES = 2 if ENGINE == "opensearch" else 1
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def archive():
    session = make_session()
    document = make_document(sessions=[session])
    resolution = make_resolution(session, document)
    paragraph = make_paragraph(document, 1, "يدعو الدول الأعضاء إلى دعم التعاون", resolution=resolution)
    return {"session": session, "document": document, "resolution": resolution, "paragraph": paragraph}


@pytest.fixture
def admin_client():
    client = Client()
    client.force_login(make_staff())
    return client


def pages(archive) -> list[str]:
    return [
        "/",
        archive["session"].get_absolute_url(),
        archive["document"].get_absolute_url(),
        archive["resolution"].get_absolute_url(),
    ]


def test_a_second_visit_to_each_reading_page_is_served_from_the_cache(
    client, archive, django_assert_num_queries
):
    for url in pages(archive):
        first = client.get(url)
        assert first.status_code == 200
        # The data version, and on OpenSearch the index's generation (its state()): no page is rendered again.
        with django_assert_num_queries(STATE_QUERIES):
            again = client.get(url)
        assert again.status_code == 200
        assert TOKEN.sub("", again.content.decode()) == TOKEN.sub("", first.content.decode())
        assert again["ETag"] == first["ETag"] and again["ETag"].startswith('W/"')
        assert "private" in again["Cache-Control"] and "no-cache" in again["Cache-Control"]


def test_an_unchanged_page_answers_304_to_its_etag_from_the_first_visit_on(client, archive):
    url = archive["document"].get_absolute_url()
    tag = client.get(url)["ETag"]
    response = client.get(url, HTTP_IF_NONE_MATCH=tag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == tag
    assert client.get(url, HTTP_IF_NONE_MATCH='W/"something-else"').status_code == 200


def test_editing_a_paragraph_in_the_admin_shows_the_new_text_with_a_new_etag(client, admin_client, archive):
    url = archive["document"].get_absolute_url()
    before = client.get(url)
    assert "دعم التعاون" in before.content.decode()
    paragraph = archive["paragraph"]
    change = reverse("admin:archive_paragraph_change", args=[paragraph.pk])
    form = admin_client.get(change).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["text"] = "يدعو الدول الأعضاء إلى تعزيز التضامن"
    assert admin_client.post(change, data).status_code == 302

    after = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert "تعزيز التضامن" in after.content.decode()
    assert "دعم التعاون" not in after.content.decode()
    assert after["ETag"] != before["ETag"]


def delete_paragraph(a):
    a["paragraph"].delete()
    return "document", "دعم التعاون", False


def change_subject(a):
    _save(a["resolution"], subject="موضوع جديد للقرار")
    return "resolution", "موضوع جديد للقرار", True


def change_theme(a):
    _save(a["session"], theme="شعار جديد للدورة")
    return "session", "شعار جديد للدورة", True


def change_title(a):
    _save(a["document"], title="عنوان جديد للوثيقة")
    return "document", "عنوان جديد للوثيقة", True


def link_session(a):
    session = make_session(number=39, place="جدة")
    a["document"].sessions.add(session)
    return "document", session.get_absolute_url(), True


def _save(instance, **fields):
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.save()


@pytest.mark.parametrize("edit", [delete_paragraph, change_subject, change_theme, change_title, link_session])
def test_a_model_edit_changes_the_page_and_its_etag(client, archive, edit):
    urls = {name: archive[name].get_absolute_url() for name in ("document", "resolution", "session")}
    before = {name: client.get(url) for name, url in urls.items()}
    page, text, now_shown = edit(archive)
    after = client.get(urls[page])
    assert after["ETag"] != before[page]["ETag"]
    assert (text in after.content.decode()) is now_shown
    assert (text in before[page].content.decode()) is not now_shown


def test_a_synonym_group_edit_moves_the_data_version(archive):
    before = DataVersion.current()
    group = SynonymGroup.objects.create(names="الأمم المتحدة\nهيئة الأمم")
    assert DataVersion.current() != before
    middle = DataVersion.current()
    group.delete()
    assert DataVersion.current() != middle


def token_writes(queries) -> int:
    return sum(1 for query in queries if "ops_dataversion" in query["sql"] and "UPDATE" in query["sql"])


def test_one_transaction_writes_the_token_once_and_a_rolled_back_one_not_at_all(archive):
    document = archive["document"]
    before = DataVersion.current()
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        for position in range(2, 12):
            make_paragraph(document, position, f"فقرة {position}")
    assert token_writes(queries.captured_queries) == 1
    committed = DataVersion.current()
    assert committed != before
    with pytest.raises(RuntimeError), transaction.atomic():
        make_paragraph(document, 20, "فقرة أخرى")
        raise RuntimeError("rolled back")
    assert DataVersion.current() == committed
    make_paragraph(document, 20, "فقرة أخرى")  # after a rollback the next change writes its token again
    assert DataVersion.current() != committed


@pytest.mark.parametrize("language, word", [("en", "Sessions"), ("ar", "الدورات")])
def test_the_cache_keeps_each_language_apart(client, archive, language, word):
    url = archive["document"].get_absolute_url()
    other = Client()
    other.cookies["qararat_language"] = "en" if language == "ar" else "ar"
    other.get(url)  # the other language's page is cached first
    client.cookies["qararat_language"] = language
    html = client.get(url).content.decode()
    assert f'lang="{language}"' in html[:300]
    assert word in html


def test_the_cache_keeps_each_digits_choice_apart(client, archive):
    url = archive["session"].get_absolute_url()
    western = client.get(url).content.decode()
    client.cookies["qararat_digits"] = "arab"
    indic = client.get(url).content.decode()
    assert "٣٨" in indic and "٣٨" not in western


def test_each_reader_gets_their_own_csrf_token_and_it_works(archive):
    url = archive["document"].get_absolute_url()
    readers = [Client(enforce_csrf_checks=True) for _ in range(2)]
    tokens, tags = [], []
    for reader in readers:
        response = reader.get(url)
        tokens.append(set(TOKEN.findall(response.content.decode())))
        tags.append(response["ETag"])
        assert len(tokens[-1]) == 1  # one token in both header forms
    assert tokens[0] != tokens[1]
    assert tags[0] != tags[1]  # the ETag follows the reader's CSRF secret
    for reader in readers:
        # The cached page's token is accepted by the language toggle.
        again = TOKEN.search(reader.get(url).content.decode()).group(1)
        response = reader.post("/preferences/", {"csrfmiddlewaretoken": again, "language": "en", "next": url})
        assert response.status_code == 302
        assert reader.post("/preferences/", {"language": "ar", "next": url}).status_code == 403


def test_a_reader_whose_csrf_cookie_changed_gets_a_new_page_not_a_304(archive):
    url = archive["document"].get_absolute_url()
    reader = Client(enforce_csrf_checks=True)
    tag = reader.get(url)["ETag"]
    assert reader.get(url, HTTP_IF_NONE_MATCH=tag).status_code == 304
    reader.cookies["csrftoken"] = "x" * 32  # a new secret, as after logging in or out
    response = reader.get(url, HTTP_IF_NONE_MATCH=tag)
    assert response.status_code == 200 and response["ETag"] != tag


def test_logged_in_staff_are_never_served_nor_stored_a_cached_page(
    client, admin_client, archive, django_assert_max_num_queries
):
    url = archive["document"].get_absolute_url()
    staff_first = admin_client.get(url)
    assert "ETag" not in staff_first
    reader = client.get(url)
    assert reader["ETag"]
    assert admin_client.get(url).get("ETag") is None
    with django_assert_max_num_queries(STATE_QUERIES):
        client.get(url)


def test_a_page_with_messages_waiting_is_not_cached_and_shows_them_once(client, archive):
    url = archive["document"].get_absolute_url()
    client.get(url)  # cached without messages
    storage = CookieStorage(type("Request", (), {"COOKIES": {}})())
    encoded = storage._encode([message_with("تم الحفظ")])
    client.cookies["messages"] = encoded
    response = client.get(url)
    assert "ETag" not in response


def message_with(text):
    from django.contrib.messages.storage.base import Message

    return Message(message_levels.SUCCESS, text)


def test_the_cache_can_be_turned_off(client, archive, settings, django_assert_max_num_queries):
    settings.QARARAT_PAGE_CACHE = False
    url = archive["document"].get_absolute_url()
    client.get(url)
    response = client.get(url)
    assert "ETag" not in response
