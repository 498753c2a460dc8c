"""The front-end's participation pages, on every site's host (cms/urls.py includes them
before Wagtail's pages: a page with one of these paths would be shadowed)."""

from django.urls import path

from . import views

urlpatterns = [
    path("hoi-dap/gui-cau-hoi/", views.ask, name="participation_ask"),
    path("hoi-dap/tra-cuu/", views.status, name="participation_status"),
    path("lay-y-kien/<int:pk>/gop-y/", views.comment, name="participation_comment"),
]
