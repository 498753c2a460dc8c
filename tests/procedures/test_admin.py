import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from procedures.models import ProcedurePage, Sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, two_sites):
    user = get_user_model().objects.create_superuser("admin", "admin@example.com", "pw")
    client.force_login(user)
    return client


def test_procedure_listing_filters_by_sector_level_and_online_level(
    admin_client, portal_index, make_procedure, sector
):
    land = Sector.objects.create(name="Đất đai")
    make_procedure(portal_index, "1.000001", title="Khai sinh", online_level="toan_trinh")
    make_procedure(
        portal_index,
        "1.000002",
        title="Giao đất",
        sector=land,
        level_commune=False,
        level_province=True,
        online_level="mot_phan",
    )
    url = reverse("procedure_pages:index")

    response = admin_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Khai sinh" in html and "Giao đất" in html

    by_sector = admin_client.get(url, {"sector": land.pk}).content.decode()
    assert "Giao đất" in by_sector and "Khai sinh" not in by_sector
    by_level = admin_client.get(url, {"level": "xa"}).content.decode()
    assert "Khai sinh" in by_level and "Giao đất" not in by_level
    by_online = admin_client.get(url, {"online_level": "mot_phan"}).content.decode()
    assert "Giao đất" in by_online and "Khai sinh" not in by_online


def test_sector_snippet_listing_searches(admin_client, sector):
    Sector.objects.create(name="Đất đai", code="DD")
    url = reverse("wagtailsnippets_procedures_sector:list")
    html = admin_client.get(url, {"q": "Đất"}).content.decode()
    assert "Đất đai" in html
    assert "Hộ tịch" not in html


def test_procedure_edit_form_has_vietnamese_tabs(admin_client, portal_index, make_procedure):
    page = make_procedure(portal_index, "1.000001")
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for tab in [
        "Thông tin chung",
        "Trình tự, hồ sơ",
        "Phí, điều kiện, căn cứ",
        "Trực tuyến, hiệu lực",
    ]:
        assert tab in html


def procedure_form(sector, **fields) -> dict:
    """The admin's add form for a procedure, as a browser posts it."""
    data = {
        "title": "Bản sao",
        "slug": "ban-sao",
        "code": "1.001612",
        "sector": sector.pk,
        "level_commune": "on",
        "implementing_agency": "UBND cấp xã",
        "processing_time_unit": "ngay_lam_viec",
        "online_level": "khong",
        "status": "con_hieu_luc",
        "dossier_sets": "1",
        "steps-count": "0",
        "action-publish": "1",
        **fields,
    }
    for prefix in ("dossier_components", "fees", "legal_basis", "comments"):
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data


def add_url(index) -> str:
    return reverse("wagtailadmin_pages:add", args=["procedures", "procedurepage", index.pk])


def test_admin_create_rejects_a_duplicate_code(admin_client, portal_index, make_procedure, sector):
    """Through the real admin form: the page has no tree path while it is validated."""
    make_procedure(portal_index, "1.001612")
    response = admin_client.post(add_url(portal_index), procedure_form(sector))
    html = response.content.decode()
    assert "Mã thủ tục 1.001612 đã tồn tại trên trang này." in html
    assert portal_index.get_children().count() == 1


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"online_level": "toan_trinh"},
            "submit_online",
            "Thủ tục có dịch vụ công trực tuyến (Toàn trình) phải có cách thức",
        ),
        (
            {"online_level": "mot_phan", "submit_in_person": "on"},
            "submit_online",
            "Thủ tục có dịch vụ công trực tuyến (Một phần) phải có cách thức",
        ),
        (
            {"online_level": "khong", "submit_online": "on"},
            "online_level",
            "Thủ tục nộp trực tuyến được: chọn mức độ",
        ),
    ],
)
def test_admin_form_refuses_an_online_level_that_contradicts_the_methods(
    admin_client, portal_index, sector, fields, field, message
):
    response = admin_client.post(add_url(portal_index), procedure_form(sector, **fields))
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert not ProcedurePage.objects.child_of(portal_index).exists()


def test_admin_form_accepts_consistent_online_settings(admin_client, portal_index, sector):
    data = procedure_form(sector, online_level="toan_trinh", submit_online="on")
    response = admin_client.post(add_url(portal_index), data)
    assert response.status_code == 302
    page = ProcedurePage.objects.child_of(portal_index).get()
    assert page.live and page.has_online_service
