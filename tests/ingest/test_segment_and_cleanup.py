"""Line cleanup, paragraph markers and segmentation, and byte decoding, on small hand-written inputs."""

from __future__ import annotations

import codecs

import pytest

from archive.ingest import records
from archive.ingest.cleanup import clean_line, clean_lines
from archive.ingest.decoding import decode
from archive.ingest.errors import IngestError
from archive.ingest.segment import marker_alone, segment, split_marker

# --- clean_line -------------------------------------------------------------------------------------


def test_tatweel_inside_a_word_is_removed():
    assert clean_line("التعـــاون بشـأن فـي") == "التعاون بشأن في"


@pytest.mark.parametrize(
    ("printed", "cleaned"),
    [
        ("17/29 ـ ث", "17/29 - ث"),
        ("1ـ يقرر", "1- يقرر"),
        ("3376 (د ـ 30)", "3376 (د - 30)"),
    ],
)
def test_tatweel_standing_as_a_dash_becomes_a_hyphen(printed, cleaned):
    assert clean_line(printed) == cleaned


def test_a_no_break_space_and_other_odd_spaces_become_one_plain_space():
    assert clean_line("القرار\u00a0الرقم\u202f5/45-ث\t\tبشأن") == "القرار الرقم 5/45-ث بشأن"


def test_persian_yeh_and_keheh_become_arabic_letters():
    assert clean_line("فی کتاب") == "في كتاب"


def test_the_presentation_form_of_ha_becomes_the_letter():
    assert clean_line("ربيع الآخر 1428\ufeeb الموافق") == "ربيع الآخر 1428ه الموافق"


def test_invisible_marks_and_a_bom_are_removed():
    assert clean_line("\ufeff\u200fقرار\u200b رقم\u200e") == "قرار رقم"


@pytest.mark.parametrize("text", ["يشرِّفني أن أحيل طيَّه", "الأمّة يومَي", "اقتناعًا منه", "عُمان وقطَر"])
def test_diacritics_are_kept(text):
    assert clean_line(text) == text


def test_clean_lines_drops_blank_lines_and_trims():
    assert clean_lines("  أولا  \n\n\u00a0\n  ثانيا\n") == ["أولا", "ثانيا"]


# --- split_marker and marker_alone ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "marker", "rest"),
    [
        ("1 - يقرر تجديد الولاية", "1", "يقرر تجديد الولاية"),
        ("١ - يقرر تجديد الولاية", "١", "يقرر تجديد الولاية"),
        ("12. يطلب من الأمين العام", "12", "يطلب من الأمين العام"),
        ("(1) تلبية لدعوة كريمة", "1", "تلبية لدعوة كريمة"),
        ("1ـ يقرر تجديد الولاية", "1", "يقرر تجديد الولاية"),
        ("3) يدعو الدول الأعضاء", "3", "يدعو الدول الأعضاء"),
        ("أ- دعوة الدول الإسلامية", "(أ)", "دعوة الدول الإسلامية"),
        ("ب) اصدار طابع فلسطين", "(ب)", "اصدار طابع فلسطين"),
        ("(ج) تنظيم أسواق خيرية", "(ج)", "تنظيم أسواق خيرية"),
    ],
)
def test_split_marker_reads_numbers_and_letters_as_printed(line, marker, rest):
    assert split_marker(line) == (marker, rest)


@pytest.mark.parametrize(
    "line",
    [
        "27 – 29 ربيع الأول 1424هـ 28 – 30 مايو 2003م",
        "10-12 ديسمبر 1994",
        "يقرر تجديد الولاية",
        "إن مجلس وزراء الخارجية،",
        "1990 عام الأزمة",
    ],
)
def test_split_marker_leaves_dates_and_plain_lines_unnumbered(line):
    assert split_marker(line) == ("", line)


@pytest.mark.parametrize(
    ("line", "marker"),
    [("24)", "24"), ("6.", "6"), ("4 -", "4"), ("(3)", "3"), ("7", "7"), ("أ )", "(أ)"), ("د  )", "(د)")],
)
def test_a_number_or_letter_alone_on_its_line_is_a_marker(line, marker):
    assert marker_alone(line) == marker


@pytest.mark.parametrize("line", ["يقرر", "1994", "24) يرحب"])
def test_a_line_with_text_is_not_a_lone_marker(line):
    assert marker_alone(line) == ""


# --- segment ----------------------------------------------------------------------------------------

OPENER = "إن مجلس وزراء الخارجية المنعقد في دورته الثامنة والثلاثين،"


def kinds_and_numbers(paragraphs):
    return [(p.kind, p.number, p.text) for p in paragraphs]


def test_segment_tells_opener_preambular_and_numbered_operatives_apart():
    lines = [
        OPENER,
        "وإذ يرحب بالتقدم المحرز،",
        "1 - يعرب عن امتنانه.",
        "١ - يشيد بالدور التنسيقي.",
        "3. يرحب بالعرض.",
    ]
    assert kinds_and_numbers(segment(lines, in_resolution=True)) == [
        (records.PREAMBULAR, "", OPENER),
        (records.PREAMBULAR, "", "وإذ يرحب بالتقدم المحرز،"),
        (records.OPERATIVE, "1", "يعرب عن امتنانه."),
        (records.OPERATIVE, "١", "يشيد بالدور التنسيقي."),
        (records.OPERATIVE, "3", "يرحب بالعرض."),
    ]


def test_segment_joins_a_number_alone_on_its_line_to_the_next_line():
    lines = [OPENER, "24)", "يرحب بالإسهام.", "4 -", "يطلب من اللجنة.", "(5)", "يدعو الدول."]
    paragraphs = segment(lines, in_resolution=True)
    assert [(p.number, p.text) for p in paragraphs[1:]] == [
        ("24", "يرحب بالإسهام."),
        ("4", "يطلب من اللجنة."),
        ("5", "يدعو الدول."),
    ]


def test_segment_numbers_lettered_items_with_the_letter_in_brackets():
    lines = [OPENER, "أ- دعوة الدول.", "ب) اصدار طابع.", "(ج) تنظيم أسواق.", "د  )", "القيام باتصالات."]
    assert [(p.number, p.text) for p in segment(lines, in_resolution=True)[1:]] == [
        ("(أ)", "دعوة الدول."),
        ("(ب)", "اصدار طابع."),
        ("(ج)", "تنظيم أسواق."),
        ("(د)", "القيام باتصالات."),
    ]


def test_segment_does_not_number_a_date_line():
    paragraphs = segment(["27 – 29 ربيع الأول 1424هـ", "1 - تلبية لدعوة كريمة."], in_resolution=False)
    assert [(p.number, p.text) for p in paragraphs] == [
        ("", "27 – 29 ربيع الأول 1424هـ"),
        ("1", "تلبية لدعوة كريمة."),
    ]
    assert paragraphs[0].kind == records.HEADING


def test_segment_joins_a_long_wrapped_line_with_its_continuation():
    first = (
        "إن مجلس وزراء الخارجية المنعقد في دورته الثامنة والثلاثين في أستانة، جمهورية كازاخستان "
        "خلال الفترة من 26 إلى 28 رجب"
    )
    assert len(first) > 90
    paragraphs = segment([first, "1432هـ الموافق 28-30 يونيو 2011،", "وإذ يرحب بالتقدم،"], in_resolution=True)
    assert [p.text for p in paragraphs] == [f"{first} 1432هـ الموافق 28-30 يونيو 2011،", "وإذ يرحب بالتقدم،"]


def test_segment_does_not_join_a_short_line_or_a_line_ending_a_sentence():
    paragraphs = segment(["في الميدان الاقتصادي", "حث المؤتمر على تكثيف الجهود."], in_resolution=False)
    assert [(p.kind, p.text) for p in paragraphs] == [
        (records.HEADING, "في الميدان الاقتصادي"),
        (records.OTHER_PARAGRAPH, "حث المؤتمر على تكثيف الجهود."),
    ]


def test_segment_outside_a_resolution_keeps_numbers_but_not_operative_kinds():
    paragraphs = segment(["1 - تلبية لدعوة كريمة من الحكومة، انعقدت الدورة."], in_resolution=False)
    assert [(p.kind, p.number) for p in paragraphs] == [(records.OTHER_PARAGRAPH, "1")]


def test_segment_marks_a_closing_place_and_date_as_signature():
    paragraphs = segment(
        [OPENER, "1 - نؤكد التزامنا.", "صدر في أستانا في 30 حزيران/يونيه 2011"], in_resolution=True
    )
    assert paragraphs[-1].kind == records.SIGNATURE


# --- decode -----------------------------------------------------------------------------------------

ARABIC = "قرار بشأن مدينة القدس الشريف"


def test_decode_reads_utf8_without_a_bom():
    assert decode(ARABIC.encode("utf-8")) == (ARABIC, "utf-8")


def test_decode_reads_utf8_with_a_bom_and_drops_it():
    assert decode(codecs.BOM_UTF8 + ARABIC.encode("utf-8")) == (ARABIC, "utf-8-sig")


@pytest.mark.parametrize(
    ("bom", "codec"), [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]
)
def test_decode_reads_utf16_with_a_bom(bom, codec):
    text, _encoding = decode(bom + ARABIC.encode(codec))
    assert text == ARABIC


def test_decode_reads_windows_1256_arabic():
    assert decode(ARABIC.encode("cp1256")) == (ARABIC, "cp1256")


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty"),
        (b" \n\t \r\n ", "empty"),
        (b"\x00\x01\x02\x03PK\x03\x04\x00\x00\xff\xfe\x00", "binary"),
        (ARABIC.encode("utf-8")[:-1], "truncated"),
        (ARABIC.encode("utf-8")[:6] + b"\xff" + ARABIC.encode("utf-8")[6:], "corrupt"),
    ],
    ids=["empty", "whitespace-only", "binary-with-nul", "utf8-truncated", "utf8-corrupt-byte"],
)
def test_decode_refuses_what_is_not_text_with_a_reason(raw, reason):
    with pytest.raises(IngestError, match=reason):
        decode(raw)


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Le Conseil des ministres des affaires étrangères réuni à Astana a décidé que la coopération "
         "économique entre les États membres est nécessaire. " * 3, "latin-1"),
        ("Совет министров иностранных дел Организации исламского сотрудничества принял резолюцию. " * 3,
         "koi8-r"),
        ("イスラム協力機構の外務大臣会議は決議を採択した。経済協力は必要である。" * 6, "shift_jis"),
    ],
    ids=["latin-1", "koi8-r", "shift-jis"],
)
def test_decode_refuses_other_scripts_that_a_single_byte_arabic_code_page_would_garble(text, codec):
    # Windows-1256 maps every byte to some character, so without a plausibility check these came out as
    # Arabic-looking nonsense.
    with pytest.raises(IngestError, match="undecodable"):
        decode(text.encode(codec))
