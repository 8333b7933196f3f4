"""arabic.fold and the digit tables: each option on real spellings, offsets, and the callers that use them."""

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import arabic
from arabic import fold, to_arabic_indic_digits, to_western_digits
from archive.ingest import cleanup, dates, furniture, layers, metadata, numerals, parser, places, segment
from search import analysis

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "fixtures" / "corpus"


def corpus_lines() -> list[str]:
    return [
        line
        for path in sorted(CORPUS.glob("*/*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]


# --- options ---------------------------------------------------------------------------------------


def test_hamza_seats_on_alef_become_a_bare_alef():
    assert fold("أحمد إلى آذار ٱلله") == "احمد الي اذار الله"


def test_hamza_seats_on_waw_and_ya_become_the_bare_letters():
    assert fold("المؤتمر الهيئة") == "الموتمر الهييه"


def test_a_seatless_hamza_after_ya_goes_so_every_spelling_of_mabadi_meets():
    assert fold("مبادىء") == fold("مبادئ") == fold("مبادي") == "مبادي"


def test_hamza_false_keeps_every_seat():
    assert fold("أإآٱ مؤتمر هيئة مبادىء", hamza=False, alef_maqsura=False) == "أإآٱ مؤتمر هيئه مبادىء"


def test_alef_maqsura_becomes_ya_unless_asked_not_to():
    assert fold("على كوناكرى") == "علي كوناكري"
    assert fold("على", alef_maqsura=False) == "على"


def test_taa_marbuta_becomes_ha_unless_asked_not_to():
    assert fold("جدة") == "جده"
    assert fold("جدة", taa_marbuta=False) == "جدة"


def test_persian_letter_forms_always_become_arabic_letters():
    assert fold("فی کتاب", hamza=False, taa_marbuta=False) == "في كتاب"
    assert fold("خانۀ", taa_marbuta=False) == "خانة"
    assert fold("خانۀ") == "خانه"


def test_tatweel_stretching_a_word_goes():
    assert fold("التعـــاون بشـأن") == "التعاون بشان"


def test_tatweel_standing_alone_is_a_dash_when_asked():
    assert fold("15 ـ 17", tatweel="dash") == "15 - 17"
    assert fold("17/29 ـ ث", tatweel="dash") == "17/29 - ث"
    assert fold("1ـ يقرر", tatweel="dash") == "1- يقرر"
    assert fold("التعـــاون", tatweel="dash") == "التعاون"


def test_tatweel_standing_alone_goes_by_default():
    assert fold("15 ـ 17") == "15  17"


def test_an_unknown_tatweel_mode_is_refused():
    with pytest.raises(ValueError, match="tatweel"):
        fold("ـ", tatweel="keep")


def test_presentation_forms_become_letters():
    assert fold("ﻻ ﻫ") == "لا ه"
    assert fold("ربيع الآخر 1428\ufeeb") == "ربيع الاخر 1428ه"
    assert fold("ﻻ", presentation_forms=False) == "ﻻ"


def test_diacritics_go_unless_asked_to_stay():
    assert fold("الثَّامِنَةُ") == "الثامنه"
    assert fold("عُمان", diacritics=False) == "عُمان"


def test_arabic_indic_and_persian_digits_become_western():
    assert fold("الدورة ٣٨") == "الدوره 38"
    assert fold("۳۸") == "38"
    assert fold("٣٨", digits=False) == "٣٨"


def test_zero_width_and_bidi_controls_always_go():
    assert fold("\ufeff\u200fقرار\u200b رقم\u200e\u061c", diacritics=False) == "قرار رقم"


def test_latin_is_lower_cased_only_when_asked():
    assert fold("UNESCO", lower=True) == "unesco"
    assert fold("UNESCO") == "UNESCO"


# --- offsets ---------------------------------------------------------------------------------------


def test_offsets_map_every_folded_character_back_to_the_printed_text():
    text = "الثَّامِنَةُ والــثلاثين ١٤٣٢ﻫ"
    folded, index = fold(text, offsets=True)
    assert folded == "الثامنه والثلاثين 1432ه"
    assert len(index) == len(folded)
    assert [text[i] for i in index[:7]] == list("الثامنة")
    assert text[index[-1]] == "ﻫ"


def test_a_ligature_becomes_two_letters_that_both_map_to_it():
    text = "أنه ﻻ بد"
    folded, index = fold(text, offsets=True)
    assert folded == "انه لا بد"
    assert index[4:6] == [4, 4]
    assert text[index[6] :] == " بد"


def test_a_dash_maps_to_the_tatweel_it_came_from():
    text = "15 ــ 17"
    folded, index = fold(text, tatweel="dash", offsets=True)
    assert folded == "15 - 17"
    assert text[index[3]] == "ـ"
    assert text[index[5]] == "1"


def test_a_dropped_seatless_hamza_leaves_the_ya_mapped():
    folded, index = fold("مبادىء عامة", offsets=True)
    assert folded == "مبادي عامه"
    assert index[:6] == [0, 1, 2, 3, 4, 6]


OPTION_SETS = [
    {},
    {"tatweel": "dash"},
    {"taa_marbuta": False},
    {"lower": True},
    {
        "hamza": False,
        "alef_maqsura": False,
        "taa_marbuta": False,
        "diacritics": False,
        "digits": False,
        "tatweel": "dash",
    },
]


@pytest.mark.parametrize("options", OPTION_SETS)
def test_with_and_without_offsets_fold_the_corpus_alike(options):
    for line in corpus_lines():
        folded, index = fold(line, offsets=True, **options)
        assert folded == fold(line, **options)
        assert len(index) == len(folded)
        assert index == sorted(index)


_ALPHABET = "ابتةثجحخدذرزسشصضطظعغفقكلمنهويىءأإآٱؤئیکۀھ ـ-1٣۳\u064e\u0651\u200f\ufefb\ufeeb\ufe77"


@given(st.text(alphabet=_ALPHABET, max_size=30), st.sampled_from(OPTION_SETS))
def test_with_and_without_offsets_fold_any_text_alike(text, options):
    folded, index = fold(text, offsets=True, **options)
    assert folded == fold(text, **options)
    assert len(index) == len(folded)


# --- digit tables ----------------------------------------------------------------------------------


def test_it_turns_arabic_indic_and_persian_digits_into_western_digits():
    assert to_western_digits("٢٨ إلى ٣٠ حزيران ٢٠١١") == "28 إلى 30 حزيران 2011"
    assert to_western_digits("۱۴۳۲ ۰۹") == "1432 09"


def test_it_leaves_everything_but_digits_unchanged():
    text = "القرار 38/32- س (S/13384), هـ"
    assert to_western_digits(text) == text


def test_it_reads_the_arabic_indic_year_of_the_garbled_seed_layer():
    line = (CORPUS / "seeds/000_640f8b6c93fe03bc.txt").read_text(encoding="utf-8").splitlines()[7]
    assert "2011يوليه" in to_western_digits(line)


def test_it_writes_western_and_persian_digits_as_arabic_indic():
    assert to_arabic_indic_digits("2011 ۳ أيار") == "٢٠١١ ٣ أيار"


# --- the callers -----------------------------------------------------------------------------------


def test_the_parser_modules_use_the_one_fold():
    for module in (dates, furniture, layers, metadata, numerals, parser, places, segment):
        assert module.fold is arabic.fold, module.__name__


def test_clean_line_is_the_display_safe_fold():
    line = "ﻻ بد مـن قـرار\u200f ١٧/٢٩ ـ ث فی الهيئة"
    assert cleanup.clean_line(line) == "لا بد من قرار ١٧/٢٩ - ث في الهيئة"


def test_search_normalisation_is_the_full_fold_lower_cased():
    words = {m.group() for line in corpus_lines()[:400] for m in analysis._WORD.finditer(line)}
    for word in words:
        expected = fold(word, lower=True)
        if expected.isdigit() and expected.isascii():
            expected = expected.lstrip("0") or "0"
        assert analysis.normalise(word) == expected


def test_search_numbers_lose_their_leading_zeros():
    assert analysis.normalise("٠٩") == "9"


def test_ordinals_are_read_through_the_fold_with_a_dash_for_a_lone_tatweel():
    assert numerals.parse_ordinal("الثامنـة والثلاثيـن") == 38
    text = "الدورة ﺍﻟﺜﺎﻣﻨﺔ والثلاثين"
    (found,) = numerals.find_ordinals(text)
    assert (found.value, found.text) == (38, "ﺍﻟﺜﺎﻣﻨﺔ والثلاثين")


def test_places_fold_everything_but_taa_marbuta():
    assert places.canonical_place("کوناکری").name == "كوناكري"
    assert places.canonical_place("بجدة").name == "جدة"
    assert places.canonical_place("جده") is None
    (found,) = places.find_places("عقد في ﺟﺪة يوم")
    assert (found.name, found.printed) == ("جدة", "ﺟﺪة")


def test_dates_read_a_lone_tatweel_as_a_range_dash():
    (span,) = dates.find_dates("من ٢٨ ـ ٣٠ يونيو ٢٠١١")
    assert (span.start, span.end, span.text) == ((2011, 6, 28), (2011, 6, 30), "٢٨ ـ ٣٠ يونيو ٢٠١١")


def test_the_arabic_package_imports_no_django():
    code = "import sys, arabic; sys.exit(any(m.split('.')[0] == 'django' for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


# --- patterns written in the folded spelling (they run on fold(): ئ is ي, ؤ is و) -------------------


def test_an_extraordinary_session_is_recognised_in_the_folded_line():
    (vote,) = metadata.session_votes(
        "الدورة الاستثنائية الثالثة لمجلس وزراء الخارجية", 1.0, 0, document_bodies=set()
    )
    assert vote.extraordinary


def test_an_emergency_session_is_recognised_in_the_folded_line():
    (vote,) = metadata.session_votes(
        "الدورة الطارئة الثالثة لمجلس وزراء الخارجية", 1.0, 0, document_bodies=set()
    )
    assert vote.extraordinary


def test_a_paragraph_opening_with_muakkidan_is_preambular():
    kind = segment.classify(
        "مؤكدا أهمية التعاون", "", in_resolution=True, after_opener=True, operative_seen=False
    )
    assert kind == "preambular"


def test_a_resolution_of_heads_of_state_opens_with_inna_ruasa():
    assert segment.is_resolution_opener("إن رؤساء الدول والحكومات")


def test_algiers_counts_as_a_city_when_the_algerian_republic_follows():
    (found,) = places.find_places("الجزائر، الجمهورية الجزائرية الديمقراطية الشعبية")
    assert found.name == "الجزائر"
