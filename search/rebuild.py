"""Zero-downtime rebuild: a new concrete index, bulk-loaded, then one atomic alias swap.

Searches keep hitting the old index until the swap; syncs that arrive during the load are
written to both (see `indexing.write_targets`), and versions keep the newer data.
"""

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

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


@dataclass
class RebuildReport:
    index: str
    old_indices: list[str]
    documents: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


def _actions(index: str) -> Iterable[dict]:
    agencies = dict(Agency.objects.filter(site__isnull=False).values_list("site_id", "slug"))
    for page in searchable_pages():
        yield {
            "_index": index,
            "_id": str(page.pk),
            "_version": page_version(page),
            "_version_type": "external_gte",
            "_source": build_document(page, agencies),
        }


def rebuild(progress: Callable[[int], None] | None = None, keep_old: bool = False) -> RebuildReport:
    """Build and fill a new index, swap the alias onto it, delete the old ones."""
    es = get_client()
    started = time.monotonic()
    name = new_index_name()
    create_index(name)
    # No refreshes while loading; one at the end.
    es.indices.put_settings(index=name, settings={"refresh_interval": "-1"})
    count = 0
    for ok, item in streaming_bulk(es, _actions(name), chunk_size=200, raise_on_error=False):
        if not ok and item.get("index", {}).get("status") != 409:
            raise RuntimeError(f"bulk indexing failed: {item}")
        count += 1
        if progress:
            progress(1)
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
