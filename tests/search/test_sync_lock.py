"""Several search workers: two syncs of one page never overlap (search.tasks.lock_page), so
the last write to the index is always of the state read last."""

import threading

import pytest
from django.db import connection, connections

from search.tasks import SYNC_LOCK_NAMESPACE, sync_page


def hold(page_id: int, lock: bool) -> None:
    verb = "lock" if lock else "unlock"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT pg_advisory_{verb}(%s::integer, %s::integer)", [SYNC_LOCK_NAMESPACE, page_id]
        )


@pytest.mark.django_db
def test_a_sync_waits_while_another_worker_syncs_the_same_page(search_index):
    page_id, other_page_id = 987_654, 987_655
    outcome = {}

    def other_worker(pk: int) -> None:
        try:
            outcome[pk] = sync_page.call(pk)
        finally:
            connections.close_all()

    hold(page_id, lock=True)  # as if a worker on another machine were syncing the page
    try:
        blocked = threading.Thread(target=other_worker, args=(page_id,))
        free = threading.Thread(target=other_worker, args=(other_page_id,))
        blocked.start()
        free.start()
        free.join(timeout=30)
        assert outcome == {other_page_id: "deleted"}  # another page is not held up
        blocked.join(timeout=1)
        assert blocked.is_alive(), "the sync did not wait for the page's lock"
    finally:
        hold(page_id, lock=False)
    blocked.join(timeout=30)
    assert outcome[page_id] == "deleted"
