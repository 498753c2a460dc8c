"""Per-IP rate limits on search, suggest and preview: 429 with Retry-After, per client, not
escaped by a forged X-Forwarded-For, and off when RATELIMIT_ENABLE is false."""

import time
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from api.schema.build import build_schema

pytestmark = pytest.mark.django_db

LIMITS = {"search": "3/m", "suggest": "3/m", "preview": "3/m"}
ENDPOINTS = {
    "search": (reverse("search:search"), {"q": ""}),
    "suggest": (reverse("search:suggest"), {"q": "thu"}),
    "preview": (reverse("api-preview"), {"token": "guess"}),
}


@pytest.fixture(autouse=True)
def still_clock(monkeypatch):
    """django-ratelimit counts in fixed windows: a test that ran across a window's end saw
    its count start again and the fourth request pass (it failed CI once)."""
    now = time.time()
    monkeypatch.setattr("django_ratelimit.core.time", SimpleNamespace(time=lambda: now))


@pytest.fixture(autouse=True)
def limits():
    cache.clear()
    with override_settings(RATELIMIT_ENABLE=True, API_RATE_LIMITS=LIMITS):
        yield
    cache.clear()


def hit(client, group: str, ip: str = "203.0.113.7", **headers):
    path, params = ENDPOINTS[group]
    return client.get(path, params, REMOTE_ADDR=ip, headers=headers)


@pytest.mark.parametrize("group", list(ENDPOINTS))
def test_the_request_over_the_limit_is_a_429_with_retry_after(client, group):
    for _ in range(3):
        assert hit(client, group).status_code != 429
    response = hit(client, group)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "Quá nhiều yêu cầu" in response.json()["message"]
    # Another client is not held back by the first one.
    assert hit(client, group, ip="198.51.100.9").status_code != 429


def test_each_endpoint_counts_separately(client):
    for _ in range(4):
        hit(client, "search")
    assert hit(client, "suggest").status_code != 429


def test_a_forged_forwarded_for_does_not_escape_the_limit(client):
    for n in range(3):
        hit(client, "search", X_Forwarded_For=f"10.0.0.{n}")
    assert hit(client, "search", X_Forwarded_For="10.0.0.99").status_code == 429


@override_settings(RATELIMIT_TRUSTED_PROXIES=1)
def test_behind_a_trusted_proxy_the_client_is_the_proxys_last_entry(client):
    proxy = "192.0.2.1"
    for n in range(3):
        # Whatever the client puts in front, the proxy appends the address it saw.
        hit(client, "search", ip=proxy, X_Forwarded_For=f"1.2.3.{n}, 203.0.113.7")
    assert hit(client, "search", ip=proxy, X_Forwarded_For="203.0.113.7").status_code == 429
    # Other clients behind the same proxy are not limited with it.
    assert hit(client, "search", ip=proxy, X_Forwarded_For="203.0.113.8").status_code != 429


@override_settings(RATELIMIT_ENABLE=False)
def test_limits_can_be_switched_off(client):
    assert all(hit(client, "suggest").status_code != 429 for _ in range(10))


def test_an_empty_rate_lifts_one_limit(client):
    with override_settings(API_RATE_LIMITS={**LIMITS, "suggest": ""}):
        assert all(hit(client, "suggest").status_code != 429 for _ in range(10))


def test_the_schema_documents_the_429():
    paths = build_schema()["paths"]
    for path in ["/api/v2/search/", "/api/v2/search/suggest/", "/api/v2/preview/"]:
        assert "Retry-After" in paths[path]["get"]["responses"]["429"]["headers"]
