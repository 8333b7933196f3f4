import re
from pathlib import Path

import pytest

from archive.ingest.numerals import Ordinal, find_ordinals, parse_ordinal

CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "corpus"


def read(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def values(text: str) -> list[int]:
    return [o.value for o in find_ordinals(text)]


# --- parse_ordinal -------------------------------------------------------------------

@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("الأول", 1), ("الأولى", 1), ("الاولى", 1), ("الاولي", 1),
        ("الثاني", 2), ("الثانية", 2), ("الثانيه", 2),
        ("العاشر", 10), ("العاشرة", 10),
        ("الحادي عشر", 11), ("الحادية عشرة", 11), ("الثاني عشر", 12), ("الثانية عشرة", 12),
        ("الثالثة عشر", 13),
        ("العشرين", 20), ("العشرون", 20),
        ("الحادية والعشرين", 21), ("الحادي والعشرون", 21),
        ("الثامنة والثلاثين", 38), ("الثامن والثلاثون", 38),
        ("الأربعون", 40), ("الاربعين", 40), ("الخامس والأربعون", 45),
        ("الخامسة والستون", 65), ("التاسعة والتسعين", 99),
        ("المائة", 100), ("المئة", 100),
        ("الحادية بعد المائة", 101), ("الأولى بعد المائة", 101),
        ("العاشرة بعد المائة", 110), ("الحادي عشر بعد المائة", 111),
        ("الثالثة والعشرين بعد المائة", 123), ("التاسعة والتسعون بعد المائة", 199),
    ],
)
def test_it_parses_ordinals_written_in_words(words, value):
    assert parse_ordinal(words) == value


def test_it_parses_ordinals_without_the_article():
    assert parse_ordinal("ثامن") == 8
    assert parse_ordinal("خامسة وستون") == 65


def test_it_parses_ordinals_with_a_leading_conjunction():
    assert parse_ordinal("والعشرين") == 20


def test_it_parses_ordinals_whose_conjunction_is_missing():
    assert parse_ordinal("الثامن الثلاثون") == 38


def test_it_tolerates_diacritics_tatweel_and_spaces_around_the_words():
    assert parse_ordinal("  الثَّامِنَةُ وَالثَّلاثِين ") == 38
    assert parse_ordinal("الثـامنــة والــثلاثين") == 38


def test_it_tolerates_alef_maqsura_written_for_the_final_ya():
    assert parse_ordinal("الحادى عشر") == 11


@pytest.mark.parametrize("words", ["", "الدورة", "الحادي", "ربيع", "الثامنة والثلاثين دورة", "38", "أستانة"])
def test_it_returns_none_for_words_that_are_not_an_ordinal(words):
    assert parse_ordinal(words) is None


# --- find_ordinals -------------------------------------------------------------------

def test_it_reads_the_38th_session_ordinal_in_masculine_nominative():
    text = "مؤتمر وزراء الخارجية الإسلامي الثامن والثلاثون أستانة"
    assert find_ordinals(text) == [Ordinal(38, 30, 46, "الثامن والثلاثون")]


def test_it_reads_the_38th_session_ordinal_in_feminine_genitive():
    text = "في دورته الثامنة والثلاثين (دورة: السلام والتعاون والتطور)"
    [ordinal] = find_ordinals(text)
    assert (ordinal.value, ordinal.text) == (38, "الثامنة والثلاثين")
    assert text[ordinal.start:ordinal.end] == ordinal.text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("الدورة الخامسة والستون", 65),
        ("الدورة السادسة والثلاثين", 36),
        ("مؤتمر وزراء الخارجية الإسلامي العشرين في اسطنبول", 20),
        ("الدورة العاشرة لمؤتمر القمة الإسلامي", 10),
        ("الدورة العادية الثالثة عشر لمؤتمر القمة", 13),
        ("الدورة الحادية بعد المائة للمجلس", 101),
    ],
)
def test_it_finds_the_session_ordinal_in_real_sentences(text, value):
    assert values(text) == [value]


def test_it_takes_the_longest_match_not_the_unit_and_the_tens_apart():
    assert values("الدورة الثامنة والثلاثين") == [38]


def test_it_skips_ordinals_that_belong_to_month_names():
    text = "ربيع الأول وربيع الثاني وجمادى الأولى وجماد الأول وكانون الأول وكانون الثاني وتشرين الأول"
    assert find_ordinals(text) == []


def test_it_skips_the_regnal_number_of_king_abdullah_ii():
    assert find_ordinals("الملك عبد الله الثاني بن الحسين") == []


def test_it_skips_per_cent_and_cardinals_without_the_article():
    assert find_ordinals("بنسبة 10 في المائة خلال عشرين عاما، أول دولة") == []


def test_it_keeps_two_ordinals_joined_by_a_conjunction_apart():
    assert values("المرحلتين الأولى والثانية") == [1, 2]


def test_it_finds_the_session_ordinals_of_the_astana_seed_page():
    assert values(read("seeds/002_393cbb48b9883689.txt")) == [38, 38, 3]


def test_it_finds_the_31st_session_in_both_genders_on_a_real_page():
    assert values(read("raw/oic-cfm31-res30-aq.txt"))[:2] == [31, 31]


def test_it_finds_the_45th_session_with_hamza_and_the_13th_summit():
    found = values(read("raw/oic-cfm45-res5-th.txt"))
    assert found[:3] == [45, 45, 45]
    assert 13 in found and 44 in found


def test_it_ignores_jumada_al_ula_in_the_damascus_report():
    assert values(read("raw/oic-cfm36-final-report.txt")) == [36, 36, 36]


def test_it_finds_no_ordinal_in_levantine_month_names_of_a_un_resolution():
    assert find_ordinals(read("raw/un-sc-res450-1979.txt")) == []


def test_it_reads_ordinals_stretched_with_tatweel_in_the_pdf_layer():
    found = find_ordinals(read("seeds/000_640f8b6c93fe03bc.txt"))
    stretched = next(o for o in found if "ــ" in o.text)
    assert (stretched.value, stretched.text) == (38, "الثامنــة والــثلاثين")


def test_it_does_not_count_abdullah_ii_in_the_astana_declaration():
    text = read("seeds/000_640f8b6c93fe03bc.txt")
    king = re.search(r"عبد\sالله\s(الثاني)", text).start(1)  # the page uses a no-break space
    assert all(o.start != king for o in find_ordinals(text))
