"""UN symbols from the UN Parallel Corpus's document names, and as a reader types them (no database)."""

import pytest

from archive.ingest import records
from archive.ingest.un_symbols import SymbolError, find_symbols, from_corpus_id, search_key


@pytest.mark.parametrize(
    ("name", "symbol"),
    [
        ("2015/s/res/2213__2015_", "S/RES/2213 (2015)"),
        ("2015/a/res/69/131", "A/RES/69/131"),
        ("e/res/2014/31", "E/RES/2014/31"),
        ("2015/e/cn_7/2015/13", "E/CN.7/2015/13"),
        ("2015/a/ac_182/l_139", "A/AC.182/L.139"),
        ("2015/a/69/520/add_1/corr_1", "A/69/520/Add.1/Corr.1"),
        ("2015/a/70/6__sect__11_", "A/70/6 (Sect. 11)"),
        ("2015/a/70/6__income_sect__1_", "A/70/6 (Income sect. 1)"),
        ("2015/a/69/308__part_ii_", "A/69/308 (Part II)"),
        ("2015/a/es_10/670", "A/ES-10/670"),
        ("2015/cedaw/c/lbn/q/4_5", "CEDAW/C/LBN/Q/4-5"),
        ("2015/iccd/cric_13_/4", "ICCD/CRIC(13)/4"),
        ("2015/unep_dtie_/hg/inc_6/24", "UNEP(DTIE)/HG/INC.6/24"),
        ("2015/s/agenda/7384", "S/Agenda/7384"),
        ("2015/s/pv_7363", "S/PV.7363"),
        ("2015/s_/2015/369", "S/2015/369"),
        ("2015/npt/conf_2015/wp_1", "NPT/CONF.2015/WP.1"),
    ],
)
def test_it_writes_a_corpus_name_as_the_un_symbol(name, symbol):
    assert from_corpus_id(name).symbol == symbol


def test_a_general_assembly_resolution_belongs_to_its_session_with_its_number():
    symbol = from_corpus_id("2015/a/res/69/131")

    assert (symbol.body, symbol.session, symbol.resolution, symbol.kind) == (
        records.UNGA,
        69,
        "69/131",
        "resolution",
    )


def test_a_security_council_resolution_belongs_to_its_year():
    symbol = from_corpus_id("2015/s/res/2213__2015_")

    assert (symbol.body, symbol.session, symbol.resolution, symbol.year) == (
        records.UNSC,
        2015,
        "2213 (2015)",
        2015,
    )


@pytest.mark.parametrize(
    ("name", "session"),
    [
        ("2015/a/69/767", 69),
        ("2015/a/c_3/69/l_5", 69),  # a Main Committee of the 69th session
        ("2015/a/70/6__sect__11_", 70),
    ],
)
def test_general_assembly_documents_belong_to_the_session_their_symbol_names(name, session):
    symbol = from_corpus_id(name)

    assert (symbol.body, symbol.session, symbol.extraordinary) == (records.UNGA, session, False)


def test_an_emergency_special_session_is_an_extraordinary_session():
    symbol = from_corpus_id("2015/a/es_10/670")

    assert (symbol.body, symbol.session, symbol.extraordinary) == (records.UNGA, 10, True)


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("2015/s/2014/958", 2014),
        ("2015/s/prst/2015/1", 2015),
        ("2015/s/agenda/7384", 2015),
        ("2015/s/pv_7363", 2015),
    ],
)
def test_security_council_documents_belong_to_their_year_or_the_corpus_year(name, year):
    symbol = from_corpus_id(name)

    assert (symbol.body, symbol.session) == (records.UNSC, year)


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("2015/e/res/2014/31", 2014),
        ("2015/e/cn_7/2015/13", 2015),
        ("2015/a/ac_182/l_139", 2015),  # a General Assembly committee without a session number
        ("2015/a/hrc/29/1", 2015),
        ("2015/npt/conf_2015/wp_1", 2015),
    ],
)
def test_ecosoc_and_other_organs_have_a_symbol_and_a_year_but_no_session(name, year):
    symbol = from_corpus_id(name)

    assert (symbol.body, symbol.session, symbol.year) == (records.OTHER, None, year)


def test_an_ecosoc_resolution_is_a_resolution_without_a_session():
    symbol = from_corpus_id("2015/e/res/2014/31")

    assert (symbol.kind, symbol.resolution, symbol.session) == ("resolution", "", None)


@pytest.mark.parametrize(
    "name", ["2015/", "2015/a", "2015/a//131", "2015/a/res 69", "2015/A-RES/69", "2015/a/69__x"]
)
def test_a_name_of_another_shape_is_refused(name):
    with pytest.raises(SymbolError):
        from_corpus_id(name)


def test_shape_counts_numbers_as_n():
    assert from_corpus_id("2015/a/69/102/add_2").shape == "A/N/N/Add.N"


@pytest.mark.parametrize("typed", ["A/RES/69/131", "a/res/69/131", "A / RES / 69 / 131", "  a /res/ 69/131 "])
def test_a_general_assembly_symbol_typed_any_way_has_one_key(typed):
    assert search_key(typed) == search_key("A/RES/69/131")


@pytest.mark.parametrize("typed", ["S/RES/2213 (2015)", "s/res/2213(2015)", "S / RES / 2213 ( 2015 )"])
def test_a_security_council_symbol_typed_any_way_has_one_key(typed):
    assert search_key(typed) == search_key("S/RES/2213 (2015)")


def test_it_finds_symbols_inside_a_query_and_leaves_resolution_numbers_alone():
    found = find_symbols("القرار a / res / 69 / 131 والقرار S/RES/2213(2015) و 32/38")

    assert [key for _start, _end, key in found] == ["A/RES/69/131", "S/RES/2213(2015)"]
    assert find_symbols("القرار 32/38-س بشأن القدس") == []
