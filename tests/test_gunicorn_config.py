"""gunicorn.conf.py: the values it computes from the environment, and that gunicorn accepts the file."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "gunicorn.conf.py"
GUNICORN_VARIABLES = (
    "GUNICORN_BIND",
    "PORT",
    "GUNICORN_WORKERS",
    "WEB_CONCURRENCY",
    "GUNICORN_TIMEOUT",
    "GUNICORN_GRACEFUL_TIMEOUT",
    "GUNICORN_KEEPALIVE",
    "GUNICORN_MAX_REQUESTS",
    "GUNICORN_MAX_REQUESTS_JITTER",
    "GUNICORN_PRELOAD",
    "GUNICORN_ACCESS_LOG",
    "GUNICORN_ERROR_LOG",
    "GUNICORN_LOG_LEVEL",
)


def load_config(monkeypatch, cores: int = 2, **environ: str):
    """Execute gunicorn.conf.py afresh with exactly these variables set and this many cores."""
    for name in GUNICORN_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: set(range(cores)), raising=False)
    spec = importlib.util.spec_from_file_location("gunicorn_conf_under_test", CONFIG)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_defaults_on_two_cores(monkeypatch):
    config = load_config(monkeypatch, cores=2)
    assert config.bind == ["127.0.0.1:8000"]
    assert config.workers == 5
    assert config.wsgi_app == "qararat.wsgi:application"
    assert (config.timeout, config.graceful_timeout, config.keepalive) == (60, 30, 5)
    assert (config.max_requests, config.max_requests_jitter) == (10000, 1000)
    assert config.preload_app is False
    assert config.accesslog == "-"
    assert config.errorlog == "-"
    assert "%(M)s" in config.access_log_format  # response time (ms)
    assert "%(p)s" in config.access_log_format  # the worker that answered


@pytest.mark.parametrize(("cores", "workers"), [(1, 3), (2, 5), (3, 7), (4, 8), (64, 8)])
def test_workers_follow_cores_up_to_a_cap(monkeypatch, cores, workers):
    assert load_config(monkeypatch, cores=cores).workers == workers


def test_workers_from_the_environment(monkeypatch):
    assert load_config(monkeypatch, cores=64, WEB_CONCURRENCY="3").workers == 3
    assert load_config(monkeypatch, cores=1, GUNICORN_WORKERS="12").workers == 12
    assert load_config(monkeypatch, GUNICORN_WORKERS="4", WEB_CONCURRENCY="9").workers == 4
    # An empty value means "not set".
    assert load_config(monkeypatch, cores=2, GUNICORN_WORKERS=" ").workers == 5


@pytest.mark.parametrize("value", ["0", "-2", "many"])
def test_bad_worker_counts_are_refused(monkeypatch, value):
    with pytest.raises(ValueError, match="GUNICORN_WORKERS"):
        load_config(monkeypatch, GUNICORN_WORKERS=value)


def test_bind_and_timeouts_from_the_environment(monkeypatch):
    config = load_config(
        monkeypatch,
        GUNICORN_BIND="0.0.0.0:9000, unix:/run/qararat.sock",
        GUNICORN_TIMEOUT="20",
        GUNICORN_GRACEFUL_TIMEOUT="10",
        GUNICORN_KEEPALIVE="2",
        GUNICORN_MAX_REQUESTS="0",
        GUNICORN_MAX_REQUESTS_JITTER="0",
        GUNICORN_PRELOAD="1",
        GUNICORN_ACCESS_LOG="",
        GUNICORN_LOG_LEVEL="WARNING",
    )
    assert config.bind == ["0.0.0.0:9000", "unix:/run/qararat.sock"]
    assert (config.timeout, config.graceful_timeout, config.keepalive) == (20, 10, 2)
    assert (config.max_requests, config.max_requests_jitter) == (0, 0)
    assert config.preload_app is True
    assert config.accesslog is None
    assert config.loglevel == "warning"
    assert load_config(monkeypatch, PORT="8123").bind == ["127.0.0.1:8123"]


def test_gunicorn_accepts_the_file(tmp_path):
    """gunicorn --check-config loads the file and the application without serving."""
    gunicorn = Path(sys.executable).parent / "gunicorn"
    result = subprocess.run(
        [str(gunicorn), "-c", str(CONFIG), "--check-config"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={
            "PATH": "/usr/bin:/bin",
            "GUNICORN_WORKERS": "2",
            "DJANGO_SETTINGS_MODULE": "qararat.settings",
            "QARARAT_DATA_DIR": str(tmp_path),
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
