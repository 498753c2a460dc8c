"""What `search_status` and the admin panel show: the index, counts and the sync queue."""

from collections import Counter
from dataclasses import dataclass, field
from types import SimpleNamespace

from django_tasks_db.models import DBTaskResult
from elastic_transport import TransportError
from elasticsearch import ApiError
from elasticsearch.helpers import scan

from sites.models import Agency

from . import files
from .client import get_client
from .documents import alias_name
from .indexing import build_document, concrete_indices, live_index, searchable_pages

Key = tuple[str, str]  # (site hostname, type)


@dataclass
class IndexState:
    """DB and index side by side: `_id` (a page id, or "document-<id>": search.files) ->
    content hash (`indexing.content_hash`) of the record the database gives now, and of
    the indexed one."""

    db: dict[str, str] = field(default_factory=dict)
    index: dict[str, str] = field(default_factory=dict)
    db_keys: dict[str, Key] = field(default_factory=dict)
    index_keys: dict[str, Key] = field(default_factory=dict)

    def missing(self) -> list[str]:
        return [pk for pk in self.db if pk not in self.index]

    def stale(self) -> list[str]:
        return [pk for pk, v in self.db.items() if pk in self.index and self.index[pk] != v]

    def orphans(self) -> list[str]:
        return [pk for pk in self.index if pk not in self.db]

    def counts(self) -> list[dict]:
        db, index = Counter(self.db_keys.values()), Counter(self.index_keys.values())
        return [
            {"site": site, "type": type_, "db": db[(site, type_)], "index": index[(site, type_)]}
            for site, type_ in sorted(set(db) | set(index))
        ]


def read_state() -> IndexState:
    """Every searchable page's document as the database gives it now, and every indexed
    document (raises when ES is down). Builds every document: a rebuild's Python work."""
    state = IndexState()
    agencies = dict(Agency.objects.filter(site__isnull=False).values_list("site_id", "slug"))
    url_cache = SimpleNamespace()
    for page in searchable_pages():
        document = build_document(page, agencies, url_cache)
        state.db[str(page.pk)] = document["content_hash"]
        state.db_keys[str(page.pk)] = (document["site_hostname"], document["type"])
    # Documents as kept: a file not read yet is "stale" until its sync has read it.
    for found in files.searchable_documents():
        document = files.build_document(*found)
        key = files.key(found[0].pk)
        state.db[key] = document["content_hash"]
        state.db_keys[key] = (document.get("site_hostname") or "?", document["type"])
    hits = scan(
        get_client(),
        index=alias_name(),
        query={"query": {"match_all": {}}},
        _source=["site_hostname", "type", "content_hash"],
    )
    for hit in hits:
        pk, source = hit["_id"], hit["_source"]
        state.index[pk] = source.get("content_hash", "")
        state.index_keys[pk] = (source.get("site_hostname") or "?", source.get("type") or "?")
    return state


def task_summary() -> dict:
    tasks = DBTaskResult.objects.filter(backend_name="search")
    last_failed = tasks.failed().order_by("-finished_at").first()
    return {
        "pending": tasks.filter(status="READY").count(),
        "running": tasks.filter(status="RUNNING").count(),
        "failed": tasks.failed().count(),
        "succeeded": tasks.filter(status="SUCCESSFUL").count(),
        "last_error": (
            {
                "at": last_failed.finished_at,
                "error": last_failed.exception_class_path,
                "traceback": last_failed.traceback.strip().splitlines()[-1:],
                "args": last_failed.args_kwargs,
            }
            if last_failed
            else None
        ),
    }


def collect_status() -> dict:
    status: dict = {"alias": alias_name(), "tasks": task_summary()}
    try:
        status["live_index"] = live_index()
        status["indices"] = concrete_indices()
        state = read_state()
    except (ApiError, TransportError) as error:
        status.update(available=False, error=str(error))
        return status
    status.update(
        available=True,
        counts=state.counts(),
        totals={"db": len(state.db), "index": len(state.index)},
        drift={
            "missing": len(state.missing()),
            "stale": len(state.stale()),
            "orphans": len(state.orphans()),
        },
    )
    return status
