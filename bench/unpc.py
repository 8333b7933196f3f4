"""The UN Parallel Corpus import and search over it, measured (issue 15).

    .venv/bin/python bench/unpc.py [--scale N] [--port 8560]

Over a data folder of its own (never var/): the corpus (`load_corpus`), then both files of the 2015 sample
(`import_unpc` with their English) under /usr/bin/time -v, printing documents, paragraphs, sessions,
excerpts, parse + store and indexing rates and peak memory; then, with --scale N, the sample written out N
times under other corpus years (N × 8,000 lines, every document name distinct) and imported without
indexing, to show that memory does not grow with the file; then /search/ on gunicorn over corpus + sample:
every judged query (tuning and held-out, corpus and sample) once each, cold (the process's search cache
never holds it), p50 / p95 / max. Needs ../shared/corpus/extra/unpc-2015-sample.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "corpus" / "extra" / "unpc-2015-sample"
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))


def manage(env: dict, *args: str, timed: bool = False) -> tuple[str, dict[str, str]]:
    command = [PYTHON, str(ROOT / "manage.py"), *args]
    if timed:
        command = ["/usr/bin/time", "-v", *command]
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT, check=True)
    stats = dict(
        re.findall(
            r"^\s*(Maximum resident set size \(kbytes\)|Elapsed \(wall clock\) time[^:]*):\s*(.+)$",
            done.stderr,
            re.M,
        )
    )
    return done.stdout, stats


def scaled(folder: Path, times: int) -> tuple[Path, Path, Path]:
    """The sample written `times` times, each copy under another corpus year (1980, 1981 …)."""
    paths = tuple(folder / f"scaled.{suffix}" for suffix in ("ids", "ar", "en"))
    handles = [path.open("w", encoding="utf-8") for path in paths]
    for copy in range(times):
        for part in ("devset", "testset"):
            ids = (SAMPLE / f"{part}.ids").read_text(encoding="utf-8").splitlines()
            handles[0].writelines(f"{1980 + copy}{line[4:]}\n" for line in ids)
            for handle, suffix in zip(handles[1:], ("ar", "en"), strict=True):
                handle.write((SAMPLE / f"{part}.{suffix}").read_text(encoding="utf-8"))
    for handle in handles:
        handle.close()
    return paths


def search_latencies(env: dict, port: int) -> list[float]:
    from bench import relevance

    texts = []
    for path in relevance.SETS.values():
        texts += [q.text for q in relevance.load_queries(path)]
        texts += [q.text for q in relevance.load_queries(path, samples=frozenset({"unpc-2015-sample"}))]
    texts = list(dict.fromkeys(texts))
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "-c",
            str(ROOT / "gunicorn.conf.py"),
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "1",
            "qararat.wsgi",
        ],
        env={**env, "QARARAT_HASHED_STATIC": "0"},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urlopen(base + "/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        urlopen(f"{base}/search/?{urlencode({'q': 'تجربة'})}", timeout=30).read()  # warm the worker
        timings = []
        for text in texts:
            started = time.perf_counter()
            with urlopen(f"{base}/search/?{urlencode({'q': text})}", timeout=60) as response:
                response.read()
                assert response.status == 200
            timings.append((time.perf_counter() - started) * 1000)
        return timings
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale", type=int, default=0, help="also import the sample written N times, unindexed"
    )
    parser.add_argument("--port", type=int, default=8560)
    args = parser.parse_args()
    if not (SAMPLE / "devset.ids").is_file():
        sys.exit(f"the UN Parallel Corpus sample is not at {SAMPLE}")
    with tempfile.TemporaryDirectory(prefix="qararat-unpc-bench-") as folder:
        env = {**os.environ, "QARARAT_DATA_DIR": folder, "QARARAT_INDEX_DIR": f"{folder}/whoosh_index"}
        env.pop("DATABASE_URL", None)
        manage(env, "migrate", "-v0")
        manage(env, "load_corpus")
        print(
            f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} (shared with other work)"
        )
        for part in ("devset", "testset"):
            out, stats = manage(
                env,
                "import_unpc",
                *(str(SAMPLE / f"{part}.{s}") for s in ("ar", "ids")),
                "--en",
                str(SAMPLE / f"{part}.en"),
                timed=True,
            )
            print(f"== {part}")
            print("\n".join(out.splitlines()[:2]))
            wall = next(value for key, value in stats.items() if key.startswith("Elapsed"))
            print(
                f"   peak memory {int(stats['Maximum resident set size (kbytes)']) / 1024:.0f} MB, wall {wall} (with Django's start)"
            )
        if args.scale:
            paths = scaled(Path(folder), args.scale)
            out, stats = manage(
                env,
                "import_unpc",
                str(paths[1]),
                str(paths[0]),
                "--en",
                str(paths[2]),
                "--no-index",
                timed=True,
            )
            print(f"== the sample × {args.scale} ({args.scale * 8000:,} lines), stored without indexing")
            print("\n".join(out.splitlines()[:2]))
            print(f"   peak memory {int(stats['Maximum resident set size (kbytes)']) / 1024:.0f} MB")
            return
        timings = search_latencies(env, args.port)
        timings.sort()
        print(
            f"== /search/ over corpus + sample, {len(timings)} judged queries once each (1 gunicorn worker): "
            f"p50 {statistics.median(timings):.0f} ms, p95 {timings[int(len(timings) * 0.95) - 1]:.0f} ms, "
            f"max {timings[-1]:.0f} ms"
        )


if __name__ == "__main__":
    main()
