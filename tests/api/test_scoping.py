"""Site scoping: Host, site=<hostname>, site=<slug>, site=* and find/?html_path= per site."""

import pytest

from .world import AGENCY_HOST, PORTAL_HOST

pytestmark = pytest.mark.django_db


def titles(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["items"]}


def test_host_scopes_listing(world, get):
    assert "Tin A" in titles(get("/api/v2/pages/", type="news.NewsPage"))
    assert titles(get("/api/v2/pages/", AGENCY_HOST, type="news.NewsPage")) == {"Tin B", "Tin C"}


@pytest.mark.parametrize("site", ["sxd", AGENCY_HOST])
def test_site_parameter_overrides_host(world, get, site):
    assert titles(get("/api/v2/pages/", type="news.NewsPage", site=site)) == {"Tin B", "Tin C"}


def test_all_sites_listing_carries_each_items_site(world, get):
    body = get("/api/v2/pages/", type="news.NewsPage", site="*").json()
    sites = {item["title"]: item["meta"]["site"]["hostname"] for item in body["items"]}
    assert sites == {"Tin A": PORTAL_HOST, "Tin B": AGENCY_HOST, "Tin C": AGENCY_HOST}
    assert body["items"][0]["meta"]["site"]["slug"] in {"portal", "sxd"}


def test_unknown_site_is_404_with_message(world, get):
    response = get("/api/v2/pages/", site="khong-co")
    assert response.status_code == 404
    assert "khong-co" in response.json()["message"]


def test_find_honours_site_parameter(world, get):
    response = get("/api/v2/pages/find/", html_path="/gioi-thieu/", site="sxd")
    assert response.status_code == 302
    assert response["Location"].split("?")[0].endswith(f"/api/v2/pages/{world['about'].pk}/")
    # The portal has no such page, so the same path on the portal's Host is not found.
    assert get("/api/v2/pages/find/", html_path="/gioi-thieu/").status_code == 404


def test_find_across_sites_by_path(world, get):
    response = get("/api/v2/pages/find/", html_path="/tin-tuc/tin-a/", site="portal")
    assert response["Location"].split("?")[0].endswith(f"/{world['news_a'].pk}/")
    response = get("/api/v2/pages/find/", html_path="/tin-tuc/tin-b/", site="sxd")
    assert response["Location"].split("?")[0].endswith(f"/{world['news_b'].pk}/")


def test_find_refuses_all_sites(world, get):
    response = get("/api/v2/pages/find/", html_path="/", site="*")
    assert response.status_code == 400


def test_wagtail_conventions_still_work(world, get):
    agency_news = world["agency_news"].pk
    assert titles(get("/api/v2/pages/", AGENCY_HOST, child_of=agency_news)) == {"Tin B", "Tin C"}
    body = get(
        "/api/v2/pages/", AGENCY_HOST, type="news.NewsPage", order="-published_at", limit=1
    ).json()
    assert [item["title"] for item in body["items"]] == ["Tin C"]
    assert body["meta"]["total_count"] == 2
    body = get(
        "/api/v2/pages/",
        AGENCY_HOST,
        type="news.NewsPage",
        fields="summary,published_at",
        descendant_of=world.agency.root_page_id,
        offset=1,
        order="published_at",
    ).json()
    assert [item["title"] for item in body["items"]] == ["Tin C"]
    assert "summary" in body["items"][0]


def test_rich_text_is_html_with_links_to_the_target_sites_url(world, get):
    body = get(f"/api/v2/pages/{world['about'].pk}/", AGENCY_HOST).json()
    html = body["body"][0]["value"]
    assert 'href="http://bacninh.localhost/tin-tuc/tin-a/"' in html
    assert "linktype" not in html


def test_images_and_documents_carry_renditions_and_file_details(world, get):
    image = get(f"/api/v2/images/{world.media['public_image'].pk}/").json()
    assert image["meta"]["renditions"]["alt"]
    assert {"thumbnail", "medium", "large"} <= set(image["meta"]["renditions"]["renditions"])
    document = get(f"/api/v2/documents/{world.media['public_document'].pk}/").json()
    assert document["meta"]["file"] == {
        "size": len(b"%PDF-1.4 noi dung"),
        "extension": "pdf",
        "content_type": "application/pdf",
    }
    assert document["meta"]["download_url"]
