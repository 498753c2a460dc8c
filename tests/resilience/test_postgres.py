"""A tested restore procedure, and a PostgreSQL restart under traffic (issue 8, items 4, 6).

A throwaway PostgreSQL cluster receives a backup of the test database (scripts/backup ->
scripts/restore, which also rebuilds the search index); gunicorn with the production
settings serves the restored content from it. Then the cluster restarts while requests keep
coming: they fail fast with a clean 503 and succeed again afterwards with no manual action.
"""

import os
import threading
import time
import uuid
from dataclasses import dataclass, field

import pytest
import requests
from django.conf import settings
from wagtail.models import Page, Site

from home.models import HomePage, StandardPage
from search.client import get_client
from tests.ports import free_port

from .services import ROOT, Process, ThrowawayPostgres, run_checked, url_of_test_database, wait_for

# The tests talk to gunicorn; the mark only makes pytest-django create the test database the
# backup is taken from.
pytestmark = pytest.mark.django_db

TITLE = "Thông báo lịch tiếp công dân tháng 12"
HOST = "restore.bacninh.localhost"


@pytest.fixture(scope="module")
def cluster():
    pg = ThrowawayPostgres(int(os.environ.get("SOAK_PG_PORT", "5437")))
    try:
        pg.init()
        yield pg
    finally:
        pg.destroy()


@pytest.fixture(scope="module")
def backup(django_db_setup, django_db_blocker, tmp_path_factory):
    """A backup of the test database holding one committed site and page, which are
    removed from the test database again once backed up."""
    dest = tmp_path_factory.mktemp("backup")
    with django_db_blocker.unblock():
        root = Page.get_first_root_node()
        slug = f"r-{uuid.uuid4().hex[:6]}"
        home = root.add_child(instance=HomePage(title="Trang khôi phục", slug=slug))
        site = Site.objects.create(hostname=HOST, port=80, root_page=home, site_name="Khôi phục")
        page = home.add_child(instance=StandardPage(title=TITLE, slug="lich-tiep-cong-dan"))
        page.save_revision().publish()
        database_url = url_of_test_database()
        try:
            run_checked(
                [str(ROOT / "scripts/backup"), str(dest)],
                {"DJANGO_SETTINGS_MODULE": "cms.settings.test", "DATABASE_URL": database_url},
            )
        finally:
            site.delete()
            home.delete()
    yield dest, page.pk


@dataclass
class Server:
    process: Process
    url: str
    prefix: str


@pytest.fixture(scope="module")
def restored(cluster, backup, tmp_path_factory):
    """The backup restored into the throwaway cluster, then served by gunicorn."""
    dest, _ = backup
    prefix = f"cms-restore-{uuid.uuid4().hex[:6]}"
    env = {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "restore-test-" + uuid.uuid4().hex * 2,
        "ALLOWED_HOSTS": "*",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": cluster.url,
        "DATABASE_CONN_MAX_AGE": "60",
        "ELASTICSEARCH_INDEX_PREFIX": prefix,
        "ELASTICSEARCH_URL": settings.ELASTICSEARCH["URL"],
        "LOG_FORMAT": "json",
    }
    run_checked([str(ROOT / "scripts/restore"), str(dest)], env, timeout=600)
    port = free_port(range(8300, 8400))
    command = [
        str(ROOT / ".venv/bin/gunicorn"), "-c", str(ROOT / "deploy/gunicorn.conf.py"),
        "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "2", "cms.wsgi",
    ]  # fmt: skip
    process = Process(command, env, tmp_path_factory.mktemp("gunicorn") / "gunicorn.log")
    url = f"http://127.0.0.1:{port}"

    def up():
        assert process.alive(), process.output()
        try:
            return requests.get(f"{url}/healthz", timeout=2).status_code == 200
        except requests.RequestException:
            return False

    try:
        wait_for(up, 120, what="gunicorn to answer")
        yield Server(process, url, prefix)
    finally:
        # Also when gunicorn never came up: no server is left behind.
        process.terminate()
        get_client().indices.delete(index=f"{prefix}-*", ignore_unavailable=True)


def api(server: Server, path: str, **kwargs) -> requests.Response:
    return requests.get(f"{server.url}{path}", headers={"Host": HOST}, timeout=15, **kwargs)


def test_a_backup_restores_into_a_fresh_cluster_with_its_search_index(backup, restored):
    _, page_id = backup
    listing = api(restored, "/api/v2/pages/", params={"type": "home.StandardPage"})
    assert listing.status_code == 200, listing.text
    assert [item["title"] for item in listing.json()["items"]] == [TITLE]
    assert listing.json()["items"][0]["id"] == page_id
    # scripts/restore rebuilt the index from the restored database.
    found = api(restored, "/api/v2/search/", params={"q": "lịch tiếp công dân"})
    assert found.status_code == 200, found.text
    assert found.json()["meta"]["engine"] == "elasticsearch"
    assert [item["id"] for item in found.json()["items"]] == [page_id]
    ready = api(restored, "/readyz")
    assert ready.status_code == 200 and ready.json()["status"] == "ok"


@dataclass
class Traffic:
    """Requests in a loop from a thread: (started, phase, path, status or error, seconds)."""

    server: Server
    phase: str = "before"
    log: list = field(default_factory=list)
    running: bool = True

    def run(self) -> None:
        paths = ["/api/v2/pages/?type=home.StandardPage&limit={n}", "/readyz", "/api/v2/sites/"]
        n = 0
        while self.running:
            n += 1
            path = paths[n % len(paths)].format(n=n % 20 + 1)
            started = time.monotonic()
            try:
                response = api(self.server, path)
                outcome = response.status_code
                retry_after = response.headers.get("Retry-After")
            except requests.RequestException as error:
                outcome, retry_after = type(error).__name__, None
            self.log.append((self.phase, path, outcome, time.monotonic() - started, retry_after))
            time.sleep(0.05)

    def outcomes(self, phase: str) -> list:
        return [entry for entry in self.log if entry[0] == phase]


def test_a_postgres_restart_fails_requests_cleanly_and_recovers_alone(cluster, restored):
    traffic = Traffic(restored)
    thread = threading.Thread(target=traffic.run, daemon=True)
    thread.start()
    try:
        time.sleep(2)
        traffic.phase = "stopping"
        cluster.stop()
        traffic.phase = "down"
        time.sleep(4)
        traffic.phase = "starting"
        cluster.start()
        traffic.phase = "after"
        wait_for(
            lambda: len([e for e in traffic.outcomes("after") if e[2] == 200]) >= 20,
            60,
            what="requests to succeed again",
        )
    finally:
        traffic.running = False
        thread.join(timeout=30)
    before, down = traffic.outcomes("before"), traffic.outcomes("down")
    assert before and {entry[2] for entry in before} == {200}, before
    # While the database is down: a clean 503 with Retry-After for everything that needs it,
    # fast (connection refused, no hung worker), never a 500 or a dropped connection.
    assert len(down) >= 5, down
    assert {entry[2] for entry in down} == {503}, down
    assert all(entry[4] == "30" or entry[1] == "/readyz" for entry in down), down
    assert max(entry[3] for entry in down) < 10, down
    # Afterwards every request succeeds: the servers reconnect by themselves.
    after = traffic.outcomes("after")
    first_ok = next(i for i, entry in enumerate(after) if entry[2] == 200)
    assert {entry[2] for entry in after[first_ok:]} == {200}, after[first_ok:]
    assert restored.process.alive()


def test_the_503_page_and_readiness_reason_while_the_database_is_down(cluster, restored):
    cluster.stop()
    try:
        page = api(restored, "/")
        assert page.status_code == 503
        assert "Dịch vụ tạm thời gián đoạn" in page.text
        assert page.headers["Retry-After"] == "30"
        ready = api(restored, "/readyz")
        assert ready.status_code == 503
        body = ready.json()
        assert body["status"] == "unavailable"
        assert body["checks"]["database"]["ok"] is False
        assert body["checks"]["database"]["reason"]
        assert api(restored, "/healthz").status_code == 200
    finally:
        cluster.start()
    wait_for(lambda: api(restored, "/readyz").status_code == 200, 30, what="readiness")
