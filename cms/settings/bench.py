"""Benchmarks (`make bench`): production-like (DEBUG off, a real server, Redis cache), on
their own database and index prefix, with the stock Wagtail API mounted for comparison."""

import dj_database_url

from .base import *  # noqa: F403
from .env import env_str

CMS_ENV = "bench"
DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", "django-insecure-bench-only-not-for-production")
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = [*INSTALLED_APPS, "benchmarks"]  # noqa: F405
ROOT_URLCONF = "benchmarks.urls"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", "postgres://cms:cms@127.0.0.1:5432/cms_bench"),
        conn_max_age=600,
        conn_health_checks=True,
    )
}
ELASTICSEARCH["INDEX_PREFIX"] = env_str("ELASTICSEARCH_INDEX_PREFIX", "cms-bench")  # noqa: F405

LOGGING["root"]["level"] = env_str("LOG_LEVEL", "WARNING")  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
MEDIA_ROOT = VAR_DIR / "bench-media"  # noqa: F405

# The load generator is one client on 127.0.0.1: per-IP rate limits would turn the
# measurement into a count of 429s.
RATELIMIT_ENABLE = False
