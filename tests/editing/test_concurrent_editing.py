"""Two editors on one page through the real admin edit view: the second to submit a form
loaded before the first one's save never publishes over it; nothing is lost either."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from tests.sites.conftest import form_data, make_agency


@pytest.fixture
def agency(db):
    return make_agency("sxd", "Sở Xây dựng")


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def open_form(client: Client, page: Page) -> dict[str, list[str]]:
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return form_data(response.content.decode(), "form#page-edit-form")


def submit(client: Client, page: Page, form: dict, action: str | None, **changes):
    data = {**form, **{key: [value] for key, value in changes.items()}}
    if action:
        data[action] = [action]
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, follow=True)


def messages_of(response) -> str:
    return " ".join(str(message) for message in response.context["messages"])


def test_the_second_publish_from_a_stale_form_does_not_overwrite_the_first(agency):
    page = agency.page
    chief, admin = logged_in(agency.users["chief"]), logged_in(agency.users["admin"])
    first, second = open_form(chief, page), open_form(admin, page)
    assert first["loaded_revision_id"] == second["loaded_revision_id"]

    submit(chief, page, first, "action-publish", title="Giới thiệu — bản của trưởng ban")
    page.refresh_from_db()
    assert page.title == "Giới thiệu — bản của trưởng ban"

    response = submit(admin, page, second, "action-publish", title="Giới thiệu — bản cũ sửa lại")
    page.refresh_from_db()
    # The live page keeps the first editor's version...
    assert page.title == "Giới thiệu — bản của trưởng ban"
    assert Page.objects.get(pk=page.pk).title == "Giới thiệu — bản của trưởng ban"
    # ...the second editor's work is kept as a draft revision, and they are told why.
    latest = page.get_latest_revision()
    assert latest.user == agency.users["admin"]
    assert latest.as_object().title == "Giới thiệu — bản cũ sửa lại"
    assert page.has_unpublished_changes
    assert re.search(r"sxd-chief đã lưu phiên bản mới.*CHƯA được xuất bản", messages_of(response))
    titles = [revision.as_object().title for revision in page.revisions.order_by("created_at")]
    assert titles[-2:] == ["Giới thiệu — bản của trưởng ban", "Giới thiệu — bản cũ sửa lại"]


def test_a_stale_form_cannot_submit_for_approval_either(agency):
    page = agency.page
    chief, editor = logged_in(agency.users["chief"]), logged_in(agency.users["editor"])
    stale = open_form(editor, page)
    submit(chief, page, open_form(chief, page), "action-publish", title="Bản mới nhất")
    submit(editor, page, stale, "action-submit", title="Bản cũ gửi duyệt")
    page.refresh_from_db()
    assert page.title == "Bản mới nhất"
    assert page.workflow_in_progress is False


def test_an_up_to_date_form_publishes_normally(agency):
    page = agency.page
    chief, admin = logged_in(agency.users["chief"]), logged_in(agency.users["admin"])
    submit(chief, page, open_form(chief, page), "action-publish", title="Bản thứ nhất")
    # The second editor reloads after the first save: their form is current.
    response = submit(admin, page, open_form(admin, page), "action-publish", title="Bản thứ hai")
    page.refresh_from_db()
    assert page.title == "Bản thứ hai"
    assert "phiên bản mới" not in messages_of(response)


def autosave(client: Client, page: Page, form: dict, ok: bool = True, **changes) -> dict:
    """Post the form as Wagtail's autosave does (JSON); `ok=False` for a refused one."""
    data = {**form, **{key: [value] for key, value in changes.items()}}
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        data,
        headers={"Accept": "application/json"},
    )
    if ok:
        assert response.status_code == 200, response.content
    return response.json()


def test_a_conflicting_autosave_is_refused_by_wagtail(agency):
    page = agency.page
    chief, admin = logged_in(agency.users["chief"]), logged_in(agency.users["admin"])
    stale = open_form(admin, page)
    submit(chief, page, open_form(chief, page), "action-publish", title="Bản của trưởng ban")
    refused = autosave(admin, page, stale, ok=False, title="Tự động lưu")
    assert refused["error_code"] == "invalid_revision"
    page.refresh_from_db()
    assert page.get_latest_revision().as_object().title == "Bản của trưởng ban"


def test_the_editors_own_autosaves_do_not_block_their_publish(agency):
    """Wagtail 8 autosaves every half second, overwriting its own revision; the full form
    posted afterwards still names the revision it was loaded from. Found by the browser
    tests: every publish and submit after an autosave was turned into a draft."""
    page = agency.page
    chief = logged_in(agency.users["chief"])
    form = open_form(chief, page)
    first = autosave(chief, page, form, title="Bản nháp tự lưu")
    autosave(chief, page, form, title="Bản nháp 2", overwrite_revision_id=first["revision_id"])

    response = submit(chief, page, form, "action-publish", title="Bản xuất bản")
    page.refresh_from_db()
    assert page.title == "Bản xuất bản"
    assert "phiên bản mới" not in messages_of(response)


def test_another_editors_save_still_counts_after_my_own_autosave(agency):
    page = agency.page
    chief, admin = logged_in(agency.users["chief"]), logged_in(agency.users["admin"])
    stale = open_form(admin, page)
    submit(chief, page, open_form(chief, page), "action-publish", title="Bản của trưởng ban")
    # The stale form's autosave is refused (out of date), so the admin's own newest
    # revision comes from a reload; what they then submit from the stale form is refused.
    autosave(admin, page, open_form(admin, page), title="Tự lưu sau khi tải lại")
    response = submit(admin, page, stale, "action-publish", title="Bản cũ")
    page.refresh_from_db()
    assert page.title == "Bản của trưởng ban"
    assert "sxd-chief đã lưu phiên bản mới" in messages_of(response)
