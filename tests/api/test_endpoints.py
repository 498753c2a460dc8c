"""Sites, menus, redirects, news categories and sectors."""

import pytest

from sites.models import SiteSettings

from .world import AGENCY_HOST, PORTAL_HOST

pytestmark = pytest.mark.django_db


def test_sites_listing_with_agency_and_settings(world, get):
    settings = SiteSettings.for_site(world.agency)
    settings.phone = "0222 3822 000"
    settings.alert_message = "Nghỉ lễ"
    settings.footer_links = [("link", {"title": "Bộ Xây dựng", "url": "https://moc.gov.vn"})]
    settings.save()
    body = get("/api/v2/sites/").json()
    assert [item["hostname"] for item in body["items"]] == [PORTAL_HOST, AGENCY_HOST]
    agency = body["items"][1]
    assert agency["slug"] == "sxd"
    assert agency["agency"]["name"] == "Sở Xây dựng"
    assert agency["settings"]["contact"]["phone"] == "0222 3822 000"
    assert agency["settings"]["alert"] == {
        "active": True,
        "message": "Nghỉ lễ",
        "url": "",
        "starts_at": None,
        "ends_at": None,
    }
    assert agency["settings"]["footer_links"][0]["title"] == "Bộ Xây dựng"
    detail = get(f"/api/v2/sites/{world.agency.pk}/").json()
    assert detail["hostname"] == AGENCY_HOST
    assert get("/api/v2/sites/999999/").status_code == 404


def test_menus_tree_of_show_in_menus_pages(world, get):
    for response in (get("/api/v2/menus/", AGENCY_HOST), get("/api/v2/menus/", site="sxd")):
        body = response.json()
        assert body["site"] == AGENCY_HOST
        about = next(item for item in body["items"] if item["title"] == "Giới thiệu")
        assert about["html_path"] == "/gioi-thieu/"
        assert about["url"] == "http://sxd.bacninh.localhost/gioi-thieu/"
        assert [child["title"] for child in about["children"]] == ["Lãnh đạo"]


def test_menus_need_one_site(world, get):
    assert get("/api/v2/menus/", site="*").status_code == 404
    assert get("/api/v2/menus/", site="khong-co").status_code == 404


def test_redirects_of_a_site(world, get):
    body = get("/api/v2/redirects/", site="sxd").json()
    assert [(item["old_path"], item["target"]) for item in body["items"]] == [
        ("/cu", world["about"].url)
    ]
    assert get("/api/v2/redirects/").json()["items"] == []


def test_news_categories_per_site(world, get):
    body = get("/api/v2/news-categories/", site="sxd").json()
    assert [(c["slug"], c["site"]) for c in body["items"]] == [("xay-dung", AGENCY_HOST)]
    body = get("/api/v2/news-categories/", site="*").json()
    assert {c["slug"] for c in body["items"]} == {"xay-dung", "thoi-su"}


def test_sectors(world, get):
    body = get("/api/v2/sectors/").json()
    assert {s["slug"] for s in body["items"]} == {"ho-tich", "dat-dai"}
