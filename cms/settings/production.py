"""Production. Everything secret or deployment-specific comes from the environment
(docs/deployment.md lists every variable). `manage.py check --deploy` is clean with it."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_list, env_str

DEBUG = False
CMS_ENV = env_str("CMS_ENV", "production")

SECRET_KEY = env_str("SECRET_KEY")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the portal's hostnames in production.")

# TLS ends at the load balancer / nginx, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Load balancers probe over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
# Wagtail's live preview shows the page in a same-origin iframe: DENY would blank it.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]

if not DATABASE_URL:  # noqa: F405
    raise ImproperlyConfigured("DATABASE_URL must point at the PostgreSQL database.")
if not DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    raise ImproperlyConfigured("DATABASE_URL must be a PostgreSQL URL (postgres://…).")
# A database that does not answer fails the request in seconds (a clean 503, see
# health.views.server_error) instead of holding a server worker.
DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int(  # noqa: F405
    "DATABASE_CONNECT_TIMEOUT", 5
)

# Several app servers share what requests leave behind (rate-limit counts, cached API
# responses and their per-site versions, cached sessions) only through Redis: without it each
# process counts and caches for itself, so every server adds its own rate limit and keeps its
# own copy of every response. APP_SERVERS declares how many run behind the balancer
# (docs/app-servers.md); one server may do without Redis, as a small site or a test does.
APP_SERVERS = env_int("APP_SERVERS", 1)
if APP_SERVERS < 1:
    raise ImproperlyConfigured(f"APP_SERVERS must be at least 1, got {APP_SERVERS}.")
if APP_SERVERS > 1 and not REDIS_URL:  # noqa: F405
    raise ImproperlyConfigured(
        f"APP_SERVERS={APP_SERVERS} needs REDIS_URL: several app servers must share one Redis "
        "for rate limits, the API response cache and sessions (docs/app-servers.md)."
    )

# Stateless app servers: sessions live in the database, read through the shared Redis cache
# when there is one (REDIS_URL, base.py), so any server can answer any request.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL  # noqa: F405
    else "django.contrib.sessions.backends.db"
)

# Static files: collected at deploy time, served by WhiteNoise with hashed, compressed,
# forever-cacheable names (or by nginx from STATIC_ROOT).
MIDDLEWARE = [
    *MIDDLEWARE[:1],  # noqa: F405
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],  # noqa: F405
]
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
)

# Media: a volume shared by every app server at MEDIA_ROOT (NFS...), or an S3-compatible
# bucket when MEDIA_S3_BUCKET is set (needs `pip install -r requirements-s3.txt`).
MEDIA_S3_BUCKET = env_str("MEDIA_S3_BUCKET")
if MEDIA_S3_BUCKET:
    try:
        import storages  # noqa: F401
    except ImportError as exc:
        raise ImproperlyConfigured(
            "MEDIA_S3_BUCKET is set but django-storages is not installed: "
            "pip install -r requirements-s3.txt"
        ) from exc
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env_str("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": env_str("MEDIA_S3_REGION") or None,
            "access_key": env_str("MEDIA_S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("MEDIA_S3_SECRET_ACCESS_KEY") or None,
            "custom_domain": env_str("MEDIA_S3_CUSTOM_DOMAIN") or None,
            "location": env_str("MEDIA_S3_PREFIX", "media"),
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": False,
        },
    }

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# One JSON object per line on stderr, for journald / the log shipper (LOG_FORMAT=plain to
# read them by eye).
if env_str("LOG_FORMAT", "json") == "json":
    LOGGING["formatters"]["json"] = {  # noqa: F405
        "()": "pythonjsonlogger.json.JsonFormatter",
        "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(process)d",
        "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        "json_ensure_ascii": False,
    }
    LOGGING["handlers"]["console"]["formatter"] = "json"  # noqa: F405
