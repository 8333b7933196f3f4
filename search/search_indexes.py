import re

from haystack import indexes

from archive.models import Paragraph
from search.whoosh_analysis import ArabicAnalyzer

# How much a word found only in a paragraph's context (its resolution's subject, its document's title)
# counts against the same word in the paragraph's own text; both engines weigh the fields so at query
# time (Whoosh: whoosh_backend.context_parser; Elasticsearch: query_dsl). Measured on the corpus with
# every resolution subject and document title as a query (62 queries, 58 with hits): a paragraph that holds
# none of the words first outranks one that holds them all at 0.5 (2 queries), at 0.75 and 1.0 in 7;
# never at 0.4 or below. 0.25 keeps a factor of two from the first such inversion and still finds the
# 165 paragraphs that only their context names. tests/test_context_search.py asserts the order for the
# Jerusalem subject.
FIELD_BOOSTS = {"text": 1.0, "context": 0.25}

# Digits, Western or Arabic-Indic, with what joins them in a number (32/38, 1-3, 9.5).
_NUMBER = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]+(?:\s*[/.\-–ـ]\s*[0-9\u0660-\u0669\u06f0-\u06f9]+)*")


class ParagraphIndex(indexes.SearchIndex, indexes.Indexable):
    """One search document per paragraph: the unit researchers read, cite and find."""

    text = indexes.CharField(document=True, use_template=False, model_attr="text", analyzer=ArabicAnalyzer())
    # What the paragraph belongs to, searched beside its text with a small weight (FIELD_BOOSTS).
    context = indexes.CharField(analyzer=ArabicAnalyzer())
    # Its document's UN symbol (A/RES/69/131), analysed like the text (a, res, 69, 131) so that a symbol
    # typed with any spacing or case meets it as a phrase (search.engine.symbol_paragraph_ids).
    symbol = indexes.CharField(analyzer=ArabicAnalyzer())
    document = indexes.IntegerField(model_attr="document_id")
    resolution = indexes.CharField(null=True)
    sessions = indexes.MultiValueField()
    bodies = indexes.MultiValueField()
    year = indexes.IntegerField(null=True)
    kind = indexes.CharField(model_attr="kind")
    # What the newest/oldest orders sort by (an engine that sorts, search/backends/opensearch.py): the
    # document's date, then the document and the paragraph's place in it, as the database orders them.
    date = indexes.DateField(null=True)
    position = indexes.IntegerField(model_attr="position")

    def get_model(self):
        return Paragraph

    def index_queryset(self, using=None):
        # Never the document's source bytes: every row would carry its own copy of them.
        return self.get_model().objects.with_document("resolution").prefetch_related("document__sessions")

    def prepare_resolution(self, obj):
        return obj.resolution.number if obj.resolution else None

    def prepare_context(self, obj):
        """Its resolution's subject and its document's title, each once (a resolution's title, "القرار
        10/19-س بشأن مدينة القدس الشريف", usually holds the subject already), in words without numbers.

        A resolution's number has its own way in: a query that names it lists the resolution's paragraphs
        first, in reading order and with no score (search.engine.run, /api/search/'s contract). In the
        context it would give every one of them a score, and a year or number in a title ("… 1979")
        would match every paragraph of the document.
        """
        title = obj.document.title
        subject = obj.resolution.subject if obj.resolution else ""
        if obj.resolution:
            for number in (obj.resolution.number, obj.resolution.printed_number):
                if number:
                    title = title.replace(number, " ")
        context = title if not subject or subject in title else f"{subject}\n{title}"
        return " ".join(_NUMBER.sub(" ", context).split())

    def prepare_symbol(self, obj):
        return obj.document.symbol

    def prepare_sessions(self, obj):
        return [session.slug for session in obj.document.sessions.all()]

    def prepare_bodies(self, obj):
        return sorted({session.body for session in obj.document.sessions.all()})

    def prepare_date(self, obj):
        return obj.document.date

    def prepare_year(self, obj):
        # The document's date's year, else its earliest session's (archive.models.Document.year).
        return obj.document.year
