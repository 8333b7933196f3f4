"""Production settings pass Django's deployment checks; every page carries the security headers."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STRONG_KEY = "q8-Vd3!kP0zR7mW2xL9sT4bN6cY1hJ5eF8gA3uK0oI7pQ2wE9rZ"


def manage(tmp_path, *args, **env):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "qararat.settings",
        "QARARAT_DATA_DIR": str(tmp_path),
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def check_deploy(tmp_path, **env):
    production = {"QARARAT_ENV": "production", "SECRET_KEY": STRONG_KEY, "ALLOWED_HOSTS": "qararat.example.org"}
    return manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **{**production, **env})


def test_production_settings_pass_check_deploy(tmp_path):
    result = check_deploy(tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_debug_and_a_missing_secret_key(tmp_path):
    debug = manage(tmp_path, "check", QARARAT_ENV="production", SECRET_KEY=STRONG_KEY, DEBUG="1")
    keyless = manage(tmp_path, "check", QARARAT_ENV="production", SECRET_KEY="")

    assert debug.returncode != 0 and "DEBUG must be off in production" in debug.stderr
    assert keyless.returncode != 0 and "SECRET_KEY must be set in production" in keyless.stderr


def test_turning_hsts_off_is_an_option_that_check_deploy_reports(tmp_path):
    result = check_deploy(tmp_path, QARARAT_HSTS_SECONDS="0")

    assert result.returncode != 0 and "security.W004" in result.stderr + result.stdout


@pytest.mark.django_db
def test_pages_send_csp_and_the_other_security_headers(client):
    response = client.get("/")

    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_https_settings_redirect_and_send_hsts(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000

    assert client.get("/").status_code == 301
    secure = client.get("/", secure=True)
    assert secure["Strict-Transport-Security"].startswith("max-age=31536000")
