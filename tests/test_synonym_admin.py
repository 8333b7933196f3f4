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
