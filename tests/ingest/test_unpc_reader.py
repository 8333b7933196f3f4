"""Reading the UN Parallel Corpus's line-aligned files as documents (no database)."""

from pathlib import Path

import pytest

from archive.ingest.unpc import (
    BadLine,
    UnpcError,
    group_documents,
    read_corpus,
    read_sentences,
    sorted_by_document,
)

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "extra" / "unpc-2015-sample"
needs_sample = pytest.mark.skipif(
    not (SAMPLE / "devset.ids").is_file(),
    reason=f"the UN Parallel Corpus sample is not at {SAMPLE} (../shared)",
)

IDS = [
    "2015/s/res/2213__2015_ ar:42:2 en:40:2",
    "2015/a/res/69/131 ar:3:1 en:3:1",
    "2015/s/res/2213__2015_ ar:7:1 en:6:1",
    "2015/s/res/2213__2015_ ar:42:1 en:40:1",
]
AR = ["ويطلب إلى الأمين العام.", "إن الجمعية العامة،", "إن مجلس الأمن،", "يقرر تمديد الولاية."]
EN = [
    "Requests the Secretary-General.",
    "The General Assembly,",
    "The Security Council,",
    "Decides to extend.",
]


def write(folder: Path, ids=IDS, ar=AR, en=EN) -> tuple[Path, Path, Path]:
    paths = folder / "x.ids", folder / "x.ar", folder / "x.en"
    for path, lines in zip(paths, (ids, ar, en), strict=True):
        path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return paths


def documents(folder, **files):
    ids, ar, en = write(folder, **files)
    bad: list[BadLine] = []
    return list(read_corpus(ids, ar, en, bad=bad)), bad


def test_lines_are_grouped_by_document_and_ordered_by_paragraph_and_sentence(tmp_path):
    found, bad = documents(tmp_path)

    assert bad == []
    assert [d.symbol.symbol for d in found] == ["A/RES/69/131", "S/RES/2213 (2015)"]
    council = found[1]
    assert [p.number for p in council.paragraphs] == [7, 42]
    assert council.paragraphs[1].text == "يقرر تمديد الولاية. ويطلب إلى الأمين العام."
    assert council.paragraphs[1].text_en == "Decides to extend. Requests the Secretary-General."


def test_the_raw_text_names_the_document_and_each_sentence_place(tmp_path):
    found, _bad = documents(tmp_path)

    assert found[0].raw.decode().splitlines() == [
        "2015/a/res/69/131",
        "ar:3:1\tإن الجمعية العامة،\tThe General Assembly,",
    ]


def test_a_line_with_the_wrong_column_count_is_reported_with_its_number(tmp_path):
    found, bad = documents(tmp_path, ids=[*IDS[:3], "2015/s/res/2213__2015_ ar:42:1"])

    assert bad == [BadLine(4, "the ids line has 2 columns, not 3")]
    assert [p.text for p in found[1].paragraphs] == ["إن مجلس الأمن،", "ويطلب إلى الأمين العام."]


def test_a_document_name_of_unknown_shape_is_reported_and_its_line_skipped(tmp_path):
    found, bad = documents(tmp_path, ids=[IDS[0], "2015/a//131 ar:3:1 en:3:1", *IDS[2:]])

    assert [item.line for item in bad] == [2]
    assert "unknown document symbol '2015/a//131'" in bad[0].reason
    assert [d.symbol.symbol for d in found] == ["S/RES/2213 (2015)"]


def test_a_line_without_an_arabic_place_or_with_an_empty_sentence_is_reported(tmp_path):
    _found, bad = documents(
        tmp_path, ids=[IDS[0], "2015/a/res/69/131 en:3:1 fr:3:1", *IDS[2:]], ar=[*AR[:3], "  "]
    )

    assert [(item.line, item.reason) for item in bad] == [
        (2, "the ids line has no Arabic place (ar:PARAGRAPH:SENTENCE)"),
        (4, "the Arabic sentence is empty"),
    ]


def test_a_line_that_is_not_utf8_is_reported(tmp_path):
    ids, ar, en = write(tmp_path)
    ar.write_bytes(ar.read_bytes().replace("إن مجلس".encode(), b"\xff\xfe"))

    bad: list[BadLine] = []
    list(read_corpus(ids, ar, en, bad=bad))

    assert [item.line for item in bad] == [3]
    assert "the Arabic is not UTF-8" in bad[0].reason


def test_a_sentence_given_twice_is_kept_once_and_reported(tmp_path):
    found, bad = documents(tmp_path, ids=[*IDS[:3], IDS[2]])

    assert bad == [BadLine(4, "repeats ar:7:1 of line 3")]
    assert [p.text for p in found[1].paragraphs] == ["إن مجلس الأمن،", "ويطلب إلى الأمين العام."]


def test_files_of_different_lengths_are_refused_before_anything_is_read(tmp_path):
    ids, ar, en = write(tmp_path, en=EN[:3])

    with pytest.raises(UnpcError, match=r"x.ids: 4 lines, x.ar: 4 lines, x.en: 3 lines"):
        list(read_corpus(ids, ar, en, bad=[]))


def test_every_bad_line_is_known_before_the_first_document(tmp_path):
    ids, ar, en = write(tmp_path, ids=[*IDS[:3], "broken"])
    bad: list[BadLine] = []
    found = read_corpus(ids, ar, en, bad=bad)

    next(found)

    assert [item.line for item in bad] == [4]


def test_the_external_sort_in_small_runs_gives_what_one_run_gives(tmp_path):
    ids, ar, en = write(tmp_path)
    lines = [path.read_bytes().splitlines(keepends=True) for path in (ids, ar, en)]

    def grouped(**options):
        bad: list[BadLine] = []
        sentences = sorted_by_document(read_sentences(*lines), bad, directory=str(tmp_path), **options)
        return [
            (d.name, [(p.number, p.text, p.text_en) for p in d.paragraphs])
            for d in group_documents(sentences, bad)
        ]

    assert grouped(chunk=1) == grouped()
    assert list(tmp_path.glob("unpc-*")) == []  # the runs' temporary folder is gone


def test_without_english_the_paragraphs_have_none(tmp_path):
    ids, ar, _en = write(tmp_path)

    found = list(read_corpus(ids, ar, None, bad=[]))

    assert all(p.text_en == "" for d in found for p in d.paragraphs)


@needs_sample
def test_the_2015_sample_holds_1463_documents_of_which_39_general_assembly_or_council_resolutions():
    names, resolutions, sentences = set(), 0, 0
    for part in ("devset", "testset"):
        bad: list[BadLine] = []
        for document in read_corpus(
            SAMPLE / f"{part}.ids", SAMPLE / f"{part}.ar", SAMPLE / f"{part}.en", bad=bad
        ):
            names.add(document.name)
            resolutions += bool(document.symbol.resolution)
            sentences += sum(len(p.places) for p in document.paragraphs)
            assert 1 <= len(document.paragraphs) <= 12
        assert bad == []

    assert (len(names), resolutions, sentences) == (1463, 39, 8000)
