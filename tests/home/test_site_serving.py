import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("host", "expected", "absent"),
    [
        ("bacninh.localhost", "Cổng thông tin điện tử tỉnh Bắc Ninh", "Sở Thông tin"),
        ("stttt.bacninh.localhost", "Sở Thông tin và Truyền thông", "tỉnh Bắc Ninh</h1>"),
    ],
)
def test_each_host_serves_its_own_home_page(client, two_sites, host, expected, absent):
    response = client.get("/", headers={"host": host})
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{expected}</h1>" in html
    assert absent not in html
    assert '<html lang="vi">' in html


@pytest.mark.django_db
def test_unknown_host_falls_back_to_the_default_portal(client, two_sites):
    response = client.get("/", headers={"host": "unknown.localhost"})
    assert response.status_code == 200
    assert "<h1>Cổng thông tin điện tử tỉnh Bắc Ninh</h1>" in response.content.decode()


@pytest.mark.django_db
def test_missing_page_is_a_404_in_vietnamese(client, two_sites):
    response = client.get("/khong-ton-tai/", headers={"host": "stttt.bacninh.localhost"})
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


@pytest.mark.django_db
def test_admin_speaks_vietnamese(client, admin_user):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert '<html lang="vi"' in response.content.decode()

    client.force_login(admin_user)
    dashboard = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert dashboard.status_code == 200
    assert "Bảng điều khiển" in dashboard.content.decode()  # docs/glossary.md
