import pytest
from wagtail.models import Page

from home.models import StandardPage
from tests.news.html_checks import assert_headings_well_formed

pytestmark = pytest.mark.django_db

AGENCY = {"host": "stttt.bacninh.localhost"}


@pytest.fixture
def contact_page(agency):
    page = StandardPage(
        title="Liên hệ",
        slug="lien-he",
        intro="Thông tin liên hệ của Sở.",
        body=[
            ("paragraph", "<h2>Lãnh đạo Sở</h2><p>Danh sách lãnh đạo.</p>"),
            (
                "leader",
                {
                    "full_name": "Nguyễn Văn A",
                    "position": "Giám đốc Sở",
                    "phone": "0222 3822 111",
                    "email": "giamdoc@example.vn",
                },
            ),
            (
                "table",
                {
                    "data": [["Phòng", "Điện thoại"], ["Văn phòng", "0222 3822 000"]],
                    "first_row_is_table_header": True,
                    "table_caption": "Các phòng chuyên môn",
                },
            ),
            (
                "contact",
                {
                    "address": "Số 10 đường Lý Thái Tổ, Bắc Ninh",
                    "phone": "0222 3822 000",
                    "email": "vanphong@example.vn",
                    "working_hours": "Thứ hai – Thứ sáu, 7:30–17:00",
                    "map_url": "https://maps.example.vn/so-tttt",
                },
            ),
        ],
    )
    agency.root_page.add_child(instance=page)
    return page


def test_standard_page_renders_leaders_table_and_contact(client, contact_page):
    response = client.get(contact_page.url, headers=AGENCY)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Liên hệ</h1>" in html
    assert '<p class="leader-name"><strong>Nguyễn Văn A</strong></p>' in html
    assert "Giám đốc Sở" in html
    assert 'href="tel:02223822111"' in html
    assert 'href="mailto:giamdoc@example.vn"' in html
    assert "<caption>Các phòng chuyên môn</caption>" in html
    assert '<address class="contact">' in html
    assert "Số 10 đường Lý Thái Tổ, Bắc Ninh" in html
    assert 'href="https://maps.example.vn/so-tttt"' in html
    assert_headings_well_formed(html)


def test_standard_page_placement(agency, contact_page):
    assert StandardPage.can_create_at(agency.root_page.specific)
    assert StandardPage.can_create_at(contact_page)
    assert not StandardPage.can_create_at(Page.get_first_root_node())


def test_standard_page_api_exposes_structured_blocks(client, contact_page):
    contact_page.save_revision().publish()
    response = client.get(f"/api/v2/pages/{contact_page.pk}/", headers=AGENCY)
    body = response.json()["body"]
    leader = next(block for block in body if block["type"] == "leader")
    contact = next(block for block in body if block["type"] == "contact")
    assert leader["value"]["full_name"] == "Nguyễn Văn A"
    assert leader["value"]["photo"] is None
    assert contact["value"]["email"] == "vanphong@example.vn"
