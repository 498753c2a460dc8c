"""The URLs an API response gives: absolute, on the origin the request came to.

A client that reached the API as `https://sxd.bacninh.gov.vn` (or through an internal
host) follows every `detail_url`, `parent`, `find` redirect and `download_url` on that same
origin, with the same CORS policy. A page that the origin's own site does not hold (a
`site=*` listing, a legal basis on the portal) carries `?site=<id>`, so that its URL still
resolves the page in scope. `html_url` stays the page's canonical address on its own site.
"""

import re
from urllib.parse import quote

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils.http import RFC3986_SUBDELIMS
from wagtail.coreutils import WAGTAIL_APPEND_SLASH
from wagtail.models import Page, Site
from wagtail.urls import serve_pattern

from .tables import site_for_request, site_index


def absolute(request: HttpRequest, url: str) -> str:
    """`url` on the request's origin; URLs that are already absolute stay as they are."""
    return request.build_absolute_uri(url)


def host_site(request: HttpRequest) -> Site | None:
    """The site the request's Host names (Wagtail's matching; the default site otherwise)."""
    return site_for_request(request)


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


_SERVED_PATH = re.compile(serve_pattern)
_serve_prefixes: dict[str, str | None] = {}


def _served_url(page_path: str) -> str:
    """`reverse("wagtail_serve", args=(page_path,))`, reversed once per script prefix: a
    path the serve pattern matches reverses to the URL of "" followed by the quoted path."""
    script_prefix = get_script_prefix()
    if script_prefix not in _serve_prefixes:
        try:
            _serve_prefixes[script_prefix] = reverse("wagtail_serve", args=("",))
        except NoReverseMatch:
            _serve_prefixes[script_prefix] = None
    prefix = _serve_prefixes[script_prefix]
    if prefix is None or not _SERVED_PATH.match(page_path):
        return reverse("wagtail_serve", args=(page_path,))
    return prefix + quote(page_path, safe=RFC3986_SUBDELIMS + "/~:@")


def page_html_url(page: Page) -> str | None:
    """`page.full_url` (its canonical address on its own site), without a `reverse` per
    page: a listing gives one for every item."""
    if type(page).get_url_parts is not Page.get_url_parts or settings.WAGTAIL_I18N_ENABLED:
        return page.full_url  # its own routing, or language prefixes: Wagtail's way
    possible_sites = page._get_relevant_site_root_paths(None)
    if not possible_sites:
        return None
    _site_id, root_path, root_url, _language = possible_sites[0]
    try:
        path = _served_url(page.url_path[len(root_path) :])
    except NoReverseMatch:
        return None
    if not WAGTAIL_APPEND_SLASH and path != "/":
        path = path.rstrip("/")
    return root_url + path
