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
