"""Elasticsearch outage soak and a killed search worker (issue 8, item 4).

A throwaway Elasticsearch is stopped while pages are published, unpublished and deleted
through Wagtail's own code paths; the real `db_worker --backend search` runs as a
subprocess throughout. Then Elasticsearch comes back, and the index must converge to exactly
the database (0 lost, 0 stale, 0 orphans) through the normal sync path alone: no
search_reconcile. Then the worker is SIGKILLed while it holds a task, and a restart of it
must finish everything.

`make test` runs a reduced soak (SOAK_OPERATIONS=40 over SOAK_SECONDS=10); `make soak`
runs the full one (200 operations over 60 s).
"""

import os
import random
import signal
import time
import uuid

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page

from home.models import StandardPage
from search.client import get_client
from search.documents import alias_name
from search.indexing import build_document, ensure_index, searchable_pages

from .services import Process, elasticsearch_from_env, manage, url_of_test_database, wait_for

# serialized_rollback: the flush after a transactional test would otherwise take the tree root
# and the other data of migrations away from the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

OPERATIONS = int(os.environ.get("SOAK_OPERATIONS", "40"))
SECONDS = float(os.environ.get("SOAK_SECONDS", "10"))
CONVERGE_TIMEOUT = 180


@pytest.fixture(scope="module", autouse=True)
def restore_migrated_data(django_db_blocker):
    """A transactional test ends with a flush, which also removes what the migrations wrote
    (the page tree root, the default site, seeded synonyms). Tests that run later without a
    transaction of their own (the browser tests clone this database) need it back."""
    yield
    serialized = getattr(connection, "_test_serialized_contents", None)
    if serialized:
        with django_db_blocker.unblock():
            connection.creation.deserialize_db_from_string(serialized)


@pytest.fixture(scope="module")
def elasticsearch():
    node = elasticsearch_from_env()
    try:
        node.start()
        yield node
    finally:
        node.stop()


@pytest.fixture
def search_on(elasticsearch):
    """This process's client on the throwaway node, under a prefix of its own."""
    live = dict(settings.ELASTICSEARCH)
    prefix = f"cms-soak-{uuid.uuid4().hex[:6]}"
    # A generous timeout: a node that has just started can be slow to create the index.
    settings.ELASTICSEARCH.update(URL=elasticsearch.url, INDEX_PREFIX=prefix, TIMEOUT=30)
    get_client.cache_clear()
    ensure_index()
    yield prefix
    try:
        get_client().indices.delete(index=f"{prefix}-*", ignore_unavailable=True)
    finally:
        settings.ELASTICSEARCH.update(live)
        get_client.cache_clear()


@pytest.fixture
def worker_factory(search_on, tmp_path):
    """Start `manage.py db_worker --backend search` as a real process on the test database."""
    env = {
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": url_of_test_database(),
        "ELASTICSEARCH_URL": settings.ELASTICSEARCH["URL"],
        "ELASTICSEARCH_INDEX_PREFIX": search_on,
        "ELASTICSEARCH_TIMEOUT": "5",
        # A failed sync retries after 1, 2, 4, 4... s: fast enough for a test, without a
        # hot loop against the stopped node.
        "SEARCH_RETRY_BASE": "1",
        "SEARCH_RETRY_MAX": "4",
    }
    started = []

    def start(worker_id: str) -> Process:
        command = manage(
            "db_worker", "--backend", "search", "--queue-name", "*", "--worker-id", worker_id,
            "--interval", "0.2", "--no-startup-delay", "--no-reload",
        )  # fmt: skip
        process = Process(command, env, tmp_path / f"{worker_id}.log")
        started.append(process)
        return process

    yield start
    for process in started:
        process.terminate()


def index_state() -> dict[int, str]:
    """Page id -> the indexed document's content hash."""
    es = get_client()
    es.indices.refresh(index=alias_name())
    hits = es.search(
        index=alias_name(), size=10_000, source=["content_hash"], query={"match_all": {}}
    )["hits"]["hits"]
    return {int(hit["_id"]): hit["_source"]["content_hash"] for hit in hits}


def database_state() -> dict[int, str]:
    """Page id -> the content hash of the document the database gives now."""
    return {page.pk: build_document(page)["content_hash"] for page in searchable_pages()}


def pending_tasks() -> int:
    return (
        DBTaskResult.objects.filter(backend_name="search")
        .filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING])
        .count()
    )


def drift() -> dict[str, list[int]]:
    indexed, wanted = index_state(), database_state()
    return {
        "lost": sorted(wanted.keys() - indexed.keys()),
        "stale": sorted(pk for pk in wanted.keys() & indexed.keys() if wanted[pk] != indexed[pk]),
        "orphans": sorted(indexed.keys() - wanted.keys()),
    }


def converged() -> bool:
    return pending_tasks() == 0 and not any(drift().values())


def wait_converged(worker: Process, what: str) -> None:
    def check():
        assert worker.alive(), worker.output()
        return converged()

    wait_for(check, CONVERGE_TIMEOUT, what=what)
    assert drift() == {"lost": [], "stale": [], "orphans": []}
    assert len(index_state()) == len(database_state()) > 0


class Editor:
    """Random publish / edit / unpublish / republish / delete / create through Wagtail's
    own page actions, as the admin performs them."""

    def __init__(self, parent: Page, seed: int):
        self.parent = parent
        self.rng = random.Random(seed)
        self.counter = 0

    def create(self) -> str:
        self.counter += 1
        page = StandardPage(title=f"Thông báo số {self.counter}", slug=f"tb-{self.counter}")
        self.parent.add_child(instance=page)
        page.save_revision().publish()
        return "create"

    def step(self) -> str:
        pages = list(StandardPage.objects.child_of(self.parent))
        live = [page for page in pages if page.live]
        dead = [page for page in pages if not page.live]
        choice = self.rng.choices(
            ["create", "edit", "unpublish", "republish", "delete"], weights=[3, 4, 2, 1, 1]
        )[0]
        if choice == "edit" and live:
            page = self.rng.choice(live)
            page.title = f"{page.title.split(' (')[0]} (sửa {self.rng.randrange(10**6)})"
            page.save_revision().publish()
        elif choice == "unpublish" and live:
            self.rng.choice(live).unpublish()
        elif choice == "republish" and dead:
            self.rng.choice(dead).get_latest_revision().publish()
        elif choice == "delete" and pages:
            self.rng.choice(pages).delete()
        else:
            return self.create()
        return choice


def test_outage_loses_nothing_and_the_index_converges(
    two_sites, elasticsearch, search_on, worker_factory
):
    portal, _ = two_sites
    editor = Editor(portal.root_page, seed=OPERATIONS)
    for _ in range(max(10, OPERATIONS // 4)):
        editor.create()
    worker = worker_factory("soak-search-1")
    wait_converged(worker, "the initial pages to be indexed")

    elasticsearch.stop()
    api = Client()
    done: dict[str, int] = {}
    slowest = 0.0
    outage_started = time.monotonic()
    for number in range(OPERATIONS):
        # Spread the operations over SECONDS (a loaded machine may need longer).
        time.sleep(max(0.0, outage_started + number * SECONDS / OPERATIONS - time.monotonic()))
        started = time.monotonic()
        kind = editor.step()
        slowest = max(slowest, time.monotonic() - started)
        done[kind] = done.get(kind, 0) + 1
        if number % 10 == 0:
            # The public API keeps answering from the database meanwhile.
            search = api.get("/api/v2/search/", {"q": "thông báo"}, HTTP_HOST=portal.hostname)
            assert search.status_code == 200, search.content
            assert search.json()["meta"]["engine"] == "database"
            assert search.json()["meta"]["total"] > 0
            listing = api.get("/api/v2/pages/", HTTP_HOST=portal.hostname)
            assert listing.status_code == 200, listing.content
    # Publishing only queued database tasks: none failed for the stopped node (above) and none
    # waited on it (the worker's client gives up after ELASTICSEARCH_TIMEOUT = 5 s).
    assert slowest < 5, slowest
    assert sum(done.values()) == OPERATIONS
    assert pending_tasks() > 0, "the outage left nothing to sync: the test did not test"
    assert DBTaskResult.objects.failed().filter(backend_name="search").exists()

    outage = time.monotonic() - outage_started
    elasticsearch.start()
    restarted = time.monotonic()
    wait_converged(worker, "the index to converge after the outage")
    assert worker.alive()
    # Shown by `make soak` (-s): what the soak did.
    print(
        f"\nsoak: {OPERATIONS} operations {done} in {outage:.0f} s with Elasticsearch down "
        f"(slowest {slowest:.2f} s); converged {time.monotonic() - restarted:.0f} s after the "
        f"restart: {len(database_state())} pages indexed, 0 lost, 0 stale, 0 orphans"
    )


def test_a_killed_worker_loses_no_task(two_sites, search_on, worker_factory):
    portal, _ = two_sites
    editor = Editor(portal.root_page, seed=7)
    worker_id = "soak-search-kill"
    for _ in range(max(20, OPERATIONS // 2)):
        editor.create()
    worker = worker_factory(worker_id)
    # Freeze the worker until it is caught holding a claimed task, then kill it there.
    claimed = None
    deadline = time.monotonic() + 60
    while claimed is None and time.monotonic() < deadline:
        os.kill(worker.pid, signal.SIGSTOP)
        claimed = (
            DBTaskResult.objects.running()
            .filter(backend_name="search", worker_ids__contains=[worker_id])
            .first()
        )
        if claimed is None:
            os.kill(worker.pid, signal.SIGCONT)
            time.sleep(0.002)
    assert claimed is not None, "never caught the worker holding a task"
    worker.kill()
    assert pending_tasks() > 1, "the worker had finished the batch before it was killed"
    claimed.refresh_from_db()
    assert claimed.status == TaskResultStatus.RUNNING

    restarted = worker_factory(worker_id)
    wait_converged(restarted, "the restarted worker to finish the batch")
    claimed.refresh_from_db()
    assert claimed.status == TaskResultStatus.SUCCESSFUL
