"""Browser tests: the real server (gunicorn, hashed static files through whitenoise, the bundled corpus
ingested and indexed in a fresh data folder) driven by Debian's Chromium through Playwright.

Fixtures:
  server_url   base URL of the running server (session-scoped)
  manage       run a manage.py command against that server's data folder (e.g. to create a staff user)
  browser      one Chromium for the session
  page         a fresh 1280×900 page per test; page.console_errors lists console errors and failed loads
  phone_page   the same at 375×812

Without Chromium these tests are skipped, unless QARARAT_REQUIRE_BROWSER=1 (CI sets it), which turns a
missing browser into a failure.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests import servers

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("QARARAT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def _require_chromium():
    if Path(CHROMIUM).exists():
        return
    message = f"Chromium not found at {CHROMIUM} (Debian package chromium; `make browser-deps` installs it)"
    if os.environ.get("QARARAT_REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def server_env(tmp_path_factory):
    _require_chromium()
    data = tmp_path_factory.mktemp("browser-data")
    return servers.environment(data, QARARAT_HASHED_STATIC="1", GUNICORN_WORKERS="2")


@pytest.fixture(scope="session")
def manage(server_env):
    return servers.manage_command(server_env)


@pytest.fixture(scope="session")
def server_url(server_env, manage):
    manage("migrate", "--noinput", "-v0")
    manage("load_corpus")
    manage("rebuild_index", "--noinput", "-v0")
    manage("collectstatic", "--noinput", "-v0")
    process, url = servers.start_gunicorn(server_env)
    yield url
    servers.stop(process)


@pytest.fixture(scope="session")
def browser():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _open(browser, server_url, width: int, height: int, **options):
    context = browser.new_context(
        viewport={"width": width, "height": height}, base_url=server_url, **options
    )
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    page.on("requestfailed", lambda request: page.console_errors.append(f"failed: {request.url}"))
    return context, page


@pytest.fixture
def page(browser, server_url):
    context, page = _open(browser, server_url, 1280, 900, permissions=["clipboard-read", "clipboard-write"])
    yield page
    _screenshot(page, "desktop")
    context.close()


@pytest.fixture
def phone_page(browser, server_url):
    context, page = _open(browser, server_url, 375, 812, is_mobile=True, has_touch=True)
    yield page
    _screenshot(page, "phone")
    context.close()


def _screenshot(page, label: str) -> None:
    """With QARARAT_SCREENSHOTS=<folder>, each test's last page is saved there for a person to look at."""
    folder = os.environ.get("QARARAT_SCREENSHOTS")
    if not folder or page.is_closed():
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    test = os.environ.get("PYTEST_CURRENT_TEST", "page").split("::")[-1].split(" ")[0]
    name = re.sub(r"[^\w.-]+", "_", test).strip("_")
    page.screenshot(path=str(Path(folder) / f"{name}-{label}.png"), full_page=True)
