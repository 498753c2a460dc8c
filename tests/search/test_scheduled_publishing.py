"""Scheduled go-live and expiry run as a task on the search workers (as `make run` and
production run them), and reach the index in the transaction of each change."""

from datetime import timedelta

from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import Revision

from home.models import StandardPage
from tests.search.conftest import drain
from workers import scheduling

from .test_sync import indexed


def _scheduled_tasks():
    return DBTaskResult.objects.filter(
        task_path=scheduling.publish_scheduled.module_path, status="READY"
    )


def test_go_live_and_expiry_run_as_a_task_and_reach_the_index(world, sync, api):
    due = world.pages["cửa"]
    due.expire_at = timezone.now() + timedelta(hours=1)
    with sync():
        due.save_revision().publish()
    future = StandardPage(title="Thông báo lịch tiếp dân", slug="lich-tiep-dan")
    world.portal.root_page.add_child(instance=future)
    future.go_live_at = timezone.now() + timedelta(hours=1)
    future.save_revision().publish()
    assert not StandardPage.objects.get(pk=future.pk).live
    # An hour later:
    past = timezone.now() - timedelta(seconds=1)
    revision = Revision.objects.get(object_id=str(future.pk), approved_go_live_at__isnull=False)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    StandardPage.objects.filter(pk=due.pk).update(expire_at=timezone.now() - timedelta(seconds=1))

    assert scheduling.ensure_scheduled()  # a worker's clock, at the start of a minute
    assert _scheduled_tasks().count() == 1
    drain()  # the worker runs it, then the syncs it queued

    assert StandardPage.objects.get(pk=future.pk).live
    assert not StandardPage.objects.get(pk=due.pk).live
    assert indexed(future.pk)["title"] == "Thông báo lịch tiếp dân"
    assert indexed(due.pk) is None
    # Nothing waits in the queue between runs.
    assert not _scheduled_tasks().exists()


def test_one_run_a_minute_however_many_workers_ask(db):
    now = timezone.now()
    assert [scheduling.ensure_scheduled(now) for _worker in range(3)] == [True, False, False]
    DBTaskResult.objects.filter(task_path=scheduling.publish_scheduled.module_path).update(
        status="SUCCESSFUL"
    )
    assert not scheduling.ensure_scheduled(now)  # that minute's run is done
    assert scheduling.ensure_scheduled(now + timedelta(minutes=1))


def test_the_command_runs_the_same_locked_run(db):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("publish_scheduled", stdout=out)
    assert out.getvalue().strip() == "published: 0, unpublished: 0, failed: 0"
