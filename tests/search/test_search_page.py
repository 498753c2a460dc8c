"""The front-end's search page (/tim-kiem/): the API's search rendered as HTML."""

import re

import pytest
from django.utils.html import strip_tags


@pytest.fixture
def page(client):
    def get(status: int = 200, host: str = "bacninh.localhost", **params) -> str:
        response = client.get("/tim-kiem/", params, HTTP_HOST=host)
        assert response.status_code == status, response.content[:500]
        # Text only: highlights put <mark> inside the titles.
        return strip_tags(response.content.decode())

    return get


def test_finds_procedures_without_accents_across_sites_from_the_portal(world, page):
    text = page(q="dang ky khai sinh")
    assert "Đăng ký khai sinh" in text
    assert "Đăng ký lại khai sinh" in text
    assert "MAU.0001 · Sở Thông tin và Truyền thông" in text  # code and site of the hit


def test_level_filter_keeps_only_that_level_and_stays_selected(world, page):
    text = page(level="tinh")
    assert "Cấp đổi Giấy chứng nhận quyền sử dụng đất" in text
    assert "Đăng ký khai sinh" not in text
    assert re.search(r"(?<!\d)1 kết quả", text)


def test_a_sub_site_searches_only_itself(world, page):
    text = page(q="dang ky", host="stttt.bacninh.localhost")
    assert "Đăng ký kết hôn" in text
    assert "Đăng ký thành lập hộ kinh doanh" not in text  # a portal procedure


def test_bad_parameters_answer_400_with_the_reason(world, page):
    text = page(status=400, level="huyen")
    assert "Giá trị “huyen” của tham số level không hợp lệ" in text


def test_answers_from_the_database_when_elasticsearch_is_down(world, page, elasticsearch_down):
    text = page(q="Đăng ký kết hôn")
    assert "Đăng ký kết hôn" in text
    assert "kết quả" in text


def test_empty_form_shows_no_results_section(db, page):
    text = page()
    assert "Từ khóa" in text
    assert "kết quả" not in text
