"""Giving back tasks whose worker died.

django-tasks-db marks a task RUNNING when a worker claims it and only changes that when the
task ends. A worker killed in between (SIGKILL, OOM, a lost machine) leaves the task RUNNING
for ever: it is never retried, and its page never synced. These functions put such tasks back
to READY. Tasks here are idempotent (a sync re-reads the page, a webhook delivery carries its
event id), so running one twice is harmless; never running it is not.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


def requeue_abandoned(
    backend_name: str, *, worker_id: str | None = None, older_than: timedelta | None = None
) -> int:
    """Put back to READY the backend's RUNNING tasks last claimed by `worker_id` (a worker
    starting with that id knows its predecessor is dead: ids are unique in the pool) or
    started more than `older_than` ago (a worker that never came back). Returns the count."""
    if worker_id is None and older_than is None:
        return 0
    cutoff = timezone.now() - older_than if older_than is not None else None

    def abandoned(task: DBTaskResult) -> bool:
        if worker_id and task.worker_ids[-1:] == [worker_id]:
            return True
        return cutoff is not None and task.started_at is not None and task.started_at < cutoff

    with transaction.atomic():
        # Rows a live worker is saving right now are locked: leave them to it.
        running = (
            DBTaskResult.objects.running()
            .filter(backend_name=backend_name)
            .select_for_update(skip_locked=True)
        )
        candidates = running.only("pk", "worker_ids", "started_at")
        ids = [task.pk for task in candidates if abandoned(task)]
        count = DBTaskResult.objects.filter(pk__in=ids).update(
            status=TaskResultStatus.READY, started_at=None
        )
    if count:
        logger.warning("requeued %s abandoned %s task(s)", count, backend_name)
    return count
