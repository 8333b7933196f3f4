"""Move the data version (ops.models.DataVersion) with every change to the archive's data.

Every save and delete of a model of the archive app (documents, paragraphs, resolutions, sessions,
citations, series…) or of the search app's synonym groups, and every change of a many-to-many link
between them, writes a new token in the same transaction as the change: readers see the old data with the
old token or the new data with the new one. Once per transaction: deleting a document of 66,000 paragraphs
sends 66,000 post_delete signals but writes the token once. Bulk writes that send no signal (bulk_create,
QuerySet.update) are always made beside a save that does (archive.sync saves the document; the admin saves
every paragraph it moved), so they are covered too.
"""

from __future__ import annotations

from django.db import router, transaction
from django.db.models import signals

from ops.models import DataVersion

# Everything of the archive app; of the search app the synonym groups (not IndexGeneration, which every
# index write moves and which no page shows).
WATCHED_APPS = frozenset({"archive"})
WATCHED_MODELS = frozenset({"search.synonymgroup"})


def _written_in_this_transaction() -> None:
    """A marker left in the transaction's on-commit list once its token is written. Django empties that
    list on commit and on rollback (and drops a rolled-back savepoint's entries, as the database drops
    the savepoint's token write), so its presence means exactly "this transaction already wrote one"."""


def data_changed(sender, using=None, **kwargs) -> None:
    if sender._meta.app_label not in WATCHED_APPS and sender._meta.label_lower not in WATCHED_MODELS:
        return
    using = using or router.db_for_write(sender)
    connection = transaction.get_connection(using)
    if connection.in_atomic_block:
        if any(func is _written_in_this_transaction for _sids, func, _robust in connection.run_on_commit):
            return
        transaction.on_commit(_written_in_this_transaction, using=using)
    DataVersion.bump(using)


def m2m_data_changed(sender, action, using=None, **kwargs) -> None:
    if action.startswith("post_"):
        data_changed(sender, using=using)


def connect() -> None:
    signals.post_save.connect(data_changed, dispatch_uid="ops.data_changed.save")
    signals.post_delete.connect(data_changed, dispatch_uid="ops.data_changed.delete")
    signals.m2m_changed.connect(m2m_data_changed, dispatch_uid="ops.data_changed.m2m")
