"""A document whose first line is its file name is titled by its UN symbol, read from the text or spelled
by the name (underscores standing for both "/" and ".")."""

from pathlib import Path

import pytest

from archive.ingest.metadata import looks_like_file_name, symbol_from_file_name
from archive.ingest.parser import parse

CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "corpus"


@pytest.mark.parametrize(
    ("name", "symbol"),
    [
        ("A_AC_109_2019_L_18_EA", "A/AC.109/2019/L.18"),
        ("A_RES_65_1.txt", "A/RES/65/1"),
        ("A_C_3_65_L_5", "A/C.3/65/L.5"),
        ("A_65_100_Add_1", "A/65/100/Add.1"),
        ("S_PV_6500", "S/PV.6500"),
        ("S_RES_2213_2015", "S/RES/2213 (2015)"),
        ("E_CN_7_2015_13", "E/CN.7/2015/13"),
    ],
)
def test_a_un_file_name_spells_its_symbol(name, symbol):
    assert symbol_from_file_name(name) == symbol


@pytest.mark.parametrize("name", ["002_393cbb48b9883689.txt", "oic-cfm38-res32.txt", "A_", "القرار_32"])
def test_a_name_that_is_no_symbol_gives_none(name):
    assert symbol_from_file_name(name) == ""


def test_file_names_are_told_from_titles():
    assert looks_like_file_name("A_AC_109_2019_L_18_EA") and looks_like_file_name("002_393cbb48b9883689.txt")
    assert not looks_like_file_name("القرار 32/38-س بشأن التعاون")
    assert not looks_like_file_name("A/AC.109/2019/L.18") and not looks_like_file_name("Question of Pitcairn")


def test_the_un_bitext_titled_by_its_file_name_is_titled_by_its_symbol():
    name = "un-a-ac109-2019-l18-bitext.txt"
    document = parse((CORPUS / "raw" / name).read_bytes(), name)

    assert document.title == "A/AC.109/2019/L.18"
    assert document.symbol == "A/AC.109/2019/L.18"


def test_a_file_named_by_its_symbol_gives_the_symbol():
    raw = "قرار اتخذته الجمعية العامة\nإن الجمعية العامة،\n1 - تقرر أن تدرج هذا البند في جدول أعمال دورتها المقبلة.".encode()

    document = parse(raw, "uploads/A_RES_65_1.txt")

    assert document.symbol == "A/RES/65/1"
    assert document.title != "A/RES/65/1"  # the text's own title is kept
