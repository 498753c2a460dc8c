"""Which site an API request addresses: `?site=` (agency slug, hostname, site id or `*`) or
the Host header."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from home.compiled import TEXT_MARKER, CompiledQuery
from sites.queries import UnknownSiteError, site_for_slug

from .caching import is_cacheable
from .errors import not_found
from .tables import KeptPerVersion, site_for_request, visibility

ALL_SITES = "*"


def site_for_value(value: str) -> Site:
    """The site a `site=` value names; raises UnknownSiteError."""
    return site_for_slug(value.split(":", 1)[0])


def requested_site(request: HttpRequest) -> Site | None:
    """The addressed site, or None for `site=*` (all sites). Unknown site → 404."""
    value = request.GET.get("site", "").strip()
    if value == ALL_SITES:
        return None
    if value:
        # Asked by the response cache, then by the view: one look-up.
        known = getattr(request, "_api_named_site", None)
        if known is not None and known[0] == value:
            return known[1]
        try:
            request._api_named_site = (value, site_for_value(value))
            return request._api_named_site[1]
        except UnknownSiteError:
            raise not_found(
                _("Không tìm thấy trang thông tin “%(site)s”.") % {"site": value}
            ) from None
    site = site_for_request(request)
    if site is None:
        raise not_found(_("Không xác định được trang thông tin của yêu cầu này."))
    return site


def public_pages(request: HttpRequest, site: Site | None, model: type[Page] = Page):
    """Live pages the caller may see, on `site` (or on any site when None): the public
    filter of `sites.visibility`, given the tables this process keeps per content version."""
    return visibility(request).filter_pages(model._default_manager.all(), site)


# Anonymous callers' public parents, per content version: (site id or None, parent path) →
# page or None. Pages of one section share a parent, so a response rarely needs a query; the
# query is compiled once per site.
_parents: KeptPerVersion[Page | None] = KeptPerVersion(5000)
_parent_queries: KeptPerVersion[CompiledQuery] = KeptPerVersion(2000)


def public_parent(request: HttpRequest, site: Site | None, page: Page) -> Page | None:
    """The parent of `page` when the caller may see it: the answer of `public_pages` for the
    parent's path, kept per content version for anonymous callers (whom every restriction
    keeps out alike)."""
    if page.depth <= 1:
        return None
    path = page.path[: -page.steplen]
    if not is_cacheable(request):
        return public_pages(request, site).filter(path=path).first()
    site_id = site.pk if site else None

    def find() -> Page | None:
        query = _parent_queries.get(
            request,
            site_id,
            lambda: CompiledQuery(
                public_pages(request, site).filter(path=TEXT_MARKER).order_by(), (TEXT_MARKER,)
            ),
        )
        found = query.fetch(path)
        return found[0] if found else None

    return _parents.get(request, (site_id, path), find)
