"""OpenSearch against Whoosh at scale, through the product's own paths: rebuild_index, ranked_ids, /search/.

    .venv/bin/python bench/opensearch_scale.py [--size 100000] [--queries 200] [--passes 1]
        [--engines opensearch,whoosh,lucene] [--vocabulary unpc] [--keep-index]

Needs the OpenSearch cluster of `python3 -m ops.opensearch_cluster start` (OPENSEARCH_URL, default its
three nodes on 127.0.0.1:9200-9202). For one size:

1. bench/generate.py --vocabulary unpc writes bench/out/paragraphs-unpc-N.jsonl (kept and reused): the
   corpus recombined with the UN sentences' words (see its docstring).
2. Each engine runs in a process of its own (Django settings are fixed per process), both over the same
   temporary SQLite database in bench/out/opensearch-scale-N/site, loaded once with scale.py's
   load_database:
   - opensearch: QARARAT_SEARCH_BACKEND=opensearch, OPENSEARCH_INDEX=qararat-bench-N (the alias; the
     physical index is qararat-bench-N-<time>), OPENSEARCH_REPLICAS=1, one shard;
   - whoosh: the default backend, its index in a temporary folder under /tmp/qararat-bench-opensearch/;
   - lucene: the floor, not the product: Lucene 8 in one JVM (bench/scale.py's lucene_run, Debian's
     liblucene8-java) over the same paragraphs analysed by search.analysis, the same queries, the engine
     alone (its build time is IndexWriter's, after an analysis pass that is reported beside it).
3. In each: `manage.py rebuild_index` (call_command: the backend's rebuild(), batches of
   search.indexing.BATCH; our analysis, haystack's full_prepare and the writes are all in the time), then
   scale.py's query mix: the engine alone, `backend.ranked_ids(tree, MAX_HITS)` on
   `expand_aliases(parse(q).tree)` (what search.retrieve sends; body and year filters are the database's
   business, so they are not part of it), and `GET /search/?q=…` with django.test.Client as scale.py's
   view_times does, three ways: "warm" (the untimed warm-up pass is the same queries, so the facts and
   Whoosh postings the process keeps hold all they need), "others" (the warm-up pass is another seeded
   query mix, as other people's searches would be) and "cold" (those kept facts and postings emptied before
   every request). One untimed warm-up pass, then --passes timed passes; p50/p95 over the timed runs.
4. Memory: each engine process's peak RSS (getrusage), and for OpenSearch each node's JVM heap used (GET
   _nodes/stats/jvm) after the queries. The cluster may be serving other people's tests at the same time.

The qararat-bench-N alias and its index are deleted at the end unless --keep-index. Results: a table on
stdout and bench/out/opensearch-scale-N.json. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import resource
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scale import (  # noqa: E402
    OUT,
    VIEW_MODES,
    dir_size,
    load_database,
    log,
    make_queries,
    percentiles,
    timed_passes,
    view_times,
)

ENGINES = ("opensearch", "whoosh", "lucene")
DEFAULT_URLS = "http://127.0.0.1:9200,http://127.0.0.1:9201,http://127.0.0.1:9202"
TMP = pathlib.Path(tempfile.gettempdir()) / "qararat-bench-opensearch"


def engine_environment(engine: str, size: int, work: pathlib.Path, whoosh_dir: pathlib.Path) -> dict:
    """The environment an engine's process runs under: same database, its own backend."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("QARARAT_", "OPENSEARCH_", "DATABASE_URL"))
    }
    env.update(DJANGO_SETTINGS_MODULE="qararat.settings", QARARAT_DATA_DIR=str(work / "site"))
    if engine == "opensearch":
        env.update(
            QARARAT_SEARCH_BACKEND="opensearch",
            OPENSEARCH_URL=os.environ.get("OPENSEARCH_URL", DEFAULT_URLS),
            OPENSEARCH_INDEX=f"qararat-bench-{size}",
            OPENSEARCH_REPLICAS="1",
            OPENSEARCH_TIMEOUT="60",  # a 10,000-paragraph bulk on a loaded machine can take longer than 10 s
        )
    else:
        env.update(QARARAT_SEARCH_BACKEND="whoosh", QARARAT_INDEX_DIR=str(whoosh_dir))
    return env


def query_text(q: dict) -> str:
    """What a user types for this query (as scale.view_times sends it)."""
    return f'"{q["raw"]}"' if q["kind"] == "phrase" else q["raw"]


def view_key(mode: str) -> str:
    """The result's key prefix for /search/ timed in a scale.view_times mode ("view" for warm, as before)."""
    return "view" if mode == "warm" else f"view_{mode}"


def query_trees(queries: list[dict]) -> list:
    """Each query's tree with its aliases expanded, what search.retrieve sends; queries without one left out."""
    from search.aliases import expand_aliases
    from search.query import parse

    trees = (expand_aliases(parse(query_text(q)).tree) for q in queries)
    return [tree for tree in trees if tree is not None]


def engine_times(backend, queries: list[dict], passes: int) -> tuple[list[float], int, int]:
    """ranked_ids on each query's expanded tree: (times, queries without hits, queries without a tree)."""
    from search.retrieve import MAX_HITS

    trees = query_trees(queries)
    times, empty = timed_passes(trees, passes, lambda tree: backend.ranked_ids(tree, MAX_HITS))
    return times, empty, len(queries) - len(trees)


def engine_cold_times(backend, queries: list[dict], passes: int) -> list[float]:
    """ranked_ids as engine_times, each call after the postings Whoosh's array scorer keeps are emptied."""
    from search.backends.whoosh_dense import forget
    from search.retrieve import MAX_HITS

    trees = query_trees(queries)

    def cold(tree):
        forget()
        started = time.perf_counter()
        backend.ranked_ids(tree, MAX_HITS)
        return (time.perf_counter() - started) * 1000

    for tree in trees:  # warm-up: searchers, field lengths, paragraph ids
        backend.ranked_ids(tree, MAX_HITS)
    return [cold(tree) for _ in range(passes) for tree in trees]


def opensearch_memory(backend) -> tuple[list[dict], int]:
    """Each node's JVM heap (used, max) and the bytes the alias's index takes on disk (with replicas)."""
    stats = backend.conn.nodes.stats(metric="jvm")
    nodes = sorted(
        (
            {
                "node": node["name"],
                "heap_used_mb": node["jvm"]["mem"]["heap_used_in_bytes"] / 2**20,
                "heap_max_mb": node["jvm"]["mem"]["heap_max_in_bytes"] / 2**20,
            }
            for node in stats["nodes"].values()
        ),
        key=lambda node: node["node"],
    )
    store = backend.conn.indices.stats(index=backend.alias, metric="store")["_all"]["total"]["store"]
    return nodes, store["size_in_bytes"]


def run_engine(
    engine: str,
    size: int,
    jsonl: pathlib.Path,
    n_queries: int,
    passes: int,
    seed: int,
    keep_index: bool,
    result_path: pathlib.Path,
) -> None:
    """One engine's process: database (loaded if not yet), rebuild_index, the two timed rows, memory."""
    import django

    django.setup()
    from django.core.management import call_command
    from haystack import connections

    from archive.models import Paragraph

    call_command("migrate", verbosity=0, interactive=False)
    result: dict = {"engine": engine, "notes": []}
    held = Paragraph.objects.count()
    if held not in (0, size):  # a load that was cut short: start the folder again
        raise SystemExit(
            f"the temporary database holds {held} paragraphs, not {size}: remove "
            f"bench/out/opensearch-scale-{size}/site and run again"
        )
    if not held:
        log(f"{engine}: loading the temporary database (bulk_create)")
        result["db_load_s"] = load_database(jsonl)
    backend = connections["default"].get_backend()
    log(f"{engine}: manage.py rebuild_index")
    started = time.perf_counter()
    call_command("rebuild_index", interactive=False, verbosity=1)
    result["rebuild_s"] = time.perf_counter() - started
    result["indexed"] = backend.document_count()
    if result["indexed"] != size:
        raise SystemExit(f"{engine}: the index holds {result['indexed']} paragraphs, not {size}")
    log(f"{engine}: rebuild_index {result['rebuild_s']:.1f} s")

    queries = make_queries(n_queries, seed)
    times, empty, untreed = engine_times(backend, queries, passes)
    result["engine_p50_ms"], result["engine_p95_ms"] = percentiles(times)
    result["notes"].append(f"engine: {empty} queries without hits, {untreed} with no query tree")
    log(f"{engine}: ranked_ids p50 {result['engine_p50_ms']:.1f} ms, p95 {result['engine_p95_ms']:.1f} ms")
    result["engine_cold_p50_ms"], result["engine_cold_p95_ms"] = percentiles(engine_cold_times(backend, queries, passes))
    log(f"{engine}: ranked_ids cold p50 {result['engine_cold_p50_ms']:.1f} ms, p95 {result['engine_cold_p95_ms']:.1f} ms")
    others = make_queries(n_queries, seed + 1)
    for mode in VIEW_MODES:  # what the process keeps between searches: see scale.view_times
        times, errors = view_times(queries, passes, mode, warmup=others)
        key = view_key(mode)
        if errors:  # an error page is fast and means nothing
            result[f"{key}_p50_ms"] = result[f"{key}_p95_ms"] = None
            result["notes"].append(f"/search/ ({mode}) NOT MEASURED: {errors} answers were not 200")
        else:
            result[f"{key}_p50_ms"], result[f"{key}_p95_ms"] = percentiles(times)
            log(f"{engine}: /search/ ({mode}) p50 {result[f'{key}_p50_ms']:.1f} ms, p95 {result[f'{key}_p95_ms']:.1f} ms")

    if engine == "opensearch":
        result["nodes"], result["index_bytes"] = opensearch_memory(backend)
        result["notes"].append(
            f"index {backend.alias} -> {', '.join(backend._aliased())}, 1 shard, 1 replica"
        )
        if not keep_index:
            backend.drop()
    else:
        result["index_bytes"] = dir_size(pathlib.Path(connections["default"].options["PATH"]))
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result_path.write_text(json.dumps(result, ensure_ascii=False, indent=1))


def run_lucene(size: int, jsonl: pathlib.Path, n_queries: int, passes: int, seed: int, work: pathlib.Path,
               result_path: pathlib.Path) -> None:
    """The floor: Lucene 8 in one JVM (Debian's liblucene8-java, bench/lucene/LuceneSpeed.java) over the same
    paragraphs analysed by search.analysis (WhitespaceAnalyzer), the same queries; engine alone, no /search/."""
    import django

    django.setup()
    from bench.scale import analysis_pass, lucene_run, write_queries_tsv

    log("lucene: analysis pass (search.analysis, 2 processes)")
    pre, raw, analysis_s = analysis_pass(jsonl, work)
    queries = make_queries(n_queries, seed)
    queries_tsv = work / "queries.tsv"
    write_queries_tsv(queries, queries_tsv)
    found = lucene_run("pre", pre, work / "lucene-pre", queries_tsv, passes)
    p50, p95 = percentiles(found["times"])
    log(f"lucene: build {found['build_s']:.1f} s, search p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    for path in (pre, raw):
        path.unlink(missing_ok=True)
    result_path.write_text(json.dumps({
        "engine": "lucene 8.7 (in-process, 2 threads)", "rebuild_s": found["build_s"], "index_bytes": found["size"],
        "engine_p50_ms": p50, "engine_p95_ms": p95, **{f"{view_key(mode)}_{q}_ms": None for mode in VIEW_MODES for q in ("p50", "p95")},
        "peak_rss_mb": None,
        "notes": [f"analysis pass before it {analysis_s:.1f} s; {found['segments']} segments, "
                  f"{found['empty']} queries without hits; build is IndexWriter over the analysed text"],
    }))


def print_table(result: dict) -> None:
    fmt = lambda v, f: "—" if v is None else format(v, f)  # noqa: E731
    print()
    print(
        f"## {result['size']:,} paragraphs ({result['jsonl']}) — {result['queries']} queries × "
        f"{result['passes']} timed pass(es)"
    )
    print()
    print(
        "| engine | rebuild_index s | index MB | ranked_ids p50 ms | p95 ms | cold p50 | p95 | "
        "/search/ warm p50 ms | p95 ms | others p50 | p95 | cold p50 | p95 | peak RSS MB |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in result["rows"]:
        views = " | ".join(
            fmt(r.get(f"{view_key(mode)}_{q}_ms"), ".1f") for mode in VIEW_MODES for q in ("p50", "p95")
        )
        print(
            f"| {r['engine']} | {r['rebuild_s']:.1f} | {r['index_bytes'] / 2**20:.1f} | "
            f"{r['engine_p50_ms']:.1f} | {r['engine_p95_ms']:.1f} | {fmt(r.get('engine_cold_p50_ms'), '.1f')} | "
            f"{fmt(r.get('engine_cold_p95_ms'), '.1f')} | {views} | {fmt(r['peak_rss_mb'], '.0f')} |"
        )
    print()
    for r in result["rows"]:
        for node in r.get("nodes", []):
            print(
                f"- {node['node']}: heap used {node['heap_used_mb']:.0f} MB of {node['heap_max_mb']:.0f} MB"
            )
        if "db_load_s" in r:
            print(f"- temporary database load (bulk_create): {r['db_load_s']:.1f} s")
        for note in r["notes"]:
            print(f"- {r['engine']}: {note}")
    print(f"- load average at the end: {result['load_average']}")
    sys.stdout.flush()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--passes", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--engines", default=",".join(ENGINES), help="comma-separated: opensearch,whoosh,lucene")
    parser.add_argument("--vocabulary", default="unpc", help="bench/generate.py's --vocabulary")
    parser.add_argument("--keep-index", action="store_true", help="leave qararat-bench-N in the cluster")
    parser.add_argument("--engine-process", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--jsonl", type=pathlib.Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=pathlib.Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.engine_process == "lucene":
        run_lucene(args.size, args.jsonl, args.queries, args.passes, args.seed, OUT / f"opensearch-scale-{args.size}",
                   args.result)
        return
    if args.engine_process:
        run_engine(
            args.engine_process,
            args.size,
            args.jsonl,
            args.queries,
            args.passes,
            args.seed,
            args.keep_index,
            args.result,
        )
        return

    from bench.generate import default_out, generate, resolve_vocabulary

    vocabulary = resolve_vocabulary(args.vocabulary)
    jsonl = default_out(args.size, vocabulary)
    if not jsonl.exists():
        log(f"generating {args.size:,} paragraphs ({vocabulary})")
        generate(args.size, jsonl, args.seed, vocabulary=vocabulary)
    work = OUT / f"opensearch-scale-{args.size}"
    work.mkdir(parents=True, exist_ok=True)
    TMP.mkdir(parents=True, exist_ok=True)
    whoosh_dir = pathlib.Path(tempfile.mkdtemp(prefix=f"whoosh-{args.size}-", dir=TMP))
    rows = []
    try:
        for engine in args.engines.split(","):
            result_path = work / f"{engine}.json"
            command = [
                sys.executable,
                __file__,
                "--engine-process",
                engine,
                "--size",
                str(args.size),
                "--jsonl",
                str(jsonl),
                "--queries",
                str(args.queries),
                "--passes",
                str(args.passes),
                "--seed",
                str(args.seed),
                "--result",
                str(result_path),
            ]
            command += ["--keep-index"] if args.keep_index else []
            subprocess.run(
                command, check=True, cwd=ROOT, env=engine_environment(engine, args.size, work, whoosh_dir)
            )
            rows.append(json.loads(result_path.read_text()))
    finally:
        shutil.rmtree(whoosh_dir, ignore_errors=True)
    result = {
        "size": args.size,
        "jsonl": jsonl.name,
        "queries": args.queries,
        "passes": args.passes,
        "rows": rows,
        "load_average": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "cpu_count": os.cpu_count(),
    }
    (OUT / f"opensearch-scale-{args.size}.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    print_table(result)


if __name__ == "__main__":
    main()
