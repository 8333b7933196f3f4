"""Recognise the cities where OIC and UN bodies met, in any Arabic spelling.

Sources spell the same city many ways: with or without hamza (أستانا/استانا),
ta marbuta or alef (أستانة/أستانا), alef maqsura for ya (كوناكرى), tatweel
stretching (أســتانا), diacritics (عمّان), and transliteration variants
(إسطنبول/إستانبول, داكار/دكار).  Matching runs on a normalised copy of the text
(``arabic.fold`` without its ة -> ه step) that keeps a map back to the original offsets,
and against a small gazetteer listing the remaining, genuinely different spellings.

Standard library only: no Django import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from arabic import fold


@dataclass(frozen=True)
class Place:
    name: str  # canonical Arabic spelling
    country: str  # Arabic country name
    start: int  # offsets of the printed name in the original text
    end: int
    printed: str


# canonical name -> (country, spellings).  Spellings that differ only by hamza on
# alef, alef maqsura/ya, tatweel or diacritics need not be listed: normalisation
# folds them.  ة/ه is NOT folded (it would turn "جدة" into "جده", "his
# grandfather"), so list both where sources use both.
_GAZETTEER: dict[str, tuple[str, tuple[str, ...]]] = {
    "أستانا": ("كازاخستان", ("أستانا", "أستانة", "الأستانة", "آستانا")),
    "ألماتي": ("كازاخستان", ("ألماتي", "ألمآتي", "ألما آتا", "ألماآتا", "ألمـاتي")),
    "إسطنبول": ("تركيا", ("إسطنبول", "إستانبول", "إستنبول", "اسطانبول")),
    "أنقرة": ("تركيا", ("أنقرة", "أنقره")),
    "القاهرة": ("مصر", ("القاهرة",)),
    "عمّان": ("الأردن", ("عمان",)),
    "جدة": ("السعودية", ("جدة",)),
    "مكة المكرمة": ("السعودية", ("مكة المكرمة", "مكة")),
    "المدينة المنورة": ("السعودية", ("المدينة المنورة",)),
    "الطائف": ("السعودية", ("الطائف",)),
    "الرياض": ("السعودية", ("الرياض",)),
    "الدار البيضاء": ("المغرب", ("الدار البيضاء", "كازابلانكا")),
    "فاس": ("المغرب", ("فاس",)),
    "الرباط": ("المغرب", ("الرباط",)),
    "مراكش": ("المغرب", ("مراكش",)),
    "طنجة": ("المغرب", ("طنجة",)),
    "كوناكري": ("غينيا", ("كوناكري",)),
    "جاكرتا": ("إندونيسيا", ("جاكرتا",)),
    "الدوحة": ("قطر", ("الدوحة",)),
    "كوالالمبور": ("ماليزيا", ("كوالالمبور", "كوالا لمبور", "كوالا لامبور", "كوالالامبور")),
    "بوتراجايا": ("ماليزيا", ("بوتراجايا", "بوترا جايا")),
    "الخرطوم": ("السودان", ("الخرطوم",)),
    "طهران": ("إيران", ("طهران",)),
    "إسلام آباد": ("باكستان", ("إسلام آباد", "إسلام أباد")),
    "لاهور": ("باكستان", ("لاهور",)),
    "كراتشي": ("باكستان", ("كراتشي",)),
    "دمشق": ("سوريا", ("دمشق",)),
    "بيروت": ("لبنان", ("بيروت",)),
    "دوشنبه": ("طاجيكستان", ("دوشنبه", "دوشنبيه", "دوشانبه")),
    "داكا": ("بنغلاديش", ("داكا", "دكا")),
    "داكار": ("السنغال", ("داكار", "دكار")),
    "كمبالا": ("أوغندا", ("كمبالا", "كامبالا")),
    "باماكو": ("مالي", ("باماكو",)),
    "نيامي": ("النيجر", ("نيامي",)),
    "نواكشوط": ("موريتانيا", ("نواكشوط",)),
    "ياوندي": ("الكاميرون", ("ياوندي",)),
    "بانجول": ("غامبيا", ("بانجول",)),
    "واغادوغو": ("بوركينا فاسو", ("واغادوغو", "واغادوجو", "واجادوجو", "أوجادوجو", "وغادوغو")),
    "أبيدجان": ("كوت ديفوار", ("أبيدجان", "أبيجان")),
    "طرابلس": ("ليبيا", ("طرابلس",)),
    "بغداد": ("العراق", ("بغداد",)),
    "صنعاء": ("اليمن", ("صنعاء",)),
    "تونس": ("تونس", ("تونس",)),
    "الجزائر": ("الجزائر", ("الجزائر",)),
    "الكويت": ("الكويت", ("الكويت",)),
    "المنامة": ("البحرين", ("المنامة",)),
    "أبوظبي": ("الإمارات", ("أبوظبي", "أبو ظبي")),
    "دبي": ("الإمارات", ("دبي",)),
    "باكو": ("أذربيجان", ("باكو",)),
    "عشق آباد": ("تركمانستان", ("عشق آباد", "عشق أباد", "عشقباد", "عشق اباد")),
    "طشقند": ("أوزبكستان", ("طشقند",)),
    "نيويورك": ("الولايات المتحدة", ("نيويورك",)),
    "جنيف": ("سويسرا", ("جنيف",)),
    "فيينا": ("النمسا", ("فيينا",)),
    "هلسنكي": ("فنلندا", ("هلسنكي",)),
}

# Canonical Arabic name -> the city's usual English name, for pages in English.
ENGLISH_NAMES: dict[str, str] = {
    "أستانا": "Astana",
    "ألماتي": "Almaty",
    "إسطنبول": "Istanbul",
    "أنقرة": "Ankara",
    "القاهرة": "Cairo",
    "عمّان": "Amman",
    "جدة": "Jeddah",
    "مكة المكرمة": "Makkah",
    "المدينة المنورة": "Madinah",
    "الطائف": "Taif",
    "الرياض": "Riyadh",
    "الدار البيضاء": "Casablanca",
    "فاس": "Fez",
    "الرباط": "Rabat",
    "مراكش": "Marrakesh",
    "طنجة": "Tangier",
    "كوناكري": "Conakry",
    "جاكرتا": "Jakarta",
    "الدوحة": "Doha",
    "كوالالمبور": "Kuala Lumpur",
    "بوتراجايا": "Putrajaya",
    "الخرطوم": "Khartoum",
    "طهران": "Tehran",
    "إسلام آباد": "Islamabad",
    "لاهور": "Lahore",
    "كراتشي": "Karachi",
    "دمشق": "Damascus",
    "بيروت": "Beirut",
    "دوشنبه": "Dushanbe",
    "داكا": "Dhaka",
    "داكار": "Dakar",
    "كمبالا": "Kampala",
    "باماكو": "Bamako",
    "نيامي": "Niamey",
    "نواكشوط": "Nouakchott",
    "ياوندي": "Yaoundé",
    "بانجول": "Banjul",
    "واغادوغو": "Ouagadougou",
    "أبيدجان": "Abidjan",
    "طرابلس": "Tripoli",
    "بغداد": "Baghdad",
    "صنعاء": "Sanaa",
    "تونس": "Tunis",
    "الجزائر": "Algiers",
    "الكويت": "Kuwait City",
    "المنامة": "Manama",
    "أبوظبي": "Abu Dhabi",
    "دبي": "Dubai",
    "باكو": "Baku",
    "عشق آباد": "Ashgabat",
    "طشقند": "Tashkent",
    "نيويورك": "New York",
    "جنيف": "Geneva",
    "فيينا": "Vienna",
    "هلسنكي": "Helsinki",
}

# The gazetteer's Arabic country names -> English.
ENGLISH_COUNTRIES: dict[str, str] = {
    "كازاخستان": "Kazakhstan",
    "تركيا": "Türkiye",
    "مصر": "Egypt",
    "الأردن": "Jordan",
    "السعودية": "Saudi Arabia",
    "المغرب": "Morocco",
    "غينيا": "Guinea",
    "إندونيسيا": "Indonesia",
    "قطر": "Qatar",
    "ماليزيا": "Malaysia",
    "السودان": "Sudan",
    "إيران": "Iran",
    "باكستان": "Pakistan",
    "سوريا": "Syria",
    "لبنان": "Lebanon",
    "طاجيكستان": "Tajikistan",
    "بنغلاديش": "Bangladesh",
    "السنغال": "Senegal",
    "أوغندا": "Uganda",
    "مالي": "Mali",
    "النيجر": "Niger",
    "موريتانيا": "Mauritania",
    "الكاميرون": "Cameroon",
    "غامبيا": "The Gambia",
    "بوركينا فاسو": "Burkina Faso",
    "كوت ديفوار": "Côte d'Ivoire",
    "ليبيا": "Libya",
    "العراق": "Iraq",
    "اليمن": "Yemen",
    "تونس": "Tunisia",
    "الجزائر": "Algeria",
    "الكويت": "Kuwait",
    "البحرين": "Bahrain",
    "الإمارات": "United Arab Emirates",
    "أذربيجان": "Azerbaijan",
    "تركمانستان": "Turkmenistan",
    "أوزبكستان": "Uzbekistan",
    "الولايات المتحدة": "United States",
    "سويسرا": "Switzerland",
    "النمسا": "Austria",
    "فنلندا": "Finland",
}


def english_place(arabic: str) -> str:
    """The English name of a meeting place given in Arabic (canonical or as printed), or "" if unknown."""
    if arabic in ENGLISH_NAMES:
        return ENGLISH_NAMES[arabic]
    place = canonical_place(arabic) if arabic.strip() else None
    return ENGLISH_NAMES.get(place.name, "") if place else ""


def english_country(arabic: str) -> str:
    """The English name of a country of the gazetteer, or "" if unknown."""
    return ENGLISH_COUNTRIES.get(arabic.strip(), "")


# Cities spelled like their country (or, for عمان, like another country: Oman).
# They count as a city only with a place cue: "في عمان", "بالكويت", "مدينة تونس",
# or the host country named right after ("عمان، المملكة الأردنية").
_NEEDS_CUE: dict[str, str] = {
    "عمّان": r"(?:المملكة\s+)?الاردن",
    "الكويت": r"دولة\s+الكويت",
    "تونس": r"(?:الجمهورية\s+)?التونسية",
    "الجزائر": r"(?:الجمهورية\s+)?الجزايرية",  # folded: ئ -> ي
}
_CUE_BEFORE_RE = re.compile(r"(?:^|[^\w])(?:في|مدينة|مدينه|العاصمة)\s*$")
_CUE_AFTER_PREFIX = r"[\s،,\-\u2013\u2014()]*(?:ب|في\s*)?"

def _key(s: str) -> str:
    return re.sub(r"\s+", "", fold(s, taa_marbuta=False))


_BY_KEY: dict[str, str] = {}
for _name, (_country, _spellings) in _GAZETTEER.items():
    for _spelling in (_name, *_spellings):
        # The article is never dropped generically: "قاهرة" (as in "قوة قاهرة") and
        # "رباط" are ordinary words.  Spellings with and without it are listed.
        _BY_KEY[_key(_spelling)] = _name


def _spelling_pattern(key_spelling: str) -> str:
    # Words of a multi-word name may be glued or spaced any way ("كوالا لمبور").
    return r"\s*".join(re.escape(c) for c in key_spelling)


_ALTERNATION = "|".join(_spelling_pattern(k) for k in sorted(_BY_KEY, key=len, reverse=True))
# Clitics before a name: و/ف then ب/ل/ك ("وبالدوحة", "بإسلام أباد").  No letter may
# touch the name on either side; digits may ("٢٨أستانا" in a PDF text layer).
_PLACE_RE = re.compile(rf"(?<![^\W\d_])(?P<clitic>[وف]?[بلك]?)(?P<name>{_ALTERNATION})(?![^\W\d_])")
_CUE_AFTER_RE = {name: re.compile(_CUE_AFTER_PREFIX + cue) for name, cue in _NEEDS_CUE.items()}


def _has_cue(name: str, clitic: str, norm: str, start: int, end: int) -> bool:
    if clitic.endswith("ب"):
        return True
    if _CUE_BEFORE_RE.search(norm, max(0, start - 12), start):
        return True
    return _CUE_AFTER_RE[name].match(norm, end) is not None


def _is_oman(printed: str) -> bool:
    # "عُمان" (damma on ain) is Oman; "عمّان" (shadda on mim) is Amman.
    return "\u064f" in printed[:2]


def find_places(text: str) -> list[Place]:
    """Gazetteer cities mentioned in ``text``, in order of appearance."""
    norm, index = fold(text, taa_marbuta=False, offsets=True)
    places = []
    for m in _PLACE_RE.finditer(norm):
        start, end = m.start("name"), m.end("name")
        name = _BY_KEY[re.sub(r"\s+", "", m.group("name"))]
        o_start, o_end = index[start], index[end - 1] + 1
        printed = text[o_start:o_end]
        if name == "عمّان" and _is_oman(printed):
            continue
        if name in _NEEDS_CUE and "\u0651" not in printed:
            if not _has_cue(name, m.group("clitic"), norm, m.start(), end):
                continue
        country = _GAZETTEER[name][0]
        places.append(Place(name=name, country=country, start=o_start, end=o_end, printed=printed))
    return places


def canonical_place(printed: str) -> Place | None:
    """The gazetteer entry for a printed place name, or None.

    Meant for a field already known to name a meeting place, so "عمان" here is
    Amman (not Oman) and no context cue is required.  A leading clitic
    ("بالدوحة") is allowed; anything else around the name is not.
    """
    stripped = printed.strip()
    key = _key(stripped)
    for clitic in ("", "و", "ف", "ب", "ل", "ك", "وب", "فب"):
        if key.startswith(clitic) and key[len(clitic) :] in _BY_KEY:
            name = _BY_KEY[key[len(clitic) :]]
            if name == "عمّان" and _is_oman(stripped):
                return None
            return Place(name=name, country=_GAZETTEER[name][0], start=0, end=len(printed), printed=printed)
    return None
