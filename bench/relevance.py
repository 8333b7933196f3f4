"""Relevance of the search users get, on the tuning and the held-out judged sets, with Lucene in the same run.

    .venv/bin/python bench/relevance.py               # summary, then the held-out set query by query
    .venv/bin/python bench/relevance.py --no-lucene
    .venv/bin/python bench/relevance.py --lucene-mode nofill

What is measured: every file of fixtures/corpus ingested the way `manage.py load_corpus` does
(archive.sync.ingest_bytes: parse, store, index on commit) into an empty data folder of the run's own,
bench/out/relevance/site-* (QARARAT_DATA_DIR: SQLite database and Whoosh index, removed after the run),
then each query goes through `search.engine.search(text)`, the function behind /search/ and /api/search/:
the ids it serves (`outcome.ids`, in served order) are mapped to "<file name>#<position>" and the first 10 scored.
Whatever the product serves is what is scored (full matches, then partial matches when it relaxes).

Lucene: bench/lucene/LuceneEval.java, compiled here against the Lucene 8 jars (Debian liblucene8-java,
/usr/share/java), indexes the same stored paragraphs with ArabicAnalyzer (its stop words, normaliser and
light stemmer) and BM25, and runs the same queries: all words (AND) first; "fill" (the default) fills the
rest of the top 10 with any-word (OR) hits, "nofill" uses OR only when AND finds nothing; a "quoted" query
is a phrase and never falls back. No aliases: Lucene's analyzer has none.

Metrics, per set: recall@10 = relevant paragraphs in the top 10 / min(relevant, 10), and MRR (1 / rank of
the first relevant paragraph, 0 if none in the top 10), both averaged over the queries that have relevant
paragraphs; empty pages = such queries for which nothing is served; negatives with a full match = queries
judged to have no relevant paragraph for which some paragraph matched every word (ours: outcome.count, the
number of full matches; Lucene: the AND hit count). Results: tables on stdout and bench/out/relevance.json.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus import ROOT, corpus_files, sources  # noqa: E402

EVAL = ROOT / "tests" / "search_eval"
SETS = {"tuning": EVAL / "queries.json", "held-out": EVAL / "heldout.json"}
OUT = ROOT / "bench" / "out"
LUCENE_SOURCE = Path(__file__).resolve().parent / "lucene" / "LuceneEval.java"
TOP = 10


@dataclass(frozen=True)
class Query:
    id: str
    text: str
    relevant: frozenset[str]
    category: str = ""
    exercises: str = ""


@dataclass(frozen=True)
class Served:
    ids: list[str]  # the first TOP paragraphs served, as "<file name>#<position>"
    full: int  # how many paragraphs matched every word of the query


@dataclass(frozen=True)
class Summary:
    queries: int
    judged: int  # queries with relevant paragraphs
    recall: float
    mrr: float
    empty_pages: int  # judged queries for which nothing was served
    negatives: int
    negatives_full: int  # negatives for which some paragraph matched every word


def resolve(pid: str, opening: str, texts: dict[str, str]) -> str:
    """The id of the judged paragraph that starts with `opening`: `pid` itself, or the one paragraph of the
    same file that starts so if a parser change moved it. Raises ValueError when that is not one paragraph."""
    opening = " ".join(opening.split())
    if " ".join(texts.get(pid, "").split()).startswith(opening):
        return pid
    name = pid.split("#")[0] + "#"
    found = [
        i for i, text in texts.items() if i.startswith(name) and " ".join(text.split()).startswith(opening)
    ]
    if len(found) != 1:
        raise ValueError(f"judged paragraph {pid} ({opening!r}…) is not found once in the corpus: {found}")
    return found[0]


def load_queries(path: Path, texts: dict[str, str] | None = None, samples: frozenset[str] = frozenset()) -> list[Query]:
    """The judged queries of one set; with the corpus texts, held-out ids are checked by their opening words.
    A query that "needs" a sample beyond fixtures/corpus (the UN Parallel Corpus sample of ../shared, issue 15)
    is left out unless that sample is among `samples`; with `samples`, only such queries are returned."""
    queries = []
    for q in json.loads(path.read_text(encoding="utf-8"))["queries"]:
        if not ((q.get("needs") in samples) if samples else not q.get("needs")):
            continue
        openings = q.get("opening", {})
        relevant = [
            resolve(pid, openings[pid], texts) if texts and pid in openings else pid for pid in q["relevant"]
        ]
        queries.append(
            Query(q["id"], q["query"], frozenset(relevant), q.get("category", ""), q.get("exercises", ""))
        )
    return queries


def scores(results: list[str], relevant: frozenset[str]) -> tuple[float, float]:
    found = [i for i in results[:TOP] if i in relevant]
    recall = len(found) / min(len(relevant), TOP) if relevant else 0.0
    rank = first_rank(results, relevant)
    return recall, (1.0 / rank if rank else 0.0)


def first_rank(results: list[str], relevant: frozenset[str]) -> int | None:
    return next((r for r, i in enumerate(results[:TOP], 1) if i in relevant), None)


def summarise(queries: list[Query], served: dict[str, Served]) -> Summary:
    judged = [q for q in queries if q.relevant]
    negatives = [q for q in queries if not q.relevant]
    pairs = [scores(served[q.id].ids, q.relevant) for q in judged]
    return Summary(
        queries=len(queries),
        judged=len(judged),
        recall=sum(p[0] for p in pairs) / len(pairs) if pairs else 0.0,
        mrr=sum(p[1] for p in pairs) / len(pairs) if pairs else 0.0,
        empty_pages=sum(1 for q in judged if not served[q.id].ids),
        negatives=len(negatives),
        negatives_full=sum(1 for q in negatives if served[q.id].full > 0),
    )


# --------------------------------------------------------------------------- the product


def ingest_corpus() -> int:
    """Store and index every corpus file as `manage.py load_corpus` does (needs Django set up); files."""
    from archive.sync import ingest_bytes

    urls = sources()
    files = corpus_files()
    for path in files:
        ingest_bytes(path.read_bytes(), path.name, urls.get(path.name, ""))
    return len(files)


def stored_texts() -> dict[str, str]:
    """Every stored paragraph's text by "<file name>#<position>"."""
    from archive.models import Paragraph

    rows = Paragraph.objects.values_list("document__source_name", "position", "text").iterator()
    return {f"{name}#{position}": text for name, position, text in rows}


def run_product(queries: list[Query]) -> dict[str, Served]:
    """What search.engine.search serves for each query (over the stored, indexed corpus)."""
    from archive.models import Paragraph
    from search import engine

    stable = {
        pk: f"{name}#{position}"
        for pk, name, position in Paragraph.objects.values_list(
            "pk", "document__source_name", "position"
        ).iterator()
    }
    served = {}
    for q in queries:
        outcome = engine.search(q.text).outcome
        served[q.id] = Served([stable[pk] for pk in outcome.ids[:TOP]], outcome.count)
    return served


def setup_django(folder: Path) -> None:
    """Django over an empty data folder (database and index) of this run's own, never the project's var/."""
    os.environ["QARARAT_DATA_DIR"] = str(folder)
    os.environ["QARARAT_INDEX_DIR"] = str(folder / "whoosh_index")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qararat.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


# --------------------------------------------------------------------------- Lucene


def lucene_classpath() -> str | None:
    jars = [
        sorted(glob.glob(f"/usr/share/java/lucene-{name}-[0-9]*.jar"))
        for name in ("core", "analyzers-common", "queryparser")
    ]
    if not all(jars) or not shutil.which("javac"):
        return None
    return ":".join(found[-1] for found in jars)


def run_lucene(texts: dict[str, str], queries: list[Query], mode: str) -> dict[str, Served] | None:
    classpath = lucene_classpath()
    if classpath is None:
        print("Lucene skipped: apt-get install -y liblucene8-java (and a JDK) to compare.", file=sys.stderr)
        return None
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        subprocess.run(["javac", "-nowarn", "-cp", classpath, "-d", tmp, str(LUCENE_SOURCE)], check=True)
        (folder / "docs.tsv").write_text(
            "".join(f"{pid}\t{' '.join(text.split())}\n" for pid, text in texts.items()), encoding="utf-8"
        )
        (folder / "queries.tsv").write_text(
            "".join(f"{q.id}\t{' '.join(q.text.split())}\n" for q in queries), encoding="utf-8"
        )
        out = subprocess.run(
            [
                "java",
                "-cp",
                f"{classpath}:{tmp}",
                "LuceneEval",
                folder / "docs.tsv",
                folder / "queries.tsv",
                mode,
            ],
            check=True,
            capture_output=True,
            text=True,
        )
    return {qid: Served(row["ids"], row["all_words"]) for qid, row in json.loads(out.stdout).items()}


# --------------------------------------------------------------------------- report


def summary_table(results: dict) -> list[str]:
    lines = [
        f"{'set':<9} {'engine':<8} {'queries':>7} {'judged':>6} {'recall@10':>9} {'MRR':>6} "
        f"{'empty pages':>11} {'negatives with a full match':>28}"
    ]
    for name, engines in results.items():
        for engine, s in engines.items():
            lines.append(
                f"{name:<9} {engine:<8} {s.queries:>7} {s.judged:>6} {s.recall:9.3f} {s.mrr:6.3f} "
                f"{s.empty_pages:>11} {f'{s.negatives_full} of {s.negatives}':>28}"
            )
    return lines


def category_table(queries: list[Query], runs: dict[str, dict[str, Served]]) -> list[str]:
    lines = [
        f"{'category':<17} {'engine':<8} {'queries':>7} {'recall@10':>9} {'MRR':>6} {'empty pages':>11} {'full match':>10}"
    ]
    for category in dict.fromkeys(q.category for q in queries):
        group = [q for q in queries if q.category == category]
        for engine, served in runs.items():
            s = summarise(group, served)
            recall, mrr = (f"{s.recall:9.3f}", f"{s.mrr:6.3f}") if s.judged else (f"{'-':>9}", f"{'-':>6}")
            full = sum(1 for q in group if served[q.id].full > 0)
            lines.append(
                f"{category:<17} {engine:<8} {len(group):>7} {recall} {mrr} {s.empty_pages:>11} {full:>10}"
            )
    return lines


def per_query_table(queries: list[Query], runs: dict[str, dict[str, Served]]) -> list[str]:
    names = list(runs)
    lines = [f"{'id':<4} {'category':<16} {'query':<44} {'rel':>3} " + " ".join(f"{n:>14}" for n in names)]
    lines.append(" " * 70 + " ".join(f"{'rank  full':>14}" for _ in names))
    for q in queries:
        cells = []
        for n in names:
            served = runs[n][q.id]
            rank = first_rank(served.ids, q.relevant) if q.relevant else None
            shown = "-" if rank is None else str(rank)
            shown = "empty" if q.relevant and not served.ids else shown
            cells.append(f"{shown:>5} {served.full:>8}")
        lines.append(f"{q.id:<4} {q.category:<16} {q.text[:44]:<44} {len(q.relevant):>3} " + " ".join(cells))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-lucene", action="store_true")
    parser.add_argument(
        "--lucene-mode",
        choices=("fill", "nofill"),
        default="fill",
        help="fill: OR hits fill the top 10 after the AND hits; nofill: OR only when AND finds nothing",
    )
    parser.add_argument("--all-queries", action="store_true", help="also print the tuning set query by query")
    args = parser.parse_args()
    started = time.perf_counter()
    (OUT / "relevance").mkdir(parents=True, exist_ok=True)
    # One folder per run, removed after it: two runs at once never share (or delete) a database.
    folder = Path(tempfile.mkdtemp(prefix="site-", dir=OUT / "relevance"))
    try:
        setup_django(folder)
        report(args, started)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def report(args: argparse.Namespace, started: float) -> None:
    files = ingest_corpus()
    texts = stored_texts()
    ingest_s = time.perf_counter() - started
    sets = {name: load_queries(path, texts) for name, path in SETS.items()}
    runs: dict[str, dict[str, dict[str, Served]]] = {}
    timings = {"ingest_s": round(ingest_s, 1)}
    for name, queries in sets.items():
        clock = time.perf_counter()
        runs[name] = {"ours": run_product(queries)}
        timings[f"ours_{name}_s"] = round(time.perf_counter() - clock, 2)
    if not args.no_lucene:
        clock = time.perf_counter()
        everything = [Query(f"{name}:{q.id}", q.text, q.relevant) for name, qs in sets.items() for q in qs]
        lucene = run_lucene(texts, everything, args.lucene_mode)
        timings["lucene_s"] = round(time.perf_counter() - clock, 1)
        if lucene is not None:
            for name, queries in sets.items():
                runs[name]["lucene"] = {q.id: lucene[f"{name}:{q.id}"] for q in queries}
    timings["total_s"] = round(time.perf_counter() - started, 1)
    results = {
        name: {engine: summarise(sets[name], served) for engine, served in engines.items()}
        for name, engines in runs.items()
    }
    print(
        f"{files} files, {len(texts)} paragraphs stored and indexed; ours = search.engine.search (the served "
        f"order); lucene = ArabicAnalyzer + BM25, AND then OR ({args.lucene_mode})\n"
    )
    print("\n".join(summary_table(results)))
    print("\nheld-out by category ('full match': queries for which some paragraph has every word)\n")
    print("\n".join(category_table(sets["held-out"], runs["held-out"])))
    for name in SETS if args.all_queries else ["held-out"]:
        print(f"\n{name}: rank of the first relevant paragraph in the top {TOP} ('-': none), full matches\n")
        print("\n".join(per_query_table(sets[name], runs[name])))
    print(f"\ntimes (s): {timings}")
    OUT.mkdir(parents=True, exist_ok=True)
    data = {
        "lucene_mode": args.lucene_mode,
        "paragraphs": len(texts),
        "timings": timings,
        "summary": {name: {e: s.__dict__ for e, s in engines.items()} for name, engines in results.items()},
        "queries": {
            name: [
                {
                    "id": q.id,
                    "query": q.text,
                    "category": q.category,
                    "relevant": len(q.relevant),
                    **{
                        engine: {
                            "rank": first_rank(runs[name][engine][q.id].ids, q.relevant),
                            "full": runs[name][engine][q.id].full,
                            "top": runs[name][engine][q.id].ids,
                        }
                        for engine in runs[name]
                    },
                }
                for q in queries
            ]
            for name, queries in sets.items()
        },
    }
    (OUT / "relevance.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
