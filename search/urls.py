from django.urls import path, re_path

from search import api, export, feeds, views

app_name = "search"

urlpatterns = [
    path("search/", views.results, name="results"),
    path("search/feed/", feeds.SearchFeed(), name="feed"),
    path("search/export.csv", export.export_csv, name="export-csv"),
    re_path(r"^search/export\.(?P<style>ris|bib)$", export.export_references, name="export-references"),
    path("api/search/", api.search, name="api"),
]
