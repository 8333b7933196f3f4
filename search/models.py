"""Alias groups admins edit in the Django admin, added to the shipped ones (search/data/synonyms.json)."""

from __future__ import annotations

from functools import lru_cache

from django.core.exceptions import ValidationError
from django.db import models

from search import synonyms


class SynonymGroup(models.Model):
    names = models.TextField(
        "الأسماء", help_text="One name per line, written as in the documents (e.g. the old and new name)."
    )
    note = models.CharField("ملاحظة", max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "مجموعة مترادفات"
        verbose_name_plural = "مجموعات المترادفات"

    def __str__(self):
        return " ≡ ".join(self.name_list())

    def name_list(self) -> list[str]:
        return [line.strip() for line in self.names.splitlines() if line.strip()]

    def clean(self):
        if len(self.name_list()) < 2:
            raise ValidationError({"names": "A group needs at least two names, one per line."})


def active_groups():
    """Shipped and admin-edited groups, analysed. One small query per call tells whether admins changed
    anything since the last call (in this process or another worker), so edits apply at once everywhere.
    """
    stamp = SynonymGroup.objects.aggregate(count=models.Count("id"), last=models.Max("updated_at"))
    return _groups_at(stamp["count"], stamp["last"])


@lru_cache(maxsize=2)
def _groups_at(count, last):
    edited = [group.name_list() for group in SynonymGroup.objects.all()]
    groups = synonyms.load_groups() + edited
    return tuple(tuple(group) for group in synonyms.analysed_groups(groups))
