"""Measure search relevance on tests/search_eval/queries.json, for every stemmer candidate and Lucene.

    .venv/bin/python bench/relevance.py            # table per query, then the summary
    .venv/bin/python bench/relevance.py --summary  # summary only
    .venv/bin/python bench/relevance.py --no-lucene

What is measured: every file of fixtures/corpus parsed with archive.ingest.parser.parse, one search
document per paragraph (id "<file>#<position from 1>"), indexed into an in-memory Whoosh index with our
tokenisation, normalisation and stop words and the candidate's stemmer; BM25F with Whoosh's defaults
(B=0.75, K1=1.2). A query is analysed the same way and expanded with the aliases of search/synonyms.py
(the alternatives are ORed); each alternative needs ALL its terms (AND), ranked by BM25; when that
finds fewer than 10 paragraphs, the rest of the top 10 is filled with paragraphs that have ANY of the
terms (OR), ranked by BM25 after the AND hits. (So "AND, falling back to OR when AND finds nothing" is
the special case of zero AND hits; --no-fill measures that stricter variant.) A query in "double quotes" is a phrase (positions kept for stop
words, so the gap a stop word leaves is allowed for). Top 10 are kept.

Metrics: recall@10 = relevant paragraphs in the top 10 / min(relevant paragraphs, 10) (capped so a
query with more than 10 relevant paragraphs can still reach 1); reciprocal rank = 1 / rank of the first
relevant paragraph (0 if none in the top 10). Means over all queries.

Lucene: bench/lucene/LuceneEval.java, compiled here with javac against the Debian liblucene8-java jars
(/usr/share/java), indexes the same paragraphs with ArabicAnalyzer + BM25 and runs the same queries with
the same AND-then-OR-fill and phrase semantics (no aliases: Lucene's analyzer has none).
"""

from __future__ import annotations

import argparse
import glob
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from whoosh import scoring  # noqa: E402
from whoosh.analysis import Token as WhooshToken  # noqa: E402
from whoosh.analysis import Tokenizer  # noqa: E402
from whoosh.fields import ID, TEXT, Schema  # noqa: E402
from whoosh.filedb.filestore import RamStorage  # noqa: E402
from whoosh.query import And, Or, Phrase, Term  # noqa: E402

from bench import candidates as cands  # noqa: E402
from bench.corpus import ROOT, Passage, passages  # noqa: E402
from search import analysis, synonyms  # noqa: E402

QUERIES = ROOT / "tests" / "search_eval" / "queries.json"
LUCENE_SOURCE = Path(__file__).resolve().parent / "lucene" / "LuceneEval.java"
TOP = 10
FILL = True  # fill the top 10 with OR hits after the AND hits (--no-fill: OR only when AND finds nothing)
_TERMS: dict[str, object] = {}


@dataclass(frozen=True)
class Query:
    id: str
    text: str
    relevant: frozenset[str]
    exercises: str


def load_queries(path: Path = QUERIES) -> list[Query]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        Query(q["id"], q["query"], frozenset(q["relevant"]), q.get("exercises", ""))
        for q in data["queries"]
    ]


def _tokens(text: str, term) -> list[analysis.Token]:
    found, position = [], 0
    for match in analysis._WORD.finditer(text):
        word = analysis.normalise(match.group())
        if not word:
            continue
        stop = word in analysis.STOP_WORDS
        found.append(analysis.Token(word if stop else term(match.group()), match.start(), match.end(), position, stop))
        position += 1
    return found


class CandidateTokenizer(Tokenizer):
    """Whoosh tokenizer with our tokenisation and a candidate's stemmer (looked up by name)."""

    def __init__(self, name: str):
        self.name = name

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = WhooshToken(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for item in _tokens(value, _TERMS[self.name]):
            if item.stop and removestops:
                continue
            token.text, token.stopped, token.boost = item.text, item.stop, 1.0
            if positions:
                token.pos = start_pos + item.position
            if chars:
                token.startchar, token.endchar = start_char + item.start, start_char + item.end
            yield token


class Engine:
    """An in-memory Whoosh index of the paragraphs for one candidate."""

    def __init__(self, name: str, term, docs: list[Passage], use_synonyms: bool = True):
        _TERMS[name] = term
        self.name, self.term, self.use_synonyms = name, term, use_synonyms
        self.schema = Schema(id=ID(stored=True, unique=True), text=TEXT(analyzer=CandidateTokenizer(name)))
        self.index = RamStorage().create_index(self.schema)
        writer = self.index.writer()
        for doc in docs:
            writer.add_document(id=doc.id, text=doc.text)
        writer.commit()
        self.searcher = self.index.searcher(weighting=scoring.BM25F())
        groups = synonyms.analysed_groups(synonyms.load_groups(), self.analyse) if use_synonyms else []
        self.groups = [tuple(group) for group in groups]

    def analyse(self, text: str) -> list[str]:
        return [t.text for t in _tokens(text, self.term) if not t.stop]

    def build(self, text: str):
        text = text.strip()
        if len(text) > 1 and text[0] == text[-1] == '"':
            items = [t for t in _tokens(text[1:-1], self.term) if not t.stop]
            if not items:
                return None, None
            gaps = [b.position - a.position for a, b in zip(items, items[1:], strict=False)]
            phrase = Phrase("text", [t.text for t in items], slop=max(gaps, default=1))
            return phrase, None
        terms = list(dict.fromkeys(self.analyse(text)))
        if not terms:
            return None, None
        alternatives = synonyms.expansions(terms, self.groups)
        every = And if len(alternatives[0]) > 1 else Or
        strict = Or([every([Term("text", t) for t in alt]) if len(alt) > 1 else Term("text", alt[0])
                     for alt in alternatives])
        loose = Or([Term("text", t) for t in dict.fromkeys(t for alt in alternatives for t in alt)])
        return strict, loose

    def search(self, text: str) -> list[str]:
        strict, loose = self.build(text)
        if strict is None:
            return []
        found = [hit["id"] for hit in self.searcher.search(strict, limit=TOP)]
        if (len(found) < TOP if FILL else not found) and loose is not None:
            found += [hit["id"] for hit in self.searcher.search(loose, limit=TOP * 2) if hit["id"] not in found]
        return found[:TOP]


def scores(results: list[str], relevant: frozenset[str]) -> tuple[float, float]:
    found = [i for i in results[:TOP] if i in relevant]
    recall = len(found) / min(len(relevant), TOP) if relevant else 0.0
    rank = next((r for r, i in enumerate(results[:TOP], 1) if i in relevant), None)
    return recall, (1.0 / rank if rank else 0.0)


def run_ours(docs: list[Passage], queries: list[Query], name: str = "ours") -> dict[str, list[str]]:
    """Top-10 ids per query with the analysis shipped in search/analysis.py (used by the tests)."""
    engine = Engine(name, cands.ours, docs)
    return {q.id: engine.search(q.text) for q in queries}


def run_candidate(name: str, term, docs, queries) -> dict[str, list[str]]:
    if name == "ours-novocab":
        with cands.without_vocabulary():
            engine = Engine(name, term, docs)
            return {q.id: engine.search(q.text) for q in queries}
    engine = Engine(name, term, docs, use_synonyms=name != "ours-nosyn")
    return {q.id: engine.search(q.text) for q in queries}


def run_lucene(docs: list[Passage], queries: list[Query]) -> dict[str, list[str]] | None:
    jars = sorted(glob.glob("/usr/share/java/lucene-core-*.jar") + glob.glob("/usr/share/java/lucene-analyzers-common-*.jar")
                  + glob.glob("/usr/share/java/lucene-queryparser-*.jar"))
    if len(jars) < 3 or not shutil.which("javac"):
        print("Lucene skipped: apt-get install -y liblucene8-java (and a JDK) to compare.", file=sys.stderr)
        return None
    classpath = ":".join(jars)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        subprocess.run(["javac", "-nowarn", "-cp", classpath, "-d", tmp, str(LUCENE_SOURCE)], check=True)
        (tmp_path / "docs.tsv").write_text(
            "".join(f"{d.id}\t{' '.join(d.text.split())}\n" for d in docs), encoding="utf-8")
        (tmp_path / "queries.tsv").write_text(
            "".join(f"{q.id}\t{' '.join(q.text.split())}\n" for q in queries), encoding="utf-8")
        out = subprocess.run(["java", "-cp", f"{classpath}:{tmp}", "LuceneEval", str(tmp_path / "docs.tsv"),
                              str(tmp_path / "queries.tsv"), "fill" if FILL else "nofill"],
                             check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--summary", action="store_true", help="only the summary table")
    parser.add_argument("--no-lucene", action="store_true")
    parser.add_argument("--no-fill", action="store_true", help="OR only when AND finds nothing")
    args = parser.parse_args()
    global FILL
    FILL = not args.no_fill
    docs, queries = passages(), load_queries()
    runs: dict[str, dict[str, list[str]]] = {}
    for name, term in cands.candidates().items():
        if term is None:
            print(f"{name} skipped: package not installed", file=sys.stderr)
            continue
        runs[name] = run_candidate(name, term, docs, queries)
    if not args.no_lucene:
        lucene = run_lucene(docs, queries)
        if lucene is not None:
            runs["lucene"] = lucene
    names = list(runs)
    print(f"{len(docs)} paragraphs, {len(queries)} queries; R = recall@{TOP}, RR = reciprocal rank\n")
    if not args.summary:
        header = f"{'id':<5} {'query':<42} {'rel':>3} " + " ".join(f"{n[:12]:>13}" for n in names)
        print(header)
        print(" " * 55 + " ".join(f"{'R    RR':>13}" for _ in names))
        for q in queries:
            cells = []
            for n in names:
                r, rr = scores(runs[n].get(q.id, []), q.relevant)
                cells.append(f"{r:5.2f} {rr:5.2f}  ")
            print(f"{q.id:<5} {q.text[:42]:<42} {len(q.relevant):>3} " + " ".join(f"{c:>13}" for c in cells))
        print()
    print(f"{'candidate':<14} {'recall@10':>10} {'MRR':>7}")
    for n in names:
        pairs = [scores(runs[n].get(q.id, []), q.relevant) for q in queries]
        recall = sum(p[0] for p in pairs) / len(pairs)
        mrr = sum(p[1] for p in pairs) / len(pairs)
        print(f"{n:<14} {recall:10.3f} {mrr:7.3f}")


if __name__ == "__main__":
    main()
