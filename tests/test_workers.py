"""Several gunicorn workers, one data folder: a document ingested while the server runs (by manage.py ingest
in another process) is found at once by searches answered by every worker.

Each worker keeps its own Whoosh searcher between requests (search/backends/whoosh.py) and must notice that
the index changed. The real server runs here with gunicorn.conf.py and 3 workers on a temporary data folder
(no browser needed). Which worker answered comes from the access log, whose format ends with pid=<…>.
"""

from __future__ import annotations

import json
import re
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests import servers

ROOT = Path(__file__).resolve().parents[1]
WORKERS = 3
# A word no document has: the analysis treats it like any other Arabic word.
UNIQUE_WORD = "زنبقلورين"
NEW_DOCUMENT = f"""\
قرار رقم 99/99-س بشأن التعاون في مجال {UNIQUE_WORD}

إن مجلس وزراء الخارجية،

إذ يشير إلى أهمية التعاون بين الدول الأعضاء،

1 - يرحب بإنشاء لجنة {UNIQUE_WORD} للتنسيق بين الدول الأعضاء.

2 - يطلب إلى الأمين العام متابعة تنفيذ هذا القرار.
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """gunicorn (gunicorn.conf.py, 3 workers) on a fresh data folder holding one corpus document."""
    data = tmp_path_factory.mktemp("workers-data")
    env = servers.environment(
        data,
        GUNICORN_WORKERS=str(WORKERS),
        GUNICORN_ACCESS_LOG=str(data / "access.log"),
        GUNICORN_LOG_LEVEL="warning",
    )
    manage = servers.manage_command(env)
    manage("migrate", "--noinput", "-v0")
    manage("ingest", str(servers.ROOT / "fixtures" / "corpus" / "seeds" / "002_393cbb48b9883689.txt"))
    process, url = servers.start_gunicorn(env, ready_path="/api/sessions/")
    yield {"url": url, "data": data, "manage": manage, "process": process}
    servers.stop(process)


def workers(process) -> set[int]:
    return {int(pid) for pid in Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()}


def search(url: str, query: str) -> dict:
    """One request on its own connection (urllib never reuses one; gunicorn's sync workers close it anyway)."""
    with urllib.request.urlopen(f"{url}/api/search/?q={urllib.parse.quote(query)}", timeout=30) as response:
        assert response.status == 200
        return json.loads(response.read())


def answering_pids(data: Path, query: str, at_least: int = 0) -> list[int]:
    """Worker pids the access log names for the requests of this query, in order. A worker writes its log
    line just after sending the response, so wait (briefly) for `at_least` lines."""
    path = f"/api/search/?q={urllib.parse.quote(query)}"
    deadline = time.monotonic() + 5
    while True:
        # Only whole lines: a worker may be writing the last one while we read (it has the request but
        # not yet the pid at its end); the loop waits for it.
        text = (data / "access.log").read_text()
        pids = [
            int(re.search(r"pid=<(\d+)>", line).group(1))
            for line in text[: text.rfind("\n") + 1].splitlines()
            if f"GET {path} " in line
        ]
        if len(pids) >= at_least or time.monotonic() > deadline:
            return pids
        time.sleep(0.05)


def search_until_every_worker_answered(server, query: str, least: int = 24, most: int = 240) -> list[dict]:
    """At least `least` searches, 6 at a time on separate connections, and more until each worker has
    answered one (or `most` were sent)."""
    expected = workers(server["process"])
    answers: list[dict] = []
    with ThreadPoolExecutor(max_workers=6) as pool:
        while len(answers) < most:
            answers += pool.map(lambda _: search(server["url"], query), range(12))
            if len(answers) >= least and set(answering_pids(server["data"], query)) >= expected:
                break
    return answers


def test_a_document_ingested_meanwhile_is_found_by_every_worker(server):
    pool = workers(server["process"])
    assert len(pool) == WORKERS

    # Every worker opens its searcher on the index as it was (and keeps it between requests).
    warm = search_until_every_worker_answered(server, "التعاون")
    assert all(answer["count"] > 0 for answer in warm)
    assert set(answering_pids(server["data"], "التعاون", at_least=len(warm))) == pool
    assert search(server["url"], UNIQUE_WORD)["count"] == 0

    # Another process ingests a new file into the same data folder while the server runs.
    new_file = server["data"] / "new-resolution.txt"
    new_file.write_text(NEW_DOCUMENT, encoding="utf-8")
    assert "1 added" in server["manage"]("ingest", str(new_file))

    answers = search_until_every_worker_answered(server, UNIQUE_WORD)
    # The first line is the search before the ingest.
    pids = answering_pids(server["data"], UNIQUE_WORD, at_least=len(answers) + 1)[1:]
    assert len(answers) == len(pids) >= 20
    assert set(pids) == pool, "every worker answered after the ingest"
    for answer in answers:
        assert answer["count"] == 2, answer
        assert all(UNIQUE_WORD in result["text"] for result in answer["results"])
    # Same workers all along: none was restarted to pick the document up.
    assert workers(server["process"]) == pool
