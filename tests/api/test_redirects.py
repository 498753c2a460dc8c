"""GET /api/v2/redirects/?old_path=: a front-end's 404 handler resolves a redirect per site."""

import pytest
from wagtail.contrib.redirects.models import Redirect

from .world import AGENCY_HOST, PORTAL_HOST

pytestmark = pytest.mark.django_db


@pytest.fixture
def redirects(world):
    Redirect.objects.create(
        old_path=Redirect.normalise_path("/tin-cu/?id=5&lang=vi"),
        site=world.agency,
        redirect_link="https://xaydung.gov.vn/tin/5",
        is_permanent=False,
    )
    Redirect.objects.create(old_path="/lien-he", site=None, redirect_page=world["news_a"])
    Redirect.objects.create(old_path="/lien-he", site=world.agency, redirect_page=world["about"])
    Redirect.objects.create(
        old_path="/van-ban-cu", site=world.portal, redirect_page=world["decree"]
    )
    return world


def lookup(get, old_path, host=AGENCY_HOST, **params):
    response = get("/api/v2/redirects/", host, old_path=old_path, **params)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize("old_path", ["/cu", "/cu/", "cu", "/cu?", "http://sxd.cu-old.vn/cu/"])
def test_old_path_with_or_without_trailing_slash(redirects, get, old_path):
    body = lookup(get, old_path)
    assert body["meta"]["total_count"] == 1
    item = body["items"][0]
    about = redirects["about"]
    assert item["target"] == about.full_url
    assert item["target_html_path"] == "/gioi-thieu/"
    assert item["is_permanent"] is True and item["status_code"] == 301
    assert item["target_page"]["id"] == about.pk
    assert item["target_page"]["meta"]["type"] == "home.StandardPage"
    assert (
        item["target_page"]["meta"]["detail_url"]
        == f"http://{AGENCY_HOST}/api/v2/pages/{about.pk}/"
    )


def test_temporary_redirect_to_a_url_with_a_query(redirects, get):
    item = lookup(get, "/tin-cu/?lang=vi&id=5")["items"][0]
    assert item["target"] == "https://xaydung.gov.vn/tin/5"
    assert item["target_page"] is None and item["target_html_path"] is None
    assert item["status_code"] == 302 and item["is_permanent"] is False
    # An unmatched query falls back to the path alone, as the redirect middleware does.
    assert lookup(get, "/tin-cu/?utm=x")["meta"]["total_count"] == 0


def test_the_sites_own_redirect_wins_over_the_one_for_all_sites(redirects, get):
    assert lookup(get, "/lien-he/")["items"][0]["target_page"]["id"] == redirects["about"].pk
    item = lookup(get, "/lien-he/", PORTAL_HOST)["items"][0]
    assert item["target_page"]["id"] == redirects["news_a"].pk and item["all_sites"] is True


def test_redirects_are_per_site(redirects, get):
    assert lookup(get, "/van-ban-cu")["meta"]["total_count"] == 0
    assert lookup(get, "/van-ban-cu", PORTAL_HOST)["meta"]["total_count"] == 1
    assert lookup(get, "/van-ban-cu", AGENCY_HOST, site="portal")["meta"]["total_count"] == 1
    assert lookup(get, "/khong-co")["items"] == []


def test_a_redirect_to_a_page_that_is_not_public_is_not_served(redirects, get):
    assert lookup(get, "/nhap-cu")["items"] == []
    listed = {item["old_path"] for item in get("/api/v2/redirects/", AGENCY_HOST).json()["items"]}
    assert "/nhap-cu" not in listed and "/cu" in listed


def test_listing_pagination_and_parameters(redirects, get):
    full = get("/api/v2/redirects/", AGENCY_HOST).json()
    assert full["meta"]["total_count"] == len(full["items"]) == 4
    window = get("/api/v2/redirects/", AGENCY_HOST, limit=2, offset=1).json()
    assert window["meta"]["total_count"] == 4
    assert window["items"] == full["items"][1:3]
    response = get("/api/v2/redirects/", AGENCY_HOST, oldpath="/cu")
    assert response.status_code == 400 and "oldpath" in response.json()["message"]
    assert get("/api/v2/redirects/", AGENCY_HOST, limit=1000).status_code == 400
