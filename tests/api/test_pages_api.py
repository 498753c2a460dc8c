import pytest


@pytest.mark.django_db
def test_pages_listing_serves_the_requesting_sites_pages(client, two_sites):
    response = client.get("/api/v2/pages/", headers={"host": "bacninh.localhost"})
    assert response.status_code == 200
    body = response.json()
    titles = [item["title"] for item in body["items"]]
    assert "Cổng thông tin điện tử tỉnh Bắc Ninh" in titles
    assert "Sở Thông tin và Truyền thông" not in titles
    assert body["meta"]["total_count"] == len(titles)


@pytest.mark.django_db
def test_page_detail_exposes_home_page_fields(client, two_sites):
    _, agency = two_sites
    response = client.get(
        f"/api/v2/pages/{agency.root_page_id}/", headers={"host": "stttt.bacninh.localhost"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["meta"]["type"] == "home.HomePage"
    assert body["title"] == "Sở Thông tin và Truyền thông"
    assert "intro" in body


@pytest.mark.django_db
def test_images_and_documents_endpoints_answer(client, two_sites):
    for endpoint in ("images", "documents"):
        response = client.get(f"/api/v2/{endpoint}/", headers={"host": "bacninh.localhost"})
        assert response.status_code == 200
        assert response.json()["meta"]["total_count"] == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "search", ['"', '"khai sinh', "'", "(", "AND OR NOT", "*", "khai:sinh", "\\", "đăng ký -"]
)
def test_page_search_answers_any_text(client, two_sites, search):
    """`?search=%22` was a 500 (`unterminated string`) on the demo's old SQLite database."""
    response = client.get(
        "/api/v2/pages/", {"search": search}, headers={"host": "bacninh.localhost"}
    )
    assert response.status_code == 200
    assert "items" in response.json()


@pytest.mark.django_db
def test_an_empty_type_is_a_400_not_every_page(client, two_sites):
    response = client.get("/api/v2/pages/?type=", headers={"host": "bacninh.localhost"})
    assert response.status_code == 400
    assert "type" in response.json()["message"]
