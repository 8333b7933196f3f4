from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from archive import openapi
from archive.sitemaps import SITEMAPS
from archive.views import robots_txt

# Under /api/ every error is JSON {"error": …}; elsewhere Django's pages (templates/404.html, 500.html).
handler400 = "archive.api.bad_request"
handler403 = "archive.api.permission_denied"
handler404 = "archive.api.page_not_found"
handler500 = "archive.api.server_error"


class FaviconView(RedirectView):
    """/favicon.ico, which browsers ask for on pages without a <link rel="icon"> (JSON, raw text): a redirect
    to the icon's hashed static URL, which whitenoise serves with a year's cache. Temporary (302), because
    that URL changes whenever the icon does; resolved per request, since the manifest of hashed names may
    not exist yet when this module is imported (manage.py collectstatic)."""

    permanent = False

    def get_redirect_url(self, *args, **kwargs):
        return static("favicon.svg")


urlpatterns = [
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("api/openapi.json", openapi.schema, name="api-openapi"),
    # Before the archive: its catch-all answers every other api/ path with a JSON 404.
    path("", include("search.urls")),
    path("", include("archive.urls")),
]
