"""The sync task: one page's document brought in line with the database.

Runs on the "search" task backend (django-tasks-db), so a task survives restarts and an
Elasticsearch outage. A failed run is kept as FAILED (visible in `search_status` and the
admin panel) and a retry is scheduled with exponential backoff, until one succeeds.
"""

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from workers.queueing import enqueue_many

from . import files, indexing
from .client import get_client
from .documents import alias_name

logger = logging.getLogger(__name__)

# Namespace of the per-page advisory locks (PostgreSQL's two-key form: namespace, page id).
SYNC_LOCK_NAMESPACE = 0x5EA2
# The same for documents (search.files), whose ids are not page ids.
DOCUMENT_LOCK_NAMESPACE = 0x5EA3


def retry_delay(attempt: int) -> float:
    conf = settings.SEARCH
    return min(conf["RETRY_BASE"] * 2**attempt, conf["RETRY_MAX"])


def lock_page(page_id: int, namespace: int = SYNC_LOCK_NAMESPACE) -> None:
    """Hold, until the transaction ends, the page's sync lock. Workers on several machines
    then sync one page in turn, each writing the state it read after the previous write;
    without it, a slow upsert of a state read before an unpublish could land after the
    delete and leave the unpublished page searchable."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s::integer, %s::integer)", [namespace, page_id]
            )


def _retry_later(task, object_id: int, attempt: int, what: str) -> None:
    run_after = timezone.now() + timedelta(seconds=retry_delay(attempt))
    task.using(run_after=run_after).enqueue(object_id, attempt=attempt + 1)
    logger.warning(
        "search sync of %s %s failed (attempt %s); retry at %s",
        what,
        object_id,
        attempt + 1,
        run_after,
    )


def refresh_when_idle() -> None:
    """Make the last write searchable now when no other sync is waiting. A single publish
    is then found, and an unpublished page gone, as soon as its sync ran instead of at the
    index's next scheduled refresh (up to `refresh_interval`, 1 s, later); a burst of
    syncs is left to the scheduled refreshes rather than one refresh per write."""
    waiting = DBTaskResult.objects.ready().filter(backend_name="search")
    if waiting.exists():
        return
    try:
        get_client().indices.refresh(index=alias_name())
    except Exception:  # the scheduled refresh still comes: later, not lost
        logger.warning("search index refresh after a sync failed", exc_info=True)


@task(backend="search")
def sync_page(page_id: int, attempt: int = 0) -> str:
    """Upsert the page's document when it is live and public, delete it otherwise."""
    try:
        with transaction.atomic():
            lock_page(page_id)
            # Drawn under the lock, before the page is read: a later sync of the page
            # reads a later state and writes a greater version.
            version = indexing.sync_version()
            page = indexing.public_page(page_id)
            if page is None:
                indexing.delete(page_id, version)
                outcome = "deleted"
            else:
                indexing.upsert(page, version=version)
                outcome = "indexed"
    except Exception:
        _retry_later(sync_page, page_id, attempt, "page")
        raise
    refresh_when_idle()
    return outcome


@task(backend="search")
def sync_document(document_id: int, attempt: int = 0) -> str:
    """Upsert the document's record when it belongs in the index (search.files), delete it
    otherwise. Its file is read (bounded, search.extraction) before the lock is taken: a
    slow file holds no lock and no transaction."""
    try:
        files.read_texts([document_id])
        with transaction.atomic():
            lock_page(document_id, DOCUMENT_LOCK_NAMESPACE)
            version = indexing.sync_version()
            found = next(files.searchable_documents([document_id]), None)
            if found is None:
                indexing.delete(files.key(document_id), version)
                outcome = "deleted"
            else:
                indexing.write(files.key(document_id), files.build_document(*found), version)
                outcome = "indexed"
    except Exception:
        _retry_later(sync_document, document_id, attempt, "document")
        raise
    refresh_when_idle()
    return outcome


def enqueue_sync(page_ids: Iterable[int]) -> int:
    """Queue a sync of each page in the caller's transaction: the change and its syncs
    commit or roll back together, so no crash between the two can lose a sync."""
    return enqueue_many(sync_page, [(page_id,) for page_id in dict.fromkeys(page_ids)])


def enqueue_document_sync(document_ids: Iterable[int]) -> int:
    """`enqueue_sync` for documents."""
    calls = [(document_id,) for document_id in dict.fromkeys(document_ids)]
    return enqueue_many(sync_document, calls) if calls else 0
