"""Several editors working at once through the real admin views, committed to PostgreSQL
as under `make run`: adding pages under one section at the same moment, saving drafts of
different pages, while the search task worker drains its queue. Nobody meets a 500 (under
SQLite this was `database is locked`), and every page and revision is there afterwards."""

import threading

import pytest
from django.db import close_old_connections
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from news.models import NewsPage
from tests.sites.conftest import form_data, make_agency
from tests.task_worker import in_process_worker

ROUNDS = 6
# Committed for real, so that the threads see each other's rows; serialized_rollback puts the
# migrations' rows (the page tree's root) back after the flush, for the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def agencies(db):
    return make_agency("sxd", "Sở Xây dựng"), make_agency("stp", "Sở Tư pháp")


def news_form(client: Client, url: str, **values: str) -> dict[str, list[str]]:
    """The admin's page form as a browser submits it, with `values` typed in."""
    response = client.get(url)
    assert response.status_code == 200
    data = form_data(response.content.decode(), "form#page-edit-form")
    return {**data, **{key: [value] for key, value in values.items()}}


def editor_session(user, index, name: str, statuses: list[int], barrier) -> None:
    close_old_connections()
    client = Client(raise_request_exception=False)
    client.force_login(user)
    add = reverse("wagtailadmin_pages:add", args=["news", "newspage", index.pk])
    try:
        for round_ in range(ROUNDS):
            slug = f"{name}-{round_}"
            form = news_form(client, add, title=f"Tin {name} số {round_}", slug=slug)
            barrier.wait(timeout=60)  # everyone posts at the same moment
            response = client.post(add, form)
            statuses.append(response.status_code)
            page = NewsPage.objects.get(slug=slug)
            edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
            form = news_form(client, edit, title=f"Tin {name} số {round_} (sửa)")
            response = client.post(edit, form)
            statuses.append(response.status_code)
    finally:
        close_old_connections()


def test_editors_adding_and_saving_at_once_never_meet_a_500(agencies):
    sxd, stp = agencies
    sessions = [
        (sxd.users["editor"], sxd.draft.get_parent(), "sxd-editor"),
        (sxd.users["chief"], sxd.draft.get_parent(), "sxd-chief"),
        (stp.users["editor"], stp.draft.get_parent(), "stp-editor"),
    ]
    barrier = threading.Barrier(len(sessions))
    statuses: list[int] = []
    threads = [
        threading.Thread(target=editor_session, args=(*session, statuses, barrier))
        for session in sessions
    ]
    stop = threading.Event()
    worker = threading.Thread(target=drain_search_queue, args=(stop,))
    worker.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    stop.set()
    worker.join(timeout=60)

    assert statuses and set(statuses) == {302}, statuses
    assert not DBTaskResult.objects.filter(status="RUNNING").exists()
    for _user, index, name in sessions:
        pages = NewsPage.objects.child_of(index).filter(slug__startswith=f"{name}-")
        assert pages.count() == ROUNDS
        assert all(page.revisions.count() == 2 for page in pages)
        assert all(page.title.endswith("(sửa)") for page in pages)


def drain_search_queue(stop: threading.Event) -> None:
    """The search worker's polling, as `make run` runs it beside the server."""
    close_old_connections()
    worker = in_process_worker("simultaneous-editors")
    try:
        while not stop.is_set():
            worker.run()
            stop.wait(0.05)
    finally:
        close_old_connections()
