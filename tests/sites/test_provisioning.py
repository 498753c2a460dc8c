from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    Site,
    Workflow,
)

from sites import provisioning
from sites.models import Agency
from sites.provisioning import ProvisioningError, provision_agency_site

from .conftest import form_data


def snapshot() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Agency,
            Site,
            Page,
            Group,
            GroupPagePermission,
            GroupCollectionPermission,
            GroupSitePermission,
            Collection,
            Workflow,
        )
    }


@pytest.mark.django_db
def test_provisioning_creates_the_whole_editorial_setup():
    result = provision_agency_site(
        name="Sở Y tế", slug="syt", hostname="syt.bacninh.localhost", port=8000
    )
    site = result.site
    assert (site.hostname, site.port, site.site_name) == ("syt.bacninh.localhost", 8000, "Sở Y tế")
    assert result.agency.site == site
    sections = {page.slug: page for page in site.root_page.get_children().live().specific()}
    assert set(sections) == {"tin-tuc", "thu-tuc-hanh-chinh", "van-ban", "gioi-thieu"}
    assert type(sections["tin-tuc"]).__name__ == "NewsIndexPage"
    assert type(sections["thu-tuc-hanh-chinh"]).__name__ == "ProcedureIndexPage"
    assert type(sections["van-ban"]).__name__ == "LegalDocumentIndexPage"
    assert {group.name for group in result.groups.values()} == {
        "Sở Y tế – Biên tập viên",
        "Sở Y tế – Trưởng ban biên tập",
        "Sở Y tế – Quản trị trang",
    }
    assert set(
        GroupPagePermission.objects.filter(group__in=result.groups.values()).values_list(
            "page_id", flat=True
        )
    ) == {site.root_page_id}
    assert {child.name for child in result.collection.get_children()} == {"Hình ảnh", "Tài liệu"}
    assert site.root_page.get_workflow() == result.workflow


@pytest.mark.django_db
def test_provisioning_twice_changes_nothing():
    kwargs = {"name": "Sở Y tế", "slug": "syt", "hostname": "syt.bacninh.localhost"}
    first = provision_agency_site(**kwargs)
    before = snapshot()
    second = provision_agency_site(**kwargs)
    assert first.changed and not second.changed
    assert snapshot() == before
    assert second.site == first.site


@pytest.mark.django_db
def test_a_failure_halfway_leaves_nothing_behind(monkeypatch):
    before = snapshot()

    def broken(*args, **kwargs):
        raise RuntimeError("injected failure")

    monkeypatch.setattr(provisioning, "_ensure_workflow", broken)
    with pytest.raises(RuntimeError, match="injected failure"):
        provision_agency_site(name="Sở Y tế", slug="syt", hostname="syt.bacninh.localhost")
    assert snapshot() == before
    assert not Site.objects.filter(hostname="syt.bacninh.localhost").exists()


@pytest.mark.django_db
def test_a_hostname_of_another_site_is_refused():
    provision_agency_site(name="Sở Y tế", slug="syt", hostname="syt.bacninh.localhost")
    before = snapshot()
    with pytest.raises(ProvisioningError, match="đã thuộc về một trang khác"):
        provision_agency_site(name="Sở Công Thương", slug="sct", hostname="syt.bacninh.localhost")
    assert snapshot() == before


@pytest.mark.django_db
def test_command_is_idempotent_and_reports_errors():
    out = StringIO()
    args = ["--name", "Sở Y tế", "--slug", "syt", "--hostname", "syt.bacninh.localhost"]
    call_command("provision_site", *args, stdout=out)
    assert "Đã tạo" in out.getvalue()
    out = StringIO()
    call_command("provision_site", *args, stdout=out)
    assert "Không có gì thay đổi" in out.getvalue()
    with pytest.raises(CommandError, match=r"đã có trang tại syt\.bacninh\.localhost"):
        call_command(
            "provision_site", "--name", "Sở Y tế", "--slug", "syt", "--hostname", "moi.localhost"
        )


@pytest.mark.django_db
def test_a_new_sites_editor_can_work_there_immediately_and_only_there(client, agencies):
    result = provision_agency_site(name="Sở Y tế", slug="syt", hostname="syt.bacninh.localhost")
    editor = get_user_model().objects.create_user("syt-editor", password="mat-khau-dai-1")
    editor.groups.add(result.groups["editor"])
    # Through the login form: django-axes checks every authentication against its request.
    login = {"username": "syt-editor", "password": "mat-khau-dai-1"}
    assert client.post(reverse("wagtailadmin_login"), login).status_code == 302

    about = result.site.root_page.get_children().get(slug="gioi-thieu")
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", about.pk])
    data = form_data(client.get(url).content.decode(), "form#page-edit-form")
    data.update({"title": ["Cơ cấu tổ chức"], "slug": ["co-cau-to-chuc"]})
    client.post(url, data)
    assert Page.objects.child_of(about).filter(slug="co-cau-to-chuc").exists()

    foreign = agencies["other"].page
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", foreign.pk])
    assert client.get(url).status_code != 200
    client.post(url, {"title": "Xâm nhập", "slug": "xam-nhap"})
    assert not Page.objects.child_of(foreign).filter(slug="xam-nhap").exists()


@pytest.mark.django_db
def test_renaming_an_agency_renames_its_site_and_groups():
    result = provision_agency_site(name="Sở Y tế", slug="syt", hostname="syt.bacninh.localhost")
    agency = result.agency
    agency.name = "Sở Y tế tỉnh Bắc Ninh"
    agency.save()
    result.site.refresh_from_db()
    assert result.site.site_name == "Sở Y tế tỉnh Bắc Ninh"
    assert Group.objects.filter(name="Sở Y tế tỉnh Bắc Ninh – Biên tập viên").exists()


@pytest.mark.django_db
def test_site_roots_cannot_be_deleted_by_site_admins(client, agencies):
    own = agencies["own"]
    client.force_login(own.users["admin"])
    client.post(reverse("wagtailadmin_pages:delete", args=[own.site.root_page_id]))
    assert Page.objects.filter(pk=own.site.root_page_id).exists()


@pytest.mark.django_db
def test_superuser_provisions_from_the_admin(client, admin_user):
    client.force_login(admin_user)
    url = reverse("sites_provision")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "Phường Đào Viên",
            "slug": "pdaovien",
            "hostname": "pdaovien.bacninh.localhost",
            "port": 80,
            "kind": "commune_ward",
        },
    )
    assert response.status_code == 302
    assert Agency.objects.get(slug="pdaovien").site.hostname == "pdaovien.bacninh.localhost"


@pytest.mark.django_db
def test_site_admins_cannot_use_the_provisioning_form(client, agencies):
    client.force_login(agencies["own"].users["admin"])
    client.post(
        reverse("sites_provision"),
        {
            "name": "Giả mạo",
            "slug": "gia-mao",
            "hostname": "x.localhost",
            "port": 80,
            "kind": "other",
        },
    )
    assert not Agency.objects.filter(slug="gia-mao").exists()
