"""Which PDF library gives Arabic text in reading order? Measured on the PDFs in fixtures/uploads/.

    .venv/bin/pip install pdfminer.six pdfplumber pypdf pymupdf python-docx   # pypdfium2 is a dependency
    .venv/bin/python bench/pdf_extract.py [--runs 3]

For each library (and each post-processing tried on it) and each fixture PDF, against the source text the
PDF was made from (bench/make_upload_fixtures.py):
- para: fraction of source paragraphs found whole in the extraction (white space normalised, line breaks
  read as spaces, so a paragraph wrapped over several lines still counts);
- bigram: fraction of the source's word pairs that occur in the extraction (word order);
- digits: fraction of the source's numbers (runs of ASCII or Arabic-Indic digits) extracted, as a multiset;
- ms/page: extraction time per page, best of --runs.
A library missing from the virtualenv is skipped.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from archive.ingest import pdf as ours  # noqa: E402
from archive.ingest.layers import Vocabulary, repair_line  # noqa: E402
from bench.make_upload_fixtures import INDIC, declaration_lines, resolution_lines  # noqa: E402

UPLOADS = ROOT / "fixtures" / "uploads"
_NUMBER = re.compile(r"\d+")
_WORD = re.compile(r"\S+")


def truths() -> dict[str, list[str]]:
    resolution = resolution_lines()
    # The Word list numbers of the Arabic-Indic copy are generated ("1."), the rest is Arabic-Indic.
    indic = [line.translate(INDIC) for line in resolution]
    indic = [re.sub(r"^([٠-٩]+)\.", lambda m: str(int(m.group(1))) + ".", line) for line in indic]
    return {
        "cfm38-res32-s.pdf": resolution,
        "cfm38-res32-s-indic.pdf": indic,
        "astana-declaration.pdf": declaration_lines(),
    }


# --- extractors: bytes -> list of pages, each a list of lines --------------------------------------


def pdfminer(path: Path) -> list[list[str]]:
    from pdfminer.high_level import extract_text

    return [page.splitlines() for page in extract_text(path).rstrip("\f").split("\f")]


def pdfplumber(path: Path) -> list[list[str]]:
    import pdfplumber as plumber

    with plumber.open(path) as document:
        return [(page.extract_text() or "").splitlines() for page in document.pages]


def pypdf(path: Path) -> list[list[str]]:
    from pypdf import PdfReader

    return [page.extract_text().splitlines() for page in PdfReader(path).pages]


def pymupdf(path: Path) -> list[list[str]]:
    import pymupdf as fitz

    with fitz.open(path) as document:
        return [page.get_text().splitlines() for page in document]


def pdfium_raw(path: Path) -> list[list[str]]:
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        return [page.get_textpage().get_text_bounded().splitlines() for page in document]
    finally:
        document.close()


def ours_extract(path: Path) -> list[list[str]]:
    return [page.splitlines() for page in ours.extract_text(path.read_bytes()).split("\f")]


def visual_to_logical(pages: list[list[str]]) -> list[list[str]]:
    """pdfminer's Arabic comes out in visual order: reverse each line, then put digit runs back."""
    return [[re.sub(r"[\d./٫]+", lambda m: m.group()[::-1], line[::-1]) for line in lines] for lines in pages]


def repaired(pages: list[list[str]]) -> list[list[str]]:
    """layers.repair_line on every line, with a vocabulary of the extraction's own lines."""
    vocabulary = Vocabulary([line for lines in pages for line in lines])
    return [[repair_line(line, vocabulary) for line in lines] for lines in pages]


CANDIDATES: list[tuple[str, str, Callable, Callable | None]] = [
    ("pdfminer.six", "MIT", pdfminer, None),
    ("pdfminer.six + reversed lines", "MIT", pdfminer, visual_to_logical),
    ("pdfplumber", "MIT", pdfplumber, None),
    ("pypdf", "BSD-3-Clause", pypdf, None),
    ("pypdf + repair_line", "BSD-3-Clause", pypdf, repaired),
    ("PyMuPDF", "AGPL-3.0 / commercial", pymupdf, None),
    ("pypdfium2 (raw)", "Apache-2.0 / BSD-3", pdfium_raw, None),
    ("pypdfium2 + archive.ingest.pdf", "Apache-2.0 / BSD-3", ours_extract, None),
    ("pypdfium2 + ours + repair_line", "Apache-2.0 / BSD-3", ours_extract, repaired),
]


# --- measures ---------------------------------------------------------------------------------------


def normalise(text: str) -> str:
    return " ".join(text.split())


def measure(truth: list[str], pages: list[list[str]]) -> tuple[float, float, float]:
    extracted = normalise(" ".join(line for lines in pages for line in lines))
    para = sum(normalise(line) in extracted for line in truth) / len(truth)
    source_words = _WORD.findall(normalise(" ".join(truth)))
    got_words = _WORD.findall(extracted)
    source_pairs, got_pairs = set(pairwise(source_words)), set(pairwise(got_words))
    bigram = len(source_pairs & got_pairs) / len(source_pairs)
    source_numbers = Counter(_NUMBER.findall(" ".join(truth)))
    got_numbers = Counter(_NUMBER.findall(extracted))
    digits = sum((source_numbers & got_numbers).values()) / sum(source_numbers.values())
    return para, bigram, digits


def timed(extract: Callable, path: Path, runs: int) -> tuple[list[list[str]], float]:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        pages = extract(path)
        best = min(best, time.perf_counter() - start)
    return pages, best


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sources = truths()
    print(
        f"{'library':32} {'licence':22} {'fixture':26} {'pages':>5} {'para':>6} {'bigram':>7} {'digits':>7} {'ms/page':>8}"
    )
    for name, licence, extract, post in CANDIDATES:
        for fixture, truth in sources.items():
            path = UPLOADS / fixture
            try:
                pages, seconds = timed(extract, path, args.runs)
            except ImportError as exc:
                print(f"{name:32} skipped: {exc}")
                break
            if post:
                pages = post(pages)
            para, bigram, digits = measure(truth, pages)
            ms = 1000 * seconds / max(1, len(pages))
            print(
                f"{name:32} {licence:22} {fixture:26} {len(pages):>5} {para:>6.0%} {bigram:>7.1%} {digits:>7.0%} {ms:>8.1f}"
            )


if __name__ == "__main__":
    main()
