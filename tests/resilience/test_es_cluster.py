"""A node of a three-node Elasticsearch cluster killed under load (issue 23, item 3).

`scripts/elasticsearch cluster` starts three nodes on loopback (HTTP 9341-9343, transport
9351-9353, 384 MB heaps, data of this run only); the index has 3 primary shards and 1 replica
(ELASTICSEARCH_SHARDS / ELASTICSEARCH_REPLICAS). One node is SIGKILLed:

- during publish / unpublish / delete operations, with the real search worker syncing:
  searches keep answering from Elasticsearch (the live index yellow, never red), the index
  converges while the node is down, and after the node rejoins and the cluster is green
  every copy of every shard holds exactly that: no acknowledged sync lost;
- during a `search_rebuild` (the new index loads without replicas, so a third of its
  primaries go with the node): the rebuild completes or fails cleanly, the alias never
  points at an index that misses a page, searches keep answering from the old index.

`make test` runs SOAK_OPERATIONS=40 over SOAK_SECONDS=10; `make soak` 200 over 60 s.
"""

import os
import threading
import time
from collections import Counter

import pytest
from django.test import Client
from django_tasks_db.models import DBTaskResult
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch
from elasticsearch.helpers import BulkIndexError

from search import rebuild as rebuild_module
from search.client import get_client
from search.documents import alias_name
from search.indexing import concrete_indices, ensure_index, live_index
from search.rebuild import IncompleteIndex

from .services import ElasticsearchCluster, cluster_from_env, search_settings, wait_for

# The soak's helpers; its fixtures by name: worker_factory runs on this module's `search_on`.
from .test_search_outage import (  # noqa: F401
    Editor,
    database_state,
    drift,
    index_state,
    pending_tasks,
    restore_migrated_data,
    wait_converged,
    worker_factory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

OPERATIONS = int(os.environ.get("SOAK_OPERATIONS", "40"))
SECONDS = float(os.environ.get("SOAK_SECONDS", "10"))
SHARDS, REPLICAS = 3, 1
GREEN_TIMEOUT = 180


@pytest.fixture(scope="module")
def cluster():
    nodes = cluster_from_env()
    try:
        nodes.start()
        yield nodes
    finally:
        nodes.destroy()


@pytest.fixture
def search_on(cluster, monkeypatch):
    """This process's client on the cluster, under a prefix of its own; new indices with
    SHARDS primaries and REPLICAS replicas, here and in the workers (environment)."""
    monkeypatch.setenv("ELASTICSEARCH_SHARDS", str(SHARDS))
    monkeypatch.setenv("ELASTICSEARCH_REPLICAS", str(REPLICAS))
    with search_settings(
        "cms-cluster", URL=cluster.url, SHARDS=SHARDS, REPLICAS=REPLICAS
    ) as prefix:
        ensure_index()
        wait_green()
        yield prefix


def wait_green(nodes: int = 3) -> dict:
    health = get_client().cluster.health(
        wait_for_status="green", wait_for_nodes=str(nodes), timeout=f"{GREEN_TIMEOUT}s"
    )
    assert not health["timed_out"], health.body
    return health.body


def node_number(name: str) -> int:
    return int(name.rsplit("-", 1)[1])  # cms-node-<i>


def master_node() -> int:
    return node_number(get_client().cat.master(format="json")[0]["node"])


def primary_node(index: str) -> int:
    """The node holding the index's shard 0 primary."""
    rows = get_client().cat.shards(index=index, format="json")
    return next(node_number(r["node"]) for r in rows if r["shard"] == "0" and r["prirep"] == "p")


class HealthLog(threading.Thread):
    """The health of the index behind the alias, sampled 4 times a second from a client of
    its own; an error or a missing master counts as "unreachable"."""

    def __init__(self, urls: list[str], index: str):
        super().__init__(daemon=True)
        self.client = Elasticsearch(urls, request_timeout=3)
        self.index = index
        self.seen: Counter[str] = Counter()
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            try:
                health = self.client.cluster.health(index=self.index, master_timeout="2s")
                self.seen[health["status"]] += 1
            except (ApiError, TransportError):
                self.seen["unreachable"] += 1
            self.done.wait(0.25)

    def stop(self) -> Counter[str]:
        self.done.set()
        self.join(timeout=10)
        self.client.close()
        return self.seen


class SearchProbe:
    """The public search API; every answer must come from Elasticsearch, not the database
    fallback, and find the pages."""

    def __init__(self, hostname: str):
        self.api, self.hostname, self.answered = Client(), hostname, 0

    def check(self) -> None:
        # jQuery's cache buster `_`: the API's response cache must not answer for the cluster.
        query = {"q": "thông báo", "_": str(self.answered)}
        response = self.api.get("/api/v2/search/", query, HTTP_HOST=self.hostname)
        assert response.status_code == 200, response.content
        assert response.json()["meta"]["engine"] == "elasticsearch", response.json()["meta"]
        assert response.json()["meta"]["total"] > 0
        self.answered += 1


def copies_disagree(index: str) -> dict[str, list[dict]]:
    """Shards whose copies (primary and replica, read each on its own node) hold different
    documents or versions of them: empty when every copy agrees."""
    es = get_client()
    es.indices.refresh(index=index)
    node_ids = {
        row["name"]: row["id"] for row in es.cat.nodes(format="json", h="id,name", full_id=True)
    }
    copies: dict[str, list[dict]] = {}
    for row in es.cat.shards(index=index, format="json"):
        assert row["state"] == "STARTED", row
        hits = es.search(
            index=index,
            preference=f"_shards:{row['shard']}|_only_nodes:{node_ids[row['node']]}",
            size=10_000,
            source=["content_hash"],
            query={"match_all": {}},
        )["hits"]["hits"]
        copies.setdefault(row["shard"], []).append(
            {hit["_id"]: hit["_source"]["content_hash"] for hit in hits}
        )
    return {
        shard: found
        for shard, found in copies.items()
        if len(found) != REPLICAS + 1 or any(c != found[0] for c in found)
    }


def restart_later(cluster: ElasticsearchCluster, node: int, delay: float) -> threading.Thread:
    """Start `node` again (same data) after `delay` seconds, in the background; join() the
    thread, then check its `error`."""

    def run() -> None:
        time.sleep(delay)
        try:
            cluster.start(node)
        except BaseException as error:  # pytest.fail raises outside Exception
            thread.error = error

    thread = threading.Thread(target=run, daemon=True)
    thread.error = None
    thread.start()
    return thread


def joined(thread: threading.Thread) -> None:
    thread.join(timeout=420)
    assert not thread.is_alive(), "the node's restart never returned"
    assert thread.error is None, thread.error


def test_a_killed_node_loses_no_acknowledged_sync(
    two_sites,
    cluster,
    search_on,
    worker_factory,  # noqa: F811 (the imported fixture)
):
    portal, _ = two_sites
    index = live_index()
    shape = get_client().indices.get_settings(index=index, flat_settings=True)[index]["settings"]
    assert (shape["index.number_of_shards"], shape["index.number_of_replicas"]) == ("3", "1")
    editor = Editor(portal.root_page, seed=OPERATIONS + 23)
    for _ in range(max(10, OPERATIONS // 4)):
        editor.create()
    worker = worker_factory("cluster-search-1")
    wait_converged(worker, "the initial pages to be indexed")

    health = HealthLog(cluster.urls, alias_name())
    health.start()
    probe = SearchProbe(portal.hostname)
    done: Counter[str] = Counter()
    victim, restart = master_node(), None
    started = time.monotonic()
    for number in range(OPERATIONS):
        time.sleep(max(0.0, started + number * SECONDS / OPERATIONS - time.monotonic()))
        if number == OPERATIONS // 4:
            # The elected master: a new one must be elected as well.
            cluster.kill(victim)
            killed = time.monotonic()
        if number == OPERATIONS // 2:
            restart = restart_later(cluster, victim, delay=0)
        done[editor.step()] += 1
        if number % 5 == 0:
            probe.check()
    operations_seconds = time.monotonic() - started
    joined(restart)
    rejoined = time.monotonic()
    wait_converged(worker, "the index to converge after the node was killed")
    green = wait_green()
    after_green = time.monotonic()
    seen = health.stop()
    probe.check()

    # Every copy of every shard, the rejoined node's too, holds what the database says.
    assert copies_disagree(live_index()) == {}
    assert drift() == {"lost": [], "stale": [], "orphans": []}
    assert sum(done.values()) == OPERATIONS
    assert seen["yellow"] > 0, f"the kill never showed: {seen}"
    assert seen["red"] == 0, f"the live index lost a primary: {seen}"
    failed = DBTaskResult.objects.failed().filter(backend_name="search").count()
    print(
        f"\ncluster soak: {OPERATIONS} operations {dict(done)} in {operations_seconds:.0f} s; "
        f"node {victim} (the master) SIGKILLed at operation {OPERATIONS // 4}, back "
        f"{rejoined - killed:.0f} s later, green {after_green - rejoined:.0f} s after that "
        f"({green['active_shards']} shards); health samples {dict(seen)}; {probe.answered} "
        f"searches answered by Elasticsearch; {failed} sync attempts failed and were retried; "
        f"{len(database_state())} pages indexed, 0 lost, 0 stale, 0 orphans, copies agree"
    )


def test_a_node_killed_during_a_rebuild(
    two_sites,
    cluster,
    search_on,
    worker_factory,  # noqa: F811 (the imported fixture)
    monkeypatch,
):
    portal, _ = two_sites
    editor = Editor(portal.root_page, seed=OPERATIONS + 7)
    for _ in range(max(40, OPERATIONS // 2)):
        editor.create()
    worker = worker_factory("cluster-search-rebuild")
    wait_converged(worker, "the initial pages to be indexed")
    old = live_index()
    # Small bulk requests: the node is killed between two of them, with pages loaded
    # into the new index and pages still to come.
    monkeypatch.setattr(rebuild_module, "BULK_DOCS", 5)

    health = HealthLog(cluster.urls, alias_name())
    health.start()
    probe = SearchProbe(portal.hostname)
    state: dict = {"calls": 0}

    def on_progress(sent: int) -> None:
        state["calls"] += 1
        if state["calls"] == 1:
            new = next(name for name in concrete_indices() if name != old)
            state["victim"] = primary_node(new)
            cluster.kill(state["victim"])
            state["restart"] = restart_later(cluster, state["victim"], delay=3)
        else:
            # Publishing goes on; the syncs write to both indices.
            editor.step()
        probe.check()

    started = time.monotonic()
    try:
        report = rebuild_module.rebuild(progress=on_progress)
        outcome = f"completed: {report.documents} documents"
    except (BulkIndexError, IncompleteIndex, ApiError, TransportError) as error:
        report, outcome = None, f"failed cleanly ({type(error).__name__})"
    rebuild_seconds = time.monotonic() - started
    assert "restart" in state, "the rebuild finished before the node was killed"
    joined(state["restart"])

    indices = concrete_indices()
    if report:
        # The alias moved only onto the complete index, with the configured replicas back.
        assert live_index() == report.index != old
        assert indices == [report.index]
        shape = get_client().indices.get_settings(index=report.index, flat_settings=True)
        settings_now = shape[report.index]["settings"]
        assert settings_now["index.number_of_replicas"] == str(REPLICAS)
        assert settings_now["index.number_of_shards"] == str(SHARDS)
    else:
        # Nothing half-built is left for searches or syncs: the old index serves on.
        assert live_index() == old
        assert indices == [old]
    # The syncs of the pages edited meanwhile drain; a page the rebuild lost stays lost.
    wait_for(lambda: worker.alive() and pending_tasks() == 0, 120, what="the syncs to drain")
    assert drift() == {"lost": [], "stale": [], "orphans": []}
    wait_green()
    seen = health.stop()
    assert copies_disagree(live_index()) == {}
    assert drift() == {"lost": [], "stale": [], "orphans": []}
    assert seen["red"] == 0, f"searches met an index without all its primaries: {seen}"
    assert seen["yellow"] > 0, f"the kill never showed: {seen}"
    print(
        f"\ncluster rebuild: node {state['victim']} SIGKILLed after the first bulk request, "
        f"started again 3 s later; rebuild {outcome} in {rebuild_seconds:.0f} s; "
        f"{probe.answered} searches answered by Elasticsearch meanwhile; health samples "
        f"{dict(seen)}; {len(index_state())} pages indexed, 0 lost, copies agree"
    )
