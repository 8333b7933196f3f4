"""Two versions of a resolution compared: paragraphs aligned, words added and removed (archive.compare, no
database), and the compare page (RTL, <ins>/<del>, stacked on a phone) over the two Jerusalem resolutions."""

import pytest

from archive.compare import ADDED, CHANGED, REMOVED, SAME, compare, word_diff
from archive.models import Resolution
from tests.helpers import ingest_fixtures

JERUSALEM = ("raw/oic-cfm17-res18-s-quds.txt", "raw/oic-cfm19-res10-s-quds.txt")


def test_unchanged_paragraphs_align_and_a_changed_one_pairs_with_its_new_version():
    earlier = ["بشأن مدينة القدس الشريف", "مؤكدا القرار 1/3 - س (ق أ) الصادر عن مؤتمر القمة", "يدين إسرائيل"]
    later = ["بشأن مدينة القدس الشريف", "مسترشدا بالقرار رقم 1/3 - س (ق أ) الصادر عن مؤتمر القمة", "يدين إسرائيل"]
    rows = compare(earlier, later).rows
    assert [row.kind for row in rows] == [SAME, CHANGED, SAME]
    changed = rows[1]
    assert [(p.text, p.change) for p in changed.earlier.pieces][0] == ("مؤكدا القرار", REMOVED)
    assert [(p.text, p.change) for p in changed.later.pieces][0] == ("مسترشدا بالقرار رقم", ADDED)


def test_a_paragraph_without_a_counterpart_is_added_or_removed_whole():
    rows = compare(["أ ب ج د", "هـ و ز ح"], ["أ ب ج د", "كلمات جديدة تماما هنا", "هـ و ز ح"]).rows
    assert [row.kind for row in rows] == [SAME, ADDED, SAME]
    assert rows[1].earlier is None and rows[1].later.pieces[0].change == ADDED
    rows = compare(["أ ب ج د", "نص حذف كله", "هـ و ز ح"], ["أ ب ج د", "هـ و ز ح"]).rows
    assert [row.kind for row in rows] == [SAME, REMOVED, SAME]


def test_hamza_and_diacritics_are_not_changes():
    assert compare(["الإسلامي الشّريف"], ["الاسلامي الشريف"]).rows[0].kind == SAME
    before, after = word_diff("المؤتمر الاسلامي السابع عشر", "المؤتمر الإسلامي التاسع عشر")
    assert [(p.text, p.change) for p in before] == [("المؤتمر الاسلامي", SAME), ("السابع", REMOVED), ("عشر", SAME)]
    assert [(p.text, p.change) for p in after] == [("المؤتمر الإسلامي", SAME), ("التاسع", ADDED), ("عشر", SAME)]


def test_every_paragraph_of_both_versions_appears_once_in_order():
    earlier = [f"فقرة {i} نص قديم" for i in range(6)]
    later = [f"فقرة {i} نص جديد" for i in range(0, 8, 2)] + ["خاتمة"]
    rows = compare(earlier, later).rows
    assert [r.earlier.index for r in rows if r.earlier] == list(range(6))
    assert [r.later.index for r in rows if r.later] == list(range(len(later)))


@pytest.mark.django_db
def test_the_jerusalem_resolutions_of_the_17th_and_19th_council_form_one_series_and_compare(client):
    ingest_fixtures(*JERUSALEM)
    quds17, quds19 = Resolution.objects.get(number="18/17-س"), Resolution.objects.get(number="10/19-س")
    assert quds17.series_id == quds19.series_id is not None
    assert quds17.series.title == "مدينة القدس الشريف"
    page = client.get(quds19.get_absolute_url()).content.decode()
    compare_url = f"/resolutions/{quds17.pk}/compare/{quds19.pk}/"
    assert f'href="{compare_url}"' in page
    assert 'aria-current="true"' in page  # this version, in the series list
    html = client.get(compare_url).content.decode()
    assert "<del>مؤكدا القرار</del>" in html
    assert "<ins>مسترشدا بالقرار رقم</ins>" in html
    assert 'dir="rtl"' in html
    # Either order of the two ids, and ?with=, show the earlier version first.
    assert client.get(f"/resolutions/{quds19.pk}/compare/?with={quds17.pk}").status_code == 302
    swapped = client.get(f"/resolutions/{quds19.pk}/compare/{quds17.pk}/").content.decode()
    assert swapped.index("18/17") < swapped.index("10/19")
    assert client.get(f"/resolutions/{quds17.pk}/compare/999999/").status_code == 404
