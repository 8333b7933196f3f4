"""Real servers for tests: gunicorn on a free port over a fresh data folder, and manage.py against it.
Used by the browser tests and the several-workers test."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def environment(data: Path, **extra: str) -> dict[str, str]:
    """Local (not production) settings over this data folder, its own SQLite file and index."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "qararat.settings",
        "QARARAT_DATA_DIR": str(data),
        "QARARAT_INDEX_DIR": str(data / "whoosh_index"),
        "DATABASE_URL": f"sqlite:///{data / 'server.sqlite3'}",
        **extra,
    }
    env.pop("QARARAT_ENV", None)
    return env


def manage_command(env: dict[str, str]) -> Callable[..., str]:
    def manage(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    return manage


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(
    env: dict[str, str], ready_path: str = "/", timeout: float = 60
) -> tuple[subprocess.Popen, str]:
    """gunicorn with gunicorn.conf.py on a free port; returns once ready_path answers."""
    port = free_port()
    gunicorn = Path(sys.executable).parent / "gunicorn"
    process = subprocess.Popen(
        [str(gunicorn), "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url + ready_path, timeout=5).read()
            return process, url
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"gunicorn did not start: {process.stderr.read().decode()[-2000:]}")
            time.sleep(0.2)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=30)


# -- a staff member in the admin, over HTTP (requests) ----------------------------------------------------


def csrf_token(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def staff_browser(url: str, username: str, password: str):
    """A requests session logged in to the admin as a staff member."""
    import requests

    browser = requests.Session()
    login = browser.get(f"{url}/admin/login/")
    browser.post(
        f"{url}/admin/login/",
        data={
            "csrfmiddlewaretoken": csrf_token(login.text),
            "username": username,
            "password": password,
            "next": "/admin/",
        },
        headers={"Referer": login.url},
    ).raise_for_status()
    return browser


def upload_preview(browser, url: str, name: str, raw: bytes):
    """The admin's upload page, one file sent: the preview page."""
    upload = browser.get(f"{url}/admin/archive/document/upload/")
    return browser.post(
        upload.url,
        data={"csrfmiddlewaretoken": csrf_token(upload.text)},
        files={"files": (name, raw)},
        headers={"Referer": upload.url},
    )


def confirm_upload(browser, url: str, preview):
    """The preview's "store" button: the result page."""
    path = re.search(r'action="(/admin/archive/document/upload/[^"]+/confirm/)"', preview.text).group(1)
    return browser.post(
        url + path, data={"csrfmiddlewaretoken": csrf_token(preview.text)}, headers={"Referer": preview.url}
    )
