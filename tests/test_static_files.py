"""Static files are collected the way they are served: hashed names with their manifest. Served hashed
without a manifest, the server refuses to start instead of answering every page with a 500."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from qararat.staticfiles import check_manifest
from tests.helpers import ingest_fixtures
from tests.servers import ROOT, environment, manage_command, start_gunicorn, stop

HASHED = "whitenoise.storage.CompressedManifestStaticFilesStorage"
PLAIN = "django.contrib.staticfiles.storage.StaticFilesStorage"
HASHED_FAVICON = re.compile(r'href="/static/(favicon\.[0-9a-f]{12}\.svg)"')


def collect(settings, root: Path, backend: str) -> None:
    settings.STATIC_ROOT = root
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": backend}}
    call_command("collectstatic", "--noinput", verbosity=0)


@pytest.mark.django_db
def test_pages_render_with_hashed_names_from_a_hashed_collection(client, settings, tmp_path):
    collect(settings, tmp_path / "static", HASHED)
    check_manifest()
    (document,) = ingest_fixtures("seeds/002_393cbb48b9883689.txt")

    urls = [
        "/",
        document.sessions.first().get_absolute_url(),
        document.get_absolute_url(),
        "/search/?q=القدس",
        "/admin/login/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        favicon = HASHED_FAVICON.search(page)
        assert favicon, url
        assert (tmp_path / "static" / favicon.group(1)).is_file()
        assert not re.search(r'"/static/(css|js)/[a-z]+\.(css|js)"', page), f"{url} links an unhashed file"
    # A page that is not there still renders its own 404 with the hashed stylesheet.
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404 and HASHED_FAVICON.search(missing.content.decode())


def test_a_hashed_collection_also_keeps_the_plain_names_for_a_plain_server(settings, tmp_path):
    collect(settings, tmp_path / "static", HASHED)

    assert (tmp_path / "static" / "favicon.svg").is_file()
    assert (tmp_path / "static" / "staticfiles.json").is_file()


def test_serving_hashed_names_from_a_plain_collection_is_refused_with_what_to_run(settings, tmp_path):
    collect(settings, tmp_path / "static", PLAIN)
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": HASHED}}

    with pytest.raises(
        ImproperlyConfigured, match=r"staticfiles\.json is missing.*QARARAT_HASHED_STATIC=1 manage\.py"
    ):
        check_manifest()
    settings.DEBUG = True
    check_manifest()  # DEBUG serves plain names: nothing to refuse.


def test_gunicorn_serves_hashed_static_files_after_collecting_them_hashed(tmp_path):
    env = environment(tmp_path, QARARAT_HASHED_STATIC="1", GUNICORN_WORKERS="1")
    manage = manage_command(env)
    manage("migrate", "--noinput", "--verbosity", "0")
    manage("collectstatic", "--noinput", "--verbosity", "0")
    process, url = start_gunicorn(env)
    try:
        import urllib.request

        with urllib.request.urlopen(url + "/") as page:
            html = page.read().decode()
            assert page.status == 200
            assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
            assert "camera=()" in page.headers["Permissions-Policy"]
        favicon = HASHED_FAVICON.search(html).group(1)
        with urllib.request.urlopen(f"{url}/static/{favicon}") as static:
            assert static.status == 200
            assert "immutable" in static.headers["Cache-Control"]
    finally:
        stop(process)


def test_gunicorn_refuses_to_start_on_hashed_names_without_a_manifest(tmp_path):
    manage_command(environment(tmp_path, QARARAT_HASHED_STATIC="0"))(
        "collectstatic", "--noinput", "--verbosity", "0"
    )
    gunicorn = Path(sys.executable).parent / "gunicorn"

    result = subprocess.run(
        [str(gunicorn), "-c", "gunicorn.conf.py", "--bind", "127.0.0.1:0"],
        cwd=ROOT,
        env=environment(tmp_path, QARARAT_HASHED_STATIC="1", GUNICORN_WORKERS="1"),
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "staticfiles.json is missing" in result.stderr
    assert "QARARAT_HASHED_STATIC=1 manage.py collectstatic --noinput" in result.stderr


MAKE_LOG = 'echo "QARARAT_HASHED_STATIC=${QARARAT_HASHED_STATIC-unset} $(basename "$0") $*" >> "$LOG"\n'


@pytest.mark.parametrize(
    ("targets", "environ", "hashed"),
    [
        (["data"], {}, "1"),
        (["serve"], {}, "1"),
        (["data", "serve"], {}, "1"),
        (["serve"], {"QARARAT_HASHED_STATIC": "0"}, "0"),
    ],
)
def test_make_collects_static_files_the_way_make_serve_serves_them(tmp_path, targets, environ, hashed):
    """`make` over a stand-in virtualenv whose python and gunicorn only write down how they were run."""
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    for name in ("python", "gunicorn"):
        (bin_dir / name).write_text("#!/bin/sh\n" + MAKE_LOG)
        (bin_dir / name).chmod(0o755)
    log = tmp_path / "log"
    env = {key: value for key, value in environment(tmp_path).items() if key != "QARARAT_HASHED_STATIC"}

    for target in targets:
        subprocess.run(
            ["make", "-s", target, f"VENV={tmp_path / 'venv'}"],
            cwd=ROOT,
            env={**env, **environ, "LOG": str(log)},
            check=True,
            capture_output=True,
        )

    lines = log.read_text().splitlines()
    collected = [line for line in lines if "collectstatic" in line]
    served = [line for line in lines if line.split()[1] == "gunicorn"]
    assert len(collected) == len(targets)
    assert len(served) == targets.count("serve")
    assert {line.split()[0] for line in collected + served} == {f"QARARAT_HASHED_STATIC={hashed}"}
