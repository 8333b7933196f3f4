"""Meeting places in the real corpus files, in all their spellings."""

from pathlib import Path

import pytest

from archive.ingest.places import Place, canonical_place, find_places

CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "corpus"


def read(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def names(text: str) -> list[str]:
    return [p.name for p in find_places(text)]


def test_offsets_point_back_at_the_printed_name_in_every_corpus_file():
    for path in sorted(CORPUS.glob("*/*.txt")):
        text = path.read_text(encoding="utf-8")
        for place in find_places(text):
            assert text[place.start : place.end] == place.printed, path.name
            assert place.printed.strip() == place.printed


def test_the_seed_page_and_the_un_declaration_give_the_same_astana():
    seed = find_places(read("seeds/002_393cbb48b9883689.txt"))
    assert seed[0].printed == "أستانة"
    assert (seed[0].name, seed[0].country) == ("أستانا", "كازاخستان")
    declaration = read("seeds/000_640f8b6c93fe03bc.txt")
    clean_layer = declaration[declaration.index("\t") :]  # the clean text layer starts with a tab
    first = find_places(clean_layer)[0]
    assert first.printed == "أستانا"
    assert (first.name, first.country) == (seed[0].name, seed[0].country)


def test_the_seed_page_also_spells_astana_with_the_article_and_istanbul_two_ways():
    places = find_places(read("seeds/002_393cbb48b9883689.txt"))
    printed = [(p.printed, p.name) for p in places]
    assert ("الأستانة", "أستانا") in printed
    assert ("اسطنبول", "إسطنبول") in printed
    assert ("إسطنبول", "إسطنبول") in printed
    assert ("فيينا", "فيينا") in printed


def test_the_pdf_layer_with_kashida_and_glued_digits_still_gives_astana():
    text = read("seeds/000_640f8b6c93fe03bc.txt")
    printed = {p.printed for p in find_places(text) if p.name == "أستانا"}
    assert "أســتانا" in printed  # stretched with tatweel
    assert "٢٠١١يونيه / حزيران٣٠ إلى ٢٨أستانا" in text
    assert "ألماتي" in names(text)  # printed "ألمآتي"


def test_the_cfm38_page_has_both_spellings_of_astana():
    places = [p for p in find_places(read("raw/oic-cfm38-economic-affairs.txt")) if p.name == "أستانا"]
    assert {p.printed for p in places} == {"أستانا", "أستانة"}
    assert {p.country for p in places} == {"كازاخستان"}


def test_istanbul_spelled_with_alef_nun_and_dakar_without_alef():
    places = find_places(read("raw/oic-cfm31-res30-aq.txt"))
    istanbul = [p for p in places if p.name == "إسطنبول"]
    assert istanbul and {p.printed for p in istanbul} == {"إستانبول"}
    assert istanbul[0].country == "تركيا"
    (dakar,) = [p for p in places if p.name == "داكار"]
    assert (dakar.printed, dakar.country) == ("دكار", "السنغال")


def test_amman_is_recognised_by_the_kingdom_after_it_and_by_fi_before_it():
    text = read("raw/oic-cfm17-res18-s-quds.txt")
    amman = [p for p in find_places(text) if p.name == "عمّان"]
    assert len(amman) == 2
    assert all(p.printed == "عمان" and p.country == "الأردن" for p in amman)
    assert text[amman[0].end :].startswith("، المملكة الأردنية")
    assert text[: amman[1].start].endswith("المنعقد في ")


def test_oman_the_country_is_not_taken_for_amman():
    assert "عمّان" not in names(read("raw/un-sc-res552-1984-muqatel.txt"))  # "وعُمان"
    assert names("سلطنة عمان") == []
    assert names("الإمارات وعمان وقطر") == []
    assert names("في عُمان") == []
    assert names("وصل إلى عمّان") == ["عمّان"]  # the shadda decides
    assert names("اجتمعوا بعمان") == ["عمّان"]


def test_kuwait_the_state_is_not_a_meeting_place_but_in_kuwait_is():
    assert "الكويت" not in names(read("raw/oic-cfm10-final-communique-habous.txt"))  # "دولة الكويت"
    assert names("عقد المؤتمر في الكويت") == ["الكويت"]
    assert names("عقد بالكويت") == ["الكويت"]
    assert names("مدينة تونس") == ["تونس"]
    assert names("الجمهورية التونسية") == []


def test_common_words_are_not_cities():
    assert names("قوة قاهرة") == []
    assert names("رباط وثيق") == []
    assert names("النشاط الأدبي") == []
    assert names("رئيس جمهورية كازاخستان نور سلطان نزارباييف") == []


def test_clitics_before_a_name_are_not_part_of_the_printed_name():
    (place,) = find_places("المنعقد بالدوحة - دولة قطر")
    assert (place.printed, place.name, place.country) == ("الدوحة", "الدوحة", "قطر")
    (place,) = find_places("عقدت الدورة بإسلام أباد ـ جمهورية باكستان")
    assert (place.printed, place.name) == ("إسلام أباد", "إسلام آباد")


# Meeting place of each corpus file, where the text shows it (MANIFEST.tsv notes, and
# the page headers): the first gazetteer place in the text.
MEETING_PLACES = {
    "raw/oic-cfm10-final-communique-habous.txt": ("فاس", "المغرب"),
    "raw/oic-cfm10-final-communique-p8.txt": ("فاس", "المغرب"),
    "raw/oic-cfm17-res18-s-quds.txt": ("عمّان", "الأردن"),
    "raw/oic-cfm19-res10-s-quds.txt": ("القاهرة", "مصر"),
    "raw/oic-cfm20-res9-at.txt": ("إسطنبول", "تركيا"),
    "raw/oic-cfm22-final-communique-p9.txt": ("الدار البيضاء", "المغرب"),
    "raw/oic-cfm23-final-communique-p8.txt": ("كوناكري", "غينيا"),
    "raw/oic-cfm23-res2-s-p2.txt": ("كوناكري", "غينيا"),
    "raw/oic-cfm24-res2-s-p6.txt": ("جاكرتا", "إندونيسيا"),
    "raw/oic-cfm25-res2-org.txt": ("الدوحة", "قطر"),
    "raw/oic-cfm27-res12-s-kashmir.txt": ("كوالالمبور", "ماليزيا"),
    "raw/oic-cfm29-res17-th.txt": ("الخرطوم", "السودان"),
    "raw/oic-cfm30-final-communique.txt": ("طهران", "إيران"),
    "raw/oic-cfm31-final-communique.txt": ("إسطنبول", "تركيا"),
    "raw/oic-cfm31-res30-aq.txt": ("إسطنبول", "تركيا"),
    "raw/oic-cfm34-final-communique.txt": ("إسلام آباد", "باكستان"),
    "raw/oic-cfm36-final-report.txt": ("دمشق", "سوريا"),
    "raw/oic-cfm36-res3-aq.txt": ("دمشق", "سوريا"),
    "raw/oic-cfm37-res40-s.txt": ("دوشنبه", "طاجيكستان"),
    "raw/oic-cfm38-economic-affairs.txt": ("أستانا", "كازاخستان"),
    "raw/oic-cfm41-res36-s.txt": ("جدة", "السعودية"),
    "raw/oic-cfm45-res5-th.txt": ("داكا", "بنغلاديش"),
    "raw/oic-cfm9-res8-aq.txt": ("داكار", "السنغال"),
    "raw/oic-sg-speech-cfm36-damascus-2009.txt": ("دمشق", "سوريا"),
    "raw/oic-sg-speech-som-cfm36-2009.txt": ("جدة", "السعودية"),  # the senior officials met in Jeddah
    "raw/oic-summit10-final-communique-scribd-pdf.txt": ("بوتراجايا", "ماليزيا"),
    "raw/oic-summit10-final-communique.txt": ("بوتراجايا", "ماليزيا"),
    "raw/oic-summit11-res8-th.txt": ("داكار", "السنغال"),
    "raw/oic-summit4-final-communique-p5.txt": ("الدار البيضاء", "المغرب"),
    "raw/oic-summit6-final-communique-p9.txt": ("داكار", "السنغال"),
    "raw/oic-summit7-res2-s-p5.txt": ("الدار البيضاء", "المغرب"),
    "raw/oic-summit8-res2-af-p2.txt": ("طهران", "إيران"),
    "raw/puic-istanbul-declaration-2015.txt": ("إسطنبول", "تركيا"),
    "seeds/002_393cbb48b9883689.txt": ("أستانا", "كازاخستان"),
    "seeds/000_640f8b6c93fe03bc.txt": ("أستانا", "كازاخستان"),
}


@pytest.mark.parametrize("name", sorted(MEETING_PLACES))
def test_each_corpus_file_names_its_meeting_place_first(name):
    first = find_places(read(name))[0]
    assert (first.name, first.country) == MEETING_PLACES[name]


def test_the_printed_spellings_of_each_meeting_place():
    printed = {name: find_places(read(name))[0].printed for name in MEETING_PLACES}
    assert printed["raw/oic-cfm20-res9-at.txt"] == "اسطنبول"
    assert printed["raw/puic-istanbul-declaration-2015.txt"] == "استانبول"
    assert printed["raw/oic-cfm37-res40-s.txt"] == "دوشنبيه"
    assert printed["raw/oic-cfm45-res5-th.txt"] == "دكا"
    assert printed["raw/oic-cfm9-res8-aq.txt"] == "داكار"
    assert printed["raw/oic-cfm34-final-communique.txt"] == "إسلام أباد"
    assert printed["raw/oic-summit10-final-communique-scribd-pdf.txt"] == "بوترا جايا"


def test_un_pages_without_a_venue_give_no_place():
    for name in (
        "raw/un-sc-res474-1980.txt",
        "raw/un-a-res-52-4-un-oic-cooperation.txt",
        "raw/arab-league-council-1958-un-items.txt",
    ):
        assert find_places(read(name)) == [], name


@pytest.mark.parametrize(
    ("printed", "name", "country"),
    [
        ("أستانا", "أستانا", "كازاخستان"),
        ("أستانة", "أستانا", "كازاخستان"),
        ("الأستانة", "أستانا", "كازاخستان"),
        ("استانا", "أستانا", "كازاخستان"),
        ("إسطنبول", "إسطنبول", "تركيا"),
        ("اسطنبول", "إسطنبول", "تركيا"),
        ("إستانبول", "إسطنبول", "تركيا"),
        ("استانبول", "إسطنبول", "تركيا"),
        ("عمان", "عمّان", "الأردن"),
        ("عمّان", "عمّان", "الأردن"),
        ("كوالا لمبور", "كوالالمبور", "ماليزيا"),
        ("اسلام اباد", "إسلام آباد", "باكستان"),
        ("دكا", "داكا", "بنغلاديش"),
        ("دكار", "داكار", "السنغال"),
        ("كوناكرى", "كوناكري", "غينيا"),
        ("بالدوحة", "الدوحة", "قطر"),
        (" مكة المكرمة ", "مكة المكرمة", "السعودية"),
        ("عشق أباد", "عشق آباد", "تركمانستان"),
    ],
)
def test_canonical_place_folds_spelling_variants(printed, name, country):
    place = canonical_place(printed)
    assert isinstance(place, Place)
    assert (place.name, place.country, place.printed) == (name, country, printed)


def test_canonical_place_rejects_unknown_names_and_oman():
    assert canonical_place("باريس") is None
    assert canonical_place("عُمان") is None
    assert canonical_place("") is None


def test_every_gazetteer_city_and_country_has_an_english_name():
    from archive.ingest import places

    assert set(places.ENGLISH_NAMES) == set(places._GAZETTEER)
    assert {country for country, _ in places._GAZETTEER.values()} <= set(places.ENGLISH_COUNTRIES)


@pytest.mark.parametrize(
    ("arabic", "english"),
    [("أستانا", "Astana"), ("أستانة", "Astana"), ("جدة", "Jeddah"), ("كوالا لمبور", "Kuala Lumpur"), ("بالدوحة", "Doha"),
     ("مكة", "Makkah"), ("إستانبول", "Istanbul"), ("واجادوجو", "Ouagadougou"), ("نيويورك", "New York")],
)
def test_a_place_in_any_spelling_has_its_english_name(arabic, english):
    from archive.ingest.places import english_place

    assert english_place(arabic) == english


def test_a_place_the_gazetteer_does_not_know_has_no_english_name():
    from archive.ingest.places import english_country, english_place

    assert english_place("قرية مجهولة") == "" and english_place("") == ""
    assert english_country("كازاخستان") == "Kazakhstan" and english_country("أتلانتس") == ""
