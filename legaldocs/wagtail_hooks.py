"""Admin registration: a flat, filterable list of legal document pages."""

import django_filters
from django.db.models import QuerySet
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from .choices import DocumentType
from .models import LegalDocumentPage


def _issuing_body_choices() -> list[tuple[str, str]]:
    bodies = (
        LegalDocumentPage.objects.order_by("issuing_body")
        .values_list("issuing_body", flat=True)
        .distinct()
    )
    return [(body, body) for body in bodies]


def _year_choices() -> list[tuple[int, int]]:
    years = (
        LegalDocumentPage.objects.annotate(year=ExtractYear("issue_date"))
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    return [(year, str(year)) for year in years]


class LegalDocumentFilterSet(PageFilterSet):
    document_type = django_filters.ChoiceFilter(
        label=_("Loại văn bản"), choices=DocumentType.choices
    )
    issuing_body = django_filters.ChoiceFilter(
        label=_("Cơ quan ban hành"), choices=_issuing_body_choices
    )
    year = django_filters.TypedChoiceFilter(
        label=_("Năm ban hành"), choices=_year_choices, coerce=int, method="filter_year"
    )

    class Meta:
        model = LegalDocumentPage
        fields = []

    def filter_year(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(issue_date__year=value) if value else queryset


class LegalDocumentListingViewSet(PageListingViewSet):
    model = LegalDocumentPage
    icon = "doc-full"
    menu_label = _("Văn bản pháp luật")
    name = "legal_document_pages"
    add_to_admin_menu = True
    menu_order = 220
    filterset_class = LegalDocumentFilterSet
    columns = [
        *PageListingViewSet.columns,
        Column("number", label=_("Số ký hiệu"), sort_key="number"),
        DateColumn("issue_date", label=_("Ngày ban hành"), sort_key="issue_date"),
        Column("issuing_body", label=_("Cơ quan ban hành")),
    ]


@hooks.register("register_admin_viewset")
def register_legal_document_listing() -> LegalDocumentListingViewSet:
    return LegalDocumentListingViewSet()
