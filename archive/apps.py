from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = gettext_lazy("الأرشيف")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from archive import citing, series
        from archive.models import Document, Paragraph, Resolution
        from archive.uploads import document_deleted

        post_delete.connect(document_deleted, sender=Document, dispatch_uid="archive-forget-raw-file")
        # Citations and series follow every edit (ingest stores paragraphs in bulk and calls citing itself).
        post_save.connect(citing.paragraph_saved, sender=Paragraph, dispatch_uid="archive-paragraph-citations")
        post_save.connect(citing.resolution_saved, sender=Resolution, dispatch_uid="archive-resolution-citations")
        post_save.connect(series.resolution_saved, sender=Resolution, dispatch_uid="archive-resolution-series")
