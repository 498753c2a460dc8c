"""The public search endpoints (served by the `search` app under /api/v2/search/).

Described here from their documented contract rather than imported: nothing imports `search`.
"""

from django.utils.translation import gettext as _

from procedures.choices import Level, OnlineLevel

from .parameters import DATE, INTEGER, SITE, query

REF = "#/components/schemas/"
NULLABLE_STRING = {"type": ["string", "null"]}
TYPES = ["news", "procedure", "legaldoc", "page"]

_SEARCH_PARAMETERS = [
    query("q", "Từ khóa, có dấu hoặc không dấu; mã thủ tục, số ký hiệu văn bản."),
    SITE,
    query("type", "Loại nội dung.", {"type": "string", "enum": TYPES}),
    query("sector", "Lĩnh vực (slug)."),
    query("level", "Cấp thực hiện.", {"type": "string", "enum": list(Level.values)}),
    query("agency", "Cơ quan (mã định danh)."),
    query("online", "Mức độ trực tuyến.", {"type": "string", "enum": list(OnlineLevel.values)}),
    query("category", "Chuyên mục tin (slug)."),
    query("date_from", "Từ ngày (YYYY-MM-DD).", DATE),
    query("date_to", "Đến ngày (YYYY-MM-DD).", DATE),
    query("page", "Trang kết quả, từ 1.", {"type": "integer", "minimum": 1}),
    query(
        "page_size",
        "Số kết quả mỗi trang (≤ 50).",
        {"type": "integer", "minimum": 1, "maximum": 50},
    ),
]
# The search treats an empty value as an absent one, as an HTML search form submits them.
SEARCH_PARAMETERS = [{**parameter, "allowEmptyValue": True} for parameter in _SEARCH_PARAMETERS]

_SITE = {
    "type": "object",
    "properties": {"slug": NULLABLE_STRING, "hostname": NULLABLE_STRING, "name": NULLABLE_STRING},
}
_FACET = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "value": {"type": ["string", "integer", "number"]},
            "count": INTEGER,
            "label": {"type": "string"},
        },
        "required": ["value", "count"],
    },
}

SCHEMAS = {
    "SearchItem": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "type": {"type": "string", "enum": TYPES},
            "title": {"type": "string"},
            "url": NULLABLE_STRING,
            "site": _SITE,
            "summary": NULLABLE_STRING,
            "highlight": {
                "type": "object",
                "description": "Đoạn trích HTML có <mark> theo trường (title, summary, body).",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            },
            "score": {"type": ["number", "null"]},
        },
        "required": ["id", "type", "title", "url", "site", "highlight", "score"],
    },
    "SearchResults": {
        "type": "object",
        "properties": {
            "meta": {
                "type": "object",
                "properties": {
                    "total": INTEGER,
                    "page": {"type": "integer", "minimum": 1},
                    "page_size": {"type": "integer", "minimum": 1},
                    "engine": {"type": "string", "enum": ["elasticsearch", "database"]},
                    "took_ms": INTEGER,
                },
                "required": ["total", "page", "page_size", "engine", "took_ms"],
            },
            "items": {"type": "array", "items": {"$ref": f"{REF}SearchItem"}},
            "facets": {"type": "object", "additionalProperties": _FACET},
            "did_you_mean": NULLABLE_STRING,
        },
        "required": ["meta", "items", "facets", "did_you_mean"],
    },
    "Suggestions": {
        "type": "object",
        "properties": {
            "items": {
                "type": "array",
                "maxItems": 10,
                "items": {
                    "type": "object",
                    "properties": {
                        "title": {"type": "string"},
                        "url": NULLABLE_STRING,
                        "type": {"type": "string", "enum": TYPES},
                        "site": NULLABLE_STRING,
                    },
                    "required": ["title", "url", "type"],
                },
            }
        },
        "required": ["items"],
    },
}


def search_paths(operation, ok, too_many: dict) -> dict:
    return {
        "/api/v2/search/": operation(
            _("Tìm kiếm toàn văn (Elasticsearch; dự phòng bằng cơ sở dữ liệu)"),
            SEARCH_PARAMETERS,
            ok(f"{REF}SearchResults"),
            "search",
            **{"429": too_many},
        ),
        "/api/v2/search/suggest/": operation(
            _("Gợi ý tiêu đề khi gõ"),
            [query("q", "Phần đầu tiêu đề, có dấu hoặc không dấu."), SITE],
            ok(f"{REF}Suggestions"),
            "search",
            **{"429": too_many},
        ),
    }
