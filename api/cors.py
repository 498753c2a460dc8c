"""CORS allow-list per site: the origins in the addressed site's FrontendConfig."""

from django.http import HttpRequest
from wagtail.models import Site

from sites.queries import UnknownSiteError, site_for_slug

from .models import FrontendConfig


def allowed_origins(request: HttpRequest) -> set[str]:
    value = request.GET.get("site", "").strip()
    configs = FrontendConfig.objects.all()
    if value != "*":
        try:
            site = site_for_slug(value.split(":", 1)[0]) if value else None
        except UnknownSiteError:
            return set()
        site = site or Site.find_for_request(request)
        configs = configs.filter(site=site)
    return {origin for config in configs for origin in config.origins}


def cors_allowed(sender, request: HttpRequest, **kwargs) -> bool:
    """django-cors-headers' check_request_enabled receiver."""
    if not request.path.startswith("/api/"):
        return False
    origin = request.headers.get("Origin", "").rstrip("/")
    return bool(origin) and origin in allowed_origins(request)
