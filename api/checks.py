"""System checks of the API's settings."""

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register

PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.caches)
def site_versions_need_a_shared_cache(app_configs=None, **kwargs) -> list[CheckMessage]:
    """Per-site response versions (api.versions) moved in one process's memory never reach
    the others: a publish by a worker or a command would leave every server's answers old."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.API_CACHE.get("SITE_VERSIONS") and backend in PER_PROCESS_CACHES:
        return [
            Warning(
                "API_CACHE['SITE_VERSIONS'] is on but the default cache is per process.",
                hint="Set REDIS_URL (a cache every process shares), or turn "
                "API_CACHE_SITE_VERSIONS off.",
                id="api.W001",
            )
        ]
    return []
