"""Local development: `make run`."""

from .base import *  # noqa: F403
from .env import env_list, env_str

DEBUG = True
CMS_ENV = "dev"
# A fixed key is acceptable only here; production.py refuses to start without a real one.
SECRET_KEY = env_str("SECRET_KEY", "django-insecure-dev-only-not-for-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [".localhost", "localhost", "127.0.0.1", "[::1]"])
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)

# The embedded SQLite database and local media live here.
VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
