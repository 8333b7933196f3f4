"""The evaluation corpus: every file in fixtures/corpus parsed with the archive's own parser.

A paragraph is identified stably as "<file name>#<paragraph position starting at 1>".
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from archive.ingest.parser import parse  # noqa: E402

CORPUS = ROOT / "fixtures" / "corpus"


@dataclass(frozen=True)
class Passage:
    id: str
    text: str


def corpus_files() -> list[Path]:
    return sorted([*(CORPUS / "raw").glob("*.txt"), *(CORPUS / "seeds").glob("*.txt")], key=lambda p: p.name)


def sources() -> dict[str, str]:
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        return {row["file"]: row["source"] for row in csv.DictReader(handle, delimiter="\t")}


def passages() -> list[Passage]:
    urls = sources()
    found = []
    for path in corpus_files():
        document = parse(path.read_bytes(), path.name, urls.get(path.name, ""))
        for position, paragraph in enumerate(document.paragraphs, 1):
            found.append(Passage(f"{path.name}#{position}", paragraph.text))
    return found
