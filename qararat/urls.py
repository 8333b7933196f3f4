from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    # Before the archive: its catch-all answers every other api/ path with a JSON 404.
    path("", include("search.urls")),
    path("", include("archive.urls")),
]
