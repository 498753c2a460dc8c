"""Two app servers under publishing (issue #23, item 2), as `make soak` runs them: servers A
and B behind a round-robin nginx, one Redis, a search worker beside each
(tests/deployment/app_servers.py). While readers load the balancer with details, listings
and searches, SOAK_OPERATIONS publishes and unpublishes, paced over SOAK_SECONDS, are
committed as a command or a worker would, with the servers' cache:

- no reader gets an error;
- right after each commit both servers answer the new state (the new title, or 404 once
  unpublished): the response cache and its versions are shared, nothing stale stays behind
  in one process;
- the searches' syncs are run by both workers, each successfully, and the index ends as the
  database is.

`make test` runs SOAK_OPERATIONS=40 over SOAK_SECONDS=10; `make soak` 200 over 60 s."""

import os
import random
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator

import pytest
import requests
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from elasticsearch import NotFoundError
from wagtail.models import Page, Site

from benchmarks.cache_publishing import servers_cache
from home.models import HomePage, StandardPage
from search.client import get_client
from search.documents import alias_name
from search.indexing import ensure_index
from tests.deployment.app_servers import Cluster, app_servers, committed

from .services import wait_for

pytestmark = pytest.mark.django_db

OPERATIONS = int(os.environ.get("SOAK_OPERATIONS", "40"))
SECONDS = float(os.environ.get("SOAK_SECONDS", "10"))
HOST = "soak-servers.localhost"
PAGES = 8
READERS = 3
WORKERS = {"a": "soak-beside-a", "b": "soak-beside-b"}
LISTING = "/api/v2/pages/?type=home.StandardPage&fields=title&limit=50"
UNPUBLISHED = "404, unpublished"


@pytest.fixture(scope="module")
def pages(django_db_setup, django_db_blocker) -> Iterator[list[int]]:
    """A site with PAGES published pages, committed so that the servers read them; removed
    after the module, with the tasks queued meanwhile."""
    started = timezone.now()
    with django_db_blocker.unblock():
        ensure_index()
        home = Page.get_first_root_node().add_child(
            instance=HomePage(title="Thử tải", slug=f"soak-servers-{uuid.uuid4().hex[:6]}")
        )
        site = Site.objects.create(hostname=HOST, port=80, root_page=home, site_name="Thử tải")
        ids = []
        for number in range(PAGES):
            page = home.add_child(
                instance=StandardPage(title=f"Trang thử {number}", slug=f"trang-{number}")
            )
            page.save_revision().publish()
            ids.append(page.pk)
        try:
            yield ids
        finally:
            site.delete()
            home.delete()
            DBTaskResult.objects.filter(enqueued_at__gte=started).delete()


@pytest.fixture(scope="module")
def cluster(pages) -> Iterator[Cluster]:
    with app_servers(WORKERS, range(8700, 8800), RATELIMIT_ENABLE="0") as servers_up:
        yield servers_up


def get(base: str, path: str) -> requests.Response:
    return requests.get(f"{base}{path}", headers={"Host": HOST}, timeout=30)


def read_until(stop: threading.Event, base: str, paths: list[str], seed: int, out: Counter):
    rng = random.Random(seed)
    session = requests.Session()
    while not stop.is_set():
        path = rng.choice(paths)
        status = session.get(f"{base}{path}", headers={"Host": HOST}, timeout=30).status_code
        # A detail is 404 while its page is unpublished; anything else is an error.
        detail = path.startswith("/api/v2/pages/") and path != LISTING
        out[UNPUBLISHED if detail and status == 404 else status] += 1
    session.close()


def state_of(cluster: Cluster, page_id: int) -> list[tuple[int, str | None]]:
    answers = [get(base, f"/api/v2/pages/{page_id}/") for base in (cluster.a, cluster.b)]
    return [
        (answer.status_code, answer.json().get("title") if answer.status_code == 200 else None)
        for answer in answers
    ]


def test_both_servers_answer_each_change_at_once_under_load(cluster, pages):
    started = timezone.now()
    rng = random.Random(23)
    reads: Counter = Counter()
    stop = threading.Event()
    paths = [*(f"/api/v2/pages/{pk}/" for pk in pages), LISTING, "/api/v2/search/?q=trang+thu"]
    readers = [
        threading.Thread(target=read_until, args=(stop, cluster.lb, paths, seed, reads))
        for seed in range(READERS)
    ]
    for reader in readers:
        reader.start()
    live = dict.fromkeys(pages, True)
    titles = {pk: f"Trang thử {number}" for number, pk in enumerate(pages)}
    stale = []
    try:
        with servers_cache(cluster.redis_url, cluster.key_prefix):
            for operation in range(OPERATIONS):
                due = time.monotonic() + SECONDS / OPERATIONS
                page_id = rng.choice(pages)
                unpublish = live[page_id] and rng.random() < 0.3

                def change(page_id=page_id, unpublish=unpublish, operation=operation) -> None:
                    page = StandardPage.objects.get(pk=page_id)
                    if unpublish:
                        page.unpublish()
                    else:
                        page.title = f"Trang thử {operation} (bản {operation})"
                        page.save_revision().publish()

                committed(change)
                live[page_id] = not unpublish
                if not unpublish:
                    titles[page_id] = f"Trang thử {operation} (bản {operation})"
                expected = (200, titles[page_id]) if live[page_id] else (404, None)
                answered = state_of(cluster, page_id)
                if answered != [expected, expected]:
                    stale.append((operation, page_id, expected, answered))
                listed = {item["id"] for item in get(cluster.b, LISTING).json()["items"]}
                if listed & set(pages) != {pk for pk in pages if live[pk]}:
                    stale.append((operation, "listing", sorted(listed)))
                time.sleep(max(0.0, due - time.monotonic()))
    finally:
        stop.set()
        for reader in readers:
            reader.join(timeout=60)

    assert stale == [], stale[:5]
    assert set(reads) <= {200, UNPUBLISHED}, reads
    assert sum(reads.values()) > OPERATIONS  # the readers did read throughout

    def syncs() -> list[DBTaskResult]:
        return [
            task
            for task in DBTaskResult.objects.filter(
                task_path="search.tasks.sync_page", enqueued_at__gte=started
            )
            if task.args_kwargs["args"][0] in pages
        ]

    wait_for(
        lambda: all(task.finished_at for task in syncs()), timeout=120, what="the syncs to run"
    )
    done = syncs()
    assert {task.status for task in done} == {"SUCCESSFUL"}
    assert {worker for task in done for worker in task.worker_ids} == set(WORKERS.values())

    es = get_client()
    es.indices.refresh(index=alias_name())
    for page_id in pages:
        try:
            indexed = es.get(index=alias_name(), id=str(page_id))["_source"]["title"]
        except NotFoundError:
            indexed = None
        assert indexed == (titles[page_id] if live[page_id] else None), page_id
