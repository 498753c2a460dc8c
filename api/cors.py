"""CORS allow-lists: a site's own origins (its FrontendConfig) plus the portal-wide ones
(PortalFrontendSettings), which alone may read `site=*`.

The lists are read once and kept in the cache until a configuration changes
(api.signal_handlers)."""

from django.core.cache import cache
from django.http import HttpRequest
from wagtail.models import Site

from sites.queries import UnknownSiteError

from .models import FrontendConfig, PortalFrontendSettings
from .scoping import ALL_SITES, site_for_value

CACHE_KEY = "api:cors-origins"
PORTAL = "*"


def origin_lists() -> dict:
    """{site id: its origins, "*": the portal-wide origins}."""
    lists = cache.get(CACHE_KEY)
    if lists is None:
        lists = {config.site_id: set(config.origins) for config in FrontendConfig.objects.all()}
        lists[PORTAL] = set(PortalFrontendSettings.load().origins)
        cache.set(CACHE_KEY, lists, None)
    return lists


def forget_origins() -> None:
    cache.delete(CACHE_KEY)


def allowed_origins(request: HttpRequest) -> set[str]:
    """The origins that may read what this request addresses."""
    lists = origin_lists()
    value = request.GET.get("site", "").strip()
    if value == ALL_SITES:
        return lists[PORTAL]
    try:
        site = site_for_value(value) if value else Site.find_for_request(request)
    except UnknownSiteError:
        return set()
    own = lists.get(site.pk, set()) if site else set()
    return own | lists[PORTAL]


def cors_allowed(sender, request: HttpRequest, **kwargs) -> bool:
    """django-cors-headers' check_request_enabled receiver."""
    if not request.path.startswith("/api/"):
        return False
    origin = request.headers.get("Origin", "").rstrip("/").lower()
    return bool(origin) and origin in allowed_origins(request)
