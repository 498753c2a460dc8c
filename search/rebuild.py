"""Zero-downtime rebuild: a new concrete index, bulk-loaded, then one atomic alias swap.

Searches keep hitting the old index until the swap; syncs that arrive during the load are
written to both (see `indexing.write_targets`), and versions keep the newer data.
"""

import multiprocessing
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django import db
from elasticsearch.helpers import streaming_bulk

from sites.models import Agency

from .client import get_client
from .documents import alias_name
from .indexing import (
    build_document,
    concrete_indices,
    create_index,
    live_index,
    new_index_name,
    page_version,
    searchable_pages,
)

BULK_TIMEOUT = 120  # seconds


@dataclass
class RebuildReport:
    index: str
    old_indices: list[str]
    documents: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


def _actions(index: str, part: int = 0, parts: int = 1) -> Iterable[dict]:
    agencies = dict(Agency.objects.filter(site__isnull=False).values_list("site_id", "slug"))
    for page in searchable_pages(part=part, parts=parts):
        yield {
            "_index": index,
            "_id": str(page.pk),
            "_version": page_version(page),
            "_version_type": "external_gte",
            "_source": build_document(page, agencies),
        }


def _load(es, index: str, part: int = 0, parts: int = 1, progress=None) -> int:
    count = 0
    actions = _actions(index, part, parts)
    # A bulk request may take longer than a search on a busy node; a timeout here used to
    # abort the whole rebuild.
    es = es.options(request_timeout=BULK_TIMEOUT, retry_on_timeout=True, max_retries=3)
    for ok, item in streaming_bulk(es, actions, chunk_size=200, raise_on_error=False):
        if not ok and item.get("index", {}).get("status") != 409:
            raise RuntimeError(f"bulk indexing failed: {item}")
        count += 1
        if progress:
            progress(1)
    return count


def _load_part(args: tuple[str, int, int]) -> int:
    # A forked child: its own database connection and Elasticsearch client.
    db.connections.close_all()
    get_client.cache_clear()
    index, part, parts = args
    return _load(get_client(), index, part, parts)


def _load_in_processes(index: str, workers: int) -> int:
    """Building documents is Python work: on a multi-core server, several processes each
    take a share of the pages."""
    db.connections.close_all()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return sum(pool.map(_load_part, [(index, part, workers) for part in range(workers)]))


def rebuild(
    progress: Callable[[int], None] | None = None, keep_old: bool = False, workers: int = 1
) -> RebuildReport:
    """Build and fill a new index, swap the alias onto it, delete the old ones. `workers` > 1
    builds the documents in that many processes (no progress callback then)."""
    es = get_client()
    started = time.monotonic()
    name = new_index_name()
    create_index(name)
    # No refreshes while loading; one at the end.
    es.indices.put_settings(index=name, settings={"refresh_interval": "-1"})
    parallel = workers > 1
    count = _load_in_processes(name, workers) if parallel else _load(es, name, progress=progress)
    es.indices.put_settings(index=name, settings={"refresh_interval": "1s"})
    es.indices.refresh(index=name)
    old = [index for index in concrete_indices() if index != name]
    current = live_index()
    actions: list[dict] = [{"add": {"index": name, "alias": alias_name()}}]
    if current:
        actions.insert(0, {"remove": {"index": current, "alias": alias_name()}})
    es.indices.update_aliases(actions=actions)
    if not keep_old and old:
        es.indices.delete(index=",".join(old), ignore_unavailable=True)
    return RebuildReport(name, old, count, time.monotonic() - started)
