"""Readiness checks: each returns None when healthy, or a short reason when not.

Which checks run, and which of them must pass, is `settings.HEALTH_CHECKS` (dotted paths),
so this app needs no import of the apps it probes.
"""

from django.db import connections


def database() -> str | None:
    """A round trip to the default database (connect + `SELECT 1`)."""
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:
        return f"{type(error).__name__}: {error}".strip()[:300]
    return None


def cache() -> str | None:
    """A round trip to the shared cache (Redis: PING). Optional: the site answers without it,
    from the database (cms.redis_cache), so its outage shows here as `degraded`."""
    from django.core.cache import caches

    ping = getattr(caches["default"], "ping", None)
    if ping is None:  # the per-process memory cache: nothing to reach
        return None
    try:
        ping()
    except Exception as error:
        return f"{type(error).__name__}: {error}".strip()[:300]
    return None
