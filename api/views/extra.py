"""Endpoints beyond Wagtail's: sites, menus, redirects, news categories, sectors."""

from django.utils.translation import gettext as _
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.models import Site

from news.models import NewsCategory
from procedures.models import Sector

from ..errors import not_found
from ..scoping import requested_site
from ..site_data import full_site_data, menu_tree, redirects_data
from .base import VietnameseErrorsMixin


def listing(items: list) -> Response:
    return Response({"meta": {"total_count": len(items)}, "items": items})


class APIBaseView(VietnameseErrorsMixin, APIView):
    authentication_classes: list = []
    permission_classes: list = []


class SitesView(APIBaseView):
    def get(self, request):
        sites = Site.objects.select_related("root_page", "agency").order_by(
            "-is_default_site", "hostname"
        )
        return listing([full_site_data(site) for site in sites])


class SiteDetailView(APIBaseView):
    def get(self, request, pk: int):
        site = Site.objects.select_related("root_page", "agency").filter(pk=pk).first()
        if site is None:
            raise not_found(_("Không tìm thấy trang thông tin."))
        return Response(full_site_data(site))


class SingleSiteView(APIBaseView):
    """A view about one site: the Host's, or the one named by `site=` (not `*`)."""

    def get_site(self, request):
        site = requested_site(request)
        if site is None:
            raise not_found(_("Cần chỉ rõ một trang thông tin (site=), không dùng site=*."))
        return site


class MenusView(SingleSiteView):
    def get(self, request):
        site = self.get_site(request)
        return Response({"site": site.hostname, "items": menu_tree(request, site)})


class RedirectsView(SingleSiteView):
    def get(self, request):
        return listing(redirects_data(self.get_site(request)))


class NewsCategoriesView(APIBaseView):
    def get(self, request):
        site = requested_site(request)
        categories = NewsCategory.objects.select_related("site").order_by("site_id", "name")
        if site is not None:
            categories = categories.filter(site=site)
        return listing(
            [
                {"id": c.pk, "name": c.name, "slug": c.slug, "site": c.site.hostname}
                for c in categories
            ]
        )


class SectorsView(APIBaseView):
    def get(self, request):
        return listing(
            [
                {"id": s.pk, "name": s.name, "slug": s.slug, "code": s.code}
                for s in Sector.objects.all()
            ]
        )
