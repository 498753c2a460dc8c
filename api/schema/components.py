"""Shared component schemas: page meta, listings, images, documents, sites, menus."""

STRING = {"type": "string"}
INTEGER = {"type": "integer"}
NULLABLE_STRING = {"type": ["string", "null"]}

SITE_REF = {
    "type": ["object", "null"],
    "properties": {
        "id": INTEGER,
        "hostname": STRING,
        "slug": NULLABLE_STRING,
        "name": STRING,
        "root_url": STRING,
    },
}

PAGE_META = {
    "type": "object",
    "properties": {
        "type": STRING,
        "detail_url": STRING,
        "html_url": NULLABLE_STRING,
        "slug": STRING,
        "show_in_menus": {"type": "boolean"},
        "seo_title": STRING,
        "search_description": STRING,
        "first_published_at": NULLABLE_STRING,
        "alias_of": {"type": ["object", "null"]},
        "parent": {"type": ["object", "null"]},
        "site": {"$ref": "#/components/schemas/SiteRef"},
    },
    "required": ["type", "detail_url"],
}

RENDITIONS = {
    "type": ["object", "null"],
    "properties": {
        "alt": STRING,
        "renditions": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "properties": {"url": STRING, "width": INTEGER, "height": INTEGER},
            },
        },
    },
}


def listing_of(item_ref: str) -> dict:
    return {
        "type": "object",
        "properties": {
            "meta": {
                "type": "object",
                "properties": {"total_count": INTEGER},
                "required": ["total_count"],
            },
            "items": {"type": "array", "items": {"$ref": item_ref}},
        },
        "required": ["meta", "items"],
    }


MEDIA = {
    "Image": {
        "type": "object",
        "properties": {
            "id": INTEGER,
            "title": STRING,
            "width": INTEGER,
            "height": INTEGER,
            "meta": {
                "type": "object",
                "properties": {
                    "type": STRING,
                    "detail_url": STRING,
                    "download_url": STRING,
                    "tags": {"type": "array", "items": STRING},
                    "renditions": {"$ref": "#/components/schemas/Renditions"},
                },
            },
        },
        "required": ["id", "meta", "title"],
    },
    "Document": {
        "type": "object",
        "properties": {
            "id": INTEGER,
            "title": STRING,
            "meta": {
                "type": "object",
                "properties": {
                    "type": STRING,
                    "detail_url": STRING,
                    "download_url": STRING,
                    "tags": {"type": "array", "items": STRING},
                    "file": {
                        "type": "object",
                        "properties": {
                            "size": {"type": ["integer", "null"]},
                            "extension": STRING,
                            "content_type": STRING,
                        },
                    },
                },
            },
        },
        "required": ["id", "meta", "title"],
    },
}

LINK_LIST = {"type": "array", "items": {"type": "object"}}

SITE = {
    "type": "object",
    "properties": {
        "id": INTEGER,
        "hostname": STRING,
        "slug": NULLABLE_STRING,
        "name": STRING,
        "root_url": STRING,
        "port": INTEGER,
        "is_default_site": {"type": "boolean"},
        "root_page_id": INTEGER,
        "frontend_url": STRING,
        "agency": {"type": ["object", "null"]},
        "settings": {
            "type": "object",
            "properties": {
                "display_name": STRING,
                "logo": {"type": ["object", "null"]},
                "contact": {"type": "object", "additionalProperties": STRING},
                "footer_links": LINK_LIST,
                "social_links": LINK_LIST,
                "alert": {
                    "type": "object",
                    "properties": {
                        "active": {"type": "boolean"},
                        "message": STRING,
                        "url": STRING,
                        "starts_at": NULLABLE_STRING,
                        "ends_at": NULLABLE_STRING,
                    },
                },
            },
        },
    },
    "required": ["id", "hostname", "settings"],
}

MENU_ITEM = {
    "type": "object",
    "properties": {
        "id": INTEGER,
        "title": STRING,
        "slug": STRING,
        "html_path": STRING,
        "url": STRING,
        "children": {"type": "array", "items": {"$ref": "#/components/schemas/MenuItem"}},
    },
    "required": ["id", "title", "url", "children"],
}

SIMPLE = {
    "Redirect": {
        "type": "object",
        "properties": {
            "id": INTEGER,
            "old_path": STRING,
            "target": NULLABLE_STRING,
            "is_permanent": {"type": "boolean"},
            "all_sites": {"type": "boolean"},
        },
    },
    "NewsCategory": {
        "type": "object",
        "properties": {"id": INTEGER, "name": STRING, "slug": STRING, "site": STRING},
    },
    "Sector": {
        "type": "object",
        "properties": {"id": INTEGER, "name": STRING, "slug": STRING, "code": STRING},
    },
    "Error": {"type": "object", "properties": {"message": STRING}, "required": ["message"]},
}
