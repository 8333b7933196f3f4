"""Fuzz the JSON API from its own description: schemathesis against a live gunicorn (`make fuzz-api`).

A fresh data folder (its own SQLite file and Whoosh index) gets the bundled corpus, gunicorn serves it on
a free port of 127.0.0.1 (tests/servers.py, as the browser tests do), and schemathesis generates requests
for every operation of /api/openapi.json, valid and invalid, and checks every answer. Bounded: at most
FUZZ_API_EXAMPLES test cases per operation and phase (default 200), and stopped (a failure) after
FUZZ_API_TIMEOUT seconds (default 900). Not schemathesis' --max-time: that is a budget it spends whole,
repeating the fuzzing until it runs out. Exits non-zero on any failure (or an error in the server's log),
printing schemathesis' report and the server's last log lines.

    python -m ops.fuzz_api [extra schemathesis options, e.g. --seed 1]
"""

from __future__ import annotations

import collections
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from tests import servers

# Every check schemathesis has, less those about authentication and authorisation: the API has none, so
# they have nothing to test (each would be skipped anyway; naming them keeps the report honest).
EXCLUDED_CHECKS = ["ignored_auth", "object_level_authorization"]
CONFIG = Path(__file__).with_name("schemathesis.toml")


def prepare(data: Path) -> dict[str, str]:
    env = servers.environment(data, GUNICORN_WORKERS="2", GUNICORN_ACCESS_LOG="", LOG_LEVEL="ERROR")
    manage = servers.manage_command(env)
    manage("migrate", "--noinput", "-v0")
    manage("load_corpus")
    manage("rebuild_index", "--noinput", "-v0")
    return env


def drain(stream, kept: collections.deque) -> None:
    """Read the server's log as it comes (a full pipe would block its workers), keeping the last lines."""
    for line in iter(stream.readline, b""):
        kept.append(line.decode(errors="replace"))


def main(argv: list[str]) -> int:
    examples = os.environ.get("FUZZ_API_EXAMPLES", "200")
    timeout = int(os.environ.get("FUZZ_API_TIMEOUT", "900"))
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="qararat-fuzz-") as folder:
        env = prepare(Path(folder))
        print(f"corpus loaded and indexed in {time.monotonic() - started:.0f} s", flush=True)
        process, url = servers.start_gunicorn(env, ready_path="/api/openapi.json")
        log: collections.deque = collections.deque(maxlen=200)
        threading.Thread(target=drain, args=(process.stderr, log), daemon=True).start()
        try:
            command = [
                str(Path(sys.executable).parent / "schemathesis"),
                "--config-file",
                str(CONFIG),
                "run",
                f"{url}/api/openapi.json",
                "--checks",
                "all",
                "--exclude-checks",
                ",".join(EXCLUDED_CHECKS),
                "--max-examples",
                examples,
                "--request-timeout",
                "30",
                "--workers",
                "2",
                "--generation-database",
                "none",
                *argv,
            ]
            fuzzing = time.monotonic()
            # Run from the data folder: schemathesis keeps a cache (.schemathesis/) where it runs.
            result = subprocess.run(command, cwd=folder, env={**os.environ, "NO_COLOR": "1"}, timeout=timeout)
            print(f"schemathesis exited {result.returncode} after {time.monotonic() - fuzzing:.0f} s")
        finally:
            servers.stop(process)
    errors = [line for line in log if "Traceback" in line or "ERROR" in line]
    if errors or result.returncode:
        print("last lines of the server's log:\n" + "".join(log), file=sys.stderr)
    return result.returncode or (1 if errors else 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
