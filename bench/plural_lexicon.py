"""What the plural table (search/data/plurals.tsv) changes: load cost, corpus terms, matches per query.

Runs our analysis over every paragraph of fixtures/corpus twice, without the table and with it, and prints
how many distinct terms change and, for sample queries, how many paragraphs hold all the query's terms
(the AND the engine runs first) before and after: a table that floods would multiply these.

    .venv/bin/python bench/plural_lexicon.py
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus import passages  # noqa: E402
from search import analysis  # noqa: E402

# Singulars a reader types, whose plurals the table now adds, and two-word queries.
QUERIES = (
    "مسجد",
    "لجنة",
    "وفد",
    "بلد",
    "هدف",
    "مشروع",
    "أرض",
    "شعب",
    "حد",
    "منطقة",
    "وزير",
    "برنامج",
    "الدولة العضو",
    "المستوطنات",
    "حدود فلسطين",
)


def corpus_terms(texts: list[str]) -> tuple[list[set[str]], dict[str, str]]:
    """The terms of each paragraph, and each surface word's term."""
    paragraphs, words = [], {}
    for text in texts:
        found = analysis.tokens(text)
        paragraphs.append({token.text for token in found if not token.stop})
        for token in found:
            if not token.stop:
                words.setdefault(analysis.normalise(text[token.start : token.end]), token.text)
    return paragraphs, words


def matches(paragraphs: list[set[str]], query: str) -> int:
    terms = set(analysis.analyse(query))
    return sum(1 for terms_of in paragraphs if terms and terms <= terms_of)


def load_cost() -> tuple[float, int, int]:
    """Seconds to read the table (best of five), bytes allocated while reading it, and its rows."""
    seconds = []
    for _ in range(5):
        analysis.reload()
        started = time.perf_counter()
        analysis.plurals()
        analysis._lexicon_words()
        seconds.append(time.perf_counter() - started)
    analysis.reload()
    tracemalloc.start()
    table = analysis.plurals()
    analysis._lexicon_words()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return min(seconds), peak, len(table)


def main() -> None:
    seconds, peak, rows = load_cost()
    print(
        f"table: {rows} rows, {analysis.PLURALS_FILE.stat().st_size:,} bytes on disk, "
        f"loaded in {seconds * 1000:.1f} ms, {peak / 1e6:.1f} MB allocated at peak"
    )
    texts = [passage.text for passage in passages()]
    table_file = analysis.PLURALS_FILE
    analysis.PLURALS_FILE = table_file.with_name("absent.tsv")
    analysis.reload()
    before, words_before = corpus_terms(texts)
    counts_before = {query: matches(before, query) for query in QUERIES}
    analysis.PLURALS_FILE = table_file
    analysis.reload()
    after, words_after = corpus_terms(texts)
    counts_after = {query: matches(after, query) for query in QUERIES}
    changed = {word for word in words_before if words_before[word] != words_after[word]}
    terms_before, terms_after = set(words_before.values()), set(words_after.values())
    print(
        f"corpus: {len(texts)} paragraphs, {len(words_before)} distinct words; "
        f"{len(changed)} words get another term; distinct terms {len(terms_before)} → {len(terms_after)}"
    )
    mapped = sorted({words_after[word] for word in changed})
    fixed = sum(1 for term in mapped if analysis.analyse(term) == [term])
    print(f"new terms that are fixed points of the analysis: {fixed} of {len(mapped)}")
    print(f"{'query':<24} {'before':>7} {'after':>7}")
    for query in QUERIES:
        print(f"{query:<24} {counts_before[query]:>7} {counts_after[query]:>7}")


if __name__ == "__main__":
    main()
