"""Probes for load balancers and orchestrators.

`/healthz` (liveness) touches nothing: the process answers. `/readyz` (readiness) runs the
checks of `settings.HEALTH_CHECKS`; a failed *required* check gives 503, a failed optional one
(Elasticsearch: the API answers from the database without it) gives 200 with
`"status": "degraded"`. Both are cheap, never cached and need no login.
"""

import logging
import sys
import time
from functools import cache

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)
# Seconds a client should wait before retrying while the database is unreachable.
RETRY_AFTER = "30"


@cache
def _checks() -> list[tuple[str, object, bool]]:
    return [
        (name, import_string(conf["CHECK"]), conf.get("REQUIRED", True))
        for name, conf in settings.HEALTH_CHECKS.items()
    ]


def _run(check) -> tuple[str | None, float]:
    started = time.monotonic()
    try:
        result = check()
    except Exception as error:
        result = f"{type(error).__name__}: {error}"[:300]
    # A check may answer with a bool (True = healthy) or with None / a reason.
    if result is True:
        result = None
    elif result is False:
        result = "unavailable"
    return result, round((time.monotonic() - started) * 1000, 1)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    results = {}
    failed_required = False
    degraded = False
    for name, check, required in _checks():
        reason, took_ms = _run(check)
        results[name] = {"ok": reason is None, "required": required, "ms": took_ms}
        if reason is not None:
            results[name]["reason"] = reason
            failed_required |= required
            degraded |= not required
    status = "unavailable" if failed_required else "degraded" if degraded else "ok"
    return JsonResponse(
        {"status": status, "checks": results},
        status=503 if failed_required else 200,
        json_dumps_params={"ensure_ascii": False},
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """`handler500`: a lost database becomes a clean 503 with Retry-After (a load balancer or
    client retries; nothing is half-written, the transaction was rolled back), anything else
    stays Django's 500. Renders without a database: no context processors, no site lookup."""
    # Operational/Interface errors are lost or refused connections; a bug in a query
    # (ProgrammingError, IntegrityError...) stays a 500.
    if not isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return defaults.server_error(request)
    logger.error("database unavailable: answering 503 for %s", request.path)
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"message": _("Dịch vụ tạm thời gián đoạn, vui lòng thử lại sau.")},
            status=503,
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        response = HttpResponse(loader.render_to_string("health/unavailable.html"), status=503)
    response["Retry-After"] = RETRY_AFTER
    response["Cache-Control"] = "no-store"
    return response
