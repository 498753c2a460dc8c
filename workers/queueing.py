"""Queueing many tasks at once on a django-tasks-db backend.

`task.enqueue()` writes one row per call; a change that touches a whole site (a new hostname)
queues thousands of syncs inside the request's transaction. These rows are the ones
`DatabaseBackend.enqueue` writes, inserted in batches.
"""

from collections.abc import Iterable, Sequence

from django_tasks.base import Task
from django_tasks_db.compat import normalize_json
from django_tasks_db.models import DBTaskResult, get_date_max

BATCH_SIZE = 1000


def enqueue_many(task: Task, calls: Iterable[Sequence]) -> int:
    """Queue `task(*args)` for each `args` of `calls` in the caller's transaction; returns
    how many were queued."""
    backend = task.get_backend()
    backend.validate_task(task)
    rows = [
        DBTaskResult(
            id=backend._get_id(),
            args_kwargs=normalize_json({"args": list(args), "kwargs": {}}),
            priority=task.priority,
            task_path=task.module_path,
            queue_name=task.queue_name,
            run_after=task.run_after or get_date_max(),
            backend_name=backend.alias,
        )
        for args in calls
    ]
    DBTaskResult.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows)
