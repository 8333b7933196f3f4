from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = gettext_lazy("الأرشيف")

    def ready(self):
        from django.db.models.signals import post_delete

        from archive.models import Document
        from archive.uploads import document_deleted

        post_delete.connect(document_deleted, sender=Document, dispatch_uid="archive-forget-raw-file")
