"""Scheduled go-live and expiry as a task, queued every minute by the search workers.

Wagtail leaves scheduled publishing to a timer running `publish_scheduled`; here it is a task
on the search workers, which every deployment (and `make run`) runs: each worker's clock
thread (`keep_scheduling`) queues one run per minute, whichever worker gets there first, and
a worker runs it like any task. Between runs nothing waits in the queue. Each page is
published or unpublished in its own transaction, with the search syncs and webhook deliveries
its signals queue; one page that fails does not hold back the others.
"""

import logging
import time
from datetime import datetime, timedelta

from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult
from wagtail.models import DraftStateMixin, Page, Revision

logger = logging.getLogger(__name__)

PERIOD = timedelta(minutes=1)
# PostgreSQL advisory lock keys (namespace, key): one run at a time, one run a minute.
LOCK_NAMESPACE = 0x5C4E
RUN_LOCK, QUEUE_LOCK = 1, 2
# The backend whose workers run it: the search workers run on every deployment.
BACKEND = "search"


def _models() -> list[type]:
    return [Page] + [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]


def _each_in_its_own_transaction(objects, action, what: str) -> tuple[int, int]:
    done = failed = 0
    for obj in objects:
        try:
            with transaction.atomic():
                action(obj)
        except Exception:
            failed += 1
            logger.exception("scheduled %s of %r failed", what, obj)
        else:
            done += 1
    return done, failed


def publish_due(now: datetime | None = None) -> dict[str, int]:
    """Unpublish what has expired and publish the revisions whose go-live time has come,
    as Wagtail's `publish_scheduled` does. Returns the counts."""
    now = now or timezone.now()
    expired = [
        obj for model in _models() for obj in model.objects.filter(live=True, expire_at__lt=now)
    ]
    unpublished, unpublish_failed = _each_in_its_own_transaction(
        expired,
        lambda obj: obj.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled"),
        "expiry",
    )
    due = list(Revision.objects.filter(approved_go_live_at__lt=now).order_by("approved_go_live_at"))
    published, publish_failed = _each_in_its_own_transaction(
        due, lambda revision: revision.publish(log_action="wagtail.publish.scheduled"), "go-live"
    )
    return {
        "published": published,
        "unpublished": unpublished,
        "failed": unpublish_failed + publish_failed,
    }


def _lock(key: int, blocking: bool, session: bool = False) -> bool:
    if connection.vendor != "postgresql":
        return True
    function = "pg_advisory_lock" if session else "pg_advisory_xact_lock"
    if not blocking:
        function = function.replace("advisory_", "try_advisory_")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {function}(%s, %s)", [LOCK_NAMESPACE, key])
        return cursor.fetchone()[0] is not False


def _unlock(key: int) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_NAMESPACE, key])


def run_locked(now: datetime | None = None) -> dict[str, int] | None:
    """`publish_due`, unless another run (a task, the command) is under way: None then."""
    if not _lock(RUN_LOCK, blocking=False, session=True):
        return None
    try:
        return publish_due(now)
    finally:
        _unlock(RUN_LOCK)


def _minute(now: datetime) -> datetime:
    return now.replace(second=0, microsecond=0)


def ensure_scheduled(now: datetime | None = None) -> bool:
    """Queue a run of `publish_scheduled` for now unless one was queued this minute; True
    if one was queued. Safe to call from every worker at once."""
    now = now or timezone.now()
    with transaction.atomic():
        _lock(QUEUE_LOCK, blocking=True)
        queued = DBTaskResult.objects.filter(
            task_path=publish_scheduled.module_path,
            backend_name=BACKEND,
            enqueued_at__gte=_minute(now),
        )
        if queued.exists():
            return False
        # An explicit time: without one the queue orders it after every task due now.
        publish_scheduled.using(run_after=now).enqueue()
        return True


def keep_scheduling() -> None:
    """A worker's clock: at the start of every minute, `ensure_scheduled` (run in a daemon
    thread of `db_worker`; a database outage only skips that minute)."""
    while True:
        try:
            ensure_scheduled()
        except Exception:
            logger.exception("queueing scheduled publishing failed")
        finally:
            connection.close()
        now = timezone.now()
        time.sleep(max((_minute(now) + PERIOD - now).total_seconds(), 1))


@task(backend=BACKEND)
def publish_scheduled() -> dict[str, int] | None:
    """Go-live and expiry of scheduled pages and snippets (None: another run was under way)."""
    return run_locked()
