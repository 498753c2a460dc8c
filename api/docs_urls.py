"""The API's documentation, mounted at /api/."""

from django.urls import path

from .views.docs import docs_view, schema_view

urlpatterns = [
    path("schema/", schema_view, name="api-schema"),
    path("docs/", docs_view, name="api-docs"),
]
