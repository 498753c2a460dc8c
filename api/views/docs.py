"""/api/schema/ (the OpenAPI document) and /api/docs/ (Swagger UI, served from our static)."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ..errors import error_response
from ..schema import build_schema


@require_GET
def schema_view(request: HttpRequest) -> JsonResponse:
    unknown = sorted(set(request.GET) - {"format", "_"})
    if unknown:
        return error_response(
            _("Tham số không hợp lệ: %(detail)s") % {"detail": ", ".join(unknown)}, 400
        )
    return JsonResponse(build_schema(), json_dumps_params={"ensure_ascii": False})


@require_GET
def docs_view(request: HttpRequest) -> HttpResponse:
    return render(request, "api/docs.html", {"schema_url": reverse("api-schema")})
