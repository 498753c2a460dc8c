"""Query parameters of the endpoints, as OpenAPI parameter objects. Every endpoint answers a
parameter it does not list here with 400."""

from wagtail.models import Page, get_page_models

from legaldocs.models import LegalDocumentPage
from procedures.models import ProcedurePage

from .enums import enum_ref

DATE = {"type": "string", "format": "date"}
INTEGER = {"type": "integer", "minimum": 0}
BOOLEAN = {"type": "boolean"}


def query(name: str, description: str, schema: dict | None = None, **extra) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or {"type": "string"},
        **extra,
    }


def only(description: str, *types: str) -> str:
    return f"{description} Chỉ dùng với " + " hoặc ".join(f"`type={t}`" for t in types) + "."


SITE = query(
    "site",
    "Trang thông tin: mã cơ quan (vd. `sxd`), tên miền hoặc id. `*` = mọi trang (danh sách). "
    "Mặc định: trang thông tin mà tiêu đề Host chỉ tới.",
)
ONE_SITE = query(
    "site", "Trang thông tin: mã cơ quan, tên miền hoặc id (không nhận `*`). Mặc định: theo Host."
)
FIELDS = query(
    "fields",
    "Trường cần lấy, vd. `title,summary`, `*` (mọi trường), `_,title` (chỉ title), `-body`, "
    "`featured_image(title)`.",
)
RICH_TEXT = query(
    "rich_text_format",
    "Định dạng rich text: `html` (mặc định, liên kết tuyệt đối), `db_html`, `markdown`.",
    {"type": "string", "enum": ["html", "db_html", "markdown", "db_markdown"]},
)
PAGINATION = [
    query("limit", "Số mục tối đa (mặc định 20, ≤ WAGTAILAPI_LIMIT_MAX = 100).", INTEGER),
    query("offset", "Bỏ qua bao nhiêu mục (mặc định 0).", INTEGER),
]
COMMON_LISTING = [
    *PAGINATION,
    FIELDS,
    query(
        "order",
        "Sắp xếp theo một trường có cột dữ liệu, `-` để giảm dần, hoặc `random`. Vd. "
        "`-first_published_at`, `title`; với type: `-published_at` (tin), `code`, `-featured` "
        "(thủ tục), `-issue_date` (văn bản).",
    ),
    query("search", "Tìm kiếm đơn giản trong CSDL (tìm kiếm đầy đủ: /api/v2/search/)."),
    query(
        "search_operator", "Kết hợp các từ của `search`.", {"type": "string", "enum": ["and", "or"]}
    ),
]


def page_types() -> list[str]:
    return [f"{m._meta.app_label}.{m.__name__}" for m in get_page_models() if m is not Page]


def page_listing(components: dict) -> list[dict]:
    news, proc, docs = "news.NewsPage", "procedures.ProcedurePage", "legaldocs.LegalDocumentPage"
    status = {
        "anyOf": [
            enum_ref(components, ProcedurePage, "status"),
            enum_ref(components, LegalDocumentPage, "status"),
        ]
    }
    return [
        SITE,
        query(
            "type",
            "Loại trang; các tham số lọc riêng và trường riêng của loại đó dùng được khi có nó.",
            {"type": "string", "enum": page_types()},
        ),
        query("child_of", "Id trang cha, hoặc `root` (trang chủ của trang thông tin)."),
        query("descendant_of", "Id trang tổ tiên.", INTEGER),
        query("ancestor_of", "Id trang con cháu.", INTEGER),
        query("slug", "Đúng slug này."),
        query("show_in_menus", "Trang hiện trong trình đơn.", BOOLEAN),
        *COMMON_LISTING,
        RICH_TEXT,
        query("category", only("Mã chuyên mục tin (slug), xem /api/v2/news-categories/.", news)),
        query("tag", only("Từ khóa (tên hoặc slug).", news)),
        query("published_after", only("Đăng từ ngày (YYYY-MM-DD).", news), DATE),
        query("published_before", only("Đăng đến ngày (YYYY-MM-DD).", news), DATE),
        query(
            "featured",
            f"Nổi bật. Tin (`type={news}`): đưa hoặc đề xuất lên Cổng tỉnh; thủ tục "
            f"(`type={proc}`): nổi bật trên trang chủ của trang thông tin.",
            BOOLEAN,
        ),
        query("sector", only("Mã lĩnh vực (slug), xem /api/v2/sectors/.", proc, docs)),
        query("level", only("Cấp thực hiện.", proc), enum_ref(components, ProcedurePage, "levels")),
        query("agency", only("Mã cơ quan có trang thông tin (vd. `sxd`).", proc)),
        query(
            "online_level",
            only("Mức độ dịch vụ công trực tuyến.", proc),
            enum_ref(components, ProcedurePage, "online_level"),
        ),
        query("code", only("Mã thủ tục; mã quốc gia khớp cả các mã địa phương của nó.", proc)),
        query("implementing_agency", only("Cơ quan thực hiện (chứa chuỗi).", proc)),
        query("status", only("Tình trạng hiệu lực.", proc, docs), status),
        query(
            "document_type",
            only("Loại văn bản.", docs),
            enum_ref(components, LegalDocumentPage, "document_type"),
        ),
        query("issuing_body", only("Cơ quan ban hành (chứa chuỗi).", docs)),
        query("issued_after", only("Ban hành từ ngày.", docs), DATE),
        query("issued_before", only("Ban hành đến ngày.", docs), DATE),
    ]


PAGE_DETAIL = [SITE, FIELDS, RICH_TEXT]
FIND = [
    SITE,
    query("html_path", "Đường dẫn trang trên trang thông tin, vd. `/tin-tuc/tin-a/`."),
    query("id", "Id trang (thay cho html_path).", INTEGER),
    FIELDS,
    RICH_TEXT,
]
PREVIEW = [
    {**query("token", "Mã xem trước do nút “Xem trước trên front-end” cấp."), "required": True},
    query("id", "Id trang (phải khớp với mã).", INTEGER),
    query("content_type", "Loại trang (phải khớp với mã), vd. `news.NewsPage`."),
    FIELDS,
    RICH_TEXT,
]
MEDIA_LISTING = [*COMMON_LISTING, query("tags", "Có đủ các từ khóa này (phân cách bằng dấu phẩy).")]
MEDIA_DETAIL = [FIELDS]
REDIRECTS = [
    ONE_SITE,
    query(
        "old_path",
        "Tra một đường dẫn cũ như khi trình duyệt mở nó (có hoặc không có `/` cuối, kèm query); "
        "chuyển hướng riêng của trang thông tin được ưu tiên hơn chuyển hướng chung.",
    ),
    *PAGINATION,
]
