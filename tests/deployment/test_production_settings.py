"""cms.settings.production with realistic environment variables: `check --deploy` is clean,
secrets are required, logs are JSON lines, media can move to S3. Each case runs manage.py in
a subprocess, as an operator would."""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "bacninh.gov.vn,.bacninh.gov.vn",
    "CSRF_TRUSTED_ORIGINS": "https://bacninh.gov.vn,https://*.bacninh.gov.vn",
    "DATABASE_URL": os.environ.get("DATABASE_URL", "postgres://cms:cms@127.0.0.1:5432/cms"),
    "ELASTICSEARCH_URL": settings.ELASTICSEARCH["URL"],
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "WAGTAILADMIN_BASE_URL": "https://bacninh.gov.vn",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **PRODUCTION_ENV, **env},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_check_deploy_is_clean():
    done = manage("check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


@pytest.mark.parametrize(
    "env",
    [
        {"SECRET_KEY": ""},
        {"SECRET_KEY": "django-insecure-" + "x" * 60},
        {"SECRET_KEY": "too-short"},
        {"ALLOWED_HOSTS": ""},
        {"DATABASE_URL": ""},
        {"DATABASE_URL": "sqlite:///var/db.sqlite3"},
    ],
)
def test_production_refuses_to_start_without_real_secrets(env):
    done = manage("check", **env)
    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr


SHOW = (
    "from django.conf import settings as s; import json; print(json.dumps({"
    "'sessions': s.SESSION_ENGINE, 'media': s.STORAGES['default']['BACKEND'], "
    "'static': s.STORAGES['staticfiles']['BACKEND'], 'middleware': s.MIDDLEWARE[:2], "
    "'cache': s.CACHES['default']['BACKEND'], "
    "'connect_timeout': s.DATABASES['default']['OPTIONS'].get('connect_timeout')}))"
)


def test_stateless_servers_shared_cache_and_whitenoise():
    done = manage("shell", "-c", SHOW)
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown == {
        "sessions": "django.contrib.sessions.backends.cached_db",
        "media": "django.core.files.storage.FileSystemStorage",
        "static": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "middleware": [
            "django.middleware.security.SecurityMiddleware",
            "whitenoise.middleware.WhiteNoiseMiddleware",
        ],
        "cache": "cms.redis_cache.SharedClientRedisCache",
        "connect_timeout": 5,
    }


def test_s3_media_without_django_storages_is_a_clear_error():
    # django-storages is optional (requirements-s3.txt) and not installed in the test venv.
    done = manage("check", MEDIA_S3_BUCKET="cms-media", MEDIA_S3_ENDPOINT_URL="https://s3.local")
    assert done.returncode != 0
    assert "MEDIA_S3_BUCKET is set but django-storages is not installed" in done.stderr


def test_logs_are_json_lines():
    done = manage(
        "shell", "-c", "import logging; logging.getLogger('cms.deploy').warning('Xin chào %s', 42)"
    )
    assert done.returncode == 0, done.stderr
    line = json.loads(done.stderr.strip().splitlines()[-1])
    assert line["level"] == "WARNING"
    assert line["logger"] == "cms.deploy"
    assert line["message"] == "Xin chào 42"
    assert "time" in line and "process" in line
