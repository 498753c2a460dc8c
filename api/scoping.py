"""Which site an API request addresses: `?site=` (agency slug, hostname, site id or `*`) or
the Host header."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from sites.queries import UnknownSiteError, site_for_slug
from sites.visibility import Visibility

from .errors import not_found

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
        try:
            return site_for_value(value)
        except UnknownSiteError:
            raise not_found(
                _("Không tìm thấy trang thông tin “%(site)s”.") % {"site": value}
            ) from None
    site = Site.find_for_request(request)
    if site is None:
        raise not_found(_("Không xác định được trang thông tin của yêu cầu này."))
    return site


def public_pages(request: HttpRequest, site: Site | None, model: type[Page] = Page):
    """Live pages the caller may see, on `site` (or on any site when None): the public
    filter of `sites.visibility`, whose restrictions are read once per request."""
    return Visibility.for_request(request).filter_pages(model._default_manager.all(), site)


def site_of_path(path: str, sites: list[Site]) -> Site | None:
    """The site whose root is the nearest ancestor of a tree path."""
    matching = [site for site in sites if path.startswith(site.root_page.path)]
    return max(matching, key=lambda site: len(site.root_page.path), default=None)
