"""Keep the index in step with every save and delete, once the transaction has committed.

Ingestion stores paragraphs with bulk_create (no signals) and indexes the whole document on commit
(archive.sync); these handlers cover everything else: admin edits, deletes, re-linking sessions. Work
asked for in one transaction is written together when it commits (search.indexing): deleting a document
of 66,000 paragraphs is one batched removal, not 66,000 index writes.
"""

from __future__ import annotations

from django.db.models import signals
from haystack.signals import BaseSignalProcessor
from haystack.utils import get_identifier

from archive.models import Document, Paragraph, Resolution, Session
from search.indexing import (
    schedule_document_index,
    schedule_paragraph_index,
    schedule_paragraphs_index,
    schedule_removal,
)


class ArchiveSignalProcessor(BaseSignalProcessor):
    def _receivers(self):
        return [
            (signals.post_save, self.paragraph_saved, Paragraph),
            (signals.post_delete, self.paragraph_deleted, Paragraph),
            (signals.post_save, self.document_saved, Document),
            (signals.m2m_changed, self.document_sessions_changed, Document.sessions.through),
            (signals.post_save, self.resolution_saved, Resolution),
            (signals.post_save, self.session_saved, Session),
            (signals.pre_delete, self.resolution_deleting, Resolution),
            (signals.pre_delete, self.session_deleting, Session),
        ]

    def setup(self):
        for signal, receiver, sender in self._receivers():
            signal.connect(receiver, sender=sender)

    def teardown(self):
        for signal, receiver, sender in self._receivers():
            signal.disconnect(receiver, sender=sender)

    def paragraph_saved(self, sender, instance, raw=False, **kwargs):
        if raw:
            return
        schedule_paragraph_index(instance.pk)

    def paragraph_deleted(self, sender, instance, **kwargs):
        schedule_removal(get_identifier(instance))

    def document_saved(self, sender, instance, created=False, raw=False, **kwargs):
        # A new document has no paragraphs yet (sync indexes it once they exist); an edited one may have
        # changed its date, which the paragraphs' year facet depends on.
        if not created and not raw:
            schedule_document_index(instance.pk)

    def document_sessions_changed(self, sender, instance, action, reverse=False, pk_set=None, **kwargs):
        if not action.startswith("post_"):
            return
        for document_id in (pk_set or []) if reverse else [instance.pk]:
            schedule_document_index(document_id)

    def resolution_saved(self, sender, instance, created=False, raw=False, **kwargs):
        if not created and not raw:
            schedule_paragraphs_index(Paragraph.objects.filter(resolution_id=instance.pk))

    def session_saved(self, sender, instance, created=False, raw=False, **kwargs):
        if not created and not raw:
            schedule_paragraphs_index(Paragraph.objects.filter(document__sessions=instance.pk))

    def resolution_deleting(self, sender, instance, **kwargs):
        # Its paragraphs stay, unlinked by a bulk UPDATE that sends no signal: reindex their documents.
        documents = Paragraph.objects.filter(resolution=instance).values_list("document_id", flat=True)
        for document_id in set(documents):
            schedule_document_index(document_id)

    def session_deleting(self, sender, instance, **kwargs):
        # The documents' links to it go with it (no m2m_changed signal), and so do its resolutions.
        documents = set(instance.documents.values_list("pk", flat=True))
        documents |= set(Paragraph.objects.filter(resolution__session=instance).values_list("document_id", flat=True))
        for document_id in documents:
            schedule_document_index(document_id)

