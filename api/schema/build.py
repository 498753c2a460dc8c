"""Assembles the OpenAPI document: one schema per page type and per inline object, the enums
with their labels, every endpoint with every parameter it accepts."""

from django.utils.translation import gettext as _
from wagtail.models import Page, get_page_models

from sites.models import Agency

from . import components, parameters
from .enums import REF, enum_ref
from .participation import SCHEMAS as PARTICIPATION_SCHEMAS
from .participation import participation_paths
from .search import SCHEMAS as SEARCH_SCHEMAS
from .search import search_paths
from .types import component_name, page_schema


def type_name(model) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def ok(schema: str | dict, description: str = "OK") -> dict:
    body = {"$ref": REF + schema} if isinstance(schema, str) else schema
    return {"description": description, "content": {"application/json": {"schema": body}}}


ERRORS = {
    "400": ok("Error", "Tham số không hợp lệ (thông báo nêu tên tham số)"),
    "404": ok("Error", "Không tìm thấy"),
}

# Rate-limited endpoints (api.ratelimit) add this.
TOO_MANY_REQUESTS = {
    **ok("Error", "Quá nhiều yêu cầu từ một địa chỉ"),
    "headers": {"Retry-After": {"schema": {"type": "integer"}, "description": "Số giây chờ"}},
}
NOT_MODIFIED = {"description": "Không đổi kể từ ETag (If-None-Match) hoặc If-Modified-Since"}


def operation(
    summary: str, params: list, response: dict, tag: str, cached: bool = True, **extra
) -> dict:
    """A GET; `cached` ones carry ETag/Last-Modified and answer conditional requests with 304."""
    responses = {"200": response, **ERRORS, **extra}
    if cached:
        responses["304"] = NOT_MODIFIED
    return {
        "get": {"summary": summary, "tags": [tag], "parameters": params, "responses": responses}
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


ID_PARAM = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}


def page_paths(page_models, schemas: dict) -> dict:
    detail = ok({"oneOf": [{"$ref": REF + component_name(m)} for m in page_models]})
    return {
        "/api/v2/pages/": operation(
            _("Danh sách trang"),
            parameters.page_listing(schemas),
            ok("PageListing"),
            "pages",
        ),
        "/api/v2/pages/{id}/": operation(
            _("Chi tiết trang (hình dạng theo loại trang)"),
            [ID_PARAM, *parameters.PAGE_DETAIL],
            detail,
            "pages",
        ),
        "/api/v2/pages/find/": redirect_operation(
            _("Tìm trang theo đường dẫn; chuyển hướng 302 tới chi tiết, trên cùng tên miền"),
            parameters.FIND,
            _("Chuyển hướng tới /api/v2/pages/{id}/ (giữ site=, fields=…)"),
            "pages",
        ),
        "/api/v2/preview/": operation(
            _("Bản nháp của trang (xem trước)"),
            parameters.PREVIEW,
            detail,
            "preview",
            cached=False,
            **{
                "403": ok("Error", "Mã hết hạn hoặc không hợp lệ"),
                "429": TOO_MANY_REQUESTS,
            },
        ),
    }


def other_paths() -> dict:
    media = {}
    for name, schema in [("images", "Image"), ("documents", "Document")]:
        media[f"/api/v2/{name}/"] = operation(
            name, parameters.MEDIA_LISTING, ok(f"{schema}Listing"), name
        )
        media[f"/api/v2/{name}/{{id}}/"] = operation(
            name, [ID_PARAM, *parameters.MEDIA_DETAIL], ok(schema), name
        )
        media[f"/api/v2/{name}/find/"] = redirect_operation(
            name,
            [parameters.query("id", "Id.", parameters.INTEGER)],
            _("Chuyển hướng tới chi tiết"),
            name,
        )
    pagination = parameters.PAGINATION
    return {
        **media,
        "/api/v2/sites/": operation(
            _("Các trang thông tin"), pagination, ok("SiteListing"), "sites"
        ),
        "/api/v2/sites/{id}/": operation(_("Một trang thông tin"), [ID_PARAM], ok("Site"), "sites"),
        "/api/v2/menus/": operation(
            _("Cây trình đơn (3 cấp)"), [parameters.ONE_SITE], ok("Menu"), "sites"
        ),
        "/api/v2/redirects/": operation(
            _("Chuyển hướng của trang thông tin; `old_path` để tra một đường dẫn cũ"),
            parameters.REDIRECTS,
            ok("RedirectListing"),
            "sites",
        ),
        "/api/v2/news-categories/": operation(
            _("Chuyên mục tin"),
            [parameters.SITE, *pagination],
            ok("NewsCategoryListing"),
            "snippets",
        ),
        "/api/v2/sectors/": operation(
            _("Lĩnh vực thủ tục"), pagination, ok("SectorListing"), "snippets"
        ),
    }


def schemas(page_models) -> dict:
    result = {
        "SiteRef": components.SITE_REF,
        "PageMeta": components.PAGE_META,
        "Renditions": components.RENDITIONS,
        "MenuItem": components.MENU_ITEM,
        "Menu": components.obj(
            {
                "site": {"type": "string"},
                "items": {"type": "array", "items": components.ref("MenuItem")},
            },
            ["site", "items"],
        ),
        **components.MEDIA,
        **components.SIMPLE,
        **SEARCH_SCHEMAS,
        **PARTICIPATION_SCHEMAS,
    }
    result["Site"] = components.site(
        components.agency(enum_ref(result, Agency, "kind"), enum_ref(result, Agency, "status"))
    )
    for model in page_models:
        result[component_name(model)] = page_schema(result, model)
        result[f"{component_name(model)}ListItem"] = page_schema(result, model, detail=False)
    # An item of a listing is its type's shape with the fields it asked for; meta.type tells
    # which.
    item = {"oneOf": [components.ref(f"{component_name(m)}ListItem") for m in page_models]}
    result["PageListing"] = components.listing_of(item)
    for name in ["Image", "Document", "Site", "Redirect", "NewsCategory", "Sector"]:
        result[f"{name}Listing"] = components.listing_of(components.ref(name))
    return result


def build_schema() -> dict:
    page_models = [m for m in get_page_models() if m is not Page]
    component_schemas = schemas(page_models)
    paths = {
        **page_paths(page_models, component_schemas),
        **other_paths(),
        **search_paths(operation, ok, TOO_MANY_REQUESTS, component_schemas),
        **participation_paths(ok, TOO_MANY_REQUESTS),
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": _("API Cổng thông tin điện tử tỉnh Bắc Ninh"),
            "version": "2",
            "description": _(
                "API nội dung theo quy ước Wagtail API v2; xem docs/api.md, mục “Xây dựng "
                "front-end”. Mọi URL trả về là tuyệt đối, trên cùng nguồn với yêu cầu. Các "
                "loại trang: "
            )
            + ", ".join(type_name(m) for m in page_models),
        },
        "paths": paths,
        "components": {"schemas": dict(sorted(component_schemas.items()))},
    }
