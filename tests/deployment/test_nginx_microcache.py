"""The API micro-cache as deployed (deploy/nginx.conf's `proxy_cache_path` and
deploy/nginx-api-cache.conf, put together by the benchmark's own helper), run by nginx in front
of gunicorn serving the test database: anonymous GETs are answered from the cache, sessions and
tokens go through, search is never stored, and a publish shows once the API's s-maxage has
passed."""

import threading
import time
import uuid

import pytest
import requests
from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page, Site

from benchmarks import servers
from home.models import HomePage, StandardPage
from tests.ports import free_port

# The tests talk to nginx; the mark only makes pytest-django create the test database.
pytestmark = pytest.mark.django_db

HOST = "microcache.localhost"
S_MAXAGE = 2  # seconds; the deployed value is in deploy/systemd/cms.env.example


@pytest.fixture(scope="module")
def page(django_db_setup, django_db_blocker):
    """A site with a published page, committed so that gunicorn reads it; removed after the
    module, with the search tasks its publishing queued."""
    started = timezone.now()
    with django_db_blocker.unblock():
        home = Page.get_first_root_node().add_child(
            instance=HomePage(title="Micro-cache", slug=f"microcache-{uuid.uuid4().hex[:6]}")
        )
        site = Site.objects.create(hostname=HOST, port=80, root_page=home, site_name="Micro")
        page = home.add_child(instance=StandardPage(title="Bản đầu tiên", slug="ban-dau"))
        page.save_revision().publish()
        try:
            yield page
        finally:
            site.delete()
            home.delete()
            DBTaskResult.objects.filter(enqueued_at__gte=started).delete()


@pytest.fixture(scope="module")
def proxy(page):
    db = settings.DATABASES["default"]
    database_url = (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url,
        "ELASTICSEARCH_INDEX_PREFIX": settings.ELASTICSEARCH["INDEX_PREFIX"],
        "API_CACHE_S_MAXAGE": str(S_MAXAGE),
    }
    upstream = free_port(range(8970, 8980))
    with servers.gunicorn(upstream, env, "microcache-upstream"):
        port = free_port(range(8980, 8990))
        with servers.nginx_microcache(port, upstream):
            yield f"http://127.0.0.1:{port}"


def publish_committed(page: Page, title: str) -> None:
    """Publish from a thread of its own: its own connection, outside the test's transaction,
    so that gunicorn sees the change."""

    def publish() -> None:
        try:
            fresh = StandardPage.objects.get(pk=page.pk)
            fresh.title = title
            fresh.save_revision().publish()
        finally:
            connection.close()

    worker = threading.Thread(target=publish)
    worker.start()
    worker.join(timeout=60)


def get(proxy: str, path: str, **headers: str) -> requests.Response:
    return requests.get(f"{proxy}{path}", headers={"Host": HOST, **headers}, timeout=30)


def test_an_anonymous_api_get_is_answered_from_the_cache(proxy, page):
    path = f"/api/v2/pages/{page.pk}/?fields=title"
    first, second = get(proxy, path), get(proxy, path)
    assert first.status_code == second.status_code == 200
    assert first.headers["X-Cache-Status"] in ("MISS", "EXPIRED")
    assert second.headers["X-Cache-Status"] == "HIT"
    assert second.content == first.content
    # The API's own header reaches the client unchanged.
    assert f"s-maxage={S_MAXAGE}" in second.headers["Cache-Control"]


@pytest.mark.parametrize(
    "headers",
    [{"Cookie": "sessionid=abc123"}, {"Authorization": "Bearer abc123"}],
    ids=["session", "token"],
)
def test_requests_with_a_session_or_a_token_bypass_the_cache(proxy, page, headers):
    path = f"/api/v2/pages/{page.pk}/"
    get(proxy, path)  # stored for anonymous visitors
    for _ in range(2):
        response = get(proxy, path, **headers)
        assert response.status_code == 200
        assert response.headers["X-Cache-Status"] == "BYPASS"


def test_search_answers_are_never_stored(proxy, page):
    path = "/api/v2/search/?q=microcache"
    statuses = [get(proxy, path).headers.get("X-Cache-Status") for _ in range(2)]
    assert statuses == ["MISS", "MISS"]


def test_a_publish_shows_within_the_s_maxage(proxy, page):
    path = f"/api/v2/pages/{page.pk}/"
    for _ in range(3):
        if get(proxy, path).headers["X-Cache-Status"] == "HIT":
            break
    else:
        pytest.fail("the page was never answered from the cache")
    title = f"Bản mới {uuid.uuid4().hex[:8]}"
    published = time.monotonic()
    publish_committed(page, title)
    while get(proxy, path).json()["title"] != title:
        assert time.monotonic() - published < S_MAXAGE + 1.5, "the cache kept the old page"
        time.sleep(0.05)
