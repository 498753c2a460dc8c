"""Per-type filters of the pages endpoint, and their 400s."""

import pytest

pytestmark = pytest.mark.django_db


def titles(get, **params) -> set[str]:
    response = get("/api/v2/pages/", **{"site": "*", **params})
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["items"]}


NEWS = "news.NewsPage"
PROCEDURES = "procedures.ProcedurePage"
DOCUMENTS = "legaldocs.LegalDocumentPage"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"category": "xay-dung"}, {"Tin B"}),
        ({"category": "thoi-su", "site": "portal"}, {"Tin A"}),
        ({"tag": "nha-o"}, {"Tin B"}),
        ({"published_after": "2024-06-01"}, {"Tin B", "Tin C"}),
        ({"published_before": "2024-06-15"}, {"Tin A", "Tin B"}),
        ({"published_after": "2024-04-01", "published_before": "2024-12-31"}, {"Tin B"}),
        ({"featured": "true"}, {"Tin A", "Tin C"}),
        ({"featured": "false"}, {"Tin B"}),
    ],
)
def test_news_filters(world, get, params, expected):
    assert titles(get, type=NEWS, **params) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"sector": "ho-tich"}, {"Cấp giấy phép xây dựng"}),
        ({"level": "xa"}, {"Đăng ký đất đai"}),
        ({"level": "tinh"}, {"Cấp giấy phép xây dựng"}),
        ({"level": "bo"}, set()),
        ({"agency": "sxd"}, {"Cấp giấy phép xây dựng"}),
        ({"online_level": "toan_trinh"}, {"Cấp giấy phép xây dựng"}),
        ({"code": "1.001612"}, {"Cấp giấy phép xây dựng"}),
        ({"code": "2.000001"}, {"Đăng ký đất đai"}),
        ({"implementing_agency": "xây dựng"}, {"Cấp giấy phép xây dựng"}),
    ],
)
def test_procedure_filters(world, get, params, expected):
    assert titles(get, type=PROCEDURES, **params) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"document_type": "nghi_dinh"}, {"Nghị định về xây dựng"}),
        ({"issuing_body": "ubnd tỉnh"}, {"Quyết định của UBND tỉnh"}),
        ({"issued_after": "2023-01-01"}, {"Quyết định của UBND tỉnh"}),
        ({"issued_before": "2023-01-01"}, {"Nghị định về xây dựng"}),
        ({"status": "het_hieu_luc"}, {"Quyết định của UBND tỉnh"}),
    ],
)
def test_legal_document_filters(world, get, params, expected):
    assert titles(get, type=DOCUMENTS, **params) == expected


@pytest.mark.parametrize(
    "params",
    [
        {"type": NEWS, "published_after": "2024-13-01"},
        {"type": NEWS, "published_before": "hôm qua"},
        {"type": NEWS, "featured": "có"},
        {"type": NEWS, "category": "khong-co"},
        {"type": PROCEDURES, "sector": "khong-co"},
        {"type": PROCEDURES, "level": "huyen"},
        {"type": PROCEDURES, "online_level": "muc-4"},
        {"type": PROCEDURES, "agency": "khong-co"},
        {"type": DOCUMENTS, "document_type": "sac_lenh"},
        {"type": DOCUMENTS, "status": "sap_het"},
        {"type": DOCUMENTS, "issued_after": "2024-02-30"},
        {"type": DOCUMENTS, "issued_after": "2024-01-01", "issued_before": "2023-01-01"},
        {"sector": "ho-tich"},  # a procedure filter without type=
        {"limit": "1000"},
        {"limit": "mười"},
        {"offset": "-1"},
        {"child_of": "abc"},
        {"type": "khong.CoKieuNay"},
        {"khong_co_tham_so": "1"},
        {"order": "khong_co_truong"},
    ],
)
def test_bad_parameters_are_400_with_a_vietnamese_message(world, get, params):
    response = get("/api/v2/pages/", **{"site": "*", **params})
    assert response.status_code == 400, response.content
    message = response.json()["message"]
    assert message and not message.isascii(), message
