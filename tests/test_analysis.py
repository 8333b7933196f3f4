"""Our Arabic analysis: normalisation, tokens with offsets, light stemming, stop words, aliases."""

import pytest

from search import analysis, synonyms
from search.analysis import (
    STOP_WORDS,
    Token,
    analyse,
    light_stem,
    normalise,
    plurals,
    stem,
    tokens,
    vocabulary,
)
from search.whoosh_analysis import ArabicAnalyzer


def same(*words: str) -> bool:
    return len({stem(normalise(word)) for word in words}) == 1


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("الأمّةُ", "الامه"),  # diacritics (shadda, damma), ة → ه
        ("الأمــم", "الامم"),  # tatweel
        ("أإآٱ", "اااا"),  # alef forms
        ("مؤتمر", "موتمر"),  # ؤ → و
        ("رئيس", "رييس"),  # ئ → ي
        ("مبادىء", "مبادي"),  # seat-less hamza after ى, the same as مبادئ
        ("مبادئ", "مبادي"),
        ("الإسلامى", "الاسلامي"),  # ى → ي
        ("کتاب", "كتاب"),  # Persian kaf
        ("فارسی", "فارسي"),  # Persian yeh
        ("١٤٣٢", "1432"),  # Arabic-Indic digits
        ("۱۴۳۲", "1432"),  # Persian digits
        ("04", "4"),  # leading zeros, so 04/05/2009 meets 4 May
        ("ﻫ", "ه"),  # presentation form from a PDF layer
        ("اقتناعًا", "اقتناعا"),  # tanween
        ("ICFM", "icfm"),
    ],
)
def test_normalise(written, expected):
    assert normalise(written) == expected


def test_invisible_controls_do_not_split_or_change_a_word():
    for control in ("\u200c", "\u200d", "\u200b", "\u200e", "\u200f", "\u2067", "\u2069", "\u00ad"):
        assert [t.text for t in tokens(f"الأ{control}مم")] == [stem("الامم")]
    assert analyse("\u200fأستانا\u200f") == analyse("أستانا")


def test_no_break_spaces_and_arabic_punctuation_separate_words():
    assert analyse("القدس\u00a0الشريف") == analyse("القدس الشريف")
    assert analyse("القدس\u202fالشريف") == analyse("القدس الشريف")
    assert analyse("فلسطين،القدس؛الجولان؟") == analyse("فلسطين القدس الجولان")
    assert analyse("«القدس»") == analyse("القدس")


def test_digits_glued_to_words_are_their_own_tokens():
    assert analyse("1432هـ") == ["1432", "ه"]
    assert analyse("20شعبان") == ["20", "شعبان"]
    assert analyse("رقم474بتاريخ") == analyse("رقم 474 بتاريخ")
    assert analyse("١٤٣٢هـ") == ["1432", "ه"]
    assert analyse("Assemblyالجمعية") == ["assembly", *analyse("الجمعية")]


def test_tokens_keep_offsets_in_the_original_text_and_positions_for_stop_words():
    text = "يَومَي 20 و21 شعبان في الأمــم"
    found = tokens(text)
    assert all(isinstance(t, Token) for t in found)
    assert [text[t.start : t.end] for t in found] == ["يَومَي", "20", "و", "21", "شعبان", "في", "الأمــم"]
    assert [t.position for t in found] == list(range(7))
    assert [t.stop for t in found] == [False, False, True, False, False, True, False]
    assert "في" not in analyse(text)


@pytest.mark.parametrize(
    "family",
    [
        ("المنظمة", "والمنظمات", "للمنظمة", "لمنظمة", "منظمتنا", "المنظمتين"),
        ("تعاون", "التعاون", "والتعاون", "للتعاون", "بالتعاون"),
        ("فلسطين", "الفلسطينية", "الفلسطيني", "الفلسطينيين", "وفلسطين"),
        ("قرار", "القرارات", "بقرار", "وبقرار", "قراراته", "لقرار"),
        ("الأقلية", "الأقليات"),
        ("مبادرة", "لمبادرة", "المبادرات", "بمبادرة"),
        ("كشمير", "وكشمير"),
        ("اللاجئين", "اللاجئون", "واللاجئين"),
        ("الالتزام", "التزام", "والتزام"),
        ("الدورة", "الدورتين", "دورتها"),
        ("اللجنة", "للجنة"),  # ل + اللجنة, not ل + ال + جنة
        ("الإسلامي", "الإسلامية", "الاسلامى"),
        ("حق", "وحق", "حقه"),
        ("أستانة", "الأستانة"),
    ],
)
def test_light_stemming_conflates_what_a_researcher_expects(family):
    assert same(*family), {word: stem(normalise(word)) for word in family}


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("بحث", "حث"),  # research / urged
        ("وزراء", "زراء"),
        ("لجنة", "جنة"),
        ("شعبان", "شعب"),  # the month is not "people"
        ("تعاون", "تعا"),
        ("اعلان", "اعل"),
        ("كانون", "كان"),
    ],
)
def test_light_stemming_keeps_apart_words_that_only_look_affixed(one, other):
    assert stem(normalise(one)) == normalise(one) or stem(normalise(one)) != stem(normalise(other))
    assert stem(normalise(one)) != normalise(other)


def test_stem_leaves_numbers_and_latin_alone():
    assert stem("1432") == "1432"
    assert stem("icfm") == "icfm"
    assert stem("") == ""


def test_stop_words_are_in_normalised_form():
    assert all(normalise(word) == word for word in STOP_WORDS)
    assert analyse("إلى على أن إذ الذي وفي") == []


def test_synonyms_old_and_new_oic_names():
    old = analyse("منظمة المؤتمر الإسلامي")
    new = analyse("منظمة التعاون الإسلامي")
    assert synonyms.expansions(old) == [old, new]
    assert synonyms.expansions(new) == [new, old]
    # Anywhere in a longer query, whatever its spelling.
    query = analyse("التعاون بين منظمة المؤتمر الاسلامى والأمم المتحدة")
    alternatives = synonyms.expansions(query)
    assert alternatives[0] == query and len(alternatives) == 2
    assert alternatives[1] == analyse("التعاون بين منظمة التعاون الإسلامي والأمم المتحدة")


def test_synonyms_astana_spellings():
    spellings = [analyse(name) for name in ("أستانا", "أستانة", "الأستانة", "استانه")]
    for terms in spellings:
        found = {tuple(alt) for alt in synonyms.expansions(terms)}
        assert {tuple(t) for t in spellings} <= found


def test_synonyms_leave_other_queries_alone():
    assert synonyms.expansions(analyse("القدس الشريف")) == [analyse("القدس الشريف")]
    assert synonyms.expansions([]) == [[]]


def test_synonyms_file_is_editable(tmp_path):
    path = tmp_path / "synonyms.json"
    path.write_text('{"groups": [{"names": ["قبرص", "كبرس"]}]}', encoding="utf-8")
    groups = synonyms.analysed_groups(synonyms.load_groups(path))
    assert synonyms.expansions(analyse("جزيرة قبرص"), groups) == [analyse("جزيرة قبرص"), analyse("جزيرة كبرس")]
    assert synonyms.load_groups(tmp_path / "absent.json") == []


def test_whoosh_analyzer_indexes_exactly_our_terms_with_positions_and_offsets():
    text = "وإذ يؤكد على قرار مجلس الأمن رقم 478"
    found = [(t.text, t.pos, t.startchar, t.endchar) for t in ArabicAnalyzer()(text, positions=True, chars=True)]
    ours = [(t.text, t.position, t.start, t.end) for t in tokens(text) if not t.stop]
    assert found == ours


# Lucene's TestArabicStemFilter: each word and the stem Lucene's ArabicStemFilter gives it. Ours need not
# write the same stem, but a word and Lucene's stem of it must meet (same analysed term).
LUCENE_STEM_PAIRS = [
    ("الحسن", "حسن"),  # al- prefix
    ("والحسن", "حسن"),  # wal-
    ("بالحسن", "حسن"),  # bal-
    ("كالحسن", "حسن"),  # kal-
    ("فالحسن", "حسن"),  # fal-
    ("للاخر", "اخر"),  # ll-
    ("وحسن", "حسن"),  # wa-
    ("زوجها", "زوج"),  # -ha
    ("ساهدان", "ساهد"),  # -an
    ("ساهدات", "ساهد"),  # -at
    ("ساهدون", "ساهد"),  # -wn
    ("ساهدين", "ساهد"),  # -yn
    ("ساهديه", "ساهد"),  # -yh
    ("ساهدية", "ساهد"),  # -yp
    ("ساهده", "ساهد"),  # -h
    ("ساهدة", "ساهد"),  # -p
    ("ساهدي", "ساهد"),  # -y
    ("وساهدون", "ساهد"),  # prefix and suffix
    ("ساهدهات", "ساهد"),  # two suffixes
    ("الو", "الو"),  # too short to stem
]


@pytest.mark.parametrize(("word", "lucene_stem"), LUCENE_STEM_PAIRS)
def test_it_conflates_every_pair_of_lucenes_arabic_stem_filter_test(word, lucene_stem):
    assert analyse(word) == analyse(lucene_stem)


@pytest.mark.parametrize(
    ("word", "known"),
    [
        ("بلادنا", "بلاد"),  # not ب + لادنا
        ("وفودهم", "وفود"),  # not و + فودهم
        ("بلادهم", "بلاد"),
        ("زوجها", "زوج"),
    ],
)
def test_it_keeps_the_first_letter_of_a_word_it_knows_under_a_pronoun(word, known):
    assert analyse(word) == analyse(known)


@pytest.mark.parametrize(
    "family",
    [
        ("مسجد", "مساجد", "المساجد", "والمساجد", "مساجدها"),
        ("لجنة", "لجان", "اللجان", "للجان", "اللجنة"),
        ("دولة", "دول", "الدول", "للدول"),
        ("قرار", "قرارات", "القرارات"),
        ("مستوطنة", "مستوطنات", "المستوطنات"),
        ("وفد", "وفود", "الوفود", "وفودهم"),
        ("بلد", "بلاد", "البلاد", "بلادنا", "بلدان"),
        ("هدف", "أهداف", "الأهداف", "وأهداف"),
        ("مشروع", "مشاريع", "المشاريع"),
        ("شعب", "شعوب", "الشعوب", "شعوبنا"),
        ("وزير", "وزراء", "الوزراء"),
        ("عضو", "أعضاء", "الأعضاء"),
        ("منطقة", "مناطق", "المناطق"),
        ("أرض", "أراضي", "الأراضي"),
        ("برنامج", "برامج", "البرامج"),
        ("سلاح", "أسلحة", "الأسلحة"),
    ],
)
def test_it_gives_a_broken_plural_the_term_of_its_singular(family):
    assert same(*family), {word: stem(normalise(word)) for word in family}


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("دعم", "دعام"),  # support (and the verb), not the plural of دعام
        ("قرر", "قارر"),  # decided
        ("قرار", "قارر"),  # a resolution, not the plural of قارر
        ("بدأ", "بادي"),  # began
        ("نهاية", "ناي"),  # the end
        ("الجزائر", "جزيرة"),  # Algeria
        ("جراء", "جرو"),  # من جراء: because of
        ("أعرب", "عرب"),  # expressed
        ("حقق", "حق"),  # achieved
    ],
)
def test_it_does_not_take_a_verb_a_name_or_a_word_of_its_own_for_a_plural(word, other):
    assert analyse(word) != analyse(other)


def test_every_singular_in_the_plural_table_is_a_fixed_point_of_the_analysis():
    table = plurals()
    assert len(table) > 3000  # generated from Arramooz by bench/build_plural_lexicon.py
    assert not set(table) & set(table.values())  # no chains: a singular is never a plural itself
    assert [value for value in table.values() if analyse(value) != [value]] == []


def test_corpus_words_given_a_singulars_term_keep_it_when_analysed_again():
    mapped = {word: stem(word) for word in vocabulary() if light_stem(word) in plurals()}
    assert len(mapped) > 50
    assert {word: term for word, term in mapped.items() if analyse(term) != [term]} == {}


@pytest.fixture
def no_plural_table(tmp_path, monkeypatch):
    monkeypatch.setattr(analysis, "PLURALS_FILE", tmp_path / "absent.tsv")
    analysis.reload()
    yield
    monkeypatch.undo()
    analysis.reload()


def test_without_the_plural_table_a_broken_plural_keeps_its_own_stem(no_plural_table):
    assert plurals() == {}
    assert analyse("مساجد") == ["مساجد"] != analyse("مسجد")
    assert analyse("والمنظمات") == analyse("المنظمة")  # the light stemmer is unchanged


def test_the_cached_word_analysis_gives_what_the_analysis_itself_gives_on_the_whole_corpus():
    from search.analysis import tokens_with
    from tests.helpers import CORPUS

    texts = [path.read_text(encoding="utf-8", errors="replace") for path in sorted(CORPUS.rglob("*.txt"))]
    assert len(texts) > 40
    for text in texts:
        assert tokens(text) == tokens_with(text, stem)
