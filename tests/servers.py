"""Real servers for tests: gunicorn on a free port over a fresh data folder, and manage.py against it.
Used by the browser tests and the several-workers test."""

from __future__ import annotations

import os
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
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    return manage


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env: dict[str, str], ready_path: str = "/", timeout: float = 60) -> tuple[subprocess.Popen, str]:
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
