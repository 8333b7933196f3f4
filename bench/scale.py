"""Speed at scale: Whoosh (our engine), Lucene 8, SQLite FTS5 and /search/ on generated paragraphs.

    .venv/bin/python bench/scale.py --size 100000 [--size 1000000] [--queries 200] [--passes 1]

For each size (each in its own process, so Django settings point at that size's data folder):

1. bench/generate.py writes bench/out/paragraphs-N.jsonl (kept and reused when it exists).
2. One analysis pass (search.analysis.analyse, both cores) writes the analysed text that Lucene ("pre")
   and FTS5 are fed; its time is printed on its own line, not charged to those engines.
3. Whoosh: the exact schema haystack builds for ParagraphIndex (build_schema), filled directly through
   `ix.writer(procs=2, limitmb=512, multisegment=True)` at the haystack PATH, documents shaped as
   haystack's full_prepare shapes them (checked against it when the database is loaded). Queries are
   Whoosh query objects on our analysed terms, BM25F, top 10, one searcher reused.
4. Lucene (bench/lucene/LuceneSpeed.java, compiled here against /usr/share/java/lucene-*-8*.jar): the same
   analysed text with WhitespaceAnalyzer, and the raw text with Lucene's own ArabicAnalyzer; 2 threads.
5. SQLite FTS5 fed the same analysed text: bm25 ranking (ORDER BY rank), LIMIT 10.
6. haystack: SearchQuerySet().auto_query(q)[:10] through our haystack backend (what a view calls).
7. /search/: when search/views.py and the URL exist, the paragraphs go into a temporary database
   (bulk_create) and GET /search/?q=… is timed with django.test.Client; otherwise this row says why not.

Query mix (deterministic, from the real paragraphs, --queries of them): 30% single words, 30% two or
three words of one real paragraph (AND), 15% phrases of two or three adjacent words, 25% one or two words
filtered by body, half of them also by a ten-year range. Every engine runs each query once untimed
(warm-up), then --passes timed passes; p50/p95 are over all timed runs.

Results: a table per size on stdout and bench/out/scale-N.json. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import pathlib
import random
import shutil
import sqlite3
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

# Names of the /search/ filter parameters (the view is being written; adjust if it names them otherwise).
SEARCH_PARAMS = {"q": "q", "body": "body", "year_from": "year_from", "year_to": "year_to"}
TARGETS_P95_MS = {100_000: 100.0, 1_000_000: 300.0}
BUILD_TARGET_S = {1_000_000: 1800.0}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def dir_size(path: pathlib.Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def percentiles(times_ms: list[float]) -> tuple[float, float]:
    ordered = sorted(times_ms)
    if not ordered:
        return float("nan"), float("nan")
    pick = lambda q: ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]  # noqa: E731
    return pick(0.50), pick(0.95)


# --------------------------------------------------------------------------- queries


def make_queries(count: int, seed: int) -> list[dict]:
    """A realistic mix from the real corpus: each query has type, raw words, our analysed terms, filters."""
    from bench.generate import real_corpus
    from search.analysis import tokens

    rng = random.Random(seed)
    paragraphs, documents = real_corpus()
    years = [d["year"] for d in documents if d["year"]]
    bodies = [d["body"] for d in documents if d["paragraphs"]]  # drawn as often as documents have them
    candidates = []  # per paragraph: its usable tokens (not stop words, not bare numbers)
    for paragraph in paragraphs:
        text = paragraph["text"]
        found = [
            (t.text, text[t.start : t.end], t.position)
            for t in tokens(text)
            if not t.stop and not t.text.isdigit() and len(t.text) >= 3 and t.text.isalpha()
        ]
        if found:
            candidates.append(found)
    queries = []
    kinds = ["term"] * 30 + ["and"] * 30 + ["phrase"] * 15 + ["filtered"] * 25
    while len(queries) < count:
        kind = kinds[len(queries) * len(kinds) // count] if count >= 4 else rng.choice(kinds)
        found = rng.choice(candidates)
        query = {"type": kind, "body": None, "year_from": None, "year_to": None}
        if kind == "term" or kind == "filtered":
            n = 1 if kind == "term" else rng.choice([1, 2])
            start = rng.randrange(len(found))
            picked = found[start : start + n]
            if kind == "filtered":
                query["body"] = rng.choice(bodies)
                if rng.random() < 0.5:
                    year = rng.choice(years)
                    query["year_from"], query["year_to"] = year - 5, year + 5
                query["type"] = "and" if len(picked) > 1 else "term"
        elif kind == "and":
            n = rng.choice([2, 3])
            if len(found) < n:
                continue
            start = rng.randrange(len(found) - n + 1)
            window = found[start : start + 8]
            picked = sorted(rng.sample(window, n), key=lambda item: item[2])
        else:  # phrase: adjacent analysed positions, no stop word between
            n = rng.choice([2, 3])
            runs = [
                found[i : i + n] for i in range(len(found) - n + 1)
                if all(found[i + k + 1][2] == found[i + k][2] + 1 for k in range(n - 1))
            ]
            if not runs:
                continue
            picked = rng.choice(runs)
        terms = [item[0] for item in picked]
        if len(set(terms)) < len(terms) and kind != "phrase":
            continue
        query["terms"] = terms
        query["raw"] = " ".join(item[1] for item in picked)
        query["kind"] = kind
        queries.append(query)
    return queries


def write_queries_tsv(queries: list[dict], path: pathlib.Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for q in queries:
            kind = "phrase" if q["kind"] == "phrase" else ("term" if len(q["terms"]) == 1 else "and")
            handle.write("\t".join([
                kind, q["body"] or "-", str(q["year_from"] or "-"), str(q["year_to"] or "-"),
                " ".join(q["terms"]), q["raw"],
            ]) + "\n")


# --------------------------------------------------------------------------- analysis pass


def _analyse_line(line: str) -> tuple[str, str]:
    from search.analysis import analyse

    record = json.loads(line)
    year = str(record["year"]) if record["year"] else "-"
    head = f"{record['id']}\t{record['body']}\t{year}\t{record['kind']}\t"
    raw = " ".join(record["text"].split())
    return head + " ".join(analyse(record["text"])) + "\n", head + raw + "\n"


def analysis_pass(jsonl: pathlib.Path, work: pathlib.Path) -> tuple[pathlib.Path, pathlib.Path, float]:
    pre, raw = work / "docs-analysed.tsv", work / "docs-raw.tsv"
    started = time.perf_counter()
    with jsonl.open(encoding="utf-8") as source, pre.open("w", encoding="utf-8") as pre_out, \
            raw.open("w", encoding="utf-8") as raw_out, multiprocessing.Pool(2) as pool:
        for analysed, plain in pool.imap(_analyse_line, source, chunksize=2000):
            pre_out.write(analysed)
            raw_out.write(plain)
    return pre, raw, time.perf_counter() - started


# --------------------------------------------------------------------------- Whoosh


def haystack_document(record: dict) -> dict:
    """What haystack's full_prepare + _from_python make of this paragraph (null fields left out)."""
    doc = {
        "id": f"archive.paragraph.{record['id']}",
        "django_ct": "archive.paragraph",
        "django_id": str(record["id"]),
        "text": record["text"],
        # ParagraphIndex.prepare_context: the bench's documents are titled "وثيقة N" and hold no resolution;
        # the number is left out of the context.
        "context": "وثيقة",
        "document": record["document"],
        "sessions": record["session"],
        "bodies": record["body"],
        "kind": record["kind"],
    }
    if record["year"]:
        doc["year"] = record["year"]
    return doc


def whoosh_build(jsonl: pathlib.Path, index_dir: pathlib.Path, procs: int) -> dict:
    from haystack import connections
    from whoosh import index as whoosh_index

    backend = connections["default"].get_backend()
    unified = connections["default"].get_unified_index()
    _content, schema = backend.build_schema(unified.all_searchfields())
    if index_dir.exists():
        shutil.rmtree(index_dir)
    index_dir.mkdir(parents=True)
    started = time.perf_counter()
    ix = whoosh_index.create_in(str(index_dir), schema)
    if procs > 1:
        writer = ix.writer(procs=procs, limitmb=512, multisegment=True)
    else:
        writer = ix.writer(limitmb=1024)
    with jsonl.open(encoding="utf-8") as source:
        for line in source:
            writer.add_document(**haystack_document(json.loads(line)))
    writer.commit()
    seconds = time.perf_counter() - started
    ix = whoosh_index.open_dir(str(index_dir))
    return {"build_s": seconds, "size": dir_size(index_dir), "segments": len(ix._segments()),
            "schema": sorted(schema.names())}


def whoosh_query(q: dict):
    from whoosh import query as wq

    if q["kind"] == "phrase":
        text = wq.Phrase("text", q["terms"])
    else:
        text = wq.And([wq.Term("text", term) for term in q["terms"]])
    parts = [text]
    if q["body"]:
        parts.append(wq.Term("bodies", q["body"]))
    if q["year_from"]:
        parts.append(wq.NumericRange("year", q["year_from"], q["year_to"]))
    return wq.And(parts) if len(parts) > 1 else text


def timed_passes(items: list, passes: int, run_one) -> tuple[list[float], int]:
    """Time run_one(item) for every item over passes+1 passes; the first pass is the warm-up, in which the
    items whose run_one returns nothing (no hits) are counted."""
    times, empty = [], 0
    for run in range(passes + 1):
        for item in items:
            started = time.perf_counter()
            found = run_one(item)
            elapsed = (time.perf_counter() - started) * 1000
            if run:
                times.append(elapsed)
            elif not found:
                empty += 1
    return times, empty


def whoosh_times(index_dir: pathlib.Path, queries: list[dict], passes: int) -> tuple[list[float], int]:
    from whoosh import index as whoosh_index

    ix = whoosh_index.open_dir(str(index_dir))
    built = [whoosh_query(q) for q in queries]
    with ix.searcher() as searcher:  # BM25F is Whoosh's default weighting
        return timed_passes(
            built, passes, lambda query: [hit["django_id"] for hit in searcher.search(query, limit=10)]
        )


# --------------------------------------------------------------------------- Lucene


def lucene_classpath() -> str:
    jars = sorted(pathlib.Path("/usr/share/java").glob("lucene-*-8*.jar"))
    wanted = [j for j in jars if j.name.startswith(("lucene-core-", "lucene-analyzers-common-"))]
    if len(wanted) < 2:
        raise RuntimeError("Lucene 8 jars not found: apt-get install -y liblucene8-java")
    return ":".join(str(j) for j in wanted)


def lucene_run(variant: str, docs: pathlib.Path, index_dir: pathlib.Path, queries_tsv: pathlib.Path,
               passes: int) -> dict:
    classes = OUT / "classes"
    classes.mkdir(parents=True, exist_ok=True)
    source = ROOT / "bench" / "lucene" / "LuceneSpeed.java"
    cp = lucene_classpath()
    target = classes / "LuceneSpeed.class"
    if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
        subprocess.run(["javac", "-cp", cp, "-d", str(classes), str(source)], check=True)
    if index_dir.exists():
        shutil.rmtree(index_dir)
    heap = "-Xmx4g"
    output = subprocess.run(
        ["java", heap, "-cp", f"{cp}:{classes}", "LuceneSpeed", variant, str(docs), str(index_dir),
         str(queries_tsv), "2", str(passes)],
        check=True, capture_output=True, text=True,
    ).stdout
    found = {}
    for line in output.splitlines():
        if line.startswith("LUCENE "):
            _, key, value = line.split(" ", 2)
            found[key] = value
    return {
        "build_s": float(found["build_s"]), "size": int(found["size_bytes"]),
        "times": [float(t) for t in found["times_ms"].split()], "empty": int(found["empty"]),
        "segments": int(found["segments"]),
    }


# --------------------------------------------------------------------------- SQLite FTS5


def fts5_build(docs: pathlib.Path, db: pathlib.Path) -> dict:
    if db.exists():
        db.unlink()
    started = time.perf_counter()
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute(
        "CREATE VIRTUAL TABLE p USING fts5(text, body UNINDEXED, year UNINDEXED, kind UNINDEXED, "
        "tokenize='unicode61 remove_diacritics 0')"
    )

    def rows():
        with docs.open(encoding="utf-8") as handle:
            for line in handle:
                pid, body, year, kind, text = line.rstrip("\n").split("\t", 4)
                yield int(pid), text, body, None if year == "-" else int(year), kind

    with con:
        con.executemany("INSERT INTO p(rowid, text, body, year, kind) VALUES (?, ?, ?, ?, ?)", rows())
    with con:
        con.execute("INSERT INTO p(p) VALUES ('optimize')")
    con.close()
    return {"build_s": time.perf_counter() - started, "size": db.stat().st_size}


def fts5_times(db: pathlib.Path, queries: list[dict], passes: int) -> tuple[list[float], int]:
    con = sqlite3.connect(db)
    prepared = []
    for q in queries:
        if q["kind"] == "phrase":
            match = '"' + " ".join(q["terms"]) + '"'
        else:
            match = " AND ".join(f'"{t}"' for t in q["terms"])
        sql, params = "SELECT rowid FROM p WHERE p MATCH ?", [match]
        if q["body"]:
            sql += " AND body = ?"
            params.append(q["body"])
        if q["year_from"]:
            sql += " AND year BETWEEN ? AND ?"
            params += [q["year_from"], q["year_to"]]
        prepared.append((sql + " ORDER BY rank LIMIT 10", params))
    try:
        return timed_passes(prepared, passes, lambda prepared_query: con.execute(*prepared_query).fetchall())
    finally:
        con.close()


# --------------------------------------------------------------------------- Django: haystack and /search/


def search_view_available() -> str | None:
    """None when /search/ can be timed, else why not."""
    import importlib.util

    from django.urls import Resolver404, resolve

    if importlib.util.find_spec("search.views") is None:
        return "search/views.py does not exist yet"
    try:
        resolve("/search/")
    except Resolver404:
        return "search/views.py exists but /search/ is not routed yet"
    return None


def load_database(jsonl: pathlib.Path) -> float:
    """Sessions, documents and paragraphs of the generated set, by bulk_create, with the JSONL ids."""
    import datetime

    from django.core.management import call_command
    from django.db import transaction

    from archive.models import Document, Paragraph, Session

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    sessions, documents, links, batch = {}, {}, [], []
    DocumentSessions = Document.sessions.through  # noqa: N806

    def flush():
        Document.objects.bulk_create(documents.values(), batch_size=2000)
        DocumentSessions.objects.bulk_create(links, batch_size=2000)
        Paragraph.objects.bulk_create(batch, batch_size=2000)
        documents.clear(), links.clear(), batch.clear()

    with transaction.atomic():
        with jsonl.open(encoding="utf-8") as source:
            for line in source:
                r = json.loads(line)
                slug = r["session"]
                if slug not in sessions:
                    body = r["body"]
                    rest = slug[len(body) + 1 :].split("-")
                    number = None if rest[-1] == "unnumbered" else int(rest[-1])
                    extraordinary = "ext" in rest[:-1]
                    organ = "-".join(p for p in rest[:-1] if p != "ext")
                    sessions[slug] = Session.objects.create(
                        body=body, number=number, extraordinary=extraordinary, organ=organ, slug=slug
                    )
                if r["document"] not in documents and r["position"] == 1:
                    documents[r["document"]] = Document(
                        pk=r["document"], title=f"وثيقة {r['document']}", kind=r["document_kind"],
                        date=datetime.date(r["year"], 1, 1) if r["year"] else None,
                        source_name=f"bench-{r['document']}.txt", raw=b"", encoding="utf-8",
                        checksum=f"bench-{jsonl.stem}-{r['document']}", parser_version="bench",
                    )
                    links.append(DocumentSessions(document_id=r["document"], session_id=sessions[slug].pk))
                batch.append(Paragraph(pk=r["id"], document_id=r["document"], position=r["position"],
                                       kind=r["kind"], text=r["text"]))
                if len(batch) >= 20_000:
                    flush()
        flush()
    return time.perf_counter() - started


def check_documents_match_haystack(jsonl: pathlib.Path, sample: int = 200) -> None:
    """The documents written straight to Whoosh equal what haystack's own update() would write."""
    from haystack import connections

    from archive.models import Paragraph

    backend = connections["default"].get_backend()
    index = connections["default"].get_unified_index().get_index(Paragraph)
    objects = {p.pk: p for p in index.index_queryset().filter(pk__lte=sample)}
    with jsonl.open(encoding="utf-8") as source:
        for line in source:
            record = json.loads(line)
            if record["id"] > sample:
                break
            expected = {k: backend._from_python(v) for k, v in index.full_prepare(objects[record["id"]]).items()}
            ours = haystack_document(record)
            if expected != ours:
                raise AssertionError(f"paragraph {record['id']}: haystack {expected} != bench {ours}")


def haystack_times(queries: list[dict], passes: int, narrow: bool = True) -> tuple[list[float], int]:
    """SearchQuerySet().auto_query(q)[:10]. narrow=False sets HAYSTACK_LIMIT_TO_REGISTERED_MODELS off: haystack's
    Whoosh backend then skips the django_ct "narrow" search it otherwise runs over every document per query."""
    from django.test import override_settings
    from haystack.query import SearchQuerySet

    with override_settings(HAYSTACK_LIMIT_TO_REGISTERED_MODELS=narrow):
        return _haystack_times(SearchQuerySet, queries, passes)


def _haystack_times(SearchQuerySet, queries, passes):  # noqa: N803
    def run_one(q):
        sqs = SearchQuerySet().auto_query(f'"{q["raw"]}"' if q["kind"] == "phrase" else q["raw"])
        if q["body"]:
            sqs = sqs.filter(bodies=q["body"])
        if q["year_from"]:
            sqs = sqs.filter(year__gte=q["year_from"], year__lte=q["year_to"])
        return [result.pk for result in sqs[:10]]

    return timed_passes(queries, passes, run_one)


VIEW_MODES = ("warm", "others", "cold")


def view_times(
    queries: list[dict], passes: int, mode: str = "warm", warmup: list[dict] | None = None
) -> tuple[list[float], int]:
    """/search/ for each query, never answered from the process's cache of searches (search.engine: emptied
    before each request), so every timed request runs the engine, the database and the page. What else the
    process keeps between searches (the paragraphs' and documents' facts, Whoosh's decoded postings) is:
    - "warm": kept from the untimed warm-up pass over the same queries (the best case: every word and
      paragraph was met before);
    - "others": kept from a warm-up pass over `warmup`, other queries (a running server: other people's
      searches met many of the words and paragraphs, not all);
    - "cold": emptied before each request too (the worst case: nothing was ever searched)."""
    from django.test import Client

    from search.engine import _cached_search, forget_kept

    if mode not in VIEW_MODES:
        raise ValueError(f"mode {mode!r}: one of {VIEW_MODES}")
    client = Client(SERVER_NAME="localhost", raise_request_exception=False)
    times, errors = [], 0
    forget_kept()
    for run in range(passes + 1):
        for q in (warmup if mode == "others" and not run else queries):
            params = {SEARCH_PARAMS["q"]: f'"{q["raw"]}"' if q["kind"] == "phrase" else q["raw"]}
            if q["body"]:
                params[SEARCH_PARAMS["body"]] = q["body"]
            if q["year_from"]:
                params[SEARCH_PARAMS["year_from"]] = q["year_from"]
                params[SEARCH_PARAMS["year_to"]] = q["year_to"]
            if mode == "cold" and run:
                forget_kept()
            else:
                _cached_search.cache_clear()
            started = time.perf_counter()
            response = client.get("/search/", params)
            elapsed = (time.perf_counter() - started) * 1000
            if run:
                times.append(elapsed)
            if response.status_code != 200:
                errors += 1
                if errors == 1:
                    log(f"/search/ answered {response.status_code} to {params}: {response.content[:300]!r}")
    return times, errors


# --------------------------------------------------------------------------- one size


def run_size(size: int, n_queries: int, passes: int, seed: int, engines: set[str], whoosh_procs: int,
             with_db: bool, view_queries: int = 0) -> dict:
    work = OUT / f"scale-{size}"
    work.mkdir(parents=True, exist_ok=True)
    os.environ["QARARAT_DATA_DIR"] = str(work / "site")
    os.environ["QARARAT_INDEX_DIR"] = str(work / "site" / "whoosh_index")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qararat.settings")
    import django

    django.setup()
    from bench.generate import generate

    jsonl = OUT / f"paragraphs-{size}.jsonl"
    if not jsonl.exists():
        log(f"generating {size:,} paragraphs")
        generate(size, jsonl, seed)
    queries = make_queries(n_queries, seed)
    queries_tsv = work / "queries.tsv"
    write_queries_tsv(queries, queries_tsv)
    log(f"{len(queries)} queries; e.g. " + " | ".join(q["raw"] for q in queries[::40]))
    rows, notes = [], []

    def row(engine, build_s, size_bytes, times, extra=""):
        p50, p95 = percentiles(times)
        rows.append({"engine": engine, "build_s": build_s, "size_mb": size_bytes / 2**20 if size_bytes else None,
                     "p50_ms": p50, "p95_ms": p95, "note": extra})
        log(f"{engine}: build {build_s if build_s is None else round(build_s, 1)} s, p50 {p50:.2f} ms, "
            f"p95 {p95:.2f} ms {extra}")

    if engines & {"lucene-pre", "lucene-arabic", "fts5"}:
        log("analysis pass (search.analysis.analyse, 2 processes)")
        pre, raw, analysis_s = analysis_pass(jsonl, work)
        log(f"analysis pass: {analysis_s:.1f} s")
        notes.append(f"analysis pass (our analyser, 2 processes, feeds Lucene-pre and FTS5): {analysis_s:.1f} s")

    index_dir = pathlib.Path(os.environ["QARARAT_INDEX_DIR"])
    if "whoosh" in engines:
        log(f"Whoosh build (procs={whoosh_procs})")
        built = whoosh_build(jsonl, index_dir, whoosh_procs)
        times, empty = whoosh_times(index_dir, queries, passes)
        row(f"Whoosh, our analyser (procs={whoosh_procs})", built["build_s"], built["size"], times,
            f"{built['segments']} segments, {empty} queries without hits")
    for variant, label in (("pre", "Lucene 8.7, our analysed text"), ("arabic", "Lucene 8.7, its ArabicAnalyzer")):
        if f"lucene-{variant}" in engines:
            log(f"{label}")
            result = lucene_run(variant, pre if variant == "pre" else raw, work / f"lucene-{variant}",
                                queries_tsv, passes)
            row(label, result["build_s"], result["size"], result["times"],
                f"{result['segments']} segments, {result['empty']} queries without hits")
    if "fts5" in engines:
        log("SQLite FTS5")
        db = work / "fts5.sqlite3"
        built = fts5_build(pre, db)
        times, empty = fts5_times(db, queries, passes)
        row(f"SQLite {sqlite3.sqlite_version} FTS5, our analysed text", built["build_s"], built["size"], times,
            f"1 core, {empty} queries without hits")
    if "haystack" in engines or "view" in engines:
        if not list(index_dir.glob("*.toc")):
            raise SystemExit(f"no Whoosh index at {index_dir}: run with the whoosh engine first")
        why_not = search_view_available()
        if why_not is None or with_db:
            from django.core.management import call_command

            from archive.models import Paragraph

            call_command("migrate", verbosity=0, interactive=False)  # the project may have new migrations
            ready = _paragraph_count(Paragraph) == size
            if not ready:
                log("loading the temporary database (bulk_create)")
                db_s = load_database(jsonl)
                notes.append(f"temporary database load (bulk_create, {size:,} paragraphs): {db_s:.1f} s")
            check_documents_match_haystack(jsonl)
            notes.append("Whoosh documents checked equal to haystack full_prepare() on the first 200 paragraphs")
        # The Django-side rows run a spread-out subset when asked (they can take seconds a query at 1M).
        step = max(1, len(queries) // view_queries) if view_queries else 1
        subset = queries[::step]
        label = "" if step == 1 else f", {len(subset)} of the queries"
        if "haystack" in engines:
            times, empty = haystack_times(subset, passes)
            row("haystack SearchQuerySet()[:10] (same Whoosh index)", None, None, times,
                f"{empty} queries without hits{label}")
            times, empty = haystack_times(subset, passes, narrow=False)
            row("same, HAYSTACK_LIMIT_TO_REGISTERED_MODELS=False", None, None, times,
                f"{empty} queries without hits{label}")
        if why_not is None and "view" in engines:
            times, errors = view_times(subset, passes)
            if errors:  # an error page is fast and means nothing
                row("GET /search/ (django.test.Client, page 1)", None, None, [],
                    f"NOT MEASURED: {errors} of {len(subset)} answers were not 200 (see the log){label}")
            else:
                row("GET /search/ (django.test.Client, page 1)", None, None, times, f"all 200{label}")
        else:
            notes.append(f"/search/ not timed: {why_not}")
            log(f"/search/ not timed: {why_not}")
    result = {"size": size, "queries": len(queries), "passes": passes, "rows": rows, "notes": notes,
              "cpu_count": os.cpu_count()}
    (OUT / f"scale-{size}.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    print_table(result)
    return result


def _paragraph_count(model) -> int:
    from django.db import DatabaseError

    try:
        return model.objects.count()
    except DatabaseError:
        return -1


def print_table(result: dict) -> None:
    size = result["size"]
    print()
    print(f"## {size:,} paragraphs — {result['queries']} queries × {result['passes']} timed pass(es), top 10")
    print()
    print("| engine | build s | size MB | p50 ms | p95 ms | notes |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    fmt = lambda v, f: "—" if v is None else format(v, f)  # noqa: E731
    for r in result["rows"]:
        print(f"| {r['engine']} | {fmt(r['build_s'], '.1f')} | {fmt(r['size_mb'], '.1f')} | "
              f"{fmt(r['p50_ms'], '.2f')} | {fmt(r['p95_ms'], '.2f')} | {r['note']} |")
    print()
    for note in result["notes"]:
        print(f"- {note}")
    target = TARGETS_P95_MS.get(size)
    if target:
        print(f"- target: /search/ p95 ≤ {target:.0f} ms at {size:,}")
    if size in BUILD_TARGET_S:
        print(f"- target: build ≤ {BUILD_TARGET_S[size] / 60:.0f} min at {size:,}")
    sys.stdout.flush()


ALL_ENGINES = {"whoosh", "lucene-pre", "lucene-arabic", "fts5", "haystack", "view"}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, action="append", required=True)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--passes", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--whoosh-procs", type=int, default=2)
    parser.add_argument("--engines", default=",".join(sorted(ALL_ENGINES)),
                        help="comma-separated subset of " + ",".join(sorted(ALL_ENGINES)))
    parser.add_argument("--db", action="store_true", help="load the temporary database even without /search/")
    parser.add_argument("--view-queries", type=int, default=0,
                        help="time only about this many of the queries (spread over the mix) through haystack and "
                        "/search/ (0: all)")
    args = parser.parse_args(argv)
    engines = set(args.engines.split(","))
    if len(args.size) > 1:  # one process per size: Django settings are fixed per process
        for size in args.size:
            command = [sys.executable, __file__, "--size", str(size), "--queries", str(args.queries),
                       "--passes", str(args.passes), "--seed", str(args.seed), "--engines", args.engines,
                       "--whoosh-procs", str(args.whoosh_procs), "--view-queries", str(args.view_queries)]
            command += ["--db"] if args.db else []
            subprocess.run(command, check=True)
        return
    run_size(args.size[0], args.queries, args.passes, args.seed, engines, args.whoosh_procs, args.db,
             args.view_queries)


if __name__ == "__main__":
    main()
