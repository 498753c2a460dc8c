"""Admin: the synonym snippet and the search status panel."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import views
from .models import SearchSynonym
from .permissions import can_view_status


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = _("Từ đồng nghĩa tìm kiếm")
    list_display = ["__str__", "note"]
    search_fields = ["phrases", "note"]


register_snippet(SearchSynonymViewSet)


class StatusMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return can_view_status(request.user)


@hooks.register("register_admin_urls")
def register_status_url():
    return [path("search-status/", views.status_view, name="search_status")]


@hooks.register("register_settings_menu_item")
def register_status_menu_item():
    return StatusMenuItem(
        _("Trạng thái tìm kiếm"), reverse("search_status"), icon_name="search", order=900
    )
