"""The public search endpoints and the admin status panel.

The views only parse parameters, call the search and serialise the result. When
Elasticsearch cannot be reached, the search answers from Wagtail's database search
(`meta.engine = "database"`) instead of failing.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from elastic_transport import TransportError
from elasticsearch import ApiError

from api.ratelimit import rate_limited

from . import fallback, service
from .params import (
    API_PARAMETERS,
    SUGGEST_PARAMETERS,
    ParamError,
    check_known,
    parse_params,
    resolve_sites,
)
from .permissions import can_view_status
from .responses import api_response
from .status import collect_status
from .text import normalise
from .understanding import cut

UNAVAILABLE = (ApiError, TransportError)
# What is typed so far: a prefix longer than this is cut, not refused.
MAX_SUGGEST_LENGTH = 100


def _bad_request(error: ParamError) -> JsonResponse:
    return JsonResponse(
        {"message": str(error)}, status=400, json_dumps_params={"ensure_ascii": False}
    )


# Public, anonymous and read-only: exempt from CSRF so that any other method is a 405, as
# for the rest of the API, rather than CSRF's 403.
@csrf_exempt
@require_GET
@rate_limited("search")
def search_view(request: HttpRequest) -> JsonResponse:
    try:
        check_known(request.GET, API_PARAMETERS)
        params = parse_params(request.GET, request)
    except ParamError as error:
        return _bad_request(error)
    result = api_response(service.search_or_fallback(params), params, request)
    return JsonResponse(result, json_dumps_params={"ensure_ascii": False})


@csrf_exempt
@require_GET
@rate_limited("suggest")
def suggest_view(request: HttpRequest) -> JsonResponse:
    try:
        check_known(request.GET, SUGGEST_PARAMETERS)
    except ParamError as error:
        return _bad_request(error)
    q = cut(normalise(request.GET.get("q", "")), MAX_SUGGEST_LENGTH)
    try:
        site_ids = resolve_sites(request.GET.get("site"), request)
    except ParamError as error:
        return _bad_request(error)
    if not q:
        return JsonResponse({"items": []})
    try:
        items = service.suggest(q, site_ids)
    except UNAVAILABLE:
        items = [
            {
                "title": item["title"],
                "url": item["url"],
                "type": item["type"],
                "site": item["site"]["slug"],
            }
            for item in fallback.search(parse_params(request.GET.copy(), request))["items"]
        ]
    return JsonResponse({"items": items}, json_dumps_params={"ensure_ascii": False})


def status_view(request: HttpRequest) -> TemplateResponse:
    """The admin panel: index, counts per site and type against the database, sync tasks."""
    if not can_view_status(request.user):
        raise PermissionDenied
    return TemplateResponse(
        request, "search/admin/status.html", {"status": collect_status(), "header_icon": "search"}
    )
