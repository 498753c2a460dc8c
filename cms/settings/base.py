"""Settings shared by every environment. Values that differ per deployment come from the
environment (see README, "Configuration")."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from corsheaders.defaults import default_headers
from csp.constants import NONE, SELF, UNSAFE_INLINE

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("CMS_VAR_DIR", str(BASE_DIR / "var")))

# dev / test / staging / production: prefixes the search index names so that several
# environments can share one Elasticsearch cluster.
CMS_ENV = env_str("CMS_ENV", "dev")

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "sites",
    "news",
    "procedures",
    "legaldocs",
    "participation",
    "search",
    "api",
    "demo",
    "health",
    "workers",
    "editing",
    "editorial",
    "uploads",
    "richtext",
    "wagtail.api.v2",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "sites.apps.AgencyUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "axes",
    "modelcluster",
    "taggit",
    "django_tasks_db",
    "rest_framework",
    "corsheaders",
    "drf_spectacular_sidecar",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "sites.csp.AdminAwareCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "api.errors.RejectNulMiddleware",
    "api.caching.APICacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Admin writes in one transaction, rolled back on a 5xx (editing/transactions.py).
    "editing.transactions.AtomicAdminWritesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Retired hostnames of merged or renamed sites: what their redirects do not answer.
    "sites.reorganisation.redirects.RetiredHostMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# PostgreSQL in every environment (DATABASE_URL): the demo, the suite and production run on
# the one engine the suite verifies. dev.py and test.py give local defaults.
DATABASE_URL = env_str("DATABASE_URL")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or "postgres://cms:cms@127.0.0.1:5432/cms",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by every server process (API responses, site lookups) when REDIS_URL
# is set; otherwise Django's per-process memory cache, enough for a single dev server.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    _redis_timeout = env_int("REDIS_TIMEOUT_MS", 500) / 1000
    CACHES = {
        "default": {
            "BACKEND": "cms.redis_cache.SharedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", f"cms-{CMS_ENV}"),
            # A Redis that does not answer is bypassed (cms.redis_cache) after one timeout,
            # not the TCP stack's minutes.
            "OPTIONS": {
                "socket_connect_timeout": _redis_timeout,
                "socket_timeout": _redis_timeout,
            },
        }
    }
# URLs typed without a scheme are https, as Django 6 will assume.
FORMS_URLFIELD_ASSUME_HTTPS = True

# Login throttling (django-axes; docs/security.md): after AXES_FAILURE_LIMIT wrong passwords
# for one username from one address, that pair is locked out for AXES_COOLOFF_MINUTES.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
# A pair, so an attacker elsewhere cannot lock a real editor out of their own office.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "api.ratelimit.client_ip"
AXES_LOCKOUT_TEMPLATE = "sites/login_locked.html"
# Lockouts are still logged; only the start-up banner on every manage.py command goes.
AXES_VERBOSE = False

# Content Security Policy (django-csp) on every response: Swagger UI and the server-rendered
# pages load scripts only from this origin; the admin may also run inline scripts and styles,
# which Wagtail still writes (sites.csp). CSP_REPORT_ONLY=true sends it as report-only.
_CSP = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", "https:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        # Wagtail's live preview frames this origin; embeds (video) come from https.
        "frame-src": [SELF, "https:"],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
if env_bool("CSP_REPORT_ONLY", False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP
else:
    CONTENT_SECURITY_POLICY = _CSP

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese everywhere, whatever the browser sends: no LocaleMiddleware. The admin's only
# other language is the one an editor picks in their account (Wagtail applies it per request).
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# The admin's Vietnamese (docs/glossary.md): first, so that it wins over Wagtail's own.
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage",
    },
}

# Wagtail
WAGTAIL_SITE_NAME = env_str("WAGTAIL_SITE_NAME", "Cổng thông tin điện tử tỉnh Bắc Ninh")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://bacninh.localhost:8000")
WAGTAILAPI_BASE_URL = env_str("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)
WAGTAILAPI_LIMIT_MAX = env_int("WAGTAILAPI_LIMIT_MAX", 100)
WAGTAIL_I18N_ENABLED = False
# ASCII slugs, Vietnamese folded ("đ" → "d"): sites.slugs.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No Gravatar: editors' e-mail hashes stay off a third-party service (and inside the CSP).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the dashboard fetch releases.wagtail.org: upgrades are deliberate (requirements.txt).
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Uploads (docs/security.md). Images: raster formats only (no SVG, which can carry script),
# checked by content, not name; size and pixel caps stop decompression bombs.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Refuses images that do not decode to their end (uploads/forms.py), and offers the
# agency's "Hình ảnh" collection first (editorial.forms, a subclass).
WAGTAILADMIN_USER_LOGIN_FORM = "editorial.forms.LoginForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "editorial.forms.ImageForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("WAGTAILIMAGES_MAX_IMAGE_PIXELS", 40_000_000)
# Documents always download (Content-Disposition: attachment) through Wagtail's view, which
# also checks private collections; nothing is rendered inline in the portal's origin.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
# Documents: the extension allow-list, and the bytes must match it (uploads.forms); the
# agency's "Tài liệu" collection first (editorial.forms, a subclass).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "editorial.forms.DocumentForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("WAGTAILDOCS_MAX_UPLOAD_SIZE", 30 * 1024 * 1024)
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "zip", "rar", "txt"]

# The headless API (the `api` app; docs/api.md). Rich text comes out as HTML with
# internal links resolved to their sites' public URLs.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
API_CACHE = {
    "MAX_AGE": env_int("API_CACHE_MAX_AGE", 60),
    "S_MAXAGE": env_int("API_CACHE_S_MAXAGE", 300),
    "SERVER_TIMEOUT": env_int("API_CACHE_SERVER_TIMEOUT", 3600),
    # Responses versioned per site (api.versions) need a cache every process shares: a
    # publish by a task worker or a command must reach every server. Without Redis, one
    # version in the database for everything, as any process sees it.
    "SITE_VERSIONS": env_bool("API_CACHE_SITE_VERSIONS", bool(REDIS_URL)),
    # A `site=*` listing matching more pages than this keeps its count that many seconds
    # (api.pagination.count_matching): counting 800,000 news takes longer than the rest.
    "EXACT_COUNT_UP_TO": env_int("API_EXACT_COUNT_UP_TO", 1000),
    "LARGE_COUNT_SECONDS": env_int("API_LARGE_COUNT_SECONDS", 60),
}
API_PREVIEW_MAX_AGE = env_int("API_PREVIEW_MAX_AGE", 900)
# Anonymous listings of one page type run a window query compiled once per shape (api.listing).
API_COMPILED_LISTINGS = env_bool("API_COMPILED_LISTINGS", True)
# CORS: only /api/, and only origins listed in a site's FrontendConfig or the portal-wide
# list (api.cors). Browsers may revalidate (If-None-Match → 304) and read the validators.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS", "POST")  # POST: questions and comments only
CORS_ALLOW_HEADERS = (*default_headers, "if-none-match", "if-modified-since")
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]

# Rate limits per client IP on the costly public endpoints (api.ratelimit, django-ratelimit;
# docs/security.md): "N/s", "N/m", "N/h"; an empty rate lifts that limit, RATELIMIT_ENABLE=false
# all of them. Counts live in the default cache: per process unless REDIS_URL is set.
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", True)
RATELIMIT_FAIL_OPEN = True  # a cache outage must not lock the public out of search
API_RATE_LIMITS = {
    "search": env_str("RATE_LIMIT_SEARCH", "120/m"),
    "suggest": env_str("RATE_LIMIT_SUGGEST", "600/m"),
    "preview": env_str("RATE_LIMIT_PREVIEW", "60/m"),
    # Citizens' questions and comments (participation.abuse): per client IP and per contact.
    "participation_ip": env_str("RATE_LIMIT_PARTICIPATION_IP", "10/h"),
    "participation_contact": env_str("RATE_LIMIT_PARTICIPATION_CONTACT", "5/d"),
    "participation_lookup": env_str("RATE_LIMIT_PARTICIPATION_LOOKUP", "60/m"),
}
# Reverse proxies in front of the app that append to X-Forwarded-For (0: use REMOTE_ADDR).
RATELIMIT_TRUSTED_PROXIES = env_int("RATELIMIT_TRUSTED_PROXIES", 0)

# Citizen participation (docs/participation.md): answer days by default (each site may set
# its own), how long personal data is kept after a question is finished or a consultation
# closes, the attachment cap, the form's minimum fill time and where attachments are kept
# (never under MEDIA_ROOT: nothing serves them publicly).
PARTICIPATION = {
    "ANSWER_DAYS": env_int("PARTICIPATION_ANSWER_DAYS", 15),
    "RETENTION_DAYS": env_int("PARTICIPATION_RETENTION_DAYS", 365),
    "MAX_ATTACHMENT_BYTES": env_int("PARTICIPATION_MAX_ATTACHMENT_BYTES", 5 * 1024 * 1024),
    "MIN_FILL_SECONDS": env_int("PARTICIPATION_MIN_FILL_SECONDS", 3),
    "MAX_FORM_AGE_SECONDS": env_int("PARTICIPATION_MAX_FORM_AGE_SECONDS", 6 * 3600),
    "DUPLICATE_HOURS": env_int("PARTICIPATION_DUPLICATE_HOURS", 72),
    "PRIVATE_ROOT": Path(env_str("PARTICIPATION_PRIVATE_ROOT", str(VAR_DIR / "private"))),
}

# Webhooks (api.webhooks): seconds before the first retry, doubling up to RETRY_MAX.
API_WEBHOOKS = {
    "RETRY_BASE": env_int("API_WEBHOOK_RETRY_BASE", 30),
    "RETRY_MAX": env_int("API_WEBHOOK_RETRY_MAX", 3600),
    "MAX_ATTEMPTS": env_int("API_WEBHOOK_MAX_ATTEMPTS", 6),
    "TIMEOUT": env_int("API_WEBHOOK_TIMEOUT", 5),
}

# Wagtail's own search (the admin's) stays on the database. Public search is served
# from Elasticsearch by the `search` app, which is its only writer.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}

# The Elasticsearch cluster of the public search. API key or basic auth are optional.
ELASTICSEARCH = {
    "URL": env_str("ELASTICSEARCH_URL", "http://127.0.0.1:9200"),
    "API_KEY": env_str("ELASTICSEARCH_API_KEY") or None,
    "USERNAME": env_str("ELASTICSEARCH_USERNAME") or None,
    "PASSWORD": env_str("ELASTICSEARCH_PASSWORD") or None,
    "CA_CERTS": env_str("ELASTICSEARCH_CA_CERTS") or None,
    "TIMEOUT": env_int("ELASTICSEARCH_TIMEOUT", 10),
    "INDEX_PREFIX": env_str("ELASTICSEARCH_INDEX_PREFIX", f"cms-{CMS_ENV}"),
    # New indices' shape; a 3-node production cluster wants REPLICAS=1 (docs/deployment.md).
    "SHARDS": env_int("ELASTICSEARCH_SHARDS", 1),
    "REPLICAS": env_int("ELASTICSEARCH_REPLICAS", 0),
}

# Background tasks. Wagtail's own tasks stay immediate; the search sync runs on the
# database backend so that it survives an Elasticsearch outage (`manage.py db_worker
# --backend search --queue-name "*"`, started by `make run`).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "search": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    # Webhook deliveries (api.webhooks.tasks): `db_worker --backend webhooks`.
    "webhooks": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# A task RUNNING for longer than this many seconds is taken as abandoned by a dead worker and
# put back in the queue (the `workers` app's db_worker). Far above the slowest task.
TASKS_STALE_AFTER = env_int("TASKS_STALE_AFTER", 600)
# How often an idle worker looks for a new task (`db_worker --interval`). django-tasks-db's
# 1 s was half of publish → searchable (docs/performance.md); a poll is one indexed query.
TASKS_POLL_INTERVAL = env_int("TASKS_POLL_INTERVAL_MS", 200) / 1000

# Readiness (`/readyz`, the `health` app): a failed required check answers 503 and takes the
# server out of the load balancer. Elasticsearch is optional by default: the API and search
# answer from the database without it, so its outage must not take every server out.
HEALTH_CHECKS = {
    "database": {"CHECK": "health.checks.database"},
    "elasticsearch": {
        "CHECK": "search.client.is_available",
        "REQUIRED": env_bool("HEALTH_REQUIRE_ELASTICSEARCH", False),
    },
    # Optional too: without Redis every request is answered from the database.
    "cache": {"CHECK": "health.checks.cache", "REQUIRED": False},
}

# Public search (the `search` app).
SEARCH = {
    # Seconds before the first retry of a failed sync; doubles up to RETRY_MAX.
    "RETRY_BASE": env_int("SEARCH_RETRY_BASE", 5),
    "RETRY_MAX": env_int("SEARCH_RETRY_MAX", 600),
    # Below this many hits the response carries a did-you-mean suggestion.
    "SUGGEST_BELOW": env_int("SEARCH_SUGGEST_BELOW", 3),
    # Text of uploaded files (search.extraction), each read in a child process with bounds.
    "EXTRACTION": {
        "MAX_FILE_BYTES": env_int("SEARCH_EXTRACTION_MAX_FILE_MB", 50) * 1024 * 1024,
        "MAX_CHARS": env_int("SEARCH_EXTRACTION_MAX_CHARS", 50_000),
        "MEMORY_MB": env_int("SEARCH_EXTRACTION_MEMORY_MB", 512),
        "CPU_SECONDS": env_int("SEARCH_EXTRACTION_CPU_SECONDS", 20),
        "WALL_SECONDS": env_int("SEARCH_EXTRACTION_WALL_SECONDS", 40),
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "elastic_transport": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}
