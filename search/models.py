"""Alias groups admins edit in the Django admin, added to the shipped ones (search/data/synonyms.json)."""

from __future__ import annotations

import secrets
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from search import synonyms


class SynonymGroup(models.Model):
    names = models.TextField(
        _("الأسماء"), help_text=_("اسم في كل سطر، كما يُكتب في الوثائق (مثل الاسم القديم والجديد).")
    )
    note = models.CharField(_("ملاحظة"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("مجموعة مترادفات")
        verbose_name_plural = _("مجموعات المترادفات")

    def __str__(self):
        return " ≡ ".join(self.name_list())

    def name_list(self) -> list[str]:
        return [line.strip() for line in self.names.splitlines() if line.strip()]

    def clean(self):
        if len(self.name_list()) < 2:
            raise ValidationError({"names": _("تحتاج المجموعة إلى اسمين على الأقل، اسم في كل سطر.")})


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


class IndexGeneration(models.Model):
    """A token per search index (an OpenSearch alias) that the site writes anew after each of its own writes
    to that index (search/backends/opensearch.py). Reading it is the cheap "has the index changed?" that
    every search asks (one primary-key read in the database every worker shares), where asking the cluster
    for its statistics cost a request to it. A random token, not a counter, so that a rolled-back write (a
    test's) never brings back a token that results were cached under."""

    index = models.CharField(max_length=255, unique=True)
    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = "index generation"

    def __str__(self):
        return f"{self.index}: {self.token}"

    @classmethod
    def current(cls, index: str) -> str:
        """The index's token ("" before the site first wrote to it)."""
        return next(iter(cls.objects.filter(index=index).values_list("token", flat=True)[:1]), "")

    @classmethod
    def bump(cls, index: str) -> str:
        token = secrets.token_hex(16)
        if not cls.objects.filter(index=index).update(token=token):
            cls.objects.update_or_create(index=index, defaults={"token": token})
        return token
