"""Public search endpoints, mounted at /api/v2/search/ by cms/urls.py."""

from django.urls import path

from . import views

app_name = "search"
urlpatterns = [
    path("", views.search_view, name="search"),
    path("suggest/", views.suggest_view, name="suggest"),
]
