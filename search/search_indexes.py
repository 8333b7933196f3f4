from haystack import indexes

from archive.models import Paragraph
from search.whoosh_analysis import ArabicAnalyzer


class ParagraphIndex(indexes.SearchIndex, indexes.Indexable):
    """One search document per paragraph: the unit researchers read, cite and find."""

    text = indexes.CharField(document=True, use_template=False, model_attr="text", analyzer=ArabicAnalyzer())
    document = indexes.IntegerField(model_attr="document_id")
    resolution = indexes.CharField(null=True)
    sessions = indexes.MultiValueField()
    bodies = indexes.MultiValueField()
    year = indexes.IntegerField(null=True)
    kind = indexes.CharField(model_attr="kind")

    def get_model(self):
        return Paragraph

    def index_queryset(self, using=None):
        # Never the document's source bytes: every row would carry its own copy of them.
        return self.get_model().objects.with_document("resolution").prefetch_related("document__sessions")

    def prepare_resolution(self, obj):
        return obj.resolution.number if obj.resolution else None

    def prepare_sessions(self, obj):
        return [session.slug for session in obj.document.sessions.all()]

    def prepare_bodies(self, obj):
        return sorted({session.body for session in obj.document.sessions.all()})

    def prepare_year(self, obj):
        return obj.document.date.year if obj.document.date else None
