"""Local settings: every worker and restart shares one secret key kept in the data folder; a setting
read from the environment fails on a value it cannot read."""

import stat

import pytest
from django.core.exceptions import ImproperlyConfigured

from qararat.settings import env_bool, env_int, local_secret_key
from tests.test_security import manage


def test_the_local_secret_key_is_made_once_per_data_folder_and_kept_private(tmp_path):
    first = local_secret_key(tmp_path)
    assert first == local_secret_key(tmp_path)
    assert len(first) > 50
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600
    assert [path.name for path in tmp_path.iterdir()] == ["secret_key"]


def test_another_data_folder_gets_another_key(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert local_secret_key(tmp_path / "a") != local_secret_key(tmp_path / "b")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), ("Yes", True), (" on ", True), ("0", False), ("off", False), ("", True)],
)
def test_a_yes_no_setting_reads_the_usual_words_and_empty_keeps_the_default(monkeypatch, value, expected):
    monkeypatch.setenv("QARARAT_EXAMPLE", value)
    assert env_bool("QARARAT_EXAMPLE", default=True) is expected


def test_a_yes_no_setting_fails_on_a_word_it_cannot_read(monkeypatch):
    monkeypatch.setenv("QARARAT_EXAMPLE", "ture")
    with pytest.raises(
        ImproperlyConfigured, match="QARARAT_EXAMPLE must be one of 1/true/yes/on or 0/false/no/off"
    ):
        env_bool("QARARAT_EXAMPLE")


def test_a_number_setting_fails_on_text_and_on_a_number_below_its_minimum(monkeypatch):
    monkeypatch.setenv("QARARAT_EXAMPLE", "")
    assert env_int("QARARAT_EXAMPLE", 5, minimum=1) == 5
    monkeypatch.setenv("QARARAT_EXAMPLE", " 7 ")
    assert env_int("QARARAT_EXAMPLE", 5, minimum=1) == 7
    monkeypatch.setenv("QARARAT_EXAMPLE", "five")
    with pytest.raises(ImproperlyConfigured, match="QARARAT_EXAMPLE must be a whole number, not 'five'"):
        env_int("QARARAT_EXAMPLE", 5)
    monkeypatch.setenv("QARARAT_EXAMPLE", "0")
    with pytest.raises(ImproperlyConfigured, match="QARARAT_EXAMPLE must be at least 1, not 0"):
        env_int("QARARAT_EXAMPLE", 5, minimum=1)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("QARARAT_LOGIN_FAILURE_LIMIT", "0", "QARARAT_LOGIN_FAILURE_LIMIT must be at least 1, not 0"),
        (
            "QARARAT_LOGIN_COOLOFF_MINUTES",
            "15m",
            "QARARAT_LOGIN_COOLOFF_MINUTES must be a whole number, not '15m'",
        ),
        ("QARARAT_PROXY_COUNT", "-1", "QARARAT_PROXY_COUNT must be at least 0, not -1"),
        ("QARARAT_HASHED_STATIC", "ja", "QARARAT_HASHED_STATIC must be one of"),
    ],
)
def test_the_site_refuses_to_start_on_an_unreadable_login_or_static_setting(tmp_path, name, value, message):
    result = manage(tmp_path, "check", **{name: value})

    assert result.returncode != 0
    assert message in result.stderr


def test_the_login_limit_and_wait_come_from_the_environment(tmp_path):
    result = manage(
        tmp_path,
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.AXES_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME)",
        QARARAT_LOGIN_FAILURE_LIMIT="3",
        QARARAT_LOGIN_COOLOFF_MINUTES="60",
    )

    assert result.stdout.split() == ["3", "1:00:00"], result.stderr
