"""Resolution numbers as the real corpus files print them."""

import csv
from pathlib import Path

import pytest

from archive.ingest.resolution_numbers import (
    CATEGORY_LABELS,
    PrintedNumber,
    canonical_ga_number,
    canonical_oic_number,
    canonical_sc_number,
    canonical_un_reference,
    find_printed_numbers,
    find_un_references,
    is_stray_template_number,
    normalise_category,
    own_numbers,
    parse_number_query,
)

CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "corpus"


def read(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def raws(text: str) -> list[str]:
    return [p.raw for p in find_printed_numbers(text)]


def canon(printed: PrintedNumber, session: int | None, summit: bool = False) -> str:
    return canonical_oic_number(printed, session, summit=summit)[0]


def test_offsets_point_back_at_the_printed_text_in_every_corpus_file():
    for path in sorted(CORPUS.glob("*/*.txt")):
        text = path.read_text(encoding="utf-8")
        for found in [*find_printed_numbers(text), *find_un_references(text)]:
            assert text[found.start : found.end] == found.raw, path.name


# --- OIC numbers in the real files --------------------------------------------------


def test_it_reads_a_reversed_muqatel_number_against_the_session():
    text = read("seeds/002_393cbb48b9883689.txt")
    numbers = find_printed_numbers(text)
    assert [p.raw for p in numbers] == ["1/28 - س", "38/32- س", "38/32- س"]
    real = numbers[1]
    assert (real.first, real.second, real.category, real.summit) == (38, 32, "س", False)
    canonical, warnings = canonical_oic_number(real, 38)
    assert canonical == "32/38-س"
    assert warnings == [{"code": "number-reversed", "params": {"printed": "38/32-س", "number": "32", "session": "38"}}]


def test_the_stray_template_line_in_the_seed_page_is_found_but_flagged():
    stray, real, _ = find_printed_numbers(read("seeds/002_393cbb48b9883689.txt"))
    assert (stray.first, stray.second) == (1, 28)
    assert is_stray_template_number(stray, 38)
    assert not is_stray_template_number(real, 38)
    canonical, warnings = canonical_oic_number(stray, 38)
    assert canonical == "1/28-س"
    assert warnings == [{"code": "number-session-mismatch", "params": {"printed": "1/28-س", "session": "38"}}]


def test_own_numbers_drop_the_stray_line_and_keep_the_reversed_real_number():
    own = own_numbers(read("seeds/002_393cbb48b9883689.txt"), 38)
    assert {canon(p, 38) for p in own} == {"32/38-س"}


def test_the_cfm20_page_prints_a_spaced_number_and_cites_another_session():
    text = read("raw/oic-cfm20-res9-at.txt")
    numbers = find_printed_numbers(text)
    assert [p.raw for p in numbers] == ["9/20 - أت", "9 /20 - أت", "1/ 19 - أت"]
    assert [canon(p, 20) for p in numbers[:2]] == ["9/20-أت", "9/20-أت"]
    cited = numbers[2]
    assert (cited.first, cited.second, cited.category) == (1, 19, "أت")
    assert canon(cited, None) == "1/19-أت"
    assert is_stray_template_number(cited, 20)


def test_a_number_glued_to_the_word_before_it_is_found():
    text = read("raw/oic-cfm19-res10-s-quds.txt")
    assert "الرقم10/19-س" in text
    first = find_printed_numbers(text)[0]
    assert first.raw == "10/19-س"
    assert canon(first, 19) == "10/19-س"


def test_the_cfm19_page_cites_the_third_summit_with_a_spaced_summit_marker():
    numbers = find_printed_numbers(read("raw/oic-cfm19-res10-s-quds.txt"))
    cited = numbers[-1]
    assert cited.raw == "1/3 - س (ق أ)"
    assert cited.summit
    assert canon(cited, 19) == "1/3-س(ق.إ)"  # a summit number: the CFM session does not apply


def test_spaces_around_the_slash_are_accepted():
    numbers = find_printed_numbers(read("raw/oic-cfm23-res2-s-p2.txt"))
    assert [p.raw for p in numbers] == ["2 / 23 - س"]
    assert canon(numbers[0], 23) == "2/23-س"


def test_tatweel_serves_as_a_dash():
    text = read("raw/oic-cfm29-res17-th.txt")
    numbers = find_printed_numbers(text)
    assert [p.raw for p in numbers] == ["17/29- ث", "17/29 ـ ث"]
    assert {canon(p, 29) for p in numbers} == {"17/29-ث"}


def test_a_latin_category_is_kept_as_org():
    numbers = find_printed_numbers(read("raw/oic-cfm25-res2-org.txt"))
    assert [p.raw for p in numbers] == ["2/25 - ORG", "2/25 - ORG"]
    assert canon(numbers[0], 25) == "2/25-ORG"
    assert CATEGORY_LABELS["ORG"] == "تنظيمي"


def test_the_icfm_document_symbol_is_not_a_resolution_number():
    text = read("raw/oic-cfm25-res2-org.txt")
    assert "(ICFM/25-98/ORG/D3" in text
    assert all(p.raw == "2/25 - ORG" for p in find_printed_numbers(text))


def test_the_summit_marker_after_an_en_dash_makes_a_summit_number():
    numbers = find_printed_numbers(read("raw/oic-summit11-res8-th.txt"))
    assert [p.raw for p in numbers] == ["8/11 – ث (ق. إ)", "8/11 – ث (ق. إ)", "13/31-س"]
    own = numbers[0]
    assert (own.first, own.second, own.category, own.summit) == (8, 11, "ث", True)
    assert canonical_oic_number(own, 11, summit=True) == ("8/11-ث(ق.إ)", [])
    cited_cfm = numbers[2]
    assert not cited_cfm.summit
    assert canonical_oic_number(cited_cfm, 11, summit=True) == ("13/31-س", [])


def test_three_spellings_of_the_economic_category_read_the_same():
    numbers = find_printed_numbers(read("raw/oic-cfm36-res3-aq.txt"))
    assert [p.raw for p in numbers] == ["3/36- أ. ق", "3/36 – أ.ق"]
    assert {canon(p, 36) for p in numbers} == {"3/36-أق"}
    # the third spelling, as the MANIFEST prints it
    manifest_spelling = find_printed_numbers("3/36 – أ.ق")[0]
    assert canon(manifest_spelling, 36) == "3/36-أق"


def test_dotted_administrative_and_financial_category_with_summit_marker():
    numbers = find_printed_numbers(read("raw/oic-summit8-res2-af-p2.txt"))
    assert [p.raw for p in numbers] == ["2/8- أ.ف (ق.إ)"]
    assert numbers[0].category == "أف"
    assert numbers[0].summit
    assert canonical_oic_number(numbers[0], 8, summit=True) == ("2/8-أف(ق.إ)", [])


def test_the_summit7_page_marks_its_summit_with_alef_hamza():
    numbers = find_printed_numbers(read("raw/oic-summit7-res2-s-p5.txt"))
    assert [p.raw for p in numbers] == ["2/7 - س (ق.أ)"]
    assert numbers[0].summit


def test_a_colon_after_al_raqm_does_not_hide_the_number():
    text = read("raw/oic-cfm41-res36-s.txt")
    assert "القرار الرقم: 36/41- س" in text
    assert raws(text) == ["36/41- س", "36/41- س"]
    assert canon(find_printed_numbers(text)[0], 41) == "36/41-س"


def test_a_number_without_any_space_is_read():
    numbers = find_printed_numbers(read("raw/oic-cfm45-res5-th.txt"))
    assert [p.raw for p in numbers] == ["5/45-ث", "5/45-ث"]
    assert canon(numbers[0], 45) == "5/45-ث"


def test_the_cfm9_page_prints_spaced_numbers_and_cites_session_8():
    numbers = find_printed_numbers(read("raw/oic-cfm9-res8-aq.txt"))
    assert [p.raw for p in numbers] == ["8 / 9 - أق", "8 / 9 - أق", "6 / 8 - أق"]
    assert canon(numbers[0], 9) == "8/9-أق"
    assert canon(numbers[2], None) == "6/8-أق"


def test_the_cfm31_page_has_a_stray_line_its_own_number_and_two_summit_citations():
    text = read("raw/oic-cfm31-res30-aq.txt")
    numbers = find_printed_numbers(text)
    assert [p.raw for p in numbers] == [
        "1/28 - س",
        "30/31 - أق",
        "30/31 – أق",
        "31/10 - أق (ق. إ)",
        "2/6 أق (ق إ)",
    ]
    stray, own1, own2, summit10, summit6 = numbers
    assert is_stray_template_number(stray, 31)
    assert canon(own1, 31) == canon(own2, 31) == "30/31-أق"
    # "31/10" would look reversed against session 31, but it is a summit number.
    assert summit10.summit and canonical_oic_number(summit10, 31) == ("31/10-أق(ق.إ)", [])
    assert summit6.summit and canon(summit6, None) == "2/6-أق(ق.إ)"
    assert [canon(p, 31) for p in own_numbers(text, 31)] == ["30/31-أق", "30/31-أق"]


def test_a_summit_marker_with_a_hyphen_and_a_dash_glued_to_the_category():
    numbers = find_printed_numbers(read("raw/oic-cfm38-economic-affairs.txt"))
    assert [p.raw for p in numbers] == ["1/11 -أق (ق-إ)"]
    assert numbers[0].summit and numbers[0].category == "أق"


def test_the_en_dash_number_of_cfm37_and_the_kashmir_number_of_cfm27():
    assert {canon(p, 37) for p in find_printed_numbers(read("raw/oic-cfm37-res40-s.txt"))} == {"40/37-س"}
    kashmir = find_printed_numbers(read("raw/oic-cfm27-res12-s-kashmir.txt"))
    assert [p.raw for p in kashmir] == ["12/27- س", "12/27 - س"]


def test_the_arab_league_citation_and_its_date_are_not_oic_numbers():
    text = read("raw/arab-league-council-1958-un-items.txt")
    assert "(ق 1490/ دع 29/ ج 6 - 9/9/1958)" in text
    assert find_printed_numbers(text) == []
    assert find_un_references(text) == []


def test_a_ga_title_after_a_dash_is_not_taken_for_a_category():
    text = read("raw/un-a-res-61-53-readability-dataset.txt")
    assert "61/53 - صون" in text
    assert find_printed_numbers(text) == []
    assert [canonical_un_reference(r)[0] for r in find_un_references(text)] == ["61/53", "61/53", "55/2"]


def test_arabic_indic_digits_are_accepted():
    text = "القرار الرقم ٣٢/٣٨- س"
    (printed,) = find_printed_numbers(text)
    assert (printed.first, printed.second, printed.raw) == (32, 38, "٣٢/٣٨- س")
    assert text[printed.start : printed.end] == printed.raw
    assert canon(printed, 38) == "32/38-س"


def test_categories_are_normalised_to_hamza_alef_and_labelled():
    assert normalise_category("أ. ق") == "أق"
    assert normalise_category("اق") == "أق"
    assert normalise_category("ات") == "أت"
    assert normalise_category("org") == "ORG"
    assert normalise_category("ش.إ") == "شإ"  # unknown: kept, dots removed
    for code in ("س", "أق", "ث", "أت", "ORG", "أف", "ق", "إ", "اج", "ع"):
        assert CATEGORY_LABELS[code]


def test_session_rule_for_canonical_oic_numbers():
    (as_printed,) = find_printed_numbers("9/20 - أت")
    assert canonical_oic_number(as_printed, 20) == ("9/20-أت", [])
    assert canonical_oic_number(as_printed, None) == ("9/20-أت", [])
    assert canonical_oic_number(as_printed, 9) == (
        "20/9-أت",
        [{"code": "number-reversed", "params": {"printed": "9/20-أت", "number": "20", "session": "9"}}],
    )
    canonical, warnings = canonical_oic_number(as_printed, 21)
    assert canonical == "9/20-أت" and len(warnings) == 1


# --- UN references -------------------------------------------------------------------


def test_ga_numbers_with_spaces_around_the_slash():
    refs = find_un_references(read("raw/un-a-res-52-4-un-oic-cooperation.txt"))
    canonical = [canonical_un_reference(r)[0] for r in refs]
    assert canonical[:3] == ["52/4", "37/4", "37/4"]
    assert refs[0].raw == "52 / 4" and refs[0].kind == "un-ga" and refs[0].dated_year is None
    assert refs[1].dated_year == 1982
    assert canonical[-1] == "51/18"
    assert len(refs) == 16


def test_the_palquest_page_prints_parts_old_style_numbers_and_emergency_sessions():
    refs = find_un_references(read("raw/un-a-res-38-58-palquest.txt"))
    assert (refs[0].raw, refs[0].part) == ("38/58 ألف", "ألف")
    assert [canonical_un_reference(r)[0] for r in refs] == [
        "38/58",
        "3376 (د-30)",
        "31/20",
        "32/40",
        "33/28",
        "34/65",
        "34/65",
        "دإط-7/2",
        "35/169",
        "36/120",
        "دإط-7/4",
        "دإط-7/5",
        "دإط-7/9",
        "37/86",
    ]
    old = refs[1]
    assert (old.raw, old.kind, old.session, old.number) == ("3376 (د ـ 30)", "un-ga", 30, 3376)
    ess = refs[7]
    assert (ess.raw, ess.kind, ess.session, ess.number) == ("دإط ـ 7/2", "un-ga-ess", 7, 2)


def test_old_style_ga_numbers_with_a_hyphen():
    refs = find_un_references(read("raw/un-ga63-question-of-palestine-page.txt"))
    assert [canonical_un_reference(r)[0] for r in refs] == ["3210 (د-29)", "3236 (د-29)", "3237 (د-29)"]


def test_an_oic_text_citing_ga_54_7_as_7_54_is_read_back_by_its_date():
    (ref,) = find_un_references(read("raw/oic-cfm27-res-un-cooperation-p2.txt"))
    assert (ref.raw, ref.session, ref.number, ref.dated_year) == ("7/54", 7, 54, 1999)
    canonical, warnings = canonical_un_reference(ref)
    assert canonical == "54/7"
    assert warnings == [{"code": "ga-number-reversed", "params": {"printed": "7/54", "number": "7", "session": "54"}}]


def test_sc_numbers_glued_to_their_words_and_years():
    refs = find_un_references(read("raw/un-sc-res474-1980.txt"))
    assert [r.raw for r in refs[:2]] == ["474", "474"]
    assert refs[0].kind == "un-sc" and refs[0].year is None
    assert canonical_un_reference(refs[0]) == (
        "474 (1980)",
        [{"code": "sc-year-from-date", "params": {"number": "474", "year": "1980"}}],
    )
    glued = next(r for r in refs if r.raw == "444(1979)")
    assert (glued.number, glued.year) == (444, 1979)
    assert canonical_un_reference(glued) == ("444 (1979)", [])
    assert [canonical_un_reference(r)[0] for r in refs[2:]] == [
        "425 (1978)",
        "426 (1978)",
        "427 (1978)",
        "434 (1978)",
        "444 (1979)",
        "450 (1979)",
        "459 (1979)",
        "467 (1980)",
    ]


def test_sc_numbers_cited_by_name_in_oic_texts():
    refs = find_un_references(read("raw/oic-cfm23-res2-s-p2.txt"))
    assert [(r.kind, r.number) for r in refs] == [("un-sc", 681), ("un-sc", 242), ("un-sc", 338)]
    (quds,) = find_un_references(read("raw/oic-cfm19-res10-s-quds.txt"))
    assert (quds.number, quds.dated_year) == (478, 1980)


def test_sc_numbers_with_years_in_the_astana_declaration():
    refs = find_un_references(read("seeds/000_640f8b6c93fe03bc.txt"))
    assert [canonical_un_reference(r)[0] for r in refs] == [
        "242 (1967)",
        "338 (1973)",
        "425 (1978)",
        "1515 (2003)",
        "1860 (2009)",
    ]


def test_sc_552_on_muqatel():
    (ref,) = find_un_references(read("raw/un-sc-res552-1984-muqatel.txt"))
    assert (ref.raw, ref.kind) == ("552 (1984)", "un-sc")


def test_oic_numbers_are_not_reported_as_un_references():
    assert find_un_references(read("raw/oic-cfm31-res30-aq.txt")) == []
    assert find_un_references(read("seeds/002_393cbb48b9883689.txt")) == []


def test_canonical_un_formats():
    assert canonical_ga_number(52, 4) == "52/4"
    assert canonical_ga_number(30, 3376) == "3376 (د-30)"
    assert canonical_ga_number(7, 2, emergency=True) == "دإط-7/2"
    assert canonical_sc_number(242, 1967) == "242 (1967)"
    assert canonical_sc_number(474, None) == "474"


# --- the MANIFEST ---------------------------------------------------------------------


def manifest_rows():
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        return [
            r
            for r in csv.DictReader(fh, delimiter="\t")
            if r["kind"].startswith("oic") and r["resolution_number"]
        ]


@pytest.mark.parametrize("row", manifest_rows(), ids=lambda r: r["file"])
def test_every_oic_number_in_the_manifest_is_found_in_its_file(row):
    session = int(row["session_number"])
    summit = row["kind"] == "oic-summit"
    (expected,) = find_printed_numbers(row["resolution_number"])
    wanted = canonical_oic_number(expected, session, summit=summit)[0]
    found = {
        canon(p, session, summit) for p in own_numbers(read("raw/" + row["file"]), session, summit=summit)
    }
    assert found == {wanted}


# --- queries --------------------------------------------------------------------------


def test_a_bare_pair_query_gives_both_orders():
    assert parse_number_query("32/38") == ["32/38", "38/32"]
    assert parse_number_query("38/32") == ["38/32", "32/38"]
    assert parse_number_query("٣٢/٣٨") == ["32/38", "38/32"]
    assert parse_number_query(" 52 / 4 ") == ["52/4", "4/52"]


def test_a_query_with_a_category_gives_the_canonical_number_first():
    assert parse_number_query("32/38-س") == ["32/38-س", "38/32-س"]
    assert parse_number_query("3/36 – أ.ق") == ["3/36-أق", "36/3-أق"]
    assert parse_number_query("8/11 – ث (ق. إ)") == ["8/11-ث(ق.إ)", "11/8-ث(ق.إ)"]


def test_un_queries_and_non_numbers():
    assert parse_number_query("242 (1967)") == ["242 (1967)"]
    assert parse_number_query("242(1967)") == ["242 (1967)"]
    assert parse_number_query("3376 (د ـ 30)") == ["3376 (د-30)"]
    assert parse_number_query("القدس") == []
    assert parse_number_query("") == []
