"""`db_worker` from django-tasks-db, plus recovery of tasks whose worker died.

This app comes before `django_tasks_db` in INSTALLED_APPS, so `manage.py db_worker` is this
command. On start it requeues the RUNNING tasks last claimed by its own `--worker-id` (give
each worker a stable id, e.g. `search-%H-1`, so a restart recovers at once); while it runs,
a thread requeues tasks RUNNING for longer than `--stale-after` seconds, whoever claimed them
(a worker on a lost machine never restarts). An idle worker polls every
`TASKS_POLL_INTERVAL` seconds unless `--interval` says otherwise. A worker of the backend
that runs scheduled publishing also queues its run every minute (workers.scheduling).
"""

import logging
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django_tasks_db.management.commands import db_worker

from workers import scheduling
from workers.recovery import requeue_abandoned

logger = logging.getLogger(__name__)


class Command(db_worker.Command):
    help = db_worker.Command.help + " (requeues tasks abandoned by dead workers)"

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--stale-after",
            type=float,
            default=settings.TASKS_STALE_AFTER,
            help="Seconds after which a RUNNING task counts as abandoned (default: %(default)s). "
            "Keep it well above the longest task.",
        )
        parser.set_defaults(interval=settings.TASKS_POLL_INTERVAL)

    def handle(self, *, backend_name: str, worker_id: str, stale_after: float, **options):
        requeue_abandoned(backend_name, worker_id=worker_id)
        if backend_name == scheduling.BACKEND:
            threading.Thread(
                target=scheduling.keep_scheduling, name="scheduled-publishing", daemon=True
            ).start()
        sweeper = threading.Thread(
            target=self._sweep,
            args=(backend_name, timedelta(seconds=stale_after)),
            name="stale-task-sweeper",
            daemon=True,
        )
        sweeper.start()
        return super().handle(backend_name=backend_name, worker_id=worker_id, **options)

    @staticmethod
    def _sweep(backend_name: str, stale_after: timedelta) -> None:
        period = max(stale_after.total_seconds() / 2, 1)
        while True:
            time.sleep(period)
            try:
                requeue_abandoned(backend_name, older_than=stale_after)
            except Exception:
                # A database outage must not kill the sweeper; the next round retries.
                logger.exception("stale task sweep failed")
            finally:
                connection.close()
