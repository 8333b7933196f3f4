from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from archive import openapi
from archive.sitemaps import SITEMAPS
from archive.views import robots_txt

# Under /api/ every error is JSON {"error": …}; elsewhere Django's pages (templates/404.html, 500.html).
handler400 = "archive.api.bad_request"
handler403 = "archive.api.permission_denied"
handler404 = "archive.api.page_not_found"
handler500 = "archive.api.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("api/openapi.json", openapi.schema, name="api-openapi"),
    # Before the archive: its catch-all answers every other api/ path with a JSON 404.
    path("", include("search.urls")),
    path("", include("archive.urls")),
]
