from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "الأرشيف"

    def ready(self):
        from django.db.models.signals import post_delete

        from archive.models import Document
        from archive.uploads import document_deleted

        post_delete.connect(document_deleted, sender=Document, dispatch_uid="archive-forget-raw-file")
