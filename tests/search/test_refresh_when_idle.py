"""A single publish is searchable as soon as its sync ran, not at the index's next scheduled
refresh; a burst of syncs leaves the refreshing to the schedule (search.tasks)."""

from contextlib import contextmanager

from search.client import get_client
from search.documents import alias_name
from search.tasks import sync_page
from tests.search.conftest import run_worker


def searched_title(page_id: int) -> str | None:
    """The title a search sees (a GET by id would read the unrefreshed write)."""
    body = get_client().search(index=alias_name(), query={"ids": {"values": [str(page_id)]}})
    hits = body["hits"]["hits"]
    return hits[0]["_source"]["title"] if hits else None


@contextmanager
def scheduled_refresh_off():
    """Only an explicit refresh makes a write searchable, so the test cannot pass by luck."""
    es = get_client()
    es.indices.put_settings(index=alias_name(), settings={"index": {"refresh_interval": "-1"}})
    try:
        yield
    finally:
        es.indices.put_settings(index=alias_name(), settings={"index": {"refresh_interval": "1s"}})


def test_the_last_waiting_sync_makes_its_write_searchable(
    world, django_capture_on_commit_callbacks
):
    page = world.news
    with scheduled_refresh_off():
        with django_capture_on_commit_callbacks(execute=True):
            page.title = "Hội nghị chuyển đổi số tỉnh lần thứ nhất"
            page.save_revision().publish()
        assert run_worker() == 1
        assert searched_title(page.pk) == "Hội nghị chuyển đổi số tỉnh lần thứ nhất"
        # Unpublished: gone from the results at once too.
        with django_capture_on_commit_callbacks(execute=True):
            page.unpublish()
        assert run_worker() == 1
        assert searched_title(page.pk) is None


def test_a_sync_with_others_waiting_leaves_the_refresh_to_the_schedule(world):
    page = world.news
    page.title = "Hội nghị chuyển đổi số tỉnh lần thứ hai"
    page.save_revision().publish()
    sync_page.enqueue(world.legaldoc.pk)  # another sync still waiting
    with scheduled_refresh_off():
        assert sync_page.call(page.pk) == "indexed"
        assert searched_title(page.pk) != "Hội nghị chuyển đổi số tỉnh lần thứ hai"
        run_worker()  # the last one refreshes
        assert searched_title(page.pk) == "Hội nghị chuyển đổi số tỉnh lần thứ hai"
