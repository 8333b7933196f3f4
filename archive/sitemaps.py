"""sitemap.xml: the home page, every session, document and resolution."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from archive.models import Document, Resolution, Session


class HomeSitemap(Sitemap):
    priority = 1.0

    def items(self):
        return ["archive:home"]

    def location(self, item):
        return reverse(item)


class SessionSitemap(Sitemap):
    priority = 0.8

    def items(self):
        return Session.objects.order_by("pk").only("slug")


class DocumentSitemap(Sitemap):
    priority = 0.6

    def items(self):
        return Document.objects.order_by("pk").only("pk", "created_at")

    def lastmod(self, document):
        return document.created_at


class ResolutionSitemap(Sitemap):
    priority = 0.7

    def items(self):
        return Resolution.objects.order_by("pk").only("pk")


SITEMAPS = {
    "home": HomeSitemap,
    "sessions": SessionSitemap,
    "documents": DocumentSitemap,
    "resolutions": ResolutionSitemap,
}
