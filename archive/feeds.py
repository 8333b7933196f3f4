"""Atom feeds of new documents: the whole archive's (/feeds/documents/) and one session's
(/sessions/<slug>/feed/). Django's syndication framework writes them (Atom1Feed); links are absolute (the
request's scheme and host). A search's feed is search/feeds.py."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from archive.display import gregorian_range
from archive.models import Document, DocumentKind, Session

# Entries in a feed: the newest documents first.
FEED_ENTRIES = 50


class DocumentsFeed(Feed):
    feed_type = Atom1Feed
    language = "ar"

    def title(self):
        return _("قرارات: وثائق أضيفت حديثًا")

    def subtitle(self):
        return _("أحدث ما أضيف إلى أرشيف قرارات منظمة التعاون الإسلامي والأمم المتحدة.")

    def link(self):
        return reverse("archive:home")

    def items(self):
        return self.documents(Document.objects.all())

    @staticmethod
    def documents(queryset):
        return (
            queryset.light()
            .with_modified_at()
            .prefetch_related("sessions")
            .order_by("-created_at", "-pk")[:FEED_ENTRIES]
        )

    def item_title(self, document):
        return document.title

    def item_description(self, document):
        return document_summary(document)

    def item_link(self, document):
        return document.get_absolute_url()

    def item_pubdate(self, document):
        return document.created_at

    def item_updateddate(self, document):
        return document.modified_at

    def item_author_name(self, document):
        return "، ".join(dict.fromkeys(session.body_name for session in document.sessions.all())) or None

    def item_categories(self, document):
        return [DocumentKind(document.kind).label] if document.kind in DocumentKind.values else []


class SessionDocumentsFeed(DocumentsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Session, slug=slug)

    def title(self, session):
        return _("قرارات: وثائق %(session)s") % {"session": session.title}

    def subtitle(self, session):
        return _("وثائق هذه الدورة في أرشيف قرارات، الأحدث إضافةً أولًا.")

    def link(self, session):
        return session.get_absolute_url()

    def items(self, session):
        return self.documents(session.documents.all())


def document_summary(document: Document) -> str:
    """The document's sessions, kind, symbol and date, in the interface language: a feed entry's summary."""
    parts = [session.title for session in document.sessions.all()]
    if document.kind in DocumentKind.values:
        parts.append(str(DocumentKind(document.kind).label))
    parts += [document.symbol, gregorian_range(document.date) if document.date else ""]
    return _("، ").join(part for part in parts if part)
