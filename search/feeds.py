"""A search as an Atom feed (/search/feed/?q=…&filters): the first FEED_ENTRIES paragraphs of the results
page's own search, in its order (relevance unless the page asked for newest or oldest first). A
researcher's alert without an account: a feed reader polls it and shows the paragraphs it has not seen
(each entry's id is the paragraph's permalink)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from archive.feeds import FEED_ENTRIES, document_summary
from search.export import paragraphs, result_ids


class SearchFeed(Feed):
    feed_type = Atom1Feed
    language = "ar"

    def get_object(self, request):
        self.request = request
        return request.GET.get("q", "").strip()

    def title(self, text):
        return _("قرارات: بحث عن «%(query)s»") % {"query": text} if text else _("قرارات: بحث")

    def subtitle(self, text):
        return _("أول %(count)s فقرة من نتائج هذا البحث في أرشيف قرارات.") % {"count": FEED_ENTRIES}

    def link(self, text):
        query = self.request.GET.urlencode()
        return f"{reverse('search:results')}?{query}" if query else reverse("search:results")

    def feed_url(self, text):
        query = self.request.GET.urlencode()
        return f"{reverse('search:feed')}?{query}" if query else reverse("search:feed")

    def items(self, text):
        return list(paragraphs(result_ids(self.request, FEED_ENTRIES)))

    def item_title(self, paragraph):
        if paragraph.resolution:
            return _("القرار %(number)s: %(title)s") % {
                "number": paragraph.resolution.number,
                "title": paragraph.resolution.subject or paragraph.document.title,
            }
        return paragraph.document.title

    def item_description(self, paragraph):
        return f"{paragraph.text}\n\n{document_summary(paragraph.document)}"

    def item_link(self, paragraph):
        return paragraph.get_absolute_url()

    def item_pubdate(self, paragraph):
        return paragraph.document.created_at

    def item_updateddate(self, paragraph):
        return paragraph.document.created_at

    def item_author_name(self, paragraph):
        names = dict.fromkeys(session.body_name for session in paragraph.document.sessions.all())
        return "، ".join(names) or None
