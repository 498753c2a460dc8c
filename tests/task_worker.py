"""django-tasks-db's worker, built as the tests run it: in this process, no polling delay."""

from django_tasks_db.management.commands.db_worker import Worker


def in_process_worker(worker_id: str, backend: str = "search", max_tasks: int | None = None):
    """A worker of every queue of `backend`, to call `run()` or `run_task()` on."""
    return Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name=backend,
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
