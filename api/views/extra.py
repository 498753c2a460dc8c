"""Endpoints beyond Wagtail's: sites, menus, redirects, news categories, sectors.

Listings follow the pages endpoint: `limit`/`offset`, `meta.total_count`, and a 400 naming
any query parameter the endpoint does not know."""

from django.db.models import Q
from django.utils.translation import gettext as _
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.models import Site

from news.models import NewsCategory
from procedures.models import Sector

from ..errors import not_found
from ..pagination import page_window
from ..params import reject_unknown
from ..router import api_router
from ..scoping import public_pages, requested_site
from ..site_data import find_redirect, full_site_data, menu_tree, redirect_data, site_redirects
from .base import VietnameseErrorsMixin

COMMON = frozenset({"format", "_"})
LISTING = COMMON | {"limit", "offset"}


class APIBaseView(VietnameseErrorsMixin, APIView):
    authentication_classes: list = []
    permission_classes: list = []
    query_parameters: frozenset[str] = COMMON

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        reject_unknown(request.GET, self.query_parameters)

    def listing(self, items, serialize) -> Response:
        """One window of `items` (a queryset or a list) as a Wagtail-style listing."""
        offset, limit = page_window(self.request)
        total = len(items) if isinstance(items, list) else items.count()
        window = items[min(offset, total) : offset + limit]
        return Response(
            {"meta": {"total_count": total}, "items": [serialize(item) for item in window]}
        )


class SitesView(APIBaseView):
    query_parameters = LISTING

    def get(self, request):
        sites = Site.objects.select_related("root_page", "agency").order_by(
            "-is_default_site", "hostname", "pk"
        )
        return self.listing(sites, lambda site: full_site_data(site, request))


class SiteDetailView(APIBaseView):
    def get(self, request, pk: int):
        site = Site.objects.select_related("root_page", "agency").filter(pk=pk).first()
        if site is None:
            raise not_found(_("Không tìm thấy trang thông tin."))
        return Response(full_site_data(site, request))


class SingleSiteView(APIBaseView):
    """A view about one site: the Host's, or the one named by `site=` (not `*`)."""

    def get_site(self, request):
        site = requested_site(request)
        if site is None:
            raise not_found(_("Cần chỉ rõ một trang thông tin (site=), không dùng site=*."))
        return site


class MenusView(SingleSiteView):
    query_parameters = COMMON | {"site"}

    def get(self, request):
        site = self.get_site(request)
        return Response({"site": site.hostname, "items": menu_tree(request, site)})


class RedirectsView(SingleSiteView):
    """The site's redirects (and those for all sites). `old_path` looks one up the way a
    request for that path would follow it: the front-end's 404 handler."""

    query_parameters = LISTING | {"site", "old_path"}

    def get(self, request):
        site = self.get_site(request)
        context = {"request": request, "router": api_router}
        # A redirect to a page the caller may not see would leak that page's address.
        public = Q(redirect_page__isnull=True) | Q(
            redirect_page__in=public_pages(request, None).values("pk")
        )
        redirects = site_redirects(site).filter(public)
        if "old_path" in request.GET:
            found = find_redirect(redirects, request.GET["old_path"])
            redirects = redirects.filter(pk=found.pk) if found else redirects.none()
        return self.listing(redirects, lambda redirect: redirect_data(context, redirect))


class NewsCategoriesView(APIBaseView):
    query_parameters = LISTING | {"site"}

    def get(self, request):
        site = requested_site(request)
        categories = NewsCategory.objects.select_related("site").order_by("site_id", "name", "pk")
        if site is not None:
            categories = categories.filter(site=site)
        return self.listing(
            categories,
            lambda c: {"id": c.pk, "name": c.name, "slug": c.slug, "site": c.site.hostname},
        )


class SectorsView(APIBaseView):
    query_parameters = LISTING

    def get(self, request):
        return self.listing(
            Sector.objects.order_by("name", "pk"),
            lambda s: {"id": s.pk, "name": s.name, "slug": s.slug, "code": s.code},
        )
