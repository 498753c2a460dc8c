"""Wagtail's multiple upload views at Wagtail's own paths, with the agency's collection chosen
first (editorial.views); included in cms/urls.py before Wagtail's admin URLs. Unnamed: the
URL names to reverse stay Wagtail's."""

from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from . import views

urlpatterns = [
    path("images/multiple/add/", views.ImageMultipleUploadView.as_view()),
    path("documents/multiple/add/", views.DocumentMultipleUploadView.as_view()),
]

urlpatterns = decorate_urlpatterns(urlpatterns, require_admin_access)
