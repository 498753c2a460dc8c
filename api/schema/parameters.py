"""Query parameters of the endpoints, as OpenAPI parameter objects."""

from legaldocs.choices import DocumentStatus, DocumentType
from procedures.choices import LEVEL_FIELDS, OnlineLevel


def query(name: str, description: str, schema: dict | None = None) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or {"type": "string"},
    }


DATE = {"type": "string", "format": "date"}
INTEGER = {"type": "integer", "minimum": 0}

SITE = query(
    "site",
    "Tên miền hoặc mã cơ quan (vd. sxd) của trang thông tin; `*` = mọi trang (danh sách). "
    "Mặc định: theo tiêu đề Host.",
)
PAGINATION = [
    query("limit", "Số mục tối đa (≤ WAGTAILAPI_LIMIT_MAX).", INTEGER),
    query("offset", "Bỏ qua bao nhiêu mục.", INTEGER),
]
COMMON_LISTING = [
    *PAGINATION,
    query("fields", "Trường cần lấy, vd. `title,body` hoặc `*`, `-title`."),
    query("order", "Sắp xếp theo trường, `-` để giảm dần; `random`."),
    query("search", "Tìm kiếm đơn giản (tìm kiếm đầy đủ ở /api/v2/search/)."),
]
PAGE_LISTING = [
    SITE,
    query("type", "Loại trang, vd. `news.NewsPage`."),
    query("child_of", "Id trang cha, hoặc `root`."),
    query("descendant_of", "Id trang tổ tiên."),
    query("ancestor_of", "Id trang con cháu."),
    *COMMON_LISTING,
]
NEWS = [
    query("category", "Mã chuyên mục (slug). Chỉ với type=news.NewsPage."),
    query("tag", "Từ khóa. Chỉ với type=news.NewsPage."),
    query("published_after", "Đăng từ ngày (YYYY-MM-DD).", DATE),
    query("published_before", "Đăng đến ngày (YYYY-MM-DD).", DATE),
    query("featured", "Tin nổi bật trên Cổng tỉnh.", {"type": "boolean"}),
]
PROCEDURES = [
    query("sector", "Mã lĩnh vực (slug), xem /api/v2/sectors/."),
    query("level", "Cấp thực hiện.", {"type": "string", "enum": list(LEVEL_FIELDS)}),
    query("agency", "Mã cơ quan có trang thông tin (vd. sxd)."),
    query("online_level", "Mức độ DVC trực tuyến.", {"enum": list(OnlineLevel.values)}),
    query("code", "Mã thủ tục; mã quốc gia khớp cả mã địa phương."),
    query("implementing_agency", "Cơ quan thực hiện (chứa chuỗi)."),
]
LEGAL_DOCUMENTS = [
    query("document_type", "Loại văn bản.", {"type": "string", "enum": list(DocumentType.values)}),
    query("issuing_body", "Cơ quan ban hành (chứa chuỗi)."),
    query("issued_after", "Ban hành từ ngày.", DATE),
    query("issued_before", "Ban hành đến ngày.", DATE),
    query(
        "status", "Tình trạng hiệu lực.", {"type": "string", "enum": list(DocumentStatus.values)}
    ),
]
FIND = [SITE, query("html_path", "Đường dẫn trang trên trang thông tin, vd. /tin-tuc/tin-a/.")]
PREVIEW = [
    {**query("token", "Mã xem trước do nút “Xem trước trên front-end” cấp."), "required": True},
    query("id", "Id trang (phải khớp với mã)."),
]
