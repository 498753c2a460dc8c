"""The URLs an API response gives: absolute, on the origin the request came to.

A client that reached the API as `https://sxd.bacninh.gov.vn` (or through an internal
host) follows every `detail_url`, `parent`, `find` redirect and `download_url` on that same
origin, with the same CORS policy. A page that the origin's own site does not hold (a
`site=*` listing, a legal basis on the portal) carries `?site=<id>`, so that its URL still
resolves the page in scope. `html_url` stays the page's canonical address on its own site.
"""

from django.http import HttpRequest
from wagtail.models import Page, Site

from .tables import site_for_request, site_index


def absolute(request: HttpRequest, url: str) -> str:
    """`url` on the request's origin; URLs that are already absolute stay as they are."""
    return request.build_absolute_uri(url)


def host_site(request: HttpRequest) -> Site | None:
    """The site the request's Host names (Wagtail's matching; the default site otherwise)."""
    return site_for_request(request)


def all_sites(context: dict) -> list[Site]:
    """Every site with its root page and agency (api.tables: read once per content
    version)."""
    return site_index(context["request"]).sites


def with_site(request: HttpRequest, url: str, site: Site | None) -> str:
    """`url` scoped to `site` when the request's Host does not already name it."""
    if site is None or site == host_site(request):
        return url
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}site={site.pk}"


def page_api_url(context: dict, page: Page) -> str:
    """The detail URL of `page` on the request's origin, in the scope that holds the page."""
    request = context["request"]
    path = context["router"].get_object_detail_urlpath(Page, page.pk)
    site = site_index(request).of_path(page.path) if page.path else None
    return with_site(request, absolute(request, path), site)


def object_api_url(context: dict, model, pk: int) -> str | None:
    path = context["router"].get_object_detail_urlpath(model, pk)
    return absolute(context["request"], path) if path else None
