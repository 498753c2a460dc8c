"""Admin: synonyms (admins), best bets (each site's editors) and the search status panel."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from sites.models import AgencyGroup
from sites.views import SiteScopedSnippetViewSet

from . import views
from .models import BestBet, SearchSynonym
from .permissions import can_view_status


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = _("Từ đồng nghĩa tìm kiếm")
    list_display = ["__str__", "note"]
    search_fields = ["phrases", "note"]


register_snippet(SearchSynonymViewSet)


class BestBetViewSet(SiteScopedSnippetViewSet):
    """Confined to the editor's own sites, like every site-scoped snippet; the form refuses
    a page of another site (except on the portal, whose bets cover the province)."""

    model = BestBet
    icon = "pick"
    menu_label = _("Kết quả ưu tiên")
    list_display = ["__str__", "site", "sort_order"]
    search_fields = ["queries", "note"]


register_snippet(BestBetViewSet)


@hooks.register("register_site_role_permissions")
def best_bet_role_permissions(role: str, agency_kind: str) -> list[str]:
    """Every editorial role pins results on its own site's search."""
    if role not in AgencyGroup.Role.values:
        return []
    return [f"public_search.{action}_bestbet" for action in ("add", "change", "delete")]


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
