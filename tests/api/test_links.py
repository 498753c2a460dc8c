"""Every URL the API gives is absolute on the origin the request came to, and resolves there:
find, detail_url, parent, nested pages, download_url, renditions, links in rich text."""

from urllib.parse import parse_qs, urlsplit

import pytest

from .world import AGENCY_HOST, PORTAL_HOST

pytestmark = pytest.mark.django_db


def follow_client(get, url):
    """GET an absolute URL the way an HTTP client would: its host becomes the Host header."""
    parts = urlsplit(url)
    assert parts.scheme == "http" and parts.netloc, url
    params = {k: v[0] for k, v in parse_qs(parts.query).items()}
    response = get(parts.path, parts.netloc, **params)
    assert response.status_code == 200, (url, response.content[:300])
    return response


def test_find_redirects_on_the_requests_own_host(world, get):
    response = get("/api/v2/pages/find/", AGENCY_HOST, html_path="/tin-tuc/tin-b/")
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.netloc == AGENCY_HOST
    assert location.path == f"/api/v2/pages/{world['news_b'].pk}/"
    detail = follow_client(get, response["Location"])
    assert detail.json()["title"] == "Tin B"


def test_find_keeps_the_scope_and_the_other_parameters(world, get):
    response = get(
        "/api/v2/pages/find/",
        "api.internal",
        html_path="/tin-tuc/tin-b/",
        site="sxd",
        fields="-title",
    )
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.netloc == "api.internal"
    assert parse_qs(location.query) == {"site": ["sxd"], "fields": ["-title"]}
    assert "title" not in follow_client(get, response["Location"]).json()


def test_find_by_id_and_unknown_parameters(world, get):
    response = get("/api/v2/pages/find/", AGENCY_HOST, id=world["news_b"].pk)
    assert response.status_code == 302
    assert get("/api/v2/pages/find/", AGENCY_HOST, id="abc").status_code == 404
    response = get("/api/v2/pages/find/", AGENCY_HOST, html_path="/", colour="blue")
    assert response.status_code == 400 and "colour" in response.json()["message"]


@pytest.mark.parametrize("site", ["sxd", AGENCY_HOST, "id"])
def test_site_accepts_slug_hostname_and_numeric_id(world, get, site):
    value = str(world.agency.pk) if site == "id" else site
    body = get("/api/v2/pages/", type="news.NewsPage", site=value).json()
    assert {item["title"] for item in body["items"]} == {"Tin B", "Tin C"}


def test_unknown_numeric_site_is_404(world, get):
    assert get("/api/v2/pages/", site="999999").status_code == 404
    assert get("/api/v2/pages/", site="9" * 30).status_code == 404


def test_listing_detail_urls_and_parents_resolve_on_the_same_host(world, get):
    body = get("/api/v2/pages/", AGENCY_HOST, child_of=world["agency_news"].pk).json()
    assert body["items"]
    for item in body["items"]:
        assert urlsplit(item["meta"]["detail_url"]).netloc == AGENCY_HOST
        detail = follow_client(get, item["meta"]["detail_url"]).json()
        assert detail["id"] == item["id"]
        parent = detail["meta"]["parent"]
        assert parent["meta"]["html_url"] == world["agency_news"].full_url
        assert follow_client(get, parent["meta"]["detail_url"]).json()["id"] == parent["id"]


def test_all_sites_listing_scopes_other_sites_pages_by_id(world, get):
    body = get("/api/v2/pages/", AGENCY_HOST, type="news.NewsPage", site="*").json()
    urls = {item["title"]: item["meta"]["detail_url"] for item in body["items"]}
    assert urls["Tin B"] == f"http://{AGENCY_HOST}/api/v2/pages/{world['news_b'].pk}/"
    assert urls["Tin A"] == (
        f"http://{AGENCY_HOST}/api/v2/pages/{world['news_a'].pk}/?site={world.portal.pk}"
    )
    for url in urls.values():
        follow_client(get, url)
    assert body["items"][0]["meta"]["html_url"].startswith("http://")


def test_choice_values_come_with_their_vietnamese_labels(world, get):
    procedure = world["proc_tinh"]
    body = get(f"/api/v2/pages/{procedure.pk}/", AGENCY_HOST).json()
    assert body["sector"]["name"] == "Hộ tịch"
    assert body["online_level"] == "toan_trinh"
    assert body["online_level_display"] == "Toàn trình"
    assert body["levels_display"] == ["Cấp tỉnh"]
    assert body["status_display"] == "Còn hiệu lực"
    assert body["processing_time_unit_display"] == "ngày làm việc"


def test_media_urls_are_absolute_on_the_requests_host(world, get):
    image = get(f"/api/v2/images/{world.media['public_image'].pk}/", AGENCY_HOST).json()
    assert image["meta"]["detail_url"].startswith(f"http://{AGENCY_HOST}/api/v2/images/")
    assert image["meta"]["download_url"].startswith(f"http://{AGENCY_HOST}/media/")
    for rendition in image["meta"]["renditions"]["renditions"].values():
        assert rendition["url"].startswith(f"http://{AGENCY_HOST}/media/")
    document = get(f"/api/v2/documents/{world.media['public_document'].pk}/", AGENCY_HOST).json()
    assert document["meta"]["download_url"].startswith(f"http://{AGENCY_HOST}/documents/")
    assert document["meta"]["detail_url"].startswith(f"http://{AGENCY_HOST}/api/v2/documents/")


def test_document_links_in_rich_text_are_absolute(world, get):
    from home.models import StandardPage

    document = world.media["public_document"]
    page = StandardPage.objects.get(pk=world["about"].pk)
    link = f'<p><a linktype="document" id="{document.pk}">Tệp</a></p>'
    page.body = [("paragraph", link)]
    page.save_revision().publish()
    html = get(f"/api/v2/pages/{page.pk}/", AGENCY_HOST).json()["body"][0]["value"]
    assert f'href="http://{AGENCY_HOST}/documents/{document.pk}/' in html


def test_detail_rejects_unknown_parameters(world, get):
    response = get(f"/api/v2/pages/{world['news_b'].pk}/", AGENCY_HOST, colour="blue")
    assert response.status_code == 400
    assert "colour" in response.json()["message"]
    response = get(f"/api/v2/images/{world.media['public_image'].pk}/", PORTAL_HOST, x="1")
    assert response.status_code == 400
    ok = get(f"/api/v2/pages/{world['news_b'].pk}/", AGENCY_HOST, fields="title", site="sxd")
    assert ok.status_code == 200
