"""Shared component schemas: page meta and links, listings, images, documents, sites, menus,
redirects and the snippets."""

STRING = {"type": "string"}
URL = {"type": "string", "format": "uri"}
INTEGER = {"type": "integer"}
BOOLEAN = {"type": "boolean"}
NULLABLE_STRING = {"type": ["string", "null"]}
REF = "#/components/schemas/"


def ref(name: str) -> dict:
    return {"$ref": REF + name}


def nullable_ref(name: str) -> dict:
    return {"anyOf": [ref(name), {"type": "null"}]}


def obj(properties: dict, required: list[str] | None = None, description: str = "") -> dict:
    schema: dict = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    if description:
        schema["description"] = description
    return schema


SITE_REF = obj(
    {
        "id": INTEGER,
        "hostname": STRING,
        "slug": NULLABLE_STRING,
        "name": STRING,
        "root_url": URL,
    },
    ["id", "hostname", "slug", "name", "root_url"],
    "Trang thông tin chứa nội dung.",
)

PAGE_META = obj(
    {
        "type": {**STRING, "description": "Loại trang, vd. `news.NewsPage`."},
        "detail_url": {
            **URL,
            "description": "Địa chỉ API của trang, trên cùng nguồn (origin) với yêu cầu; có "
            "`?site=<id>` khi trang không thuộc trang thông tin mà tên miền đó chỉ tới.",
        },
        "html_url": {
            "type": ["string", "null"],
            "format": "uri",
            "description": "Địa chỉ công khai của trang trên trang thông tin của nó.",
        },
        "slug": STRING,
        "show_in_menus": BOOLEAN,
        "seo_title": STRING,
        "search_description": STRING,
        "first_published_at": {"type": ["string", "null"], "format": "date-time"},
        "alias_of": nullable_ref("PageLink"),
        "parent": nullable_ref("PageLink"),
        "site": {"anyOf": [ref("SiteRef"), {"type": "null"}]},
    },
    ["type", "detail_url"],
)

PAGE_LINK = obj(
    {
        "id": INTEGER,
        "meta": obj(
            {"type": STRING, "detail_url": URL, "html_url": {"type": ["string", "null"]}},
            ["type", "detail_url"],
        ),
        "title": STRING,
    },
    ["id", "meta"],
    "Một trang được liên kết (trang cha, văn bản căn cứ, thủ tục thay thế…).",
)

RENDITIONS = {
    "type": ["object", "null"],
    "properties": {
        "alt": STRING,
        "renditions": {
            "type": "object",
            "description": "Các cỡ ảnh: thumbnail (400×225), medium (rộng 800), large (rộng 1600).",
            "additionalProperties": obj(
                {"url": URL, "width": INTEGER, "height": INTEGER}, ["url", "width", "height"]
            ),
        },
    },
}

IMAGE_RENDITION = {
    "oneOf": [
        obj(
            {"url": URL, "full_url": URL, "width": INTEGER, "height": INTEGER, "alt": STRING},
            ["url", "full_url", "width", "height", "alt"],
        ),
        obj({"error": {"const": "SourceImageIOError"}}, ["error"]),
    ],
    "description": "Một cỡ ảnh dựng sẵn; URL tuyệt đối.",
}

_MEDIA_META = {
    "type": STRING,
    "detail_url": URL,
    "download_url": URL,
    "tags": {"type": "array", "items": STRING},
}
DOCUMENT_FILE = obj(
    {"size": {"type": ["integer", "null"]}, "extension": STRING, "content_type": STRING},
    ["size", "extension", "content_type"],
)

MEDIA = {
    "Image": obj(
        {
            "id": INTEGER,
            "title": STRING,
            "width": INTEGER,
            "height": INTEGER,
            "meta": obj({**_MEDIA_META, "renditions": ref("Renditions")}, ["type", "detail_url"]),
        },
        ["id", "meta", "title"],
    ),
    "Document": obj(
        {
            "id": INTEGER,
            "title": STRING,
            "meta": obj({**_MEDIA_META, "file": ref("DocumentFile")}, ["type", "detail_url"]),
        },
        ["id", "meta", "title"],
    ),
    "ImageLink": obj(
        {
            "id": INTEGER,
            "title": STRING,
            "meta": obj(
                {
                    "type": STRING,
                    "detail_url": URL,
                    "download_url": URL,
                    "renditions": ref("Renditions"),
                },
                ["type", "detail_url"],
            ),
        },
        ["id", "meta"],
    ),
    "DocumentLink": obj(
        {
            "id": INTEGER,
            "title": STRING,
            "meta": obj(
                {
                    "type": STRING,
                    "detail_url": URL,
                    "download_url": URL,
                    "file": ref("DocumentFile"),
                },
                ["type", "detail_url"],
            ),
        },
        ["id", "meta"],
    ),
}


def listing_of(item: dict) -> dict:
    return obj(
        {
            "meta": obj(
                {"total_count": {**INTEGER, "description": "Tổng số mục (mọi trang kết quả)."}},
                ["total_count"],
            ),
            "items": {"type": "array", "items": item},
        },
        ["meta", "items"],
    )


LINK_LIST = {
    "type": "array",
    "items": obj(
        {
            "title": STRING,
            "subtitle": STRING,
            "url": STRING,
            "network": STRING,
            "icon": {"anyOf": [ref("ImageData"), {"type": "null"}]},
        }
    ),
}

IMAGE_DATA = obj(
    {
        "id": INTEGER,
        "title": STRING,
        "alt": STRING,
        "renditions": RENDITIONS["properties"]["renditions"],
    },
    ["id", "renditions"],
    "Ảnh kèm các cỡ dựng sẵn (URL tuyệt đối).",
)


def agency(kind: dict, status: dict) -> dict:
    return {
        "type": ["object", "null"],
        "properties": {
            "id": INTEGER,
            "slug": STRING,
            "name": STRING,
            "short_name": STRING,
            "kind": kind,
            "kind_display": STRING,
            "status": status,
            "status_display": STRING,
        },
    }


def site(agency_schema: dict) -> dict:
    return obj(
        {
            **SITE_REF["properties"],
            "port": INTEGER,
            "is_default_site": BOOLEAN,
            "root_page_id": INTEGER,
            "frontend_url": STRING,
            "agency": agency_schema,
            "settings": obj(
                {
                    "display_name": STRING,
                    "logo": {"anyOf": [ref("ImageData"), {"type": "null"}]},
                    "contact": {"type": "object", "additionalProperties": STRING},
                    "footer_links": LINK_LIST,
                    "social_links": LINK_LIST,
                    "alert": obj(
                        {
                            "active": BOOLEAN,
                            "message": STRING,
                            "url": STRING,
                            "starts_at": NULLABLE_STRING,
                            "ends_at": NULLABLE_STRING,
                        }
                    ),
                }
            ),
        },
        ["id", "hostname", "settings"],
    )


MENU_ITEM = obj(
    {
        "id": INTEGER,
        "title": STRING,
        "slug": STRING,
        "html_path": {**STRING, "description": "Đường dẫn trên trang thông tin, cho find/."},
        "url": URL,
        "children": {"type": "array", "items": ref("MenuItem")},
    },
    ["id", "title", "html_path", "url", "children"],
)

SIMPLE = {
    "Redirect": obj(
        {
            "id": INTEGER,
            "old_path": STRING,
            "target": {"type": ["string", "null"], "description": "Địa chỉ đích tuyệt đối."},
            "target_page": {"anyOf": [ref("PageLink"), {"type": "null"}]},
            "target_html_path": {
                "type": ["string", "null"],
                "description": "Đường dẫn đích trên trang thông tin của trang đích (khi đích là "
                "một trang).",
            },
            "is_permanent": BOOLEAN,
            "status_code": {"type": "integer", "enum": [301, 302]},
            "all_sites": BOOLEAN,
        },
        ["id", "old_path", "target", "target_page", "is_permanent", "status_code"],
    ),
    "NewsCategory": obj(
        {"id": INTEGER, "name": STRING, "slug": STRING, "site": STRING},
        ["id", "name", "slug", "site"],
    ),
    "NewsCategoryLink": obj(
        {"id": INTEGER, "name": STRING, "slug": STRING}, ["id", "name", "slug"]
    ),
    "RelatedPageLink": obj({"id": INTEGER, "title": STRING, "url": URL}, ["id", "title", "url"]),
    "Sector": obj(
        {"id": INTEGER, "name": STRING, "slug": STRING, "code": STRING},
        ["id", "name", "slug", "code"],
    ),
    "Error": obj({"message": {**STRING, "description": "Thông báo lỗi tiếng Việt."}}, ["message"]),
    "DocumentFile": DOCUMENT_FILE,
    "ImageRendition": IMAGE_RENDITION,
    "ImageData": IMAGE_DATA,
    "PageLink": PAGE_LINK,
}
