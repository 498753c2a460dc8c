"""The test suite: real PostgreSQL and real Elasticsearch, never SQLite or mocks."""

import dj_database_url

from .base import *  # noqa: F403
from .env import env_int, env_str

CMS_ENV = "test"
DEBUG = False
SECRET_KEY = "django-insecure-test-only"
ALLOWED_HOSTS = ["*"]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", "postgres://cms:cms@127.0.0.1:5432/cms"), conn_max_age=0
    )
}
ELASTICSEARCH["INDEX_PREFIX"] = env_str("ELASTICSEARCH_INDEX_PREFIX", "cms-test")  # noqa: F405

# Wagtail logs every page action at INFO; in tests that only buries the failures.
LOGGING["root"]["level"] = env_str("LOG_LEVEL", "WARNING")  # noqa: F405

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405

# Search sync retries immediately in tests; the worker runs in-process with a task limit.
SEARCH = {**SEARCH, "RETRY_BASE": env_int("SEARCH_RETRY_BASE", 0)}  # noqa: F405

# The suite searches far faster than any visitor; tests/security turns the limits back on.
RATELIMIT_ENABLE = False
PARTICIPATION = {
    **PARTICIPATION,  # noqa: F405
    "PRIVATE_ROOT": VAR_DIR / "test-private",  # noqa: F405
}
