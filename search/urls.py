"""Public search endpoints, mounted at /api/v2/search/ by cms/urls.py."""

app_name = "search"
urlpatterns: list = []
