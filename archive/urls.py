from django.urls import path, re_path

from archive import api, feeds, oai, preferences, series_views, views

app_name = "archive"

urlpatterns = [
    path("", views.home, name="home"),
    path("sessions/<slug:slug>/", views.session_detail, name="session-detail"),
    path("sessions/<slug:slug>/feed/", feeds.SessionDocumentsFeed(), name="session-feed"),
    path("feeds/documents/", feeds.DocumentsFeed(), name="documents-feed"),
    path("oai/", oai.oai, name="oai"),
    path("documents/<int:pk>/", views.document_detail, name="document-detail"),
    path("documents/<int:pk>/raw.txt", views.document_raw, name="document-raw"),
    path("documents/<int:pk>/download.txt", views.document_text, name="document-text"),
    path("documents/<int:pk>/download.json", views.document_json, name="document-json"),
    path("resolutions/<int:pk>/", views.resolution_detail, name="resolution-detail"),
    path("resolutions/<int:pk>/compare/", series_views.resolution_compare, name="resolution-compare-with"),
    path("resolutions/<int:pk>/compare/<int:other>/", series_views.resolution_compare, name="resolution-compare"),
    path("resolutions/<int:pk>/download.txt", views.resolution_text, name="resolution-text"),
    path("resolutions/<int:pk>/download.json", views.resolution_json, name="resolution-json"),
    re_path(r"^resolutions/(?P<pk>[0-9]+)/cite\.(?P<style>ris|bib)$", views.resolution_reference, name="resolution-reference"),
    re_path(r"^documents/(?P<pk>[0-9]+)/cite\.(?P<style>ris|bib)$", views.document_reference, name="document-reference"),
    path("preferences/", preferences.update, name="preferences"),
    path("api/sessions/", api.session_list, name="api-session-list"),
    path("api/sessions/<str:slug>/", api.session_detail, name="api-session-detail"),
    path("api/documents/<int:pk>/", api.document_detail, name="api-document-detail"),
    path("api/resolutions/<int:pk>/", api.resolution_detail, name="api-resolution-detail"),
    path(
        "api/resolutions/<int:pk>/compare/<int:other>/",
        series_views.api_resolution_compare,
        name="api-resolution-compare",
    ),
    # Anything else under api/ is a JSON 404 too, never the HTML page.
    re_path(r"^api/(?:.*/)?$", api.not_found, name="api-not-found"),
]
