"""Rename (name and hostname; the old hostname keeps answering) and close (read-only with a
standing banner, or retired to redirects only)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import GroupPagePermission, Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from sites.models import Agency, AgencyGroup, SiteSettings
from sites.reorganisation.apply import apply_plan
from sites.reorganisation.plan import build_plan
from sites.reorganisation.spec import PlanError, parse_plan
from tests.reorganisation.conftest import broken_links, get, inventory, public_urls
from tests.reorganisation.test_merge import counts


def plan_of(*operations) -> dict:
    return {"name": "Thử", "operations": list(operations)}


def test_rename_moves_the_site_and_the_old_hostname_follows(demo_world):
    client = Client()
    before_urls = public_urls()
    data = plan_of(
        {
            "type": "rename",
            "agency": "stc",
            "name": "Sở Tài chính tỉnh Bắc Ninh",
            "hostname": "taichinh.bacninh.localhost",
        }
    )
    (plan,) = build_plan(parse_plan(data))
    assert plan.changes["site.hostname"] == ["stc.bacninh.localhost", "taichinh.bacninh.localhost"]
    apply_plan(parse_plan(data))
    agency = Agency.objects.get(slug="stc")
    assert agency.name == agency.site.site_name == "Sở Tài chính tỉnh Bắc Ninh"
    assert AgencyGroup.objects.get(agency=agency, role="editor").group.name.startswith(
        "Sở Tài chính tỉnh Bắc Ninh"
    )
    for (host, path), page_id in before_urls.items():
        if host != "stc.bacninh.localhost":
            continue
        response = get(client, path, host)
        assert response.status_code == 301
        assert response["Location"] == Page.objects.get(pk=page_id).full_url
        assert response["Location"].startswith("http://taichinh.bacninh.localhost/")
    # The API on the old hostname goes to the same path on the new one.
    found = get(client, "/api/v2/pages/find/", "stc.bacninh.localhost", html_path="/tin-tuc/")
    assert found.status_code == 301
    assert found["Location"].startswith("http://taichinh.bacninh.localhost/api/v2/pages/find/")
    again = counts()
    apply_plan(parse_plan({**data, "name": "Lần hai"}))
    assert counts() == again


def test_rename_refuses_a_hostname_in_use(demo_world):
    data = plan_of({"type": "rename", "agency": "stc", "hostname": "sxd.bacninh.localhost"})
    with pytest.raises(PlanError) as raised:
        parse_plan(data)
    assert raised.value.errors[0][:2] == ("operations[1]", "hostname")


def test_close_read_only_keeps_the_site_with_a_banner_and_nobody_edits(demo_world):
    client = Client()
    data = plan_of({"type": "close", "agency": "skhdt", "successor": "stc"})
    before_urls = public_urls()
    apply_plan(parse_plan(data))
    agency = Agency.objects.get(slug="skhdt")
    assert agency.status == Agency.Status.DISSOLVED and agency.successor.slug == "stc"
    settings = SiteSettings.for_site(agency.site)
    assert settings.alert_is_active() and "Sở Tài chính" in settings.alert_message
    assert settings.alert_url == "http://stc.bacninh.localhost/"
    # Still public, same addresses.
    for (host, path), _page in before_urls.items():
        if host == "skhdt.bacninh.localhost":
            assert get(client, path, host).status_code == 200
    assert not GroupPagePermission.objects.filter(group__agency_role__agency=agency).exists()
    editor = get_user_model().objects.get(username="skhdt-admin")
    assert not PagePermissionPolicy().instances_user_has_permission_for(editor, "change").exists()
    site_data = get(client, f"/api/v2/sites/{agency.site_id}/", "bacninh.localhost").json()
    assert site_data["settings"]["alert"]["message"] == settings.alert_message


def test_close_retire_redirects_everything_to_the_successor(demo_world):
    client = Client()
    before_urls, before = public_urls(), inventory()
    data = plan_of({"type": "close", "agency": "skhdt", "successor": "stc", "mode": "retire"})
    apply_plan(parse_plan(data))
    after = inventory()
    assert all(ids <= after[kind] for kind, ids in before.items())
    assert broken_links(client, before_urls, {"skhdt.bacninh.localhost"}) == []
    response = get(client, "/tin-tuc/thong-bao/", "skhdt.bacninh.localhost")
    assert response["Location"] == "http://stc.bacninh.localhost/tin-tuc/"
    assert not get_user_model().objects.get(username="skhdt-editor").is_active
    again = counts()
    apply_plan(parse_plan({**data, "name": "Lần hai"}))
    assert counts() == again
