"""The list of a site's procedures."""

from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from sites.page_permissions import PagePermissionsMixin
from sites.references import ReferenceCheckedPageForm
from sites.slugs import AsciiSlugMixin

from ..forms import ProcedureFilterForm
from .procedure import ProcedurePage

PROCEDURES_PER_PAGE = 20


class ProcedureIndexPage(PagePermissionsMixin, AsciiSlugMixin, Page):
    """The list of a site's procedures, filterable by sector, level and online level."""

    intro = RichTextField(_("giới thiệu"), blank=True, features=["bold", "italic", "link"])

    base_form_class = ReferenceCheckedPageForm
    parent_page_types = ["home.HomePage"]
    subpage_types = ["procedures.ProcedurePage"]
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("danh mục thủ tục hành chính")
        verbose_name_plural = _("danh mục thủ tục hành chính")

    def procedures(self) -> models.QuerySet["ProcedurePage"]:
        return (
            ProcedurePage.objects.child_of(self)
            .live()
            .public()
            .select_related("sector")
            .order_by("code", "title")
        )

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        form = ProcedureFilterForm(request.GET)
        procedures = self.procedures()
        if form.is_valid():
            procedures = form.filter(procedures)
        page_obj = Paginator(procedures, PROCEDURES_PER_PAGE).get_page(request.GET.get("page"))
        # Pagination links keep the filters but not the current page number.
        params = request.GET.copy()
        params.pop("page", None)
        context.update(
            filter_form=form,
            procedures=page_obj,
            filter_query=params.urlencode(),
            is_filtered=any(params.get(name) for name in form.fields),
        )
        return context
