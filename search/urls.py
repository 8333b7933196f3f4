from django.urls import path

from search import api, views

app_name = "search"

urlpatterns = [
    path("search/", views.results, name="results"),
    path("api/search/", api.search, name="api"),
]
