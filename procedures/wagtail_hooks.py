"""Admin registration: the sector snippet and a flat, filterable list of procedure pages."""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .choices import LEVEL_FIELDS, Level, OnlineLevel
from .models import ProcedurePage, Sector


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "tag"
    menu_label = _("Lĩnh vực")
    add_to_admin_menu = False
    list_display = ["name", "code", "slug"]
    search_fields = ["name", "code"]
    # Plain ORM search: the sector list is short and the admin's search backend is the DB.
    search_backend_name = None
    ordering = ["name"]
    list_per_page = 50


class ProcedureFilterSet(PageFilterSet):
    sector = django_filters.ModelChoiceFilter(
        label=_("Lĩnh vực"), queryset=Sector.objects.all(), empty_label=_("Tất cả")
    )
    level = django_filters.ChoiceFilter(
        label=_("Cấp thực hiện"), choices=Level.choices, method="filter_level"
    )
    online_level = django_filters.ChoiceFilter(
        label=_("Mức độ trực tuyến"), choices=OnlineLevel.choices
    )

    class Meta:
        model = ProcedurePage
        fields = []

    def filter_level(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(**{LEVEL_FIELDS[value]: True}) if value else queryset


class ProcedureListingViewSet(PageListingViewSet):
    model = ProcedurePage
    icon = "list-ul"
    menu_label = _("Thủ tục hành chính")
    name = "procedure_pages"
    add_to_admin_menu = True
    menu_order = 210
    filterset_class = ProcedureFilterSet
    columns = [
        *PageListingViewSet.columns,
        Column("code", label=_("Mã thủ tục"), sort_key="code"),
        Column("sector", label=_("Lĩnh vực")),
        Column("get_online_level_display", label=_("Trực tuyến")),
    ]


register_snippet(SectorViewSet)


@hooks.register("register_admin_viewset")
def register_procedure_listing() -> ProcedureListingViewSet:
    return ProcedureListingViewSet()
