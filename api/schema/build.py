"""Assembles the OpenAPI document: one schema per page type, every endpoint."""

from django.utils.translation import gettext as _
from wagtail.models import Page, get_page_models

from . import components, parameters
from .search import SCHEMAS as SEARCH_SCHEMAS
from .search import search_paths
from .types import page_schema


def type_name(model) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def component_name(model) -> str:
    return f"{model._meta.app_label}_{model.__name__}"


def ok(schema_ref: str, description: str = "OK") -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": schema_ref}}},
    }


ERRORS = {
    "400": ok("#/components/schemas/Error", "Tham số không hợp lệ"),
    "404": ok("#/components/schemas/Error", "Không tìm thấy"),
}


# Rate-limited endpoints (api.ratelimit) add this.
TOO_MANY_REQUESTS = {
    **ok("#/components/schemas/Error", "Quá nhiều yêu cầu từ một địa chỉ"),
    "headers": {"Retry-After": {"schema": {"type": "integer"}, "description": "Số giây chờ"}},
}


def operation(summary: str, params: list, response: dict, tag: str, **extra) -> dict:
    return {
        "get": {
            "summary": summary,
            "tags": [tag],
            "parameters": params,
            "responses": {"200": response, **ERRORS, **extra},
        }
    }


def redirect_operation(summary: str, params: list, description: str, tag: str) -> dict:
    """An operation that answers with a redirect rather than a body."""
    found = {"description": description, "headers": {"Location": {"schema": {"type": "string"}}}}
    return {
        "get": {
            "summary": summary,
            "tags": [tag],
            "parameters": params,
            "responses": {"302": found, **ERRORS},
        }
    }


def page_paths(page_models) -> dict:
    detail = {"oneOf": [{"$ref": f"#/components/schemas/{component_name(m)}"} for m in page_models]}
    detail_response = {
        "description": "OK",
        "content": {"application/json": {"schema": detail}},
    }
    id_param = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
    filters = parameters.NEWS + parameters.PROCEDURES + parameters.LEGAL_DOCUMENTS
    return {
        "/api/v2/pages/": operation(
            _("Danh sách trang"),
            parameters.PAGE_LISTING + filters,
            ok("#/components/schemas/PageListing"),
            "pages",
        ),
        "/api/v2/pages/{id}/": operation(
            _("Chi tiết trang (hình dạng theo loại trang)"),
            [id_param, parameters.SITE, parameters.query("fields", "Trường cần lấy.")],
            detail_response,
            "pages",
        ),
        "/api/v2/pages/find/": redirect_operation(
            _("Tìm trang theo đường dẫn; chuyển hướng 302 tới chi tiết"),
            parameters.FIND,
            _("Chuyển hướng tới /api/v2/pages/{id}/"),
            "pages",
        ),
        "/api/v2/preview/": operation(
            _("Bản nháp của trang (xem trước)"),
            parameters.PREVIEW,
            detail_response,
            "preview",
            **{
                "403": ok("#/components/schemas/Error", "Mã hết hạn hoặc không hợp lệ"),
                "429": TOO_MANY_REQUESTS,
            },
        ),
    }


def other_paths() -> dict:
    ref = "#/components/schemas/"
    id_param = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
    media = {}
    for name, schema in [("images", "Image"), ("documents", "Document")]:
        media[f"/api/v2/{name}/"] = operation(
            name, parameters.COMMON_LISTING, ok(f"{ref}{schema}Listing"), name
        )
        media[f"/api/v2/{name}/{{id}}/"] = operation(name, [id_param], ok(ref + schema), name)
    return {
        **media,
        "/api/v2/sites/": operation(_("Các trang thông tin"), [], ok(f"{ref}SiteListing"), "sites"),
        "/api/v2/sites/{id}/": operation(
            _("Một trang thông tin"), [id_param], ok(ref + "Site"), "sites"
        ),
        "/api/v2/menus/": operation(
            _("Cây trình đơn"), [parameters.SITE], ok(f"{ref}Menu"), "sites"
        ),
        "/api/v2/redirects/": operation(
            _("Chuyển hướng"), [parameters.SITE], ok(f"{ref}RedirectListing"), "sites"
        ),
        "/api/v2/news-categories/": operation(
            _("Chuyên mục tin"), [parameters.SITE], ok(f"{ref}NewsCategoryListing"), "snippets"
        ),
        "/api/v2/sectors/": operation(
            _("Lĩnh vực thủ tục"), [], ok(f"{ref}SectorListing"), "snippets"
        ),
    }


def schemas(page_models) -> dict:
    result = {
        "SiteRef": components.SITE_REF,
        "PageMeta": components.PAGE_META,
        "Renditions": components.RENDITIONS,
        "PageListItem": {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "title": {"type": "string"},
                "meta": {"$ref": "#/components/schemas/PageMeta"},
            },
            "required": ["id", "meta"],
        },
        "PageListing": components.listing_of("#/components/schemas/PageListItem"),
        "Site": components.SITE,
        "MenuItem": components.MENU_ITEM,
        "Menu": {
            "type": "object",
            "properties": {
                "site": {"type": "string"},
                "items": {"type": "array", "items": {"$ref": "#/components/schemas/MenuItem"}},
            },
        },
        **components.MEDIA,
        **components.SIMPLE,
        **SEARCH_SCHEMAS,
    }
    for name in ["Image", "Document", "Site", "Redirect", "NewsCategory", "Sector"]:
        result[f"{name}Listing"] = components.listing_of(f"#/components/schemas/{name}")
    for model in page_models:
        result[component_name(model)] = page_schema(model)
    return result


def build_schema() -> dict:
    page_models = [m for m in get_page_models() if m is not Page]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": _("API Cổng thông tin điện tử tỉnh Bắc Ninh"),
            "version": "2",
            "description": _(
                "API nội dung theo quy ước Wagtail API v2. Xem docs/api.md. Các loại trang: "
            )
            + ", ".join(type_name(m) for m in page_models),
        },
        "paths": {
            **page_paths(page_models),
            **other_paths(),
            **search_paths(operation, ok, TOO_MANY_REQUESTS),
        },
        "components": {"schemas": schemas(page_models)},
    }
