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
    production = {
        "QARARAT_ENV": "production",
        "SECRET_KEY": STRONG_KEY,
        "ALLOWED_HOSTS": "qararat.example.org",
    }
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


# The policy the site is served with: only its own scripts, styles, fonts and images; inline styles for
# the admin's style attributes, never inline scripts; no plugins, no framing, forms post only here.
POLICY = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'", "'unsafe-inline'"},
    "img-src": {"'self'", "data:"},
    "font-src": {"'self'"},
    "connect-src": {"'self'"},
    "object-src": {"'none'"},
    "base-uri": {"'self'"},
    "form-action": {"'self'"},
    "frame-ancestors": {"'none'"},
}
FEATURES_OFF = {"camera", "microphone", "geolocation", "payment", "usb", "interest-cohort"}


def directives(header: str) -> dict[str, set[str]]:
    """A Content-Security-Policy header as {directive: sources}, whatever order it lists them in."""
    parsed = {}
    for part in header.split(";"):
        name, *sources = part.split()
        assert name not in parsed, f"{name} given twice"
        parsed[name] = set(sources)
    return parsed


def assert_security_headers(response):
    assert directives(response["Content-Security-Policy"]) == POLICY
    assert dict(item.split("=") for item in response["Permissions-Policy"].split(", ")) == {
        feature: "()" for feature in FEATURES_OFF
    }
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/admin/login/", "/api/sessions/", "/no-such-page/"])
def test_every_kind_of_page_is_served_with_csp_and_the_other_security_headers(client, url):
    response = client.get(url)

    assert response.status_code in {200, 404}
    assert_security_headers(response)


@pytest.mark.django_db
def test_a_view_can_change_the_policy_with_django_csp(rf, settings):
    from csp.decorators import csp_update
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse

    @csp_update({"img-src": "https://tiles.example.org"})
    def view(request):
        return HttpResponse("map")

    response = CSPMiddleware(view)(rf.get("/"))

    assert directives(response["Content-Security-Policy"])["img-src"] == {
        "'self'",
        "data:",
        "https://tiles.example.org",
    }


@pytest.mark.django_db
def test_https_settings_redirect_and_send_hsts(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000

    assert client.get("/").status_code == 301
    secure = client.get("/", secure=True)
    assert secure["Strict-Transport-Security"].startswith("max-age=31536000")
