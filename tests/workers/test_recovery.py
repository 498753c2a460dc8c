"""Tasks left RUNNING by a dead worker go back to the queue (workers.recovery). The
SIGKILL of a real worker process is in tests/resilience/test_search_outage.py."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from search.tasks import sync_page
from workers.recovery import requeue_abandoned

pytestmark = pytest.mark.django_db


def claimed(worker_id: str, minutes_ago: float, backend: str = "search") -> DBTaskResult:
    task = DBTaskResult.objects.get(pk=sync_page.using(backend=backend).enqueue(1).id)
    task.claim(worker_id)
    DBTaskResult.objects.filter(pk=task.pk).update(
        started_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return task


def status(task: DBTaskResult) -> str:
    task.refresh_from_db()
    return task.status


def test_a_restarted_worker_takes_back_its_own_claims_at_once():
    mine, other = claimed("search-1", 0), claimed("search-2", 0)
    assert requeue_abandoned("search", worker_id="search-1") == 1
    assert status(mine) == TaskResultStatus.READY
    assert status(other) == TaskResultStatus.RUNNING
    assert DBTaskResult.objects.ready().filter(pk=mine.pk).exists()


def test_claims_older_than_the_limit_are_requeued_whoever_made_them():
    old, recent = claimed("lost-host-1", 30), claimed("search-2", 1)
    assert requeue_abandoned("search", older_than=timedelta(minutes=10)) == 1
    assert status(old) == TaskResultStatus.READY
    assert status(recent) == TaskResultStatus.RUNNING


def test_other_backends_and_finished_tasks_are_left_alone():
    webhook = claimed("search-1", 30, backend="webhooks")
    done = claimed("search-1", 30)
    done.set_successful("indexed")
    assert requeue_abandoned("search", worker_id="search-1", older_than=timedelta(0)) == 0
    assert status(webhook) == TaskResultStatus.RUNNING
    assert status(done) == TaskResultStatus.SUCCESSFUL
