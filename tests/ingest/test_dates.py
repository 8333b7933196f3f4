from datetime import date
from pathlib import Path

import pytest

from archive.ingest.dates import (
    DateSpan,
    SessionDates,
    find_dates,
    find_dates_garbled,
    find_session_dates,
    hijri_to_gregorian,
)

CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "corpus"
ASTANA_SEED = "seeds/000_640f8b6c93fe03bc.txt"


def read(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def clean_layer(text: str) -> str:
    """The seed's clean text layer: its lines start with a TAB (some after one space)."""
    return "\n".join(line for line in text.splitlines() if line.lstrip(" ").startswith("\t"))


def spans(text: str) -> list[tuple]:
    return [(d.calendar, d.start, d.end, d.precision) for d in find_dates(text)]


def session(name: str) -> SessionDates | None:
    return find_session_dates(read(name))


# --- hijri_to_gregorian --------------------------------------------------------------

def test_it_converts_a_hijri_date_with_umm_al_qura():
    assert hijri_to_gregorian(1432, 7, 26) == date(2011, 6, 28)


def test_it_returns_none_for_a_hijri_date_out_of_range_or_invalid():
    assert hijri_to_gregorian(1200, 1, 1) is None
    assert hijri_to_gregorian(1430, 5, 30) is None  # Jumada I 1430 had 29 days
    assert hijri_to_gregorian(1430, 13, 1) is None


# --- find_dates ----------------------------------------------------------------------

def test_a_single_date_has_the_same_start_and_end():
    [d] = find_dates("اعتمد في 8 تموز/يوليه 2011.")
    assert d == DateSpan("gregorian", (2011, 7, 8), (2011, 7, 8), 9, 26, "8 تموز/يوليه 2011")


def test_it_reads_a_hijri_range_then_its_gregorian_twin_in_the_astana_seed():
    found = find_dates(read("seeds/002_393cbb48b9883689.txt"))
    assert [(d.calendar, d.start, d.end, d.text) for d in found[:2]] == [
        ("hijri", (1432, 7, 26), (1432, 7, 28), "26 إلى 28 رجب 1432هـ"),
        ("gregorian", (2011, 6, 28), (2011, 6, 30), "28 -30 يونيه 2011م"),
    ]


def test_it_reports_a_month_and_year_without_day_with_month_precision_and_day_zero():
    found = find_dates(read("seeds/002_393cbb48b9883689.txt"))
    assert [(d.start, d.precision, d.text) for d in found[2:]] == [
        ((2010, 6, 0), "month", "يونيو 2010"),
        ((2010, 6, 0), "month", "يونيو 2010"),
    ]
    assert spans("حزيران/يونيه 2011") == [("gregorian", (2011, 6, 0), (2011, 6, 0), "month")]


def test_a_bare_year_is_not_a_date():
    assert find_dates("في عام 2011 وفي سنة 1432هـ") == []


def test_a_day_and_month_without_a_year_is_not_completed_with_a_guess():
    assert find_dates("بإعلان يوم 29 آب/أغسطس يوما دوليا") == []
    assert find_dates("في الفترة من 24 الى 28 محرم") == []


def test_it_reads_the_clean_layer_of_the_astana_letter():
    assert spans(clean_layer(read(ASTANA_SEED))) == [
        ("gregorian", (2011, 6, 28), (2011, 6, 30), "day"),
        ("gregorian", (2010, 12, 4), (2010, 12, 6), "day"),
        ("gregorian", (1967, 6, 4), (1967, 6, 4), "day"),
        ("gregorian", (2011, 6, 0), (2011, 6, 0), "month"),
        ("gregorian", (2011, 6, 7), (2011, 6, 9), "day"),
        ("gregorian", (2011, 6, 30), (2011, 6, 30), "day"),
    ]


def test_it_reads_a_range_whose_dash_was_lost():
    found = find_dates(read("raw/oic-cfm31-res30-aq.txt"))
    lost = found[-1]
    assert (lost.start, lost.end, lost.text) == ((1991, 12, 9), (1991, 12, 11), "9 11 ديسمبر 1991م")


def test_it_reads_the_quoted_syriac_twin_of_august():
    found = find_dates(read("raw/oic-cfm20-res9-at.txt"))
    assert [(d.start, d.end, d.text) for d in found] == [
        ((1412, 1, 24), (1412, 1, 28), "24 الى 28 محرم 1412هـ"),
        ((1991, 8, 4), (1991, 8, 8), '4 - 8 أغسطس "آب" 1991م'),
    ]


def test_it_reads_the_parenthesised_twin_of_march():
    assert spans(read("raw/oic-cfm17-res18-s-quds.txt")) == [
        ("hijri", (1408, 8, 3), (1408, 8, 7), "day"),
        ("gregorian", (1988, 3, 21), (1988, 3, 25), "day"),
    ]


def test_it_reads_the_presentation_form_heh_and_a_tatweel_used_as_dash():
    found = find_dates(read("raw/oic-cfm34-final-communique.txt"))
    assert [(d.start, d.end, d.text) for d in found[2:]] == [
        ((1428, 4, 28), (1428, 4, 30), "28 إلى 30 ربيع الآخر 1428ﻫ"),
        ((2007, 5, 15), (2007, 5, 17), "15 ـ 17 مايو/أيار 2007م"),
    ]


def test_it_reads_days_glued_to_month_names_and_joined_by_wa():
    assert [(d.start, d.end, d.text) for d in find_dates(read("raw/oic-cfm45-res5-th.txt"))] == [
        ((1439, 8, 19), (1439, 8, 20), "19 و20شعبان 1439 ه"),
        ((2018, 5, 5), (2018, 5, 6), "5 و6مايو 2018م"),
    ]


def test_it_reads_a_day_glued_to_the_word_before_it():
    found = find_dates(read("raw/oic-cfm27-res12-s-kashmir.txt"))
    assert (found[1].start, found[1].end, found[1].text) == ((2000, 6, 27), (2000, 6, 30), "27- 30 يونيه 2000")


def test_it_reads_a_hijri_range_across_two_months():
    found = find_dates(read("raw/oic-cfm36-final-report.txt"))
    assert (found[0].start, found[0].end) == ((1430, 5, 28), (1430, 6, 1))
    assert found[0].text == "28 جمادى الأولى – 1 جمادى الثانية 1430هـ"


def test_it_reads_a_gregorian_range_across_two_months():
    assert spans("من 30 مايو - 1 يونيو 2011") == [("gregorian", (2011, 5, 30), (2011, 6, 1), "day")]
    assert spans("28 ربيع الثاني - 1 جمادى الأولى 1425هـ") == [("hijri", (1425, 4, 28), (1425, 5, 1), "day")]


def test_a_range_across_new_year_starts_in_the_year_before():
    assert spans("من 30 ديسمبر - 2 يناير 2011") == [("gregorian", (2010, 12, 30), (2011, 1, 2), "day")]


def test_it_reads_diacritics_inside_words_of_the_putrajaya_communique():
    found = find_dates(read("raw/oic-summit10-final-communique.txt"))
    assert [(d.start, d.end) for d in found] == [
        ((1424, 8, 20), (1424, 8, 21)), ((2003, 10, 16), (2003, 10, 17)),
        ((1424, 8, 20), (1424, 8, 21)), ((2003, 10, 16), (2003, 10, 17)),
    ]


def test_it_keeps_the_abbreviation_dot_of_the_hijri_marker():
    found = find_dates(read("raw/oic-cfm9-res8-aq.txt"))
    assert [d.text for d in found] == ["17 إلى 21 جمادى الأول 1398 هـ.", "24 إلى 28 أبريل 1978 م"]


def test_it_reads_jumad_al_awwal_without_alef_maqsura():
    found = find_dates(read("raw/oic-sg-speech-som-cfm36-2009.txt"))
    assert [(d.calendar, d.start, d.end) for d in found] == [
        ("gregorian", (2009, 5, 4), (2009, 5, 4)),  # "التاريخ: 04/05/2009"
        ("hijri", (1430, 5, 9), (1430, 5, 11)),
        ("gregorian", (2009, 5, 4), (2009, 5, 6)),
    ]


def test_it_reads_levantine_months_with_egyptian_twins_in_a_security_council_resolution():
    found = find_dates(read("raw/un-sc-res450-1979.txt"))
    texts = [d.text for d in found]
    assert texts[0] == "14 حزيران (يونيو) 1979"
    assert "8 كانون الأول/ ديسمبر 1978" in texts
    assert "19 كانون الثاني/ يناير 1979" in texts
    assert "26 نيسان/ إبريل 1979" in texts
    assert "7 أيار / مايو 1979" in texts
    assert {d.calendar for d in found} == {"gregorian"}
    assert (found[6].start, found[7].start) == ((1978, 12, 8), (1979, 1, 19))


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("٢٨ رجب ١٤٣٢هـ", (1432, 7, 28)),
        ("۲۸ رجب ۱۴۳۲ه", (1432, 7, 28)),
        ("1 ذي القعدة 1418هـ", (1418, 11, 1)),
        ("1 ذوالحجة 1418 ه", (1418, 12, 1)),
        ("3 جمادى الآخرة 1430", (1430, 6, 3)),
        ("3 جماد الآخر 1430", (1430, 6, 3)),
        ("3 جمادي الاولي 1430", (1430, 5, 3)),
        ("3 ربيع الآخر 1430", (1430, 4, 3)),
        ("5 ابريل 2001", (2001, 4, 5)),
        ("5 إبريل 2001", (2001, 4, 5)),
        ("5 اكتوبر 2001", (2001, 10, 5)),
        ("5 اغسطس 2001", (2001, 8, 5)),
        ("5 يوليه 2001", (2001, 7, 5)),
        ("5 تشرين الأول 2001", (2001, 10, 5)),
        ("5 تشرين الاول/اكتوبر 2001", (2001, 10, 5)),
        ("5 شباط 2001", (2001, 2, 5)),
        ("5 آب 2001", (2001, 8, 5)),
        ("5 أيلول (سبتمبر) 2001", (2001, 9, 5)),
    ],
)
def test_it_reads_every_month_spelling(text, start):
    [d] = find_dates(text)
    assert d.start == start


@pytest.mark.parametrize("sep", ["-", "–", "—", "ـ", "إلى", "الى", "حتى", "و"])
def test_it_reads_any_separator_between_the_days_of_a_range(sep):
    assert spans(f"من 9 {sep} 11 ديسمبر 1991م")[0][1:3] == ((1991, 12, 9), (1991, 12, 11))


def test_it_rejects_impossible_dates():
    assert find_dates("31 فبراير 2011") == []
    assert find_dates("11 9 ديسمبر 1991") == []  # a dash-less "range" must go forwards


def test_it_maps_spans_back_to_the_original_text_with_diacritics():
    text = "عُقدت يومَي 20 و 21 شعبان 1424هـ، الموافقَين 16 و 17 أكتوبر 2003."
    for d in find_dates(text):
        assert text[d.start_char:d.end_char] == d.text


# --- find_dates_garbled --------------------------------------------------------------

def test_it_reads_the_reversed_letter_date_of_the_garbled_pdf_layer():
    line = read(ASTANA_SEED).splitlines()[7]
    assert "رسالة مؤرخة" in line
    [d] = find_dates_garbled(line)
    assert (d.calendar, d.start, d.end) == ("gregorian", (2011, 7, 8), (2011, 7, 8))
    assert d.text == "٢٠١١يوليه  / تموز ٨"


def test_it_reads_the_reversed_session_range_of_the_garbled_pdf_layer():
    found = find_dates_garbled(read(ASTANA_SEED))
    assert [(d.start, d.end) for d in found[:2]] == [((2011, 7, 8), (2011, 7, 8)), ((2011, 6, 28), (2011, 6, 30))]
    assert found[1].text == "٢٠١١يونيه / حزيران٣٠ إلى ٢٨"


def test_the_normal_reader_finds_nothing_in_reversed_text():
    assert find_dates("٢٠١١يوليه  / تموز ٨رسالة مؤرخة") == []


# --- find_session_dates: the expectations read off each real file --------------------

def test_the_astana_resolution_was_held_26_to_28_rajab_1432_that_is_28_to_30_june_2011():
    assert session("seeds/002_393cbb48b9883689.txt") == SessionDates(
        date(2011, 6, 28), date(2011, 6, 30), (1432, 7, 26), (1432, 7, 28), []
    )


def test_the_astana_letter_clean_layer_gives_28_to_30_june_2011_without_hijri():
    assert find_session_dates(clean_layer(read(ASTANA_SEED))) == SessionDates(
        date(2011, 6, 28), date(2011, 6, 30), None, None, []
    )


def test_the_whole_astana_letter_with_its_garbled_layer_gives_the_same_dates():
    result = find_session_dates(read(ASTANA_SEED))
    assert (result.start, result.end) == (date(2011, 6, 28), date(2011, 6, 30))


def test_the_20th_cfm_in_istanbul_was_held_4_to_8_august_1991():
    assert session("raw/oic-cfm20-res9-at.txt") == SessionDates(
        date(1991, 8, 4), date(1991, 8, 8), (1412, 1, 24), (1412, 1, 28), []
    )


def test_the_31st_cfm_in_istanbul_was_held_14_to_16_june_2004():
    assert session("raw/oic-cfm31-res30-aq.txt") == SessionDates(
        date(2004, 6, 14), date(2004, 6, 16), (1425, 4, 26), (1425, 4, 28), []
    )


def test_the_17th_cfm_in_amman_was_held_21_to_25_march_1988():
    assert session("raw/oic-cfm17-res18-s-quds.txt") == SessionDates(
        date(1988, 3, 21), date(1988, 3, 25), (1408, 8, 3), (1408, 8, 7), []
    )


def test_the_34th_cfm_in_islamabad_was_held_15_to_17_may_2007():
    assert session("raw/oic-cfm34-final-communique.txt") == SessionDates(
        date(2007, 5, 15), date(2007, 5, 17), (1428, 4, 28), (1428, 4, 30), []
    )


def test_the_45th_cfm_in_dhaka_was_held_5_and_6_may_2018():
    assert session("raw/oic-cfm45-res5-th.txt") == SessionDates(
        date(2018, 5, 5), date(2018, 5, 6), (1439, 8, 19), (1439, 8, 20), []
    )


def test_the_27th_cfm_in_kuala_lumpur_was_held_27_to_30_june_2000_one_day_off_umm_al_qura():
    # Umm al-Qura gives 26-29 June: one day apart, within tolerance, so no warning.
    assert session("raw/oic-cfm27-res12-s-kashmir.txt") == SessionDates(
        date(2000, 6, 27), date(2000, 6, 30), (1421, 3, 24), (1421, 3, 27), []
    )


def test_the_36th_cfm_report_in_damascus_was_held_23_to_25_may_2009():
    assert session("raw/oic-cfm36-final-report.txt") == SessionDates(
        date(2009, 5, 23), date(2009, 5, 25), (1430, 5, 28), (1430, 6, 1), []
    )


def test_the_36th_cfm_resolution_prints_29_jumada_i_and_keeps_it_as_printed():
    assert session("raw/oic-cfm36-res3-aq.txt") == SessionDates(
        date(2009, 5, 23), date(2009, 5, 25), (1430, 5, 29), (1430, 6, 1), []
    )


def test_the_10th_summit_in_putrajaya_was_held_16_and_17_october_2003():
    assert session("raw/oic-summit10-final-communique.txt") == SessionDates(
        date(2003, 10, 16), date(2003, 10, 17), (1424, 8, 20), (1424, 8, 21), []
    )


def test_the_9th_cfm_in_dakar_was_held_24_to_28_april_1978():
    assert session("raw/oic-cfm9-res8-aq.txt") == SessionDates(
        date(1978, 4, 24), date(1978, 4, 28), (1398, 5, 17), (1398, 5, 21), []
    )


def test_security_council_resolution_450_has_no_meeting_date():
    assert session("raw/un-sc-res450-1979.txt") is None


def test_the_senior_officials_meeting_speech_takes_its_dates_from_the_dateline():
    result = session("raw/oic-sg-speech-som-cfm36-2009.txt")
    assert (result.start, result.end) == (date(2009, 5, 4), date(2009, 5, 6))
    assert (result.hijri_start, result.hijri_end) == ((1430, 5, 9), (1430, 5, 11))
    assert result.warnings == [{"code": "dates-from-dateline", "params": {}}]


def test_a_gregorian_range_without_year_is_not_guessed_but_computed_from_the_hijri_one():
    # "من 9 إلى 14 محرم 1411هـ، الموافق 31 يوليو - 5 أغسطس،" : the Gregorian year is missing.
    result = session("raw/oic-cfm19-res10-s-quds.txt")
    assert (result.hijri_start, result.hijri_end) == ((1411, 1, 9), (1411, 1, 14))
    assert (result.start, result.end) == (date(1990, 7, 31), date(1990, 8, 5))
    assert result.warnings == [{"code": "gregorian-from-hijri", "params": {}}]


def test_a_day_range_with_min_before_the_month_and_lam_before_the_twin_is_paired():
    # "من 17 إلى 19 من ذي القعدة 1418هـ الموافق لـ 15 إلى 17 مارس 1998م"
    assert session("raw/oic-cfm25-res2-org.txt") == SessionDates(
        date(1998, 3, 15), date(1998, 3, 17), (1418, 11, 17), (1418, 11, 19), []
    )


def test_a_meeting_cited_in_a_relative_clause_is_not_the_session():
    # Continuation page: only "الاجتماع التنسيقي ... الذي عقد في جنيف، في الفترة من 13 إلى 15 يوليه 1998".
    assert session("raw/oic-cfm27-res-un-cooperation-p2.txt") is None


def test_a_period_that_is_not_a_meeting_is_not_a_session():
    # "خلال الفترة من 2 إلى 9 أغسطس 1990، صدرت ثلاثة قرارات"
    assert session("raw/un-sc-res660-662-muqatel-study.txt") is None


def test_a_continuation_page_takes_its_dates_from_the_title_line_with_a_warning():
    result = session("raw/oic-summit6-final-communique-p9.txt")
    assert (result.start, result.end) == (date(1991, 12, 9), date(1991, 12, 11))
    assert result.warnings == [{"code": "dates-from-title", "params": {}}]


def test_only_hijri_dates_are_converted_with_a_warning():
    result = find_session_dates("إن المؤتمر المنعقد في جدة في الفترة من 26 إلى 28 رجب 1432هـ.")
    assert (result.start, result.end) == (date(2011, 6, 28), date(2011, 6, 30))
    assert result.warnings == [{"code": "gregorian-from-hijri", "params": {}}]


def test_printed_gregorian_dates_far_from_the_conversion_are_kept_with_a_warning():
    result = find_session_dates("عقدت الدورة في الفترة من 26 إلى 28 رجب 1432هـ الموافق 8 - 10 مايو 2011م")
    assert (result.start, result.end) == (date(2011, 5, 8), date(2011, 5, 10))
    assert result.warnings == [
        {
            "code": "dates-disagree",
            "params": {"start": "2011-05-08", "end": "2011-05-10", "computed_start": "2011-06-28", "computed_end": "2011-06-30"},
        }
    ]


def test_a_meeting_known_only_to_the_month_gives_no_day():
    result = find_session_dates("الدورة المنعقدة في أستانة في حزيران/يونيه 2011")
    assert (result.start, result.end) == (None, None)
    assert result.warnings[0]["code"] == "date-month-only"


def test_text_cut_before_the_year_gives_no_session_date():
    assert find_session_dates("إن المؤتمر المنعقد في اسطنبول في الفترة من 24 الى 28 محرم") is None
