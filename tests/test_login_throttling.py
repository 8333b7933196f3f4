"""The admin login (the site's only login) is throttled by django-axes: five wrong passwords for one
username from one address lock that pair out for 15 minutes, with an Arabic page, and an admin can lift it."""

from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.utils import timezone

from qararat.security import client_ip
from tests.helpers import make_staff

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "a-long-test-password-1432"
LOCKED_TITLE = "أُوقف الدخول مؤقتًا"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    """Every wrong password is checked against the real hash: a fast hasher keeps the module quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def admin_user():
    return make_staff("amina", password=PASSWORD)


def log_in(client, username="amina", password=PASSWORD, address="192.0.2.10", **extra):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **extra)


def fail(client, times, **kwargs):
    return [log_in(client, password="wrong-password", **kwargs).status_code for _ in range(times)]


def text(response):
    """The page's text, with the no-break space Django puts between a number and its unit made plain."""
    return response.content.decode().replace("\xa0", " ")


def is_logged_in(client):
    return client.get("/admin/").status_code == 200


def test_it_refuses_the_right_password_after_five_wrong_ones_with_an_arabic_page_and_429(client, admin_user):
    statuses = fail(client, 5)
    refused = log_in(client)

    # Four wrong passwords get the login form again; the fifth and everything after get the lockout page.
    assert statuses == [200, 200, 200, 200, 429]
    assert refused.status_code == 429
    assert refused["Retry-After"] == "900"
    page = text(refused)
    assert f"<h1>{LOCKED_TITLE}</h1>" in page
    assert "من هذا العنوان مرات كثيرة متتالية" in page
    assert "حاول مرة أخرى بعد 15 دقيقة. كل محاولة قبل ذلك تبدأ المهلة من جديد." in page
    assert 'dir="rtl"' in page and 'class="site-header' in page
    assert not is_logged_in(client)


def test_four_wrong_passwords_then_the_right_one_logs_in(client, admin_user):
    assert fail(client, 4) == [200] * 4

    assert log_in(client).status_code == 302
    assert is_logged_in(client)
    # A successful login forgets the typos.
    assert not AccessAttempt.objects.exists()


def test_the_lockout_page_is_in_english_for_an_english_reader(client, admin_user):
    client.cookies["qararat_language"] = "en"
    fail(client, 5)

    page = text(log_in(client))

    assert "<h1>Login paused</h1>" in page
    assert "Try again in 15 minutes. Each attempt before then starts the wait again." in page


def test_the_same_user_from_another_address_and_another_user_from_the_same_address_are_not_locked(
    client, admin_user
):
    make_staff("bilal", password=PASSWORD)
    fail(client, 5, address="192.0.2.10")

    assert log_in(client, address="192.0.2.10").status_code == 429
    assert log_in(client, address="198.51.100.7").status_code == 302
    client.logout()
    assert log_in(client, username="bilal", address="192.0.2.10").status_code == 302


def test_the_limit_and_the_wait_come_from_the_settings(client, admin_user, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = timedelta(minutes=60)

    assert fail(client, 2) == [200, 429]
    refused = log_in(client)
    assert refused["Retry-After"] == "3600"
    assert "حاول مرة أخرى بعد 1 ساعة" in text(refused)


def later(minutes):
    """Every request inside the block is seen by axes as made this many minutes from now."""
    moment = timezone.now() + timedelta(minutes=minutes)
    return mock.patch("axes.handlers.proxy.now", return_value=moment)


def test_the_lock_lifts_fifteen_minutes_after_the_last_try(client, admin_user):
    fail(client, 5)

    with later(14):
        assert log_in(client).status_code == 429
    # That try, while locked, started the wait again: 15 minutes from minute 14.
    with later(28):
        assert log_in(client).status_code == 429
    with later(28 + 16):
        assert log_in(client).status_code == 302
    assert is_logged_in(client)


def test_an_admin_unlocks_by_deleting_the_attempt_in_the_admin(client, admin_user):
    fail(client, 5)
    assert log_in(client).status_code == 429
    attempt = AccessAttempt.objects.get(username="amina")

    admin = type(client)()
    admin.force_login(make_staff("root"))
    changelist = admin.get("/admin/axes/accessattempt/")
    assert changelist.status_code == 200
    assert "amina" in changelist.content.decode() and "192.0.2.10" in changelist.content.decode()
    confirm = admin.post(
        "/admin/axes/accessattempt/", {"action": "delete_selected", "_selected_action": [attempt.pk]}
    )
    assert confirm.status_code == 200
    done = admin.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert done.status_code == 302
    assert not AccessAttempt.objects.exists()

    assert log_in(client).status_code == 302
    assert is_logged_in(client)


def test_axes_reset_unlocks_everyone(client, admin_user):
    fail(client, 5)
    output = StringIO()

    call_command("axes_reset", stdout=output)

    assert "1 attempts removed." in output.getvalue()
    assert log_in(client).status_code == 302


def test_a_forged_forwarded_for_header_does_not_change_the_address_without_proxies(client, admin_user):
    # Each try claims another address; without QARARAT_PROXY_COUNT the header is ignored.
    statuses = [
        log_in(client, password="wrong", HTTP_X_FORWARDED_FOR=f"203.0.113.{number}").status_code
        for number in range(5)
    ]

    assert statuses[-1] == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"192.0.2.10"}


def test_behind_one_proxy_the_address_it_saw_is_the_client(rf, settings):
    settings.QARARAT_PROXY_COUNT = 1

    def address(forwarded=None):
        headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
        return client_ip(rf.post(LOGIN, REMOTE_ADDR="127.0.0.1", **headers))

    # The proxy appends the address it was reached from; what the client wrote before it is ignored.
    assert address("203.0.113.5") == "203.0.113.5"
    assert address("6.6.6.6, 203.0.113.5") == "203.0.113.5"
    assert address("2001:db8::1") == "2001:db8::1"
    # No header, or a last entry that is not an address: the connection's own address.
    assert address() == "127.0.0.1"
    assert address("6.6.6.6, not-an-address") == "127.0.0.1"

    settings.QARARAT_PROXY_COUNT = 2
    assert address("6.6.6.6, 203.0.113.5, 10.0.0.2") == "203.0.113.5"
    assert address("203.0.113.5") == "127.0.0.1"


def test_the_admin_names_the_login_attempts_section_in_the_readers_language(client, settings):
    """django-axes gives its app no name: the sidebar and the index said "AXES" in the Arabic admin."""
    client.force_login(make_staff("root"))
    arabic = client.get("/admin/").content.decode()
    assert "محاولات الدخول" in arabic and ">Axes<" not in arabic
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/admin/").content.decode()
    assert "Login attempts" in english and "محاولات الدخول" not in english
