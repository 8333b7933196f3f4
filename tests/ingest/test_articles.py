"""Whole texts of preamble, chapters and numbered articles: the UN Charter and the UDHR (no database)."""

from pathlib import Path

import pytest

from archive.ingest.articles import html_lines, parse_articles
from archive.ingest.records import HEADING, PREAMBULAR

EXTRA = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "extra"
CHARTER = EXTRA / "un-charter" / "un-charter-ar.txt"
UDHR = EXTRA / "udhr" / "udhr-ar.html"


def needs(path: Path):
    return pytest.mark.skipif(not path.is_file(), reason=f"{path.name} is not at {path.parent} (../shared)")


@needs(CHARTER)
def test_the_charter_has_its_preamble_19_chapter_headings_and_111_numbered_articles():
    charter = parse_articles(CHARTER.read_text(encoding="utf-8").splitlines(), "ميثاق الأمم المتحدة")

    assert [p.number for p in charter.articles] == [str(n) for n in range(1, 112)]
    assert len(charter.chapters) == 19
    assert charter.chapters[0].text == "الفصل الأول: مقاصد الهيئة ومبادئها"
    assert charter.preamble[0].text == "نحن شعوب الأمم المتحدة وقد آلينا على أنفسنا"
    assert len(charter.preamble) == 12
    assert charter.paragraphs.index(charter.preamble[-1]) < charter.paragraphs.index(charter.chapters[0])


@needs(CHARTER)
def test_a_chapters_sections_are_headings_not_article_text():
    charter = parse_articles(CHARTER.read_text(encoding="utf-8").splitlines(), "ميثاق الأمم المتحدة")
    sections = [p.text for p in charter.paragraphs if p.kind == HEADING and p not in charter.chapters]

    assert sections[:4] == ["تأليفهـا", "وظائف الجمعية وسلطاتها", "التصـويت", "الإجـراءات"]
    assert not {line for article in charter.articles for line in article.text.split("\n")} & set(sections)


@needs(CHARTER)
def test_an_article_keeps_its_sub_paragraphs_as_lines():
    charter = parse_articles(CHARTER.read_text(encoding="utf-8").splitlines(), "ميثاق الأمم المتحدة")

    first = charter.articles[0].text.split("\n")
    assert first[0] == "مقاصـد الأمـم المتحدة هي:" and len(first) == 5


@needs(CHARTER)
def test_a_chapter_heading_the_source_left_in_english_is_a_heading_with_a_warning():
    charter = parse_articles(CHARTER.read_text(encoding="utf-8").splitlines(), "ميثاق الأمم المتحدة")

    assert charter.chapters[15].text == "Chapter XVI: Miscellaneous Provisions"
    assert charter.warnings == [
        "chapter heading not in Arabic in the source: Chapter XVI: Miscellaneous Provisions"
    ]


@needs(UDHR)
def test_the_udhr_has_its_preamble_and_30_articles():
    title, lines = html_lines(UDHR.read_text(encoding="utf-8"))
    udhr = parse_articles(lines, title)

    assert udhr.title == "الإعلان العالمي لحقوق الإنسان"
    assert [p.number for p in udhr.articles] == [str(n) for n in range(1, 31)]
    assert [p.text for p in udhr.paragraphs if p.kind == HEADING] == ["الديباجة"]
    assert len(udhr.preamble) == 9 and udhr.preamble[-1].text.startswith("على أنه المستوى المشترك")
    assert udhr.chapters == [] and udhr.warnings == []


def test_lines_before_the_first_article_are_the_preamble_and_chapters_are_headings():
    text = parse_articles(
        ["العنوان", "إن الدول،", "الفصل الأول: أحكام", "المادة ١", "نص المادة الأولى.", "المادة 3", "نص"]
    )

    assert text.title == "العنوان"
    assert [(p.kind, p.number, p.text) for p in text.paragraphs] == [
        (PREAMBULAR, "", "إن الدول،"),
        (HEADING, "", "الفصل الأول: أحكام"),
        ("other", "1", "نص المادة الأولى."),
        ("other", "3", "نص"),
    ]
    assert text.warnings == ["article 3 follows article 1"]


def test_html_lines_reads_headings_paragraphs_and_list_items():
    title, lines = html_lines(
        "<h1>عنوان</h1><article><h2>المادة 1</h2><ol><li>أ</li><li>ب</li></ol></article>"
    )

    assert (title, lines) == ("عنوان", ["المادة 1", "أ", "ب"])
