"""Zero-downtime rebuild: a new concrete index, bulk-loaded, then one atomic alias swap.

Searches keep hitting the old index until the swap; syncs that arrive during the load are
written to both (see `indexing.write_targets`), and versions keep the newer data: each chunk's
version is read from the database clock before the chunk is (`indexing.searchable_pages`).
"""

import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import islice
from types import SimpleNamespace

from django import db
from elasticsearch.helpers import bulk

from sites.models import Agency

from . import files
from .client import get_client
from .documents import alias_name
from .indexing import (
    Row,
    build_document,
    concrete_indices,
    create_index,
    live_index,
    new_index_name,
    searchable_pages,
    searchable_rows,
    sync_version,
)

BULK_TIMEOUT = 120  # seconds
# A bulk request: documents are ~6 kB, so 500 make ~3 MB, well under the 100 MB
# http.max_content_length and small enough for a 1 GB heap.
BULK_DOCS = 500
BULK_BYTES = 10 * 2**20
# Bulk requests on their way while the next chunk is built: Elasticsearch indexes one
# chunk while Python builds the next, instead of each waiting for the other.
# Not the client's parallel_bulk: its pool consumes the actions in a thread of its own,
# and the documents must be read from the database in this thread (its connection and
# transaction).
IN_FLIGHT = 2
# While loading: no refreshes, no replicas (restored before the swap). The translog stays
# fsynced per request: with it fsynced in the background, a node killed mid-load came back
# without the last acknowledged bulk requests, and the rebuild swapped the alias onto an
# index that missed those pages (tests/resilience/test_es_cluster.py).
LOADING_SETTINGS = {
    "refresh_interval": "-1",
    "number_of_replicas": 0,
}
# How long the swap waits for every primary of the new index to be active (a node lost
# during the load takes its primaries with it until it is back).
PRIMARIES_TIMEOUT = "60s"


@dataclass
class RebuildReport:
    index: str
    old_indices: list[str]
    documents: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


def _actions(index: str, rows: list[Row] | None = None) -> Iterable[dict]:
    agencies = dict(Agency.objects.filter(site__isnull=False).values_list("site_id", "slug"))
    url_cache = SimpleNamespace()
    for page in searchable_pages(rows):
        yield {
            "_index": index,
            "_id": str(page.pk),
            "_version": page._search_version,
            "_version_type": "external_gte",
            "_source": build_document(page, agencies, url_cache),
        }


def _document_actions(index: str) -> Iterable[dict]:
    """The documents' records (search.files), their files read first where not yet."""
    files.read_texts()
    version = sync_version()  # before the documents and their users are read
    for document, text, context in files.searchable_documents():
        yield {
            "_index": index,
            "_id": files.key(document.pk),
            "_version": version,
            "_version_type": "external_gte",
            "_source": files.build_document(document, text, context),
        }


def _chunks(actions: Iterable[dict], size: int) -> Iterator[list[dict]]:
    actions = iter(actions)
    while chunk := list(islice(actions, size)):
        yield chunk


def _send(es, chunk: list[dict]) -> int:
    # 409: a sync wrote a newer version of the page during the load; that one stays.
    bulk(
        es,
        chunk,
        chunk_size=len(chunk),
        max_chunk_bytes=BULK_BYTES,
        ignore_status=(409,),
        max_retries=3,
    )
    return len(chunk)


def _load(
    es,
    index: str,
    rows: list[Row] | None = None,
    progress=None,
    actions: Iterable[dict] | None = None,
) -> int:
    """Bulk-load the pages of `rows` (default: all), or `actions` when given."""
    actions = _actions(index, rows) if actions is None else actions
    count = 0
    # A bulk request may take longer than a search on a busy node; a timeout here used to
    # abort the whole rebuild.
    es = es.options(request_timeout=BULK_TIMEOUT, retry_on_timeout=True, max_retries=3)
    pending: deque[Future[int]] = deque()

    def settle(future: Future[int]) -> None:
        nonlocal count
        sent = future.result()  # re-raises a failed bulk request
        count += sent
        if progress:
            progress(sent)

    with ThreadPoolExecutor(max_workers=IN_FLIGHT) as pool:
        try:
            for chunk in _chunks(actions, BULK_DOCS):
                pending.append(pool.submit(_send, es, chunk))
                if len(pending) >= IN_FLIGHT:
                    settle(pending.popleft())
            while pending:
                settle(pending.popleft())
        finally:
            for future in pending:
                future.cancel()
    return count


def _load_part(args: tuple[str, list[Row]]) -> int:
    # A forked child: its own database connection and Elasticsearch client.
    db.connections.close_all()
    get_client.cache_clear()
    index, rows = args
    return _load(get_client(), index, rows)


def _load_in_processes(index: str, workers: int) -> int:
    """Building documents is Python work: on a multi-core server, several processes each
    take a share of the pages (listed once, here)."""
    rows = searchable_rows()
    db.connections.close_all()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        parts = [(index, rows[part::workers]) for part in range(workers)]
        return sum(pool.map(_load_part, parts))


def _current_settings(es, index: str, keys: Iterable[str]) -> dict:
    """The index's own values of `keys` (None: the default), to restore after loading."""
    found = es.indices.get_settings(index=index, flat_settings=True)[index]["settings"]
    return {key: found.get(f"index.{key}") for key in keys}


class IncompleteIndex(Exception):
    """The new index lacks an active primary: the alias is not moved onto it."""


def _require_primaries(es, index: str) -> None:
    health = es.cluster.health(index=index, wait_for_status="yellow", timeout=PRIMARIES_TIMEOUT)
    if health["timed_out"] or health["status"] == "red":
        raise IncompleteIndex(f"{index}: {health['unassigned_primary_shards']} primaries missing")


def rebuild(
    progress: Callable[[int], None] | None = None, keep_old: bool = False, workers: int = 1
) -> RebuildReport:
    """Build and fill a new index, swap the alias onto it, delete the old ones. `workers` > 1
    builds the documents in that many processes (no progress callback then)."""
    # The final refresh writes everything loaded into segments: far longer than a search.
    es = get_client().options(request_timeout=BULK_TIMEOUT)
    started = time.monotonic()
    name = new_index_name()
    create_index(name)
    try:
        serving = _current_settings(es, name, LOADING_SETTINGS)
        es.indices.put_settings(index=name, settings=LOADING_SETTINGS)
        if workers > 1:
            count = _load_in_processes(name, workers)
        else:
            count = _load(es, name, progress=progress)
        count += _load(es, name, progress=progress, actions=_document_actions(name))
        es.indices.put_settings(index=name, settings=serving)
        _require_primaries(es, name)
        es.indices.refresh(index=name)
    except BaseException:
        # No half-filled index left behind for syncs to keep writing to.
        es.options(ignore_status=404).indices.delete(index=name)
        raise
    old = [index for index in concrete_indices() if index != name]
    current = live_index()
    actions: list[dict] = [{"add": {"index": name, "alias": alias_name()}}]
    if current:
        actions.insert(0, {"remove": {"index": current, "alias": alias_name()}})
    es.indices.update_aliases(actions=actions)
    if not keep_old and old:
        es.indices.delete(index=",".join(old), ignore_unavailable=True)
    return RebuildReport(name, old, count, time.monotonic() - started)
