"""/api/schema/ (the OpenAPI document) and /api/docs/ (Swagger UI, served from our static)."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from ..schema import build_schema


@require_GET
def schema_view(request: HttpRequest) -> JsonResponse:
    return JsonResponse(build_schema(), json_dumps_params={"ensure_ascii": False})


@require_GET
def docs_view(request: HttpRequest) -> HttpResponse:
    return render(request, "api/docs.html", {"schema_url": reverse("api-schema")})
