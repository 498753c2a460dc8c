"""The audit log: publish, unpublish, delete and permission/user changes are recorded with
the acting user (and, for pages, the page and so its site); a site admin's "Site history"
shows their own site's entries only."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import ModelLogEntry, PageLogEntry

from tests.sites.conftest import form_data, make_agency


@pytest.fixture(scope="module")
def _agencies(module_db):
    return make_agency("sxd", "Sở Xây dựng"), make_agency("stp", "Sở Tư pháp")


@pytest.fixture
def agencies(_agencies, db):
    for agency in _agencies:
        agency.page.refresh_from_db()
    return _agencies


def page_entry(page, action):
    return PageLogEntry.objects.filter(page=page, action=action).order_by("-timestamp").first()


def test_publish_unpublish_and_delete_are_logged_with_user_and_site(client, agencies):
    own, _ = agencies
    chief = own.users["chief"]
    client.force_login(chief)
    page = own.page
    client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {
            **form_data(
                client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode(),
                "form#page-edit-form",
            ),
            "action-publish": ["action-publish"],
        },
    )
    client.post(reverse("wagtailadmin_pages:delete", args=[own.draft.pk]))
    for target, action in [
        (page, "wagtail.unpublish"),
        (page, "wagtail.publish"),
        (own.draft, "wagtail.delete"),
    ]:
        entry = page_entry(target, action)
        assert entry is not None, action
        assert entry.user_id == chief.pk
        # The entry's page (kept even after deletion as page_id) places it on its site.
        assert entry.page_id == target.pk
    assert page_entry(page, "wagtail.publish").page.get_site() == own.site


def test_group_permission_and_user_changes_are_logged(client, agencies, django_user_model):
    own, _ = agencies
    root = django_user_model.objects.create_superuser("root", password="pw")
    client.force_login(root)
    group = own.result.groups["editor"]
    url = reverse("wagtailusers_groups:edit", args=[group.pk])
    data = form_data(client.get(url).content.decode())
    data["name"] = [f"{group.name} (đổi)"]
    client.post(url, data)
    assert Group.objects.get(pk=group.pk).name.endswith("(đổi)")
    assert ModelLogEntry.objects.filter(
        object_id=str(group.pk), action="wagtail.edit", user=root
    ).exists()

    admin = own.users["admin"]
    client.force_login(admin)
    editor = own.users["editor"]
    url = reverse("wagtailusers_users:edit", args=[editor.pk])
    data = form_data(client.get(url).content.decode())
    data.update({"first_name": ["Lan"], "last_name": ["Nguyễn"]})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    editor.refresh_from_db()
    assert editor.first_name == "Lan"
    assert ModelLogEntry.objects.filter(
        object_id=str(editor.pk), action="wagtail.edit", user=admin
    ).exists()


def test_media_deletes_are_logged(client, agencies):
    own, _ = agencies
    chief = own.users["chief"]
    client.force_login(chief)
    client.post(reverse("wagtailimages:delete", args=[own.image.pk]))
    assert not get_image_model().objects.filter(pk=own.image.pk).exists()
    assert ModelLogEntry.objects.filter(
        object_id=str(own.image.pk), action="wagtail.delete", user=chief
    ).exists()


def test_a_site_admins_site_history_shows_only_their_site(client, agencies):
    own, other = agencies
    own.page.save_revision(user=own.users["chief"], log_action=True).publish(
        user=own.users["chief"]
    )
    other.page.title = "Trang của Sở Tư pháp BIMAT"
    other.page.save_revision(user=other.users["chief"], log_action=True).publish(
        user=other.users["chief"]
    )
    client.force_login(own.users["admin"])
    body = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert own.page.title in body
    assert "BIMAT" not in body
