"""Admins add alias groups; searches expand with them at once, alongside the shipped groups."""

import pytest
from django.core.exceptions import ValidationError

from search.analysis import analyse
from search.models import SynonymGroup, active_groups
from search.synonyms import expansions

pytestmark = pytest.mark.django_db


def test_the_shipped_groups_are_active_without_any_admin_edit():
    alternatives = expansions(analyse("منظمة المؤتمر الإسلامي"), groups=active_groups())
    assert analyse("منظمة التعاون الإسلامي") in alternatives


def test_a_group_an_admin_adds_expands_queries_at_once():
    assert len(expansions(analyse("الكومسيك"), groups=active_groups())) == 1
    SynonymGroup.objects.create(names="الكومسيك\nاللجنة الدائمة للتعاون الاقتصادي والتجاري")
    alternatives = expansions(analyse("الكومسيك"), groups=active_groups())
    assert analyse("اللجنة الدائمة للتعاون الاقتصادي والتجاري") in alternatives


def test_a_deleted_group_stops_expanding():
    group = SynonymGroup.objects.create(names="الكومسيك\nاللجنة الدائمة للتعاون الاقتصادي والتجاري")
    assert len(expansions(analyse("الكومسيك"), groups=active_groups())) == 2
    group.delete()
    assert len(expansions(analyse("الكومسيك"), groups=active_groups())) == 1


def test_a_group_needs_two_names():
    with pytest.raises(ValidationError):
        SynonymGroup(names="اسم واحد").full_clean()


@pytest.mark.django_db(transaction=True)
def test_the_old_oic_name_finds_paragraphs_that_only_use_the_new_one(search_index):
    from pathlib import Path

    from archive.models import Paragraph
    from archive.sync import ingest_bytes
    from search.engine import search

    path = Path(__file__).resolve().parents[1] / "fixtures" / "corpus" / "raw" / "oic-cfm41-res36-s.txt"
    ingest_bytes(path.read_bytes(), source_name=path.name)
    new_name_only = [
        p.pk
        for p in Paragraph.objects.all()
        if "منظمة التعاون الإسلامي" in p.text and "منظمة المؤتمر الإسلامي" not in p.text
    ]
    assert new_name_only
    found = set(search("منظمة المؤتمر الإسلامي").outcome.ids)
    assert set(new_name_only) <= found


@pytest.mark.django_db(transaction=True)
def test_an_admin_alias_applies_to_the_search_page_at_once(search_index, client):
    from pathlib import Path

    from archive.sync import ingest_bytes

    path = Path(__file__).resolve().parents[1] / "fixtures" / "corpus" / "seeds" / "002_393cbb48b9883689.txt"
    ingest_bytes(path.read_bytes(), source_name=path.name)
    before = client.get("/api/search/", {"q": "سيكا"}).json()["count"]
    SynonymGroup.objects.create(names="سيكا\nمؤتمر التفاعل وتدابير بناء الثقة في آسيا")
    after = client.get("/api/search/", {"q": "سيكا"}).json()["count"]
    assert before == 1  # only the paragraph that prints the acronym
    assert after > before
