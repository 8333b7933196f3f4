"""Synthetic paragraphs for the scale bench, recombined from the real corpus (seeded, streamed).

    .venv/bin/python bench/generate.py --size 100000 [--seed 1] [--out bench/out/paragraphs-100000.jsonl]
    .venv/bin/python bench/generate.py --size 100000 --vocabulary unpc   # -> bench/out/paragraphs-unpc-100000.jsonl

Every real paragraph of fixtures/corpus (as archive.ingest.parser.parse cuts them) is split into
clause-sized units: at punctuation (، ؛ . : ,), then long clauses again before a word opening with و
and at most every 12 words. A synthetic paragraph takes the word length of a real paragraph drawn at
random (so the length distribution is the real one), opens with the first unit of a real paragraph
(the openers "إن مؤتمر…", "يقرر", "وإذ يشير" stay where they belong) and is filled with units drawn
uniformly from the pool, the last one cut to the exact length. Uniform draws over units make every real
word occurrence equally likely, so the word frequency distribution is the real one too.

Metadata comes from the real documents: synthetic documents of 1–20 paragraphs each take the body,
session, year and kind of a real document drawn at random; each paragraph keeps the paragraph kind of
the paragraph whose length it took.

What recombination cannot do: invent words. The vocabulary stays that of the 413 real paragraphs, while a
real archive of a million paragraphs would have tens of thousands of distinct terms. Posting lists of
rare terms are therefore longer than they would be (pessimistic for query latency) and the term
dictionary smaller (optimistic for index size). The summary printed at the end shows both.

`--vocabulary unpc` brings in real words from outside the corpus: the 8,000 Arabic sentences of the UN
Parallel Corpus sample (../shared/corpus/extra/unpc-2015-sample/*.ar, read in place, never copied here;
34,000 distinct words, 11,000 distinct analysed terms) are cut into units the same way, and each unit
after the opener is drawn from them with probability UNPC_SHARE, from the corpus otherwise. Openers,
lengths and metadata stay the corpus's. The file is named paragraphs-unpc-N.jsonl so that a file made
from the corpus alone is never taken for it; without ../shared the corpus alone is used, with a warning,
under the corpus's file name.

Output: JSON lines {id, text, body, session, year, kind, document, position}, written as generated
(nothing is held in memory but the real corpus).
"""

from __future__ import annotations

import argparse
import collections
import json
import pathlib
import random
import re
import statistics
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archive.ingest.parser import parse  # noqa: E402
from search.analysis import analyse  # noqa: E402

CORPUS = ROOT / "fixtures" / "corpus"
UNPC = ROOT.parent / "shared" / "corpus" / "extra" / "unpc-2015-sample"
OUT = ROOT / "bench" / "out"
VOCABULARIES = ("corpus", "unpc")
# Share of the units after the opener drawn from the UN sentences: half keeps the corpus's own phrasing
# (and its most frequent terms) in every paragraph while the UN sentences bring their words in.
UNPC_SHARE = 0.5
_CLAUSE_END = re.compile(r"(?<=[،؛.:,;])\s+")
_MAX_UNIT = 12
# How many generated paragraphs the vocabulary summary analyses (analysis of 1M texts takes minutes).
STATS_SAMPLE = 20_000


def real_corpus() -> tuple[list[dict], list[dict]]:
    """(paragraphs, documents) of the real corpus: text and kind; body, session, year and kind."""
    paragraphs, documents = [], []
    for path in sorted(CORPUS.rglob("*.txt")):
        parsed = parse(path.read_bytes(), path.name)
        session = parsed.sessions[0] if parsed.sessions else None
        body = session.body if session else "other"
        number = session.number if session else None
        slug = "-".join(
            [body] + ([session.organ] if session and session.organ else [])
            + (["ext"] if session and session.extraordinary else [])
            + [str(number) if number is not None else "unnumbered"]
        )
        documents.append(
            {"body": body, "session": slug, "year": parsed.date.year if parsed.date else None,
             "kind": parsed.kind, "paragraphs": len(parsed.paragraphs)}
        )
        for paragraph in parsed.paragraphs:
            if paragraph.text.split():
                paragraphs.append({"text": paragraph.text, "kind": paragraph.kind})
    return paragraphs, documents


def un_sentences() -> list[str]:
    """The Arabic sentences of the UN Parallel Corpus sample, one a line, as they are."""
    lines = []
    for path in sorted(UNPC.glob("*.ar")):
        lines.extend(line for line in path.read_text(encoding="utf-8").splitlines() if line.split())
    return lines


def resolve_vocabulary(vocabulary: str) -> str:
    """The vocabulary that can be used here: "unpc" falls back to "corpus" (with a warning) without
    ../shared."""
    if vocabulary not in VOCABULARIES:
        raise ValueError(f"vocabulary {vocabulary!r}: use one of {', '.join(VOCABULARIES)}")
    if vocabulary == "unpc" and not any(UNPC.glob("*.ar")):
        print(f"WARNING: {UNPC} not found: generating from fixtures/corpus alone (≈2,000 analysed terms)",
              file=sys.stderr, flush=True)
        return "corpus"
    return vocabulary


def default_out(size: int, vocabulary: str) -> pathlib.Path:
    """Where paragraphs of this size and vocabulary are written (one name per vocabulary, never shared)."""
    return OUT / (f"paragraphs-{size}.jsonl" if vocabulary == "corpus" else f"paragraphs-{vocabulary}-{size}.jsonl")


def units(text: str) -> list[list[str]]:
    """Clause-sized runs of words of one paragraph, in order."""
    found = []
    for clause in _CLAUSE_END.split(text):
        words = clause.split()
        current: list[str] = []
        for word in words:
            if current and (len(current) >= _MAX_UNIT or (word.startswith("و") and len(current) >= 4)):
                found.append(current)
                current = []
            current.append(word)
        if current:
            found.append(current)
    return found


class Generator:
    def __init__(self, paragraphs: list[dict], documents: list[dict], seed: int, extra: list[str] = ()):
        """extra: sentences from outside the corpus whose units fill UNPC_SHARE of each paragraph."""
        self.random = random.Random(seed)
        self.lengths = [(len(p["text"].split()), p["kind"]) for p in paragraphs]
        self.openers = []
        self.pool = []
        for paragraph in paragraphs:
            found = units(paragraph["text"])
            self.openers.append(found[0])
            self.pool.extend(found[1:] or found)
        self.extra_pool = [unit for sentence in extra for unit in units(sentence)]
        self.documents = [d for d in documents if d["paragraphs"]]

    def paragraph(self) -> tuple[str, str]:
        length, kind = self.random.choice(self.lengths)
        words = list(self.random.choice(self.openers))
        while len(words) < length:
            from_extra = self.extra_pool and self.random.random() < UNPC_SHARE
            words.extend(self.random.choice(self.extra_pool if from_extra else self.pool))
        return " ".join(words[:length]), kind

    def stream(self, size: int):
        """(id, record) for size paragraphs; ids 1..size, documents numbered from 1."""
        produced, document = 0, 0
        while produced < size:
            document += 1
            template = self.random.choice(self.documents)
            count = min(self.random.randint(1, 20), size - produced)
            for position in range(1, count + 1):
                produced += 1
                text, kind = self.paragraph()
                yield {
                    "id": produced, "text": text, "body": template["body"], "session": template["session"],
                    "year": template["year"], "kind": kind, "document": document, "position": position,
                    "document_kind": template["kind"],
                }


def summary(texts, label: str, analyse_limit: int | None = None) -> dict:
    words, chars, terms, surface = [], [], collections.Counter(), set()
    for i, text in enumerate(texts):
        split = text.split()
        words.append(len(split))
        chars.append(len(text))
        if analyse_limit is None or i < analyse_limit:
            terms.update(analyse(text))
            surface.update(split)
    total = sum(terms.values())
    top = terms.most_common()
    share = lambda n: sum(c for _, c in top[:n]) / total if total else 0  # noqa: E731
    return {
        "label": label, "paragraphs": len(words), "words_mean": statistics.mean(words),
        "words_median": statistics.median(words), "words_p95": sorted(words)[int(0.95 * (len(words) - 1))],
        "words_max": max(words), "chars_mean": statistics.mean(chars), "chars_median": statistics.median(chars),
        "analysed_paragraphs": min(len(words), analyse_limit or len(words)), "distinct_words": len(surface),
        "vocabulary": len(terms), "tokens": total, "top1_share": share(1), "top10_share": share(10),
        "top100_share": share(100), "counts": terms,
    }


def print_summaries(real: dict, generated: dict, extra: dict | None = None) -> None:
    """Real corpus against generated (and the UN sample the generator drew from, when it did)."""
    rows = [
        ("paragraphs", "paragraphs", "{:,}"), ("words/paragraph mean", "words_mean", "{:.1f}"),
        ("words/paragraph median", "words_median", "{:.0f}"), ("words/paragraph p95", "words_p95", "{:.0f}"),
        ("words/paragraph max", "words_max", "{:.0f}"), ("chars/paragraph mean", "chars_mean", "{:.0f}"),
        ("chars/paragraph median", "chars_median", "{:.0f}"),
        ("paragraphs analysed for vocabulary", "analysed_paragraphs", "{:,}"),
        ("distinct words (white-space split)", "distinct_words", "{:,}"),
        ("vocabulary (distinct analysed terms)", "vocabulary", "{:,}"), ("analysed tokens", "tokens", "{:,}"),
        ("share of tokens in top 1 term", "top1_share", "{:.3f}"),
        ("share of tokens in top 10 terms", "top10_share", "{:.3f}"),
        ("share of tokens in top 100 terms", "top100_share", "{:.3f}"),
    ]
    columns = [real] + ([extra] if extra else []) + [generated]
    print(f"{'':38} " + " ".join(f"{c['label']:>12}" for c in columns))
    for label, key, fmt in rows:
        print(f"{label:38} " + " ".join(f"{fmt.format(c[key]):>12}" for c in columns))
    # Do the same terms carry the same weight? Relative frequency of the real top terms in both.
    rt, gt = real["counts"], generated["counts"]
    rn, gn = sum(rt.values()), sum(gt.values()) or 1
    pairs = [(rt[t] / rn, gt[t] / gn) for t, _ in rt.most_common(200)]
    mean_r = statistics.mean(p[0] for p in pairs)
    mean_g = statistics.mean(p[1] for p in pairs)
    cov = sum((a - mean_r) * (b - mean_g) for a, b in pairs)
    var = (sum((a - mean_r) ** 2 for a, _ in pairs) * sum((b - mean_g) ** 2 for _, b in pairs)) ** 0.5
    print(f"{'Pearson r, frequencies of real top 200':38} {cov / var if var else 0:>25.3f}")
    print("top terms real:     ", " ".join(t for t, _ in rt.most_common(12)))
    print("top terms generated:", " ".join(t for t, _ in gt.most_common(12)))


def generate(size: int, out: pathlib.Path, seed: int = 1, quiet: bool = False, vocabulary: str = "corpus",
             stats_paragraphs: int = STATS_SAMPLE) -> pathlib.Path:
    """Write size paragraphs to out; vocabulary "unpc" also draws from the UN sentences (already resolved
    by resolve_vocabulary: this raises if they are missing)."""
    paragraphs, documents = real_corpus()
    extra = un_sentences() if vocabulary == "unpc" else []
    if vocabulary == "unpc" and not extra:
        raise FileNotFoundError(f"no UN sentences in {UNPC}")
    generator = Generator(paragraphs, documents, seed, extra)
    out.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    tmp = out.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        for record in generator.stream(size):
            handle.write(json.dumps(record, ensure_ascii=False))
            handle.write("\n")
    tmp.replace(out)
    if not quiet:
        print(f"generated {size:,} paragraphs into {out} in {time.perf_counter() - started:.1f} s "
              f"({out.stat().st_size / 2**20:.1f} MB)")
        real = summary((p["text"] for p in paragraphs), "real")

        def texts():
            with out.open(encoding="utf-8") as handle:
                for line in handle:
                    yield json.loads(line)["text"]

        un = summary(extra, "UN sample") if extra else None
        print_summaries(real, summary(texts(), "generated", analyse_limit=stats_paragraphs), un)
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=pathlib.Path)
    parser.add_argument("--vocabulary", choices=VOCABULARIES, default="corpus",
                        help="corpus: recombine fixtures/corpus only; unpc: also the UN sentences of ../shared")
    parser.add_argument("--stats-paragraphs", type=int, default=STATS_SAMPLE,
                        help=f"generated paragraphs analysed for the vocabulary summary ({STATS_SAMPLE:,})")
    args = parser.parse_args(argv)
    vocabulary = resolve_vocabulary(args.vocabulary)
    generate(args.size, args.out or default_out(args.size, vocabulary), args.seed, vocabulary=vocabulary,
             stats_paragraphs=args.stats_paragraphs)


if __name__ == "__main__":
    main()
