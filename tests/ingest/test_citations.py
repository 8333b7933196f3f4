"""Citations between resolutions, read from lines of the real corpus (no database)."""

from pathlib import Path

from archive.ingest import records
from archive.ingest.citations import find_citations
from archive.ingest.resolution_numbers import find_un_references, un_symbol

CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "corpus"


def line_with(name: str, words: str) -> str:
    """The line of a corpus file that holds the words."""
    for line in (CORPUS / "raw" / name).read_text(encoding="utf-8").splitlines():
        if words in line:
            return line.strip()
    raise AssertionError(f"{words!r} not in {name}")


def read(text: str, body: str, session: int | None = None, before: str = ""):
    return [
        (c.printed, c.number, c.body, c.symbol)
        for c in find_citations(text, body=body, session_number=session, before=before)
    ]


def test_a_summit_resolution_cited_by_the_council_with_the_marker_written_without_a_dot():
    line = line_with("oic-cfm19-res10-s-quds.txt", "مسترشدا بالقرار رقم")
    assert read(line, records.OIC_CFM, 19) == [("1/3 - س (ق أ)", "1/3-س(ق.إ)", records.OIC_SUMMIT, "")]


def test_summit_markers_with_a_dot_a_space_or_a_hyphen_all_mean_the_summit():
    found = [
        read(line_with("oic-cfm31-res30-aq.txt", "31/10"), records.OIC_CFM, 31),
        read(line_with("oic-cfm31-res30-aq.txt", "2/6 أق"), records.OIC_CFM, 31),
        read(line_with("oic-cfm38-economic-affairs.txt", "1/11 -أق"), records.OIC_CFM, 38),
    ]
    assert [f[0][1:3] for f in found] == [
        ("31/10-أق(ق.إ)", records.OIC_SUMMIT),
        ("2/6-أق(ق.إ)", records.OIC_SUMMIT),
        ("1/11-أق(ق.إ)", records.OIC_SUMMIT),
    ]


def test_a_council_number_cited_in_a_summit_text_without_the_marker_is_the_councils():
    line = line_with("oic-summit11-res8-th.txt", "13/31-س")
    assert read(line, records.OIC_SUMMIT, 11) == [("13/31-س", "13/31-س", records.OIC_CFM, "")]


def test_a_number_printed_session_first_in_its_own_session_is_read_the_archives_way():
    [citation] = find_citations("القرار الرقم 38/32- س", body=records.OIC_CFM, session_number=38)
    assert (citation.number, citation.printed) == ("32/38-س", "38/32- س")


def test_the_council_number_before_its_date_takes_the_dates_year_and_a_un_symbol():
    line = line_with("oic-cfm19-res10-s-quds.txt", "قرار مجلس الأمن رقم 478")
    [citation] = find_citations(line, body=records.OIC_CFM, session_number=19)
    assert (citation.printed, citation.number, citation.body, citation.symbol) == (
        "478",
        "478 (1980)",
        records.UNSC,
        "S/RES/478 (1980)",
    )
    assert line[citation.start : citation.end] == "478"


def test_each_number_of_the_councils_list_is_its_own_citation_with_its_year():
    line = line_with("un-sc-res474-1980.txt", "إذ يذكر بقراراته")
    numbers = [number for _printed, number, _body, _symbol in read(line, records.UNSC, 1980)]
    assert numbers == [
        "425 (1978)",
        "426 (1978)",
        "427 (1978)",
        "434 (1978)",
        "444 (1979)",
        "450 (1979)",
        "459 (1979)",
        "467 (1980)",
    ]
    assert ("450 (1979)", "450 (1979)", records.UNSC, "S/RES/450 (1979)") in read(line, records.UNSC, 1980)


def test_a_list_after_the_councils_name_without_years_keeps_the_bare_numbers():
    line = line_with("oic-cfm23-res2-s-p2.txt", "قراري مجلس الأمن رقم 242")
    assert read(line, records.OIC_CFM, 23) == [
        ("242", "242", records.UNSC, ""),
        ("338", "338", records.UNSC, ""),
    ]


def test_the_general_assemblys_list_of_its_own_resolutions_gives_every_one():
    line = line_with("un-a-res-52-4-un-oic-cooperation.txt", "إذ تشير إلى قراراتها")
    numbers = [number for _printed, number, _body, _symbol in read(line, records.UNGA, 52)]
    assert numbers[:4] == ["37/4", "37/4", "39/7", "40/4"]
    assert len(numbers) == 15
    assert all(body == records.UNGA for _p, _n, body, _s in read(line, records.UNGA, 52))


def test_old_style_and_emergency_session_ga_numbers_have_their_symbols():
    line = line_with("un-a-res-38-58-palquest.txt", "3376")
    found = {number: symbol for _printed, number, _body, symbol in read(line, records.UNGA, 38)}
    assert found["3376 (د-30)"] == "A/RES/3376 (XXX)"
    assert found["دإط-7/2"] == "A/RES/ES-7/2"
    assert found["34/65"] == "A/RES/34/65"


def test_an_oic_text_citing_the_general_assembly_reads_the_bare_number_and_the_reversed_pair():
    line = line_with("oic-cfm27-res-un-cooperation-p2.txt", "3369")
    assert read(line, records.OIC_CFM, 27) == [
        ("3369", "3369 (د-30)", records.UNGA, "A/RES/3369 (XXX)"),
        ("7/54", "54/7", records.UNGA, "A/RES/54/7"),
    ]


def test_a_bare_pair_in_an_oic_text_with_no_un_body_named_is_the_councils():
    [citation] = find_citations(
        "وإذ يذكر بالقرار 1/19 حول سير العمل", body=records.OIC_CFM, session_number=20
    )
    assert (citation.number, citation.body) == ("1/19", records.OIC_CFM)


def test_a_list_item_takes_its_body_from_the_sentence_before_it():
    before = line_with("un-sc-res660-662-muqatel-study.txt", "صدرت ثلاثة قرارات دولية عن مجلس الأمن")
    line = line_with("un-sc-res660-662-muqatel-study.txt", "القرار الرقم 660")
    assert read(line, "", None, before=before) == [("660", "660 (1990)", records.UNSC, "S/RES/660 (1990)")]
    assert read(line, "", None) == []


def test_un_symbols_in_the_text_are_citations():
    text = "انظر A/RES/52/4 و S/RES/242 (1967) و A/RES/ES-7/2"
    assert [(c.printed, c.number, c.body, c.symbol) for c in find_citations(text, body=records.OIC_CFM)] == [
        ("A/RES/52/4", "52/4", records.UNGA, "A/RES/52/4"),
        ("S/RES/242 (1967)", "242 (1967)", records.UNSC, "S/RES/242 (1967)"),
        ("A/RES/ES-7/2", "دإط-7/2", records.UNGA, "A/RES/ES-7/2"),
    ]


def test_a_document_symbol_of_a_report_is_not_a_resolution():
    text = "بناء على توصية اللجنة (A/61/387، الفقرة 9)"
    assert find_citations(text, body=records.UNGA, session_number=61) == []
    assert find_un_references("(S/12958)") == []


def test_a_pair_of_numbers_with_no_word_for_resolution_is_not_a_citation():
    assert find_citations("انظر الصفحتين 12/14 من التقرير", body=records.UNGA, session_number=61) == []


def test_arabic_indic_digits_give_the_same_citations_at_the_same_offsets():
    text = "إذ يذكر بقراره ٤٥٠ (١٩٧٩)"
    [citation] = find_citations(text, body=records.UNSC)
    assert citation.number == "450 (1979)"
    assert text[citation.start : citation.end] == "٤٥٠ (١٩٧٩)"


def test_offsets_point_back_at_the_printed_text_in_every_corpus_file():
    for path in sorted(CORPUS.glob("*/*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for citation in find_citations(line, body=records.OIC_CFM, session_number=30):
                assert line[citation.start : citation.end] == citation.printed, path.name


def test_a_council_number_without_its_year_has_no_symbol():
    assert un_symbol(records.UNSC, "478") == ""
    assert un_symbol(records.UNGA, "52/4") == "A/RES/52/4"
    assert un_symbol(records.OIC_CFM, "32/38-س") == ""


def test_a_council_meeting_is_not_a_resolution():
    # UN Parallel Corpus agendas: "the provisional agenda of the Security Council's 7395th meeting".
    assert find_citations("جدول الأعمال المؤقت لجلسة مجلس الأمن 7395", body=records.UNSC) == []
    assert find_citations("في جلسة مجلس الأمن 7359 المعقودة في 14 كانون الثاني/يناير 2015", body=records.UNSC) == []
    [citation] = find_citations("وإذ يؤكد على قرار مجلس الأمن الدولي رقم 681 الذي نص", body=records.OIC_CFM)
    assert citation.number == "681"


def test_an_economic_and_social_council_resolution_is_not_read_as_the_assemblys():
    text = "عملا بالفقرة 3 من قرار المجلس الاقتصادي والاجتماعي 1894 (د-57)، سيُعرض على اللجنة"
    assert find_citations(text, body=records.UNGA) == []
    [old] = find_citations("وفقا لأحكام قرارها 973 (د-10) المؤرخ", body=records.UNGA)
    assert (old.number, old.symbol) == ("973 (د-10)", "A/RES/973 (X)")
