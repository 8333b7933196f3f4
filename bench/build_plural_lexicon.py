"""Generate search/data/plurals.tsv: broken plurals → their singulars, as our analysis writes them.

Source: the noun table of Arramooz (Taha Zerrouki, https://github.com/linuxscout/arramooz-pysqlite,
licence GPL-3.0 per the package's LICENSE file; its metadata says "GPL"), the arramooz-pysqlite wheel on
PyPI. It is read here only; it is not a dependency of the site:

    .venv/bin/pip download arramooz-pysqlite==0.4.2 --no-deps -d /tmp/arramooz
    .venv/bin/python bench/build_plural_lexicon.py /tmp/arramooz/arramooz_pysqlite-0.4.2-py3-none-any.whl
    # then rebuild the search index: manage.py rebuild_index

Pairs come from two columns: a singular's ``broken_plural`` (several, separated by ";") and a broken
plural's ``single``. Both forms go through our normalisation and light stemmer (search.analysis); a pair
is kept when the two stems differ. A table row maps the plural's stem to the singular's stem.

- Ambiguous plurals (one stem, several singular stems: وفود is وفد's and وافد's) keep the singular whose
  forms the corpus vocabulary attests most often; when none is attested, or two are attested equally, the
  plural is dropped.
- A plural that Arramooz also lists as a singular noun of its own (قرار, عمل: the word has a meaning of its
  own) is dropped, unless its own entry names the same singular (بلاد lists بلد).
- A singular stem must be a fixed point of the analysis (the engine re-analyses terms) and must not be a
  plural itself; a chain is followed to its end, a cycle dropped.

The light stemmer itself consults the table (a word the table knows keeps its first letter: بلادنا is
بلاد + نا), so the table is rebuilt until it no longer changes. Deterministic: same inputs, same file.
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import sys
import tempfile
import time
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from search import analysis  # noqa: E402

DICTIONARY_IN_WHEEL = "arramooz/data/arabicdictionary.sqlite"
STOPWORDS_IN_WHEEL = "arramooz/data/stopwords.sqlite"
WORDFREQ_IN_WHEEL = "arramooz/data/wordfreq.sqlite"
# A verb reading this frequent in Arramooz's word-frequency list (بدا 412,285, قرر 302,467, دعم 77,891 as
# a verb) keeps a plural of the same spelling or stem out; rare ones (أجهز 747, مدن 380) do not.
COMMON_VERB = 5000
BROKEN = "جمع تكسير"
PARTICIPLE = "اسم فاعل"
CONJUNCTIONS = "وف"
# Stems that read otherwise here: الجزائر (Algeria), not islands; من جراء (because of), not puppies.
KEEP_APART = frozenset({"جزاير", "جراء"})
SINGULAR = "مفرد"
_NOTE = re.compile(r"\[[^\]]*\]|\([^)]*\)")
_ONE_WORD = re.compile(r"^[\u0621-\u064a]+$")


def databases(wheel_path: Path) -> tuple[sqlite3.Connection, ...]:
    """Arramooz's dictionary (nouns, verbs), its stop words and word frequencies, from inside the wheel."""
    folder = Path(tempfile.mkdtemp())
    names = (DICTIONARY_IN_WHEEL, STOPWORDS_IN_WHEEL, WORDFREQ_IN_WHEEL)
    with zipfile.ZipFile(wheel_path) as wheel:
        for name in names:
            (folder / Path(name).name).write_bytes(wheel.read(name))
    return tuple(sqlite3.connect(f"file:{folder / Path(name).name}?mode=ro", uri=True) for name in names)


def words(field: str) -> list[str]:
    """The one-word forms in a plural or singular field, normalised: '+ات جُبَاةٌ' → ['جباه']."""
    found = []
    for piece in field.split(";"):
        piece = _NOTE.sub(" ", piece).replace("+ات", " ").split()
        if len(piece) == 1:
            word = analysis.normalise(piece[0])
            if _ONE_WORD.match(word) and len(word) >= 2:
                found.append(word)
    return found


@dataclass
class Entry:
    """A noun Arramooz lists as singular: the plurals and singulars it names, whether it is a participle."""

    plurals: set[str]
    singulars: set[str]
    participle: bool


@dataclass
class Dictionary:
    pairs: set[tuple[str, str]]  # (plural, singular), normalised
    singular_entries: dict[str, list[Entry]]
    broken: set[str]  # words listed as broken plurals
    verbs: set[str]  # common verbs (past tense)
    function_words: set[str]
    frequency: Counter  # Arramooz's word frequencies, all readings of a normalised spelling together


def read(
    connection: sqlite3.Connection, stopwords: sqlite3.Connection, wordfreq: sqlite3.Connection
) -> Dictionary:
    pairs = set()
    votes = Counter()
    broken = set()
    singular_entries: dict[str, list[Entry]] = defaultdict(list)
    rows = connection.execute(
        "select unvocalized, number, single, broken_plural, wordtype from nouns order by id"
    )
    for unvocalized, number, single, broken_plural, wordtype in rows:
        word = analysis.normalise(unvocalized or "")
        if not _ONE_WORD.match(word):
            continue
        plurals, singulars = words(broken_plural or ""), words(single or "")
        if number == SINGULAR:
            singular_entries[word].append(Entry(set(plurals), set(singulars), PARTICIPLE in (wordtype or "")))
        found = [(plural, word) for plural in plurals]
        if number == BROKEN:
            broken.add(word)
            found += [(word, singular) for singular in singulars]
        pairs.update(found)
        votes.update(found)
    # Some words are listed both ways (بلاد: plural of بلد, and a singular whose plural is بلد): the
    # direction more rows give, else the longer word as the plural. Either way both meet.
    for plural, singular in sorted(pairs):
        if (singular, plural) in pairs and (plural, singular) in pairs:
            ours, theirs = votes[(plural, singular)], votes[(singular, plural)]
            keep = (ours, len(plural), plural) > (theirs, len(singular), singular)
            pairs.discard((singular, plural) if keep else (plural, singular))
    verb_frequency, frequency_of = Counter(), Counter()
    for word, kind, frequency in wordfreq.execute("select unvocalized, word_type, freq from wordfreq"):
        frequency_of[analysis.normalise(word)] += frequency
        if kind == "verb":
            verb_frequency[analysis.normalise(word)] += frequency
    verbs = {word for word, frequency in verb_frequency.items() if frequency >= COMMON_VERB}
    function_words = {
        analysis.normalise(row[0]) for row in stopwords.execute("select unvocalized from stopwords")
    }
    return Dictionary(pairs, singular_entries, broken, verbs, function_words, frequency_of)


def homograph(plural: str, singular: str, dictionary: Dictionary) -> bool:
    """Whether the plural is spelled like a singular noun of another meaning (قرار: قُرَّار of قارر, and
    قَرَار). Not when that entry names the same singular (شؤون, أحكام), nor when it is a participle and the
    pair's singular is not (مَصَالِح of مصلحة and the rare مُصَالِح)."""
    singular_is_participle = all(entry.participle for entry in dictionary.singular_entries.get(singular, []))
    for entry in dictionary.singular_entries.get(plural, []):
        if singular in entry.plurals or singular in entry.singulars:
            continue
        if entry.participle and not (singular_is_participle and dictionary.singular_entries.get(singular)):
            continue
        return True
    return False


def build(dictionary: Dictionary) -> tuple[dict[str, str], dict[str, set[tuple[str, str]]], Counter]:
    """The table from the pairs under the analysis as it stands, with the pairs behind each row."""
    vocabulary = analysis.vocabulary()
    frequency = Counter()  # how often the corpus has a word of each light stem
    for word, count in vocabulary.items():
        frequency[analysis.light_stem(word)] += count
    singular_by_stem: dict[str, set[str]] = defaultdict(set)
    for word in dictionary.singular_entries:
        singular_by_stem[analysis.light_stem(word)].add(word)
    others = dictionary.verbs | dictionary.function_words
    # A common verb or function word whose stem a plural's stem would take (أدلى and أدلة both stem to ادل).
    other_stems = {analysis.light_stem(word) for word in others}
    dropped = Counter()
    candidates: dict[str, dict[str, set[tuple[str, str]]]] = defaultdict(lambda: defaultdict(set))
    for plural, singular in sorted(dictionary.pairs):
        if plural in analysis.STOP_WORDS or singular in analysis.STOP_WORDS or plural in others:
            dropped["spelled as a verb or function word (دعم, قرر)"] += 1
            continue
        key, value = analysis.light_stem(plural), analysis.light_stem(singular)
        if key == value:
            continue
        # وجاد (a plural of واجد) is also و + the verb جاد; بداة stems to بدا, the verb بدأ.
        if (
            key in other_stems
            or key in others
            or (key[0] in CONJUNCTIONS and key[1:] in others)
            or key in KEEP_APART
        ):
            dropped["stem of a verb or function word (ادل, هنا)"] += 1
            continue
        if key[0] != plural[0] or value[0] != singular[0] or len(key) < 3 or len(value) < 2:
            dropped["first letter read as a proclitic, or too short"] += 1
            continue
        if homograph(plural, singular, dictionary):
            dropped["also a singular noun"] += 1
            continue
        # A plural whose stem is also the stem of a more frequent singular noun of another meaning: وفده (a
        # plural of وافد) and وفد, نهاء and نهاية. Not حقوق (حقوقي is rarer), مصالح (مصالحة).
        if any(
            word != plural
            and homograph(word, singular, dictionary)
            and dictionary.frequency[word] > dictionary.frequency[plural]
            for word in singular_by_stem.get(key, ())
        ):
            dropped["stem of a singular noun"] += 1
            continue
        if singular in dictionary.broken and singular not in dictionary.singular_entries:
            dropped["singular listed as a plural"] += 1
            continue
        candidates[key][value].add((plural, singular))
    table, sources = {}, {}
    for key, values in sorted(candidates.items()):
        ranked = sorted(values, key=lambda value: (-frequency[value], value))
        if len(ranked) > 1 and frequency[ranked[0]] in (0, frequency[ranked[1]]):
            dropped["ambiguous"] += 1
            continue
        table[key], sources[key] = ranked[0], values[ranked[0]]
    resolved = {}
    for key, value in table.items():
        seen = {key}
        while value in table and value not in seen:
            seen.add(value)
            value = table[value]
        if value in seen or analysis.light_stem(value) != value:
            dropped["no fixed singular"] += 1
            continue
        resolved[key] = value
    return resolved, sources, dropped


def unsettled(table: dict[str, str], sources: dict[str, set[tuple[str, str]]]) -> set[str]:
    """Rows that do not hold under the analysis with the table loaded (it changes how words are stemmed)."""
    failing = set()
    for key, value in table.items():
        if analysis.analyse(value) != [value]:
            failing.add(key)
            continue
        for plural, singular in sources[key]:
            if not (analysis.analyse(plural) == analysis.analyse(singular) == [value]):
                failing.add(key)
                break
    return failing


def write(table: dict[str, str], path: Path) -> None:
    header = (
        "# Broken plural → singular, both as search.analysis light-stems them (plural stem<TAB>singular stem).\n"
        "# Generated by bench/build_plural_lexicon.py from the noun table of Arramooz (arramooz-pysqlite 0.4.2,\n"
        "# Taha Zerrouki, GPL-3.0); do not edit by hand. After regenerating, rebuild the search index.\n"
    )
    lines = [f"{key}\t{value}" for key, value in sorted(table.items())]
    path.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("arramooz", type=Path, help="the arramooz-pysqlite 0.4.2 wheel")
    parser.add_argument("--output", type=Path, default=analysis.PLURALS_FILE)
    arguments = parser.parse_args()
    if not arguments.arramooz.exists():
        parser.error(f"{arguments.arramooz} does not exist")
    dictionary = read(*databases(arguments.arramooz))
    print(f"{len(dictionary.pairs)} plural–singular pairs read from Arramooz")
    original = analysis.PLURALS_FILE
    analysis.PLURALS_FILE = arguments.output
    try:
        # Stems computed without a table, then with the first table loaded (it changes how unknown words
        # lose a first letter); rows that do not hold with the table itself are then dropped until all hold.
        write({}, arguments.output)
        analysis.reload()
        table, _, _ = build(dictionary)
        write(table, arguments.output)
        analysis.reload()
        table, sources, dropped = build(dictionary)
        while True:
            write(table, arguments.output)
            analysis.reload()
            failing = unsettled(table, sources)
            if not failing:
                break
            dropped["not settled"] += len(failing)
            table = {key: value for key, value in table.items() if key not in failing}
        print(f"dropped: {dict(sorted(dropped.items()))}")
        analysis.reload()
        started = time.perf_counter()
        analysis.plurals()
        analysis._lexicon_words()
        print(
            f"{len(table)} rows written to {arguments.output}; loaded in {time.perf_counter() - started:.4f} s"
        )
    finally:
        analysis.PLURALS_FILE = original
        analysis.reload()


if __name__ == "__main__":
    main()
