"""Reading a researcher's query: words, phrases, OR, exclusions, groups, numbers; never an exception."""

import random
from pathlib import Path

import pytest

from search.analysis import analyse, tokens
from search.backends.whoosh import engine_text
from search.query import (
    MAX_DEPTH,
    MAX_INPUT,
    MAX_LENGTH,
    MAX_TERMS,
    And,
    Not,
    Or,
    Phrase,
    Term,
    parse,
    positive_terms,
)

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"


def analysed(word: str) -> str:
    [term] = analyse(word)
    return term


def term(word: str) -> Term:
    """The term a word typed on its own becomes (stems come from search.analysis, whatever they are)."""
    return Term(analysed(word), word)


def test_words_are_analysed_and_must_all_match():
    parsed = parse("التعاون الإسلامي")
    assert parsed.tree == And((term("التعاون"), term("الإسلامي")))
    assert parsed.notices == []


@pytest.mark.parametrize(
    "query", ['"منظمة المؤتمر"', "“منظمة المؤتمر”", "«منظمة المؤتمر»", "”منظمة المؤتمر“"]
)
def test_a_phrase_in_straight_curly_or_arabic_quotes_keeps_its_words_in_order(query):
    parsed = parse(query)
    assert isinstance(parsed.tree, Phrase)
    assert [term.text for term in parsed.tree.terms] == analyse("منظمة المؤتمر")
    assert parsed.tree.slop == 1


def test_a_stop_word_inside_a_phrase_leaves_a_gap_instead_of_vanishing():
    parsed = parse("«التعاون في مجال»")
    assert [term.surface for term in parsed.tree.terms] == ["التعاون", "مجال"]
    assert parsed.tree.gaps == (1,)
    assert parsed.tree.slop == 2


def test_stop_words_outside_phrases_are_dropped_quietly_beside_other_words():
    parsed = parse("التعاون في مجال")
    assert parsed.tree == And((term("التعاون"), term("مجال")))
    assert parsed.notices == []


def test_a_query_of_stop_words_alone_says_in_plain_words_how_to_search_them():
    parsed = parse("في على")
    assert parsed.tree is None
    (notice,) = parsed.notices
    assert "«في، على» من الكلمات الشائعة جدًا" in notice and "«في القدس»" in notice


@pytest.mark.parametrize("operator", ["OR", "or", "|", "أو", "او"])
def test_or_in_latin_or_arabic_joins_alternatives(operator):
    parsed = parse(f"القدس {operator} كشمير")
    assert parsed.tree == Or((term("القدس"), term("كشمير")))


def test_or_binds_tighter_than_the_implicit_and():
    parsed = parse("تعاون القدس أو كشمير")
    assert isinstance(parsed.tree, And)
    assert parsed.tree.nodes[0] == term("تعاون")
    assert isinstance(parsed.tree.nodes[1], Or)


def test_a_minus_sign_excludes_a_word():
    parsed = parse("القدس -إسرائيل")
    assert parsed.tree == And((term("القدس"), Not(term("إسرائيل"))))
    assert parsed.terms() == [analysed("القدس")]


def test_parentheses_group_alternatives():
    parsed = parse("(القدس أو كشمير) تعاون")
    assert isinstance(parsed.tree, And)
    assert isinstance(parsed.tree.nodes[0], Or)
    assert parsed.tree.nodes[1] == term("تعاون")


def test_a_hyphen_inside_a_word_is_not_an_exclusion():
    parsed = parse("الشرق-الأوسط")
    assert isinstance(parsed.tree, Phrase)  # the two words glued by the hyphen, not "الشرق NOT الأوسط"


def test_an_unclosed_quote_reads_the_rest_as_a_phrase_and_says_so():
    parsed = parse('تعاون "منظمة المؤتمر')
    assert isinstance(parsed.tree, And)
    assert isinstance(parsed.tree.nodes[1], Phrase)
    assert any("التنصيص" in notice for notice in parsed.notices)


@pytest.mark.parametrize("query", ["(تعاون", "((تعاون", "تعاون)", "تعاون))(", ")(تعاون"])
def test_unbalanced_parentheses_still_search_the_words(query):
    parsed = parse(query)
    assert parsed.tree == term("تعاون")
    assert parsed.notices


@pytest.mark.parametrize(
    "query", ["OR تعاون", "تعاون OR", "تعاون OR OR تنمية", "أو تعاون أو", "تعاون - ", "AND تعاون"]
)
def test_lone_operators_are_ignored(query):
    parsed = parse(query)
    assert term("تعاون") in positive_terms(parsed.tree)


def test_an_exclusion_alone_finds_nothing_and_says_why():
    parsed = parse("-إسرائيل")
    assert parsed.tree is None
    assert parsed.empty
    assert any("الاستبعاد" in notice for notice in parsed.notices)


def test_only_stop_words_give_no_query_and_a_notice():
    parsed = parse("في من على")
    assert parsed.empty
    assert parsed.notices


def test_a_two_thousand_character_query_is_cut_with_a_notice():
    parsed = parse("تعاون " * 400)
    assert len(parsed.text) <= MAX_LENGTH
    assert any(str(MAX_LENGTH) in notice for notice in parsed.notices)
    assert parsed.tree == term("تعاون")


def test_brackets_nested_hundreds_deep_are_ignored_past_the_limit_with_a_notice():
    parsed = parse("(" * 470 + "تعاون")
    assert parsed.tree == term("تعاون")
    assert any(f"{MAX_DEPTH} مستويات" in notice for notice in parsed.notices)


def test_brackets_up_to_the_limit_still_group_without_a_depth_notice():
    parsed = parse("(" * MAX_DEPTH + "تعاون OR تنمية" + ")" * MAX_DEPTH + " منظمة")
    assert parsed.tree == And((Or((term("تعاون"), term("تنمية"))), term("منظمة")))
    assert parsed.notices == []


def test_words_inside_brackets_past_the_limit_join_the_deepest_group_kept():
    deep = "(" * (MAX_DEPTH + 3) + "تعاون OR تنمية" + ")" * 3 + " منظمة" + ")" * MAX_DEPTH + " قرار"
    parsed = parse(deep)
    assert parsed.tree == And((Or((term("تعاون"), term("تنمية"))), term("منظمة"), term("قرار")))
    assert not any("إغلاق زائد" in notice for notice in parsed.notices)  # each ignored ( took its )


def test_an_exclusion_before_brackets_past_the_limit_still_excludes():
    parsed = parse("تعاون -" + "(" * 40 + "تنمية")
    assert parsed.tree == And((term("تعاون"), Not(term("تنمية"))))


def test_an_exclusion_of_an_exclusion_is_the_word_itself():
    assert parse("تعاون -(-تنمية)").tree == And((term("تعاون"), term("تنمية")))


def test_a_query_of_hundreds_of_words_searches_the_first_ones_with_a_notice():
    letters = "بتثجحخدذرزسشصضطظعغفقكلمنهي"
    words = [f"{a}{b}{c}" for a in letters for b in letters for c in letters][:150]
    parsed = parse(" ".join(words))
    assert len(positive_terms(parsed.tree)) == MAX_TERMS
    assert positive_terms(parsed.tree)[0] == term(words[0])
    assert any(f"{MAX_TERMS} كلمة" in notice for notice in parsed.notices)


def test_input_past_the_read_limit_is_not_read_at_all():
    parsed = parse("\x00" * MAX_INPUT + "تعاون")
    assert parsed.empty


def test_control_and_direction_characters_are_stripped():
    parsed = parse("تعا\u200fون\x00 \x07تنمية\u202e")
    assert parsed.text == "تعاون تنمية"
    assert parsed.tree == And((term("تعاون"), term("تنمية")))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("32/38", ["32/38", "38/32"]),
        ("٣٢/٣٨", ["32/38", "38/32"]),
        ("32/38-س", ["32/38-س", "38/32-س"]),
        ("38/32", ["38/32", "32/38"]),
        ("52/4", ["52/4", "4/52"]),
        ("242 (1967)", ["242 (1967)"]),
    ],
)
def test_a_resolution_number_in_any_written_form_is_recognised(query, expected):
    parsed = parse(query)
    assert parsed.resolution_numbers == expected
    assert parsed.tree is not None  # also searched where paragraphs cite it


def test_a_resolution_number_inside_a_longer_query_is_recognised():
    parsed = parse("قرار ٣٢ / ٣٨ - س بشأن التعاون")
    assert parsed.resolution_numbers == ["32/38-س", "38/32-س"]
    assert term("قرار") in positive_terms(parsed.tree)


def test_a_security_council_number_is_searched_as_a_phrase_of_its_parts():
    parsed = parse("قرار مجلس الأمن 242 (1967)")
    assert parsed.resolution_numbers == ["242 (1967)"]
    assert Phrase((term("242"), term("1967")), (0,)) in parsed.tree.nodes


def test_an_excluded_number_is_not_a_resolution_to_put_first():
    parsed = parse("تعاون -32/38")
    assert parsed.resolution_numbers == []
    assert isinstance(parsed.tree.nodes[1], Not)


GARBAGE = [
    "",
    " ",
    '"',
    "«»",
    "()",
    ")(",
    "-",
    "--",
    "- - -",
    "OR",
    "أو أو",
    "NOT",
    '"(OR -)"',
    "\x00\x01\x02",
    "\ue0000\ue001",
    "🙂🙂",
    "تعاون" * 600,
    "((((((((((((((((((((تعاون",
    "a:b c* d~2 ^3 [1 TO 5] {x} \\",
    "<script>alert(1)</script>",
]


@pytest.mark.parametrize("query", GARBAGE)
def test_malformed_input_never_raises(query):
    parsed = parse(query)
    assert isinstance(parsed.notices, list)


def test_random_input_never_raises():
    alphabet = 'تعاون منظمة أو OR - ( ) " « » “ ” 32/38 ٣٢ س \x00\u200f'
    rng = random.Random(20110630)
    for _ in range(500):
        parse("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))))


def test_every_term_reaches_the_engine_as_text_that_analyses_to_that_term():
    """Whoosh re-runs our analyzer on the query, and the analysis is not idempotent on its own output."""
    words = set()
    for path in sorted(CORPUS.rglob("*.txt"))[:20]:
        text = path.read_text(errors="replace")
        words.update(text[token.start : token.end] for token in tokens(text) if not token.stop)
    for word in words:
        for term in positive_terms(parse(word).tree):
            assert analyse(engine_text(term)) == [term.text], word
