"""/healthz and /readyz against the real PostgreSQL and Elasticsearch. The database-down case
runs against a throwaway PostgreSQL in tests/resilience/test_postgres_restart.py."""

import socket

import pytest
from django.conf import settings

from health import views
from search.client import get_client


@pytest.fixture(autouse=True)
def fresh_checks():
    views._checks.cache_clear()
    yield
    views._checks.cache_clear()


@pytest.fixture
def elasticsearch_down():
    """The client pointed at a closed loopback port; the shared node keeps running."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    live = dict(settings.ELASTICSEARCH)
    settings.ELASTICSEARCH["URL"] = f"http://127.0.0.1:{port}"
    get_client.cache_clear()
    yield
    settings.ELASTICSEARCH.update(live)
    get_client.cache_clear()


def test_healthz_answers_without_touching_the_database(client):
    # No django_db mark: any query would raise here.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_ok_when_database_and_elasticsearch_answer(client):
    response = client.get("/readyz")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["elasticsearch"]["ok"] is True
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_degraded_not_failed_when_elasticsearch_is_down(client, elasticsearch_down):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["elasticsearch"] == {
        "ok": False,
        "required": False,
        "ms": body["checks"]["elasticsearch"]["ms"],
        "reason": "unavailable",
    }
    assert body["checks"]["database"]["ok"] is True


@pytest.mark.django_db
def test_readyz_fails_when_a_required_elasticsearch_is_down(client, elasticsearch_down, settings):
    settings.HEALTH_CHECKS = {
        **settings.HEALTH_CHECKS,
        "elasticsearch": {"CHECK": "search.client.is_available", "REQUIRED": True},
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


@pytest.mark.django_db
def test_probes_accept_only_safe_methods(client):
    assert client.post("/healthz").status_code == 405
    assert client.head("/readyz").status_code == 200
