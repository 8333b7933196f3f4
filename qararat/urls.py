from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from archive.sitemaps import SITEMAPS
from archive.views import robots_txt

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    # Before the archive: its catch-all answers every other api/ path with a JSON 404.
    path("", include("search.urls")),
    path("", include("archive.urls")),
]
