"""The pages endpoint: Wagtail's, scoped by `site=` as well as Host, with content filters."""

from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.api.v2 import filters as wagtail_filters
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.fields import ImageRenditionField

from news.models import NewsPage
from procedures.models import ProcedurePage

from ..errors import bad_request
from ..fields import AbsoluteImageRenditionField, SitePageSerializer
from ..filters import ContentFilter, FieldsFilter, all_filter_params
from ..scoping import public_pages, requested_site
from .base import DETAIL_PARAMETERS, APIViewSetMixin

LISTING_RELATED = {NewsPage: ["featured_image"], ProcedurePage: ["sector"]}


class PagesViewSet(APIViewSetMixin, PagesAPIViewSet):
    base_serializer_class = SitePageSerializer
    filter_backends = [
        FieldsFilter,
        ContentFilter,
        wagtail_filters.ChildOfFilter,
        wagtail_filters.AncestorOfFilter,
        wagtail_filters.DescendantOfFilter,
        wagtail_filters.OrderingFilter,
        wagtail_filters.SearchFilter,  # last: search results cannot be filtered further
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(all_filter_params())
    detail_query_parameters = DETAIL_PARAMETERS | {"site"}
    meta_fields = [*PagesAPIViewSet.meta_fields, "site"]
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, "site"]
    # A linked page (parent, legal basis, replaced by…) is a link: it needs its address.
    nested_default_fields = [*PagesAPIViewSet.nested_default_fields, "html_url"]

    @classmethod
    def get_field_serializer_overrides(cls, model):
        overrides = super().get_field_serializer_overrides(model)
        for name, serializer in overrides.items():
            if type(serializer) is ImageRenditionField:
                overrides[name] = AbsoluteImageRenditionField(
                    serializer.filter_spec, serializer.preserve_svg, source=serializer.source
                )
        return overrides

    @cached_property
    def scope_site(self):
        """The addressed site; None means all sites (`site=*`)."""
        return requested_site(self.request)

    def get_root_page(self):
        if self.scope_site is None:
            raise bad_request(_("child_of=root cần một trang thông tin cụ thể, không dùng site=*."))
        return self.scope_site.root_page

    def get_base_queryset(self):
        return public_pages(self.request, self.scope_site)

    def get_queryset(self):
        if self.request.GET.get("type") == "":
            raise bad_request(
                _("Tham số type để trống: bỏ nó đi hoặc ghi loại trang, ví dụ type=news.NewsPage.")
            )
        # The foreign keys that listings serialise, joined instead of one query per item.
        queryset = super().get_queryset()
        related = LISTING_RELATED.get(queryset.model)
        return queryset.select_related(*related) if related else queryset

    def find_object(self, queryset, request):
        if "html_path" not in request.GET:
            return super(PagesAPIViewSet, self).find_object(queryset, request)
        if self.scope_site is None:
            raise bad_request(_("find cần một trang thông tin cụ thể, không dùng site=*."))
        return find_by_html_path(queryset, request, self.scope_site)


def find_by_html_path(queryset, request, site):
    """The public page at `html_path` on `site`, routed the way the site serves it."""
    components = [part for part in request.GET["html_path"].split("/") if part]
    try:
        page, _args, _kwargs = site.root_page.specific.route(request, components)
    except Http404:
        return None
    return page if queryset.filter(pk=page.pk).exists() else None
