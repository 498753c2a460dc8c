"""The public search endpoints (served by the `search` app under /api/v2/search/).

Described here from their documented contract rather than imported: nothing imports `search`.
The parameters share the pages endpoint's names; the older names are deprecated aliases.
"""

from django.utils.translation import gettext as _

from procedures.models import ProcedurePage

from .components import INTEGER, NULLABLE_STRING, obj, ref
from .enums import enum_ref, enum_schema
from .parameters import DATE, SITE, page_types, query

TYPES = {
    "news": "tin bài",
    "procedure": "thủ tục hành chính",
    "legaldoc": "văn bản pháp luật",
    "page": "trang",
    "qa": "hỏi đáp (câu hỏi của công dân và trả lời của cơ quan)",
    "consultation": "dự thảo lấy ý kiến",
    "document": "tài liệu (tệp đính kèm: mẫu đơn, tờ khai, văn bản, báo cáo)",
}
# Documents (type `document`): a Wagtail document, as /api/v2/documents/ types it.
DOCUMENT_TYPE = "wagtaildocs.Document"
WINDOW = {"type": "integer", "minimum": 1, "maximum": 50}


def _alias(name: str, of: str, description: str, schema: dict | None = None) -> dict:
    return query(name, f"{description} Tên cũ của `{of}`.", schema, deprecated=True)


def search_parameters(components: dict) -> list[dict]:
    online = enum_ref(components, ProcedurePage, "online_level")
    parameters = [
        query("q", "Từ khóa, có dấu hoặc không dấu; mã thủ tục, số ký hiệu văn bản."),
        SITE,
        query(
            "type",
            "Loại nội dung: khóa tìm kiếm hoặc loại trang tương ứng.",
            {
                "anyOf": [
                    ref("SearchType"),
                    {"type": "string", "enum": [*page_types(), DOCUMENT_TYPE]},
                ]
            },
        ),
        query("sector", "Lĩnh vực (slug)."),
        query("level", "Cấp thực hiện.", enum_ref(components, ProcedurePage, "levels")),
        query("agency", "Cơ quan (mã định danh)."),
        query("online_level", "Mức độ dịch vụ công trực tuyến.", online),
        query("category", "Chuyên mục tin (slug)."),
        query("published_after", "Từ ngày (YYYY-MM-DD).", DATE),
        query("published_before", "Đến ngày (YYYY-MM-DD).", DATE),
        query("limit", "Số kết quả (mặc định 10, ≤ 50).", WINDOW),
        query(
            "offset",
            "Bỏ qua bao nhiêu kết quả (offset + limit ≤ 10 000).",
            {"type": "integer", "minimum": 0},
        ),
        _alias("online", "online_level", "Mức độ trực tuyến.", online),
        _alias("date_from", "published_after", "Từ ngày.", DATE),
        _alias("date_to", "published_before", "Đến ngày.", DATE),
        _alias(
            "page",
            "offset",
            "Trang kết quả, từ 1 (không dùng cùng limit/offset).",
            {"type": "integer", "minimum": 1},
        ),
        _alias("page_size", "limit", "Số kết quả mỗi trang.", WINDOW),
    ]
    # The search treats an empty value as an absent one, as an HTML search form submits them.
    return [{**parameter, "allowEmptyValue": True} for parameter in parameters]


_SITE = obj({"slug": NULLABLE_STRING, "hostname": NULLABLE_STRING, "name": NULLABLE_STRING})
_FACET = {
    "type": "array",
    "items": obj(
        {
            "value": {"type": ["string", "integer", "number"]},
            "count": INTEGER,
            "label": {"type": "string", "description": "Nhãn tiếng Việt của giá trị."},
        },
        ["value", "count"],
    ),
}
_FILE = obj(
    {
        "name": {"type": "string", "description": "Tên tệp."},
        "type": {"type": "string", "description": "Phần mở rộng: pdf, docx, xlsx, odt…"},
        "size": {"type": ["integer", "null"], "description": "Dung lượng (byte)."},
        "size_label": {**NULLABLE_STRING, "description": "Dung lượng để hiển thị: “120,5 KB”."},
        "text_status": {
            "type": ["string", "null"],
            "enum": [
                "ok", "truncated", "scanned", "empty", "encrypted", "unsupported",
                "too_large", "timeout", "memory", "failed", None,
            ],
            "description": "Cách đọc nội dung tệp: ok; truncated (chỉ phần đầu); scanned (bản "
            "quét, không có lớp chữ: chỉ tìm theo tên); empty; encrypted; unsupported (.doc, "
            ".xls, tệp nén: chỉ tìm theo tên); too_large, timeout, memory, failed (tệp hỏng "
            "hoặc vượt giới hạn).",
        },
    },
    ["name", "type", "size", "size_label", "text_status"],
    description="Chỉ có với kết quả loại `document`.",
)  # fmt: skip
_USED_ON = {
    "type": "array",
    "description": "Chỉ có với kết quả loại `document`: các trang công khai dùng tệp này.",
    "items": obj(
        {
            "id": INTEGER,
            "title": {"type": "string"},
            "url": NULLABLE_STRING,
            "type": {"type": "string", "description": "Loại trang, như meta.type của /pages/."},
            "components": {
                "type": "array",
                "items": {"type": "string"},
                "description": "Thành phần hồ sơ của thủ tục mà tệp là mẫu đơn, tờ khai.",
            },
            "site": obj(
                {
                    "slug": NULLABLE_STRING,
                    "hostname": {"type": "string"},
                    "name": {"type": "string"},
                },
                ["hostname", "name"],
                description="Trang thông tin của trang ấy: các xã, phường có thủ tục cùng tên.",
            ),
        },
        ["id", "title", "url", "type"],
    ),
}
_ITEM_META = obj(
    {
        "type": {
            "type": "string",
            "description": "Loại trang, như meta.type của /pages/; wagtaildocs.Document với "
            "tài liệu (detail_url khi đó là /api/v2/documents/<id>/).",
        },
        "detail_url": {"type": "string", "format": "uri"},
        "html_url": {"type": ["string", "null"]},
        "site": {"anyOf": [ref("SiteRef"), {"type": "null"}]},
    },
    ["type", "detail_url", "html_url", "site"],
)

SCHEMAS = {
    "SearchType": enum_schema(list(TYPES.items()), "Loại nội dung tìm kiếm."),
    "SearchItem": obj(
        {
            "id": {"type": "integer", "description": "Số của trang, hoặc của tài liệu."},
            "meta": _ITEM_META,
            "title": {"type": "string"},
            "type": ref("SearchType"),
            "url": {
                **NULLABLE_STRING,
                "description": "Như meta.html_url (tên cũ); với tài liệu: địa chỉ tải tệp.",
            },
            "site": _SITE,
            "summary": NULLABLE_STRING,
            "code": {**NULLABLE_STRING, "description": "Mã thủ tục hoặc số ký hiệu văn bản."},
            "date": {**NULLABLE_STRING, "description": "Ngày đăng hoặc ban hành."},
            "highlight": {
                "type": "object",
                "description": "Đoạn trích HTML có <mark> theo trường (title, summary, body).",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            },
            "score": {"type": ["number", "null"]},
            "file": _FILE,
            "used_on": _USED_ON,
        },
        ["id", "meta", "type", "title", "url", "site", "highlight", "score"],
    ),
    "SearchResults": obj(
        {
            "meta": obj(
                {
                    "total_count": INTEGER,
                    "limit": {"type": "integer", "minimum": 1},
                    "offset": {"type": "integer", "minimum": 0},
                    "engine": {"type": "string", "enum": ["elasticsearch", "database"]},
                    "took_ms": INTEGER,
                    "total": {**INTEGER, "description": "Như total_count (tên cũ)."},
                    "page": {"type": "integer", "minimum": 1, "description": "Tên cũ."},
                    "page_size": {"type": "integer", "minimum": 1, "description": "Tên cũ."},
                },
                [
                    "total_count",
                    "limit",
                    "offset",
                    "engine",
                    "took_ms",
                    "total",
                    "page",
                    "page_size",
                ],
            ),
            "items": {"type": "array", "items": ref("SearchItem")},
            "facets": obj(
                dict.fromkeys(["type", "site", "sector", "level", "online_level", "year"], _FACET),
                description="Số kết quả theo từng giá trị của bộ lọc cùng tên (`online` là tên cũ "
                "của `online_level`). Khi Elasticsearch không dùng được thì rỗng.",
            )
            | {"additionalProperties": _FACET},
            "did_you_mean": NULLABLE_STRING,
        },
        ["meta", "items", "facets", "did_you_mean"],
    ),
    "Suggestions": obj(
        {
            "items": {
                "type": "array",
                "maxItems": 10,
                "items": obj(
                    {
                        "title": {"type": "string"},
                        "url": NULLABLE_STRING,
                        "type": ref("SearchType"),
                        "site": NULLABLE_STRING,
                        "file_type": {"type": "string", "description": "Với tài liệu: pdf, docx…"},
                    },
                    ["title", "url", "type"],
                ),
            }
        },
        ["items"],
    ),
}


def search_paths(operation, ok, too_many: dict, components: dict) -> dict:
    return {
        "/api/v2/search/": operation(
            _("Tìm kiếm toàn văn (Elasticsearch; dự phòng bằng cơ sở dữ liệu)"),
            search_parameters(components),
            ok("SearchResults"),
            "search",
            cached=False,
            **{"429": too_many},
        ),
        "/api/v2/search/suggest/": operation(
            _("Gợi ý tiêu đề khi gõ"),
            [query("q", "Phần đầu tiêu đề, có dấu hoặc không dấu."), SITE],
            ok("Suggestions"),
            "search",
            cached=False,
            **{"429": too_many},
        ),
    }
