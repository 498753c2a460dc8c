"""Local development: `make run`."""

import dj_database_url

from .base import *  # noqa: F403
from .env import env_int, env_list, env_str

DEBUG = True
CMS_ENV = "dev"
# A fixed key is acceptable only here; production.py refuses to start without a real one.
SECRET_KEY = env_str("SECRET_KEY", "django-insecure-dev-only-not-for-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [".localhost", "localhost", "127.0.0.1", "[::1]"])
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)

# The demo's own database on the local PostgreSQL (`scripts/postgres`), as `make run` creates
# it; the suite uses another one, so running the tests never touches the demo's data.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", "postgres://cms:cms@127.0.0.1:5432/cms_dev"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}

# Local media live here.
VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
