"""The role × action × own/other-site matrix of docs/permissions.md, through real admin HTTP."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from .conftest import ROLES, form_data

DOC = Path(settings.BASE_DIR) / "docs" / "permissions.md"


def documented_matrix() -> dict[tuple[str, str, str], bool]:
    """{(action, role, "own"|"other"): allowed} parsed from the table in docs/permissions.md."""
    matrix = {}
    header = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            header = None if line.strip() == "" else header
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells and cells[0] == "Action":
            header = [tuple(cell.split()) for cell in cells[1:]]
            continue
        match = re.match(r"`(\w+)`", cells[0]) if header else None
        if not match:
            continue
        for (role, scope), value in zip(header, cells[1:], strict=True):
            assert value in {"yes", "no"}, f"bad cell {value!r} in {line}"
            matrix[(match.group(1), role, scope)] = value == "yes"
    return matrix


MATRIX = documented_matrix()


def ok(response) -> bool:
    return response.status_code == 200


def attempt_explore(client, target):
    return ok(client.get(reverse("wagtailadmin_explore", args=[target.page.pk])))


def attempt_edit(client, target):
    return ok(client.get(reverse("wagtailadmin_pages:edit", args=[target.page.pk])))


def _post_edit(client, target, action: str, title: str):
    url = reverse("wagtailadmin_pages:edit", args=[target.page.pk])
    response = client.get(url)
    if not ok(response):
        # Without access to the form, submit what a forged request would.
        data = {"title": title, "slug": target.page.slug, action: action}
    else:
        data = form_data(response.content.decode(), "form#page-edit-form")
        data.update({"title": [title], action: [action]})
    client.post(url, data)
    return Page.objects.get(pk=target.page.pk)


def attempt_save_draft(client, target):
    page = _post_edit(client, target, "action-draft", "Bản nháp mới")
    return page.get_latest_revision().content["title"] == "Bản nháp mới"


def attempt_publish(client, target):
    page = _post_edit(client, target, "action-publish", "Đã xuất bản ngay")
    return page.title == "Đã xuất bản ngay" and page.live


def attempt_unpublish(client, target):
    client.post(reverse("wagtailadmin_pages:unpublish", args=[target.page.pk]))
    return not Page.objects.get(pk=target.page.pk).live


def attempt_delete(client, target):
    client.post(reverse("wagtailadmin_pages:delete", args=[target.page.pk]))
    return not Page.objects.filter(pk=target.page.pk).exists()


def attempt_move(client, target):
    return ok(client.get(reverse("wagtailadmin_pages:move", args=[target.page.pk])))


def attempt_add_child(client, target):
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", target.page.pk])
    response = client.get(url)
    data = form_data(response.content.decode(), "form#page-edit-form") if ok(response) else {}
    data.update({"title": ["Trang con mới"], "slug": ["trang-con-moi"]})
    client.post(url, data)
    return Page.objects.child_of(target.page).filter(slug="trang-con-moi").exists()


def attempt_upload_image(client, target):
    client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Ảnh tải lên",
            "file": SimpleUploadedFile(
                "upload.png", get_test_image_file().file.getvalue(), content_type="image/png"
            ),
            "collection": target.result.collection.pk,
        },
    )
    return (
        get_image_model()
        .objects.filter(title="Ảnh tải lên", collection=target.result.collection)
        .exists()
    )


def chooser_html(response) -> str:
    return response.json()["html"] if ok(response) else ""


def attempt_choose_image(client, target):
    response = client.get(reverse("wagtailimages_chooser:choose"))
    return target.image.title in chooser_html(response)


def attempt_edit_image(client, target):
    return ok(client.get(reverse("wagtailimages:edit", args=[target.image.pk])))


def attempt_upload_document(client, target):
    client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Tài liệu tải lên",
            "file": SimpleUploadedFile("tai-lieu.txt", b"noi dung"),
            "collection": target.result.collection.pk,
        },
    )
    return (
        get_document_model()
        .objects.filter(title="Tài liệu tải lên", collection=target.result.collection)
        .exists()
    )


def attempt_choose_document(client, target):
    response = client.get(reverse("wagtaildocs_chooser:choose"))
    return target.document.title in chooser_html(response)


def attempt_edit_document(client, target):
    return ok(client.get(reverse("wagtaildocs:edit", args=[target.document.pk])))


def attempt_edit_settings(client, target):
    url = reverse("wagtailsettings:edit", args=["agency_sites", "sitesettings", target.site.pk])
    response = client.get(url)
    return ok(response) and 'name="display_name"' in response.content.decode()


def attempt_search_draft(client, target):
    # The search box echoes the query, so look for a link to the page itself.
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": target.draft.title})
    edit_url = reverse("wagtailadmin_pages:edit", args=[target.draft.pk])
    return ok(response) and f'href="{edit_url}"' in response.content.decode()


def attempt_choose_draft(client, target):
    response = client.get(reverse("wagtailadmin_choose_page_search"), {"q": target.draft.title})
    return ok(response) and f'data-id="{target.draft.pk}"' in response.content.decode()


def attempt_manage_users(client, target):
    return ok(client.get(reverse("wagtailusers_users:edit", args=[target.users["editor"].pk])))


def attempt_manage_groups(client, target):
    group = target.result.groups["editor"]
    return ok(client.get(reverse("wagtailusers_groups:edit", args=[group.pk])))


ACTIONS = sorted({action for action, _, _ in MATRIX})


def test_the_documented_matrix_is_complete():
    assert len(MATRIX) == len(ACTIONS) * len(ROLES) * 2
    assert all(f"attempt_{action}" in globals() for action in ACTIONS)


@pytest.mark.parametrize("scope", ["own", "other"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS)
def test_permission_matrix(client, agencies, action, role, scope):
    client.force_login(agencies["own"].users[role])
    allowed = globals()[f"attempt_{action}"](client, agencies[scope])
    assert allowed is MATRIX[(action, role, scope)], (
        f"{role} {'may' if allowed else 'may not'} {action} on the {scope} site, "
        "unlike docs/permissions.md"
    )
