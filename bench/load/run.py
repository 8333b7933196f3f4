"""Load and fault bench: the real server (gunicorn.conf.py) on the bundled corpus, driven by wrk.

    .venv/bin/python bench/load/run.py [--data bench/out/load-data] [--fresh] [--duration 15]
                                       [--connections 8,32,64] [--workers N] [--no-faults]

Needs Debian's wrk (`apt-get install wrk`); run by hand, not in CI. What it does:

1. Prepares a data folder (migrate, load_corpus, rebuild_index, collectstatic with hashed names), or
   reuses the one from the last run (--fresh starts over). SQLite in that folder unless --database-url.
2. Starts gunicorn with gunicorn.conf.py on 127.0.0.1 and a free port (access log to a file there).
3. Checks every URL it will request answers 200 (so no 4xx is ever counted), warms the workers up, then
   runs wrk at each connection count for --duration seconds, on two mixes:
   - search: /search/?q= and /api/search/?q= with real Arabic queries, rotating (a Lua script);
   - pages: home, session, document and resolution pages and their JSON.
   Prints req/s, p50 and p99 latency, socket errors, responses by class (4xx, 5xx) and the workers'
   resident memory (RSS, each worker's peak during the run, sampled from /proc every 0.25 s) per run.
4. Faults (unless --no-faults):
   a. kill -9 one gunicorn worker in the middle of a load run: how long until the master has replaced it,
      and how many requests failed out of how many;
   b. kill -9 `manage.py ingest` half-way through a batch of new files (on a copy of the data folder):
      then `manage.py check_index` (report), `check_index --repair`, and `check_index` again; the database
      is also checked (SQLite integrity, no document left without its paragraphs), and the batch is
      ingested again to show it completes.

Whole run: about 5 minutes with the defaults on 2 cores (data preparation adds ~30 s the first time).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
CORPUS = ROOT / "fixtures" / "corpus"

# Real queries a reader of the archive would type (words, phrases, a resolution number, an exclusion).
QUERIES = [
    "فلسطين",
    "القدس الشريف",
    "التعاون الاقتصادي",
    "مجلس الأمن",
    "اللاجئين",
    '"حقوق الإنسان"',
    "الإرهاب -الدولي",
    "أفغانستان",
    "32/38",
    "المرأة والتنمية",
]

LUA = r"""
-- Rotates through the paths below; counts responses by class in each thread and prints one JSON line.
paths = { %(paths)s }
local threads = {}
local counter = 0

function setup(thread)
  thread:set("offset", counter * 7)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  index = offset
  c2xx, c3xx, c4xx, c5xx = 0, 0, 0, 0
end

function request()
  index = (index %% #paths) + 1
  return wrk.format("GET", paths[index])
end

function response(status, headers, body)
  if status >= 500 then c5xx = c5xx + 1
  elseif status >= 400 then c4xx = c4xx + 1
  elseif status >= 300 then c3xx = c3xx + 1
  else c2xx = c2xx + 1 end
end

function done(summary, latency, requests)
  local t = {c2xx = 0, c3xx = 0, c4xx = 0, c5xx = 0}
  for _, thread in ipairs(threads) do
    for name, _ in pairs(t) do t[name] = t[name] + thread:get(name) end
  end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p90_us": %%d, "p99_us": %%d, "max_us": %%d, ' ..
    '"connect": %%d, "read": %%d, "write": %%d, "timeout": %%d, "status_errors": %%d, ' ..
    '"c2xx": %%d, "c3xx": %%d, "c4xx": %%d, "c5xx": %%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.timeout, e.status,
    t.c2xx, t.c3xx, t.c4xx, t.c5xx))
end
"""


def log(message: str) -> None:
    print(message, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(data: Path, database_url: str | None) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "qararat.settings",
        "QARARAT_DATA_DIR": str(data),
        "QARARAT_INDEX_DIR": str(data / "whoosh_index"),
        "QARARAT_HASHED_STATIC": "1",
        "DATABASE_URL": database_url or f"sqlite:///{data / 'qararat.sqlite3'}",
    }
    env.pop("QARARAT_ENV", None)
    return env


def manage(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def prepare(data: Path, env: dict, fresh: bool) -> None:
    ready = data / ".bench-ready"
    if fresh and data.exists():
        shutil.rmtree(data)
    data.mkdir(parents=True, exist_ok=True)
    if ready.exists():
        log(f"Reusing the data folder {data} (migrated to the code's models first)")
        manage(env, "migrate", "--noinput", "-v0")
        return
    started = time.monotonic()
    log(f"Preparing the data folder {data} (migrate, load_corpus, rebuild_index, collectstatic)…")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_corpus", "-v0")
    manage(env, "rebuild_index", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    ready.write_text("ok\n")
    log(f"  ready in {time.monotonic() - started:.0f} s")


def page_paths(env: dict) -> list[str]:
    """Every session, document and resolution page (HTML and JSON) the archive has, and the home page."""
    snippet = textwrap.dedent(
        """
        import json
        from archive.models import Document, Resolution, Session
        print(json.dumps({
            "sessions": sorted(Session.objects.values_list("slug", flat=True)),
            "documents": sorted(Document.objects.values_list("pk", flat=True)),
            "resolutions": sorted(Resolution.objects.values_list("pk", flat=True)),
        }))
        """
    )
    found = json.loads(manage(env, "shell", "-c", snippet).stdout.strip().splitlines()[-1])
    paths = ["/"]
    paths += [f"/sessions/{slug}/" for slug in found["sessions"]]
    paths += [f"/documents/{pk}/" for pk in found["documents"]]
    paths += [f"/resolutions/{pk}/" for pk in found["resolutions"]]
    paths += [f"/api/documents/{pk}/" for pk in found["documents"][::4]]
    paths += [f"/api/resolutions/{pk}/" for pk in found["resolutions"][::4]]
    return paths


def judged_queries() -> list[str]:
    """Every distinct judged query of the evaluation sets (tests/search_eval): more than the workers' search
    caches hold (32 entries each), so most of these requests run the search anew."""
    seen = []
    for name in ("queries.json", "heldout.json"):
        for item in json.loads((ROOT / "tests" / "search_eval" / name).read_text(encoding="utf-8"))["queries"]:
            if not item.get("needs") and item["query"] not in seen:
                seen.append(item["query"])
    return seen


def search_paths(queries: list[str] = QUERIES) -> list[str]:
    paths = []
    for query in queries:
        quoted = urllib.parse.quote(query)
        paths += [f"/search/?q={quoted}", f"/api/search/?q={quoted}"]
    return paths


class Server:
    def __init__(self, env: dict, data: Path, workers: int | None, port: int | None = None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        server_env = {**env, "GUNICORN_ACCESS_LOG": str(data / "access.log"), "GUNICORN_LOG_LEVEL": "warning"}
        if workers:
            server_env["GUNICORN_WORKERS"] = str(workers)
        self.errors = open(data / "gunicorn-error.log", "ab")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [GUNICORN, "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{self.port}"],
            cwd=ROOT,
            env=server_env,
            stdout=subprocess.DEVNULL,
            stderr=self.errors,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(self.url + "/", timeout=5).read()
                break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise SystemExit(f"gunicorn did not start; see {data / 'gunicorn-error.log'}") from None
                time.sleep(0.2)

    def workers(self) -> list[int]:
        """The master's children: its worker processes."""
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return sorted(int(pid) for pid in path.read_text().split())

    def memory(self) -> dict[int, int]:
        """Each worker's resident set size now, in bytes (VmRSS; a worker that just exited is left out)."""
        sizes = {}
        for pid in self.workers():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
            if match:
                sizes[pid] = int(match.group(1)) * 1024
        return sizes

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.errors.close()


def check_paths(url: str, paths: list[str]) -> None:
    bad = []
    for path in paths:
        try:
            with urllib.request.urlopen(url + path, timeout=30) as response:
                status = response.status
        except urllib.error.HTTPError as exc:
            status = exc.code
        if status != 200:
            bad.append(f"{status} {path}")
    if bad:
        raise SystemExit("These URLs do not answer 200:\n" + "\n".join(bad))


def lua_script(folder: Path, name: str, paths: list[str]) -> Path:
    path = folder / f"{name}.lua"
    quoted = ", ".join(json.dumps(item) for item in paths)
    path.write_text(LUA % {"paths": quoted})
    return path


def wrk(url: str, script: Path, connections: int, seconds: float, threads: int = 2) -> dict:
    command = [
        "wrk",
        f"-t{min(threads, connections)}",
        f"-c{connections}",
        f"-d{seconds:g}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
        url,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    match = re.search(r"^RESULT (\{.*\})$", result.stdout, re.M)
    if not match:
        raise SystemExit(f"wrk gave no result:\n{result.stdout}\n{result.stderr}")
    numbers = json.loads(match.group(1))
    numbers["rps"] = numbers["requests"] / (numbers["duration_us"] / 1e6)
    numbers["socket_errors"] = sum(numbers[name] for name in ("connect", "read", "write", "timeout"))
    return numbers


class MemorySampler:
    """Samples the workers' RSS while a run lasts; keeps each worker's peak."""

    def __init__(self, server: Server, every: float = 0.25):
        self.server, self.every = server, every
        self.peaks: dict[int, int] = {}
        self.running = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while self.running.is_set():
            for pid, size in self.server.memory().items():
                self.peaks[pid] = max(size, self.peaks.get(pid, 0))
            time.sleep(self.every)

    def __enter__(self) -> MemorySampler:
        self.running.set()
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.running.clear()
        self.thread.join()


def rss_text(peaks: dict[int, int]) -> str:
    """The workers' peak RSS in MB, lowest–highest (one number when they agree to the MB)."""
    if not peaks:
        return "?"
    low, high = min(peaks.values()) / 2**20, max(peaks.values()) / 2**20
    return f"{low:.0f}" if round(low) == round(high) else f"{low:.0f}–{high:.0f}"


def row(mix: str, connections: int, n: dict) -> str:
    return (
        f"| {mix:<6} | {connections:>3} | {n['requests']:>6} | {n['rps']:>7.1f} | {n['p50_us'] / 1000:>7.1f} | "
        f"{n['p99_us'] / 1000:>7.1f} | {n['c3xx']:>3} | {n['c4xx']:>3} | {n['c5xx']:>3} | {n['socket_errors']:>3} | "
        f"{rss_text(n.get('rss', {})):>7} |"
    )


HEADER = (
    "| mix    | conn. | requests | req/s | p50 ms | p99 ms | 3xx | 4xx | 5xx | socket errors | worker RSS MB |\n"
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
)


def load(server: Server, folder: Path, searches: list[str], pages: list[str], args) -> list[dict]:
    # "search" repeats 10 queries (answered from the workers' search caches after the first time);
    # "new" rotates through every judged query, mostly searched anew.
    scripts = {
        "search": lua_script(folder, "search", searches),
        "new": lua_script(folder, "new", search_paths(judged_queries())),
        "pages": lua_script(folder, "pages", pages),
    }
    log("Warming up (every worker opens its searcher and database)…")
    for script in scripts.values():
        wrk(server.url, script, 8, args.warmup)
    results = []
    log(HEADER)
    for mix, script in scripts.items():
        for connections in args.connections:
            with MemorySampler(server) as memory:
                numbers = wrk(server.url, script, connections, args.duration)
            numbers["rss"] = memory.peaks
            results.append({"mix": mix, "connections": connections, **numbers})
            log(row(mix, connections, numbers))
    return results


def kill_worker_under_load(server: Server, folder: Path, searches: list[str], pages: list[str]) -> dict:
    mixed = [path for pair in zip(searches * 4, pages, strict=False) for path in pair]
    script = lua_script(folder, "mixed", mixed)
    before = server.workers()
    outcome: dict = {"workers_before": len(before)}

    def kill_later():
        time.sleep(4)
        victim = before[0]
        os.kill(victim, signal.SIGKILL)
        killed_at = time.monotonic()
        outcome["killed"] = victim
        while time.monotonic() - killed_at < 20:
            now = server.workers()
            if victim not in now and len(now) == len(before):
                outcome["replaced_after_s"] = time.monotonic() - killed_at
                outcome["replacement"] = sorted(set(now) - set(before))
                break
            time.sleep(0.02)

    killer = threading.Thread(target=kill_later)
    killer.start()
    numbers = wrk(server.url, script, 32, 12)
    killer.join()
    outcome.update(numbers)
    outcome["failed"] = numbers["socket_errors"] + numbers["c5xx"]
    outcome["workers_after"] = len(server.workers())
    return outcome


def ingest_batch(folder: Path, copies: int) -> list[Path]:
    """New files with the corpus's text: each source with a trailing newline more per copy (new bytes, so a new
    document for the archive, which tells documents apart by checksum)."""
    sources = sorted(
        path for path in CORPUS.rglob("*") if path.suffix in {".txt", ".htm", ".html"} and path.is_file()
    )
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for copy in range(1, copies + 1):
        for source in sources:
            target = folder / f"copy{copy}-{source.parent.name}-{source.name}"
            target.write_bytes(source.read_bytes() + b"\n" * copy)
            made.append(target)
    return made


def counts(env: dict) -> dict:
    snippet = textwrap.dedent(
        """
        import json
        from django.db.models import Count
        from archive.models import Document, Paragraph
        print(json.dumps({
            "documents": Document.objects.count(),
            "paragraphs": Paragraph.objects.count(),
            "documents_without_paragraphs": Document.objects.annotate(n=Count("paragraphs"))
                .filter(n=0).count(),
        }))
        """
    )
    return json.loads(manage(env, "shell", "-c", snippet).stdout.strip().splitlines()[-1])


def check_index(env: dict, *extra: str) -> tuple[int, str]:
    # --skip-checks: the command (cc9f1c7) names its comparison method check(), which shadows Django's system
    # checks, so without it manage.py check_index fails before it starts (reported; harmless once renamed).
    result = manage(env, "check_index", "--skip-checks", *extra, check=False)
    text = (result.stdout + result.stderr).strip()
    return result.returncode, text


def without_id_lists(text: str) -> str:
    """check_index lists the identifiers it found; here a count of them is enough."""
    lines, ids = [], 0
    for line in [*text.splitlines(), ""]:
        if re.fullmatch(r"\s*[\w.]*\d+", line) and not line.strip().isalpha():
            ids += 1
            continue
        if ids:
            lines.append(f"  ({ids} identifiers)")
            ids = 0
        lines.append(line)
    return "\n".join(lines).rstrip()


def kill_ingest(data: Path, database_url: str | None) -> dict:
    """kill -9 an ingest half-way through a batch, on a copy of the data folder; then check and repair."""
    work = Path(tempfile.mkdtemp(prefix="qararat-fault-"))
    copy = work / "data"
    shutil.copytree(data, copy, ignore=shutil.ignore_patterns("staticfiles", "*.log"))
    env = environment(copy, database_url if database_url else None)
    outcome: dict = {"before": counts(env)}
    files = ingest_batch(work / "batch", copies=1)
    outcome["batch_files"] = len(files)
    process = subprocess.Popen(
        [PYTHON, "manage.py", "ingest", str(work / "batch")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    added = 0
    started = time.monotonic()
    for line in process.stdout:
        if line.startswith("+"):
            added += 1
        if added >= len(files) // 2:
            time.sleep(0.05)  # into the next file's parse, store or index
            break
    process.send_signal(signal.SIGKILL)
    process.wait()
    outcome["killed_after_s"] = time.monotonic() - started
    outcome["added_before_kill"] = added
    outcome["after_kill"] = counts(env)
    sqlite_file = copy / "qararat.sqlite3"
    if not database_url and sqlite_file.exists():
        with sqlite3.connect(sqlite_file) as connection:
            outcome["sqlite_integrity"] = connection.execute("pragma integrity_check").fetchone()[0]
    if (ROOT / "search" / "management" / "commands" / "check_index.py").exists():
        outcome["check"] = check_index(env)
        outcome["repair"] = check_index(env, "--repair")
        outcome["recheck"] = check_index(env)
    else:
        outcome["check"] = (None, "manage.py check_index is not there: compared counts only")
    rerun = manage(env, "ingest", str(work / "batch"), check=False)
    outcome["rerun_summary"] = rerun.stdout.strip().splitlines()[-1] if rerun.stdout.strip() else rerun.stderr
    outcome["after_rerun"] = counts(env)
    if "check" in outcome and outcome["check"][0] is not None:
        outcome["final_check"] = check_index(env)
    shutil.rmtree(work, ignore_errors=True)
    return outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "bench" / "out" / "load-data")
    parser.add_argument("--fresh", action="store_true", help="prepare the data folder again")
    parser.add_argument("--database-url", help="default: SQLite in the data folder")
    parser.add_argument("--duration", type=float, default=15, help="seconds per wrk run (default 15)")
    parser.add_argument(
        "--connections", type=lambda text: [int(n) for n in text.split(",")], default=[8, 32, 64]
    )
    parser.add_argument("--workers", type=int, help="default: what gunicorn.conf.py computes")
    parser.add_argument("--port", type=int, help="port for gunicorn (default: a free one)")
    parser.add_argument(
        "--warmup", type=float, default=3,
        help="seconds of load per mix before the timed runs (default 3; each worker caches each page it renders)",
    )
    parser.add_argument("--no-faults", action="store_true")
    parser.add_argument(
        "--no-page-cache", action="store_true", help="serve with QARARAT_PAGE_CACHE=0: every page rendered anew"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")

    began = time.monotonic()
    data = args.data.resolve()
    env = environment(data, args.database_url)
    if args.no_page_cache:
        env["QARARAT_PAGE_CACHE"] = "0"
    prepare(data, env, args.fresh)
    pages = page_paths(env)
    searches = search_paths()
    server = Server(env, data, args.workers, args.port)
    try:
        log(
            f"gunicorn on {server.url}: {len(server.workers())} workers, {os.cpu_count()} cores (wrk shares them)"
        )
        log(
            f"Load average before the runs: {' '.join(f'{n:.2f}' for n in os.getloadavg())} (other work skews the numbers)"
        )
        check_paths(server.url, searches + search_paths(judged_queries()) + pages)
        log(f"All {len(searches)} search and {len(pages)} page URLs answer 200.")
        results = load(server, data, searches, pages, args)
        total_5xx = sum(item["c5xx"] for item in results)
        total_errors = sum(item["socket_errors"] for item in results)
        log(f"5xx responses in all runs: {total_5xx}; socket errors: {total_errors}")
        log(f"Load average after: {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
        if not args.no_faults:
            log("\nFault a: kill -9 one worker during 12 s of load at 32 connections…")
            outcome = kill_worker_under_load(server, data, searches, pages)
            log(
                f"  killed worker {outcome.get('killed')}; replaced after "
                f"{outcome.get('replaced_after_s', float('nan')):.2f} s by {outcome.get('replacement')}; "
                f"workers {outcome['workers_before']} → {outcome['workers_after']}"
            )
            log(
                f"  {outcome['requests']} requests, {outcome['failed']} failed "
                f"(socket: connect {outcome['connect']}, read {outcome['read']}, write {outcome['write']}, "
                f"timeout {outcome['timeout']}; 5xx {outcome['c5xx']}); {outcome['rps']:.1f} req/s, "
                f"p99 {outcome['p99_us'] / 1000:.0f} ms"
            )
    finally:
        server.stop()
    if not args.no_faults:
        log("\nFault b: kill -9 `manage.py ingest` half-way through a batch (copy of the data folder)…")
        outcome = kill_ingest(data, args.database_url)
        log(f"  before: {outcome['before']}")
        log(
            f"  killed after {outcome['killed_after_s']:.1f} s, {outcome['added_before_kill']} of "
            f"{outcome['batch_files']} files reported added"
        )
        log(f"  after the kill: {outcome['after_kill']}")
        if "sqlite_integrity" in outcome:
            log(f"  SQLite integrity_check: {outcome['sqlite_integrity']}")
        for step in ("check", "repair", "recheck"):
            if step in outcome:
                status, text = outcome[step]
                log(f"  check_index {'--repair ' if step == 'repair' else ''}(exit {status}):")
                log(textwrap.indent(without_id_lists(text), "    "))
        log(f"  ingest again: {outcome['rerun_summary']}; now {outcome['after_rerun']}")
        if "final_check" in outcome:
            status, text = outcome["final_check"]
            log(f"  check_index after the re-run (exit {status}): {text.splitlines()[-1] if text else ''}")
    log(f"\nTotal time {time.monotonic() - began:.0f} s")


if __name__ == "__main__":
    main()
