"""Two app servers behind a round-robin nginx (issue #23): two gunicorn instances of the
project sharing the test database, one Redis (same key prefix) and one media directory, with
a search worker beside the second. Nothing a request leaves behind may stay in one process:
a session opened on one server works on the other, rate limits count the requests of both,
the response cache and its versions are shared, a preview link made by one is read by the
other, and a task queued by one is run by the worker beside the other.

Each check addresses the instances directly (A, B) and through nginx (LB)."""

import re
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page, Site

from api.models import FrontendConfig
from benchmarks.cache_publishing import servers_cache
from home.models import HomePage, StandardPage
from tests.deployment.app_servers import Cluster, app_servers, committed

# The tests talk to the servers; the mark only makes pytest-django create the test database.
pytestmark = pytest.mark.django_db

HOST = "two-servers.localhost"
FRONTEND_URL = "https://front.two-servers.example/preview"
USERNAME = "hai-may-chu"
PASSWORD = "mat-khau-hai-may-chu"
WORKER_ID = "beside-b"
# Per hour, not per minute: django-ratelimit's windows are fixed, and a minute's boundary
# falling between two requests would reset the count in the middle of the test.
SEARCH_LIMIT = 5
SEARCH_PATH = "/api/v2/search/?q=hai"


@dataclass
class Content:
    home: HomePage
    listed: StandardPage  # republished by the cache test, previewed by the preview test
    unpublished: StandardPage  # unpublished through A's admin by the task test


@pytest.fixture(scope="module")
def content(django_db_setup, django_db_blocker) -> Iterator[Content]:
    """A site with two published pages, its front-end and a superuser, committed so that
    the servers read them; removed after the module, with the tasks queued meanwhile."""
    started = timezone.now()
    with django_db_blocker.unblock():
        home = Page.get_first_root_node().add_child(
            instance=HomePage(title="Hai máy chủ", slug=f"two-servers-{uuid.uuid4().hex[:6]}")
        )
        site = Site.objects.create(hostname=HOST, port=80, root_page=home, site_name="Hai")
        FrontendConfig.objects.create(site=site, frontend_url=FRONTEND_URL)
        pages = []
        for title, slug in (("Bản đầu tiên", "ban-dau"), ("Sẽ gỡ", "se-go")):
            page = home.add_child(instance=StandardPage(title=title, slug=slug))
            page.save_revision().publish()
            pages.append(page)
        # The servers hash with Django's default hashers, not the suite's fast MD5 one.
        hashed = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
        user = get_user_model().objects.create(
            username=USERNAME, password=hashed, is_staff=True, is_superuser=True
        )
        try:
            yield Content(home, *pages)
        finally:
            user.delete()
            site.delete()
            home.delete()
            DBTaskResult.objects.filter(enqueued_at__gte=started).delete()


@pytest.fixture(scope="module")
def cluster(content: Content) -> Iterator[Cluster]:
    """A worker beside B only: a task queued through A is seen to run over there."""
    with app_servers(
        {"b": WORKER_ID},
        range(8600, 8700),
        RATELIMIT_ENABLE="1",
        RATE_LIMIT_SEARCH=f"{SEARCH_LIMIT}/h",
    ) as servers_up:
        yield servers_up


def login(base: str) -> requests.Session:
    """An editor logging in to the admin as a browser does: the form, then its POST with
    the CSRF token."""
    browser = requests.Session()
    form = browser.get(f"{base}/admin/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
    assert form.status_code == 200 and token, form.text[:500]
    done = browser.post(
        f"{base}/admin/login/",
        data={
            "csrfmiddlewaretoken": token.group(1),
            "username": USERNAME,
            "password": PASSWORD,
            "next": "/admin/",
        },
        allow_redirects=False,
        timeout=30,
    )
    assert done.status_code == 302 and done.headers["Location"] == "/admin/", done.text[:500]
    return browser


@pytest.fixture(scope="module")
def editor(cluster: Cluster) -> requests.Session:
    """An editor logged in through instance A."""
    return login(cluster.a)


def api(base: str, path: str) -> requests.Response:
    return requests.get(f"{base}{path}", headers={"Host": HOST}, timeout=30)


def test_a_session_opened_on_a_is_valid_on_b_and_behind_nginx(cluster, editor):
    session = {"sessionid": editor.cookies["sessionid"]}
    anonymous = requests.get(f"{cluster.b}/admin/", allow_redirects=False, timeout=30)
    assert anonymous.status_code == 302  # so the 200 below is the session's doing
    on_b = requests.get(f"{cluster.b}/admin/", cookies=session, allow_redirects=False, timeout=30)
    assert on_b.status_code == 200
    upstreams = set()
    for _ in range(4):
        answer = requests.get(
            f"{cluster.lb}/admin/", cookies=session, allow_redirects=False, timeout=30
        )
        assert answer.status_code == 200
        upstreams.add(answer.headers["X-Upstream"])
    assert len(upstreams) == 2  # both servers took their turn


def test_rate_limits_count_the_requests_of_both_servers(cluster):
    turns = [cluster.a, cluster.b, cluster.lb]
    allowed = [api(turns[n % 3], SEARCH_PATH).status_code for n in range(SEARCH_LIMIT)]
    assert 429 not in allowed, allowed
    # Each server (and each of its workers) saw fewer than the limit: only a shared count
    # refuses these.
    for base in turns:
        refused = api(base, SEARCH_PATH)
        assert refused.status_code == 429
        assert int(refused.headers["Retry-After"]) > 0


def test_the_response_cache_is_shared_and_a_publish_reaches_both(cluster, content):
    path = "/api/v2/pages/?fields=title&order=id"
    first = api(cluster.a, path)
    assert first.status_code == 200 and first.headers["X-Cache"] == "MISS"
    for base in (cluster.a, cluster.b, cluster.lb, cluster.lb):
        again = api(base, path)
        assert again.headers["X-Cache"] == "HIT", base
        assert again.content == first.content

    title = f"Bản mới {uuid.uuid4().hex[:8]}"

    def publish() -> None:
        page = StandardPage.objects.get(pk=content.listed.pk)
        page.title = title
        page.save_revision().publish()

    # Published by this process as a worker or a command would, with the servers' cache:
    # the versions it moves are the ones both servers read.
    with servers_cache(cluster.redis_url, cluster.key_prefix):
        committed(publish)
    fresh = api(cluster.b, path)
    assert fresh.headers["X-Cache"] == "MISS"
    assert title in [item["title"] for item in fresh.json()["items"]]
    assert api(cluster.a, path).headers["X-Cache"] == "HIT"


def test_a_preview_made_through_a_is_read_through_b_and_nginx(cluster, content, editor):
    draft = f"Bản nháp {uuid.uuid4().hex[:8]}"

    def save_draft() -> None:
        page = StandardPage.objects.get(pk=content.listed.pk)
        page.title = draft
        page.save_revision()

    committed(save_draft)
    # The editor's "Xem trước trên front-end" button, on A: a redirect to the front-end.
    button = editor.get(
        f"{cluster.a}/admin/api-preview/{content.listed.pk}/", allow_redirects=False, timeout=30
    )
    assert button.status_code == 302
    location = urlsplit(button.headers["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == FRONTEND_URL
    query = {name: values[0] for name, values in parse_qs(location.query).items()}
    # The front-end asks the API with what it was given, wherever the balancer sends it.
    for base in (cluster.b, cluster.lb, cluster.lb):
        preview = requests.get(
            f"{base}/api/v2/preview/", params=query, headers={"Host": HOST}, timeout=30
        )
        assert preview.status_code == 200, preview.text[:300]
        assert preview.json()["title"] == draft
        assert "no-store" in preview.headers["Cache-Control"]
    forged = {**query, "token": query["token"][:-2] + "xx"}
    assert (
        requests.get(
            f"{cluster.b}/api/v2/preview/", params=forged, headers={"Host": HOST}, timeout=30
        ).status_code
        == 403
    )


def test_a_task_queued_by_a_runs_on_the_worker_beside_b(cluster, content, editor):
    page_id = content.unpublished.pk
    started = timezone.now()
    # The editor unpublishes the page through A's admin; A queues its search sync.
    done = editor.post(
        f"{cluster.a}/admin/pages/{page_id}/unpublish/",
        data={"csrfmiddlewaretoken": editor.cookies["csrftoken"]},
        allow_redirects=False,
        timeout=30,
    )
    assert done.status_code == 302, done.text[:500]
    assert not Page.objects.get(pk=page_id).live

    def sync_tasks() -> list[DBTaskResult]:
        return [
            task
            for task in DBTaskResult.objects.filter(
                task_path="search.tasks.sync_page", enqueued_at__gte=started
            )
            if task.args_kwargs["args"] == [page_id]
        ]

    deadline = time.monotonic() + 30
    while not (tasks := sync_tasks()) or any(task.finished_at is None for task in tasks):
        assert time.monotonic() < deadline, f"the sync was not run: {tasks}"
        time.sleep(0.2)
    assert [(task.status, task.return_value) for task in tasks] == [("SUCCESSFUL", "deleted")]
    assert tasks[0].worker_ids == [WORKER_ID]
