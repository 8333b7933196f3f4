"""The United Nations Parallel Corpus's sentence files, read as documents in bounded memory.

A release is line-aligned text files: ``devset.ar`` (one Arabic sentence a line), ``devset.en`` (the same
sentences in English) and ``devset.ids``, whose line N names line N's document and place:
``2015/s/res/2213__2015_ ar:42:1 en:40:1 …`` is document S/RES/2213 (2015), Arabic paragraph 42, sentence 1.

`read_corpus(ids, ar, en)` yields one `CorpusDocument` per document (its sentences joined into paragraphs,
paragraph by paragraph in the Arabic order) and a `BadLine` for every line it cannot use (wrong column count,
a document name that is no UN symbol it can read, an empty or undecodable sentence) before the first
document, so an importer can refuse a file before it stores anything; a sentence given twice is reported
as its document is grouped, and left out of it. Files of different lengths are refused at once (`check_lengths`), before a line is read.

The ids files are not sorted by document (the 2015 sample's 4,000 lines visit its 732 documents in 2,805
runs), so lines are grouped by an external merge sort: runs of at most `chunk` sentences are sorted in
memory and spilled to temporary files, then merged (heapq.merge) and read back document by document. Memory
holds one run and one document whatever the file's size; the temporary files hold the text once. A file
already in document order costs the same single pass. Pure Python: no Django.
"""

from __future__ import annotations

import heapq
import itertools
import pickle
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from archive.ingest.un_symbols import SymbolError, UnSymbol, from_corpus_id

CHUNK = 50_000  # sentences sorted in memory at a time (a run of the 2015 sample's sentences: about 50 MB)
_PLACE = re.compile(r"^ar:(\d+):(\d+)$")


class UnpcError(ValueError):
    """The files cannot be imported at all (nothing is read from them)."""


@dataclass(frozen=True, order=True)
class Sentence:
    document: str  # the corpus's document name: 2015/s/res/2213__2015_
    paragraph: int  # the Arabic paragraph's place in the document (ar:42:1 → 42)
    sentence: int  # the sentence's place in that paragraph (→ 1)
    line: int  # 1-based line number in the files
    text: str = field(compare=False)
    text_en: str = field(default="", compare=False)


@dataclass(frozen=True)
class BadLine:
    line: int
    reason: str


@dataclass
class CorpusParagraph:
    number: int  # ar:42 → 42
    text: str
    text_en: str
    places: list[str]  # "ar:42:1" … of its sentences, with their lines


@dataclass
class CorpusDocument:
    name: str
    symbol: UnSymbol
    paragraphs: list[CorpusParagraph]
    first_line: int

    @property
    def raw(self) -> bytes:
        """The document as it came: its corpus name, then one line per sentence, its place, the Arabic and
        (if given) the English, tab-separated. Kept as the document's source bytes."""
        lines = [self.name]
        for paragraph in self.paragraphs:
            lines.extend(paragraph.places)
        return ("\n".join(lines) + "\n").encode("utf-8")


def count_lines(path: Path) -> int:
    """Lines in a file (a last line without a newline counts), read in blocks."""
    count, last = 0, b"\n"
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            count += block.count(b"\n")
            last = block[-1:]
    return count + (last != b"\n")


def check_lengths(ids: Path, ar: Path, en: Path | None = None) -> int:
    """The files' common line count; UnpcError when they differ (every line would be misaligned)."""
    counts = {path: count_lines(path) for path in (ids, ar, en) if path is not None}
    if len(set(counts.values())) > 1:
        listed = ", ".join(f"{path.name}: {n:,} lines" for path, n in counts.items())
        raise UnpcError(f"the files have different lengths ({listed}); their lines cannot be aligned")
    return counts[ids]


@lru_cache(maxsize=4096)
def _symbol(name: str) -> UnSymbol:
    return from_corpus_id(name)


def _lines(path: Path | None) -> Iterator[bytes | None]:
    if path is None:
        yield from itertools.repeat(None)
        return
    with open(path, "rb") as handle:
        # Binary lines split on "\n" only: a U+2028 or a stray "\r" inside a sentence must not shift lines.
        yield from handle


def _decode(raw: bytes, what: str, number: int) -> str | BadLine:
    try:
        return raw.rstrip(b"\r\n").decode("utf-8").strip()
    except UnicodeDecodeError as exc:
        return BadLine(number, f"{what} is not UTF-8 ({exc.reason} at byte {exc.start})")


def read_sentences(
    ids: Iterable[bytes], ar: Iterable[bytes], en: Iterable[bytes | None] | None = None
) -> Iterator[Sentence | BadLine]:
    """The lines of the three files in lockstep, as Sentences or the BadLine saying why not."""
    columns = None
    for number, (id_line, ar_line, en_line) in enumerate(
        zip(ids, ar, en if en is not None else itertools.repeat(None), strict=False), start=1
    ):
        fields = [
            _decode(raw, what, number) for raw, what in ((id_line, "the ids line"), (ar_line, "the Arabic"))
        ]
        if en_line is not None:
            fields.append(_decode(en_line, "the English", number))
        bad = next((item for item in fields if isinstance(item, BadLine)), None)
        if bad is not None:
            yield bad
            continue
        parts = fields[0].split()
        if columns is None and parts:
            columns = len(parts)
        if len(parts) < 2 or len(parts) != columns:
            yield BadLine(number, f"the ids line has {len(parts)} columns, not {columns or 'at least 2'}")
            continue
        place = next((_PLACE.match(part) for part in parts[1:] if part.startswith("ar:")), None)
        if place is None:
            yield BadLine(number, "the ids line has no Arabic place (ar:PARAGRAPH:SENTENCE)")
            continue
        try:
            _symbol(parts[0])
        except SymbolError as exc:
            yield BadLine(number, f"unknown document symbol {parts[0]!r}: {exc}")
            continue
        if not fields[1]:
            yield BadLine(number, "the Arabic sentence is empty")
            continue
        yield Sentence(
            parts[0],
            int(place.group(1)),
            int(place.group(2)),
            number,
            fields[1],
            fields[2] if en_line is not None else "",
        )


def _spill(run: list[Sentence], directory: str) -> Path:
    run.sort()
    handle = tempfile.NamedTemporaryFile(dir=directory, suffix=".run", delete=False)
    with handle:
        for sentence in run:
            pickle.dump(sentence, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return Path(handle.name)


def _read_run(path: Path) -> Iterator[Sentence]:
    with open(path, "rb") as handle:
        while True:
            try:
                yield pickle.load(handle)
            except EOFError:
                return


def sorted_by_document(
    items: Iterable[Sentence | BadLine], bad: list[BadLine], chunk: int = CHUNK, directory: str | None = None
) -> Iterator[Sentence]:
    """The sentences in (document, paragraph, sentence, line) order, by an external merge sort in runs of
    `chunk`; the BadLines met on the way are appended to `bad` (all of them before the first sentence)."""
    with tempfile.TemporaryDirectory(prefix="unpc-", dir=directory) as folder:
        runs: list[Path] = []
        run: list[Sentence] = []
        for item in items:
            if isinstance(item, BadLine):
                bad.append(item)
                continue
            run.append(item)
            if len(run) >= chunk:
                runs.append(_spill(run, folder))
                run = []
        if not runs:
            run.sort()
            yield from run
            return
        if run:
            runs.append(_spill(run, folder))
        del run
        yield from heapq.merge(*(_read_run(path) for path in runs))


def group_documents(sentences: Iterable[Sentence], bad: list[BadLine]) -> Iterator[CorpusDocument]:
    """Sorted sentences as documents: a paragraph's sentences joined in order; a sentence given twice
    (the same document, paragraph and sentence number) is reported in `bad` and left out."""
    for name, run in itertools.groupby(sentences, key=lambda sentence: sentence.document):
        paragraphs: list[CorpusParagraph] = []
        seen: dict[tuple[int, int], int] = {}
        first_line = None
        for number, members in itertools.groupby(run, key=lambda sentence: sentence.paragraph):
            texts, english, places = [], [], []
            for sentence in members:
                key = (sentence.paragraph, sentence.sentence)
                if key in seen:
                    bad.append(BadLine(sentence.line, f"repeats ar:{key[0]}:{key[1]} of line {seen[key]}"))
                    continue
                seen[key] = sentence.line
                first_line = sentence.line if first_line is None else min(first_line, sentence.line)
                texts.append(sentence.text)
                if sentence.text_en:
                    english.append(sentence.text_en)
                place = f"ar:{key[0]}:{key[1]}\t{sentence.text}"
                places.append(f"{place}\t{sentence.text_en}" if sentence.text_en else place)
            paragraphs.append(CorpusParagraph(number, " ".join(texts), " ".join(english), places))
        yield CorpusDocument(name, _symbol(name), paragraphs, first_line or 0)


def read_corpus(
    ids: Path, ar: Path, en: Path | None = None, *, bad: list[BadLine], chunk: int = CHUNK
) -> Iterator[CorpusDocument]:
    """The documents of a corpus release, in document-name order; the lines it could not use go to `bad`
    (all but repeated sentences before the first document is yielded). UnpcError (before anything is read) for files
    of different lengths."""
    check_lengths(ids, ar, en)
    sentences = read_sentences(_lines(ids), _lines(ar), _lines(en) if en is not None else None)
    yield from group_documents(sorted_by_document(sentences, bad, chunk), bad)
