"""The archive's data version: one row whose token changes with every change to the archive's data."""

from __future__ import annotations

import secrets

from django.db import connections, models

ROW = 1


class DataVersion(models.Model):
    """A token that changes, in the same transaction, whenever a row of the archive or search apps is
    saved or deleted (ops.signals): a page cached under a token (ops.page_cache) is therefore never served
    once the data it shows has changed, in any worker or on any machine that shares the database. A new
    random token, not a counter: a rolled-back change (or a test's) can never bring back a token that
    pages were cached under while other data was visible."""

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = "data version"

    def __str__(self):
        return self.token

    @classmethod
    def current(cls, using: str = "default") -> str:
        """The token now (one primary-key read, raw SQL: it is asked on every cached page); "" when the
        row is missing (a flushed database), until the next change writes it."""
        with connections[using].cursor() as cursor:
            cursor.execute(f"SELECT token FROM {cls._meta.db_table} WHERE id = %s", [ROW])  # noqa: S608
            row = cursor.fetchone()
        return row[0] if row else ""

    @classmethod
    def bump(cls, using: str = "default") -> str:
        token = secrets.token_hex(16)
        if not cls.objects.using(using).filter(pk=ROW).update(token=token):
            cls.objects.using(using).update_or_create(pk=ROW, defaults={"token": token})
        return token
