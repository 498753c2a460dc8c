"""Site admins manage their own agency's users and nothing more."""

from django.contrib.auth import get_user_model
from django.urls import reverse

User = get_user_model()


def create_user_data(username: str, groups: list[int], **extra) -> dict:
    return {
        "username": username,
        "email": f"{username}@example.test",
        "first_name": "Nguyễn",
        "last_name": "Văn A",
        "password1": "mat-khau-rat-dai-2025",
        "password2": "mat-khau-rat-dai-2025",
        "groups": groups,
        **extra,
    }


def test_site_admin_creates_a_user_in_their_own_group(client, agencies):
    own = agencies["own"]
    client.force_login(own.users["admin"])
    response = client.post(
        reverse("wagtailusers_users:add"),
        create_user_data("sxd-moi", [own.result.groups["editor"].pk]),
    )
    assert response.status_code == 302
    user = User.objects.get(username="sxd-moi")
    assert list(user.groups.all()) == [own.result.groups["editor"]]


def test_the_superuser_flag_is_not_offered_and_cannot_be_forged(client, agencies):
    own = agencies["own"]
    client.force_login(own.users["admin"])
    form = client.get(reverse("wagtailusers_users:add")).content.decode()
    assert 'name="is_superuser"' not in form
    client.post(
        reverse("wagtailusers_users:add"),
        create_user_data("sxd-gia", [own.result.groups["editor"].pk], is_superuser="on"),
    )
    user = User.objects.filter(username="sxd-gia").first()
    assert user is None or not user.is_superuser


def test_another_agencys_group_cannot_be_granted(client, agencies):
    own, other = agencies["own"], agencies["other"]
    client.force_login(own.users["admin"])
    form = client.get(reverse("wagtailusers_users:add")).content.decode()
    assert other.result.groups["admin"].name not in form
    client.post(
        reverse("wagtailusers_users:add"),
        create_user_data("sxd-cheo", [other.result.groups["admin"].pk]),
    )
    assert not User.objects.filter(username="sxd-cheo").exists()

    editor = own.users["editor"]
    url = reverse("wagtailusers_users:edit", args=[editor.pk])
    data = {
        "username": editor.username,
        "email": editor.email,
        "first_name": "A",
        "last_name": "B",
        "is_active": "on",
        "groups": [own.result.groups["editor"].pk, other.result.groups["admin"].pk],
    }
    client.post(url, data)
    assert not editor.groups.filter(pk=other.result.groups["admin"].pk).exists()


def test_user_listing_shows_only_the_agencys_users(client, agencies):
    own, other = agencies["own"], agencies["other"]
    root = User.objects.create_superuser("quan-tri-toan-tinh", "root@example.test", "x")
    client.force_login(own.users["admin"])
    listing = client.get(reverse("wagtailusers_users:index")).content.decode()
    assert own.users["editor"].username in listing
    assert other.users["editor"].username not in listing
    assert root.username not in listing


def test_site_admin_cannot_edit_or_delete_superusers_or_foreign_users(client, agencies, admin_user):
    own, other = agencies["own"], agencies["other"]
    client.force_login(own.users["admin"])
    for target in (admin_user, other.users["editor"]):
        assert client.get(reverse("wagtailusers_users:edit", args=[target.pk])).status_code != 200
        client.post(reverse("wagtailusers_users:delete", args=[target.pk]))
        assert User.objects.filter(pk=target.pk).exists()


def test_site_admin_cannot_open_the_groups_admin(client, agencies):
    client.force_login(agencies["own"].users["admin"])
    assert client.get(reverse("wagtailusers_groups:index")).status_code != 200


def _bulk(action: str) -> str:
    return reverse("wagtail_bulk_action", args=["auth", "user", action])


def test_bulk_actions_cannot_reach_another_agencys_users(client, agencies):
    """Wagtail's user bulk actions check only the model permission: a site admin could
    deactivate, delete or regroup another agency's people, or join any group themselves."""
    own, other = agencies["own"], agencies["other"]
    admin, victim = own.users["admin"], other.users["editor"]
    client.force_login(admin)
    foreign_group = other.result.groups["admin"]
    client.post(f"{_bulk('assign_role')}?id={victim.pk}&id={admin.pk}", {"role": foreign_group.pk})
    client.post(f"{_bulk('set_active_state')}?id={victim.pk}", {"mark_as_active": "False"})
    client.post(f"{_bulk('delete')}?id={victim.pk}")
    victim.refresh_from_db()
    assert victim.is_active
    assert not admin.groups.filter(pk=foreign_group.pk).exists()
    form = client.get(f"{_bulk('assign_role')}?id={own.users['editor'].pk}").content.decode()
    assert foreign_group.name not in form  # only the own agency's groups are offered


def test_bulk_actions_still_work_on_the_own_agencys_users(client, agencies):
    own = agencies["own"]
    client.force_login(own.users["admin"])
    editor = own.users["editor"]
    response = client.post(
        f"{_bulk('set_active_state')}?id={editor.pk}", {"mark_as_active": "False"}
    )
    assert response.status_code == 302
    editor.refresh_from_db()
    assert not editor.is_active
    editor.is_active = True
    editor.save()
