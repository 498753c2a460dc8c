"""Per-client rate limits of the costly public endpoints (search, suggest, preview), with
django-ratelimit. Rates are settings (API_RATE_LIMITS), RATELIMIT_ENABLE switches them all off;
see docs/security.md."""

import functools
import math
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from .errors import error_response


def client_ip(request: HttpRequest) -> str:
    """The caller's address. Behind RATELIMIT_TRUSTED_PROXIES reverse proxies it is the
    address the outermost trusted proxy saw, read from the right of X-Forwarded-For: the
    entries further left are whatever the client chose to send."""
    proxies = settings.RATELIMIT_TRUSTED_PROXIES
    remote = request.META.get("REMOTE_ADDR", "")
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    # Each trusted proxy appended the address it received the request from, so the
    # `proxies`-th entry from the right is the client's as the outermost proxy saw it.
    # Fewer entries means the request did not come through them all: trust none.
    return forwarded[-proxies] if len(forwarded) >= proxies else remote


def _key(group: str, request: HttpRequest) -> str:
    return client_ip(request)


def retry_after(request: HttpRequest, group: str, key: str | None = None) -> int | None:
    """Count one request of `group` (API_RATE_LIMITS[group]) for the client's address, or for
    `key` when given (e.g. a digest of a contact); the seconds to wait once over the limit,
    else None."""
    rate = settings.API_RATE_LIMITS.get(group)
    if not rate:
        return None
    by = _key if key is None else (lambda group, request: key)
    usage = get_usage(request, group=f"api.{group}", key=by, rate=rate, increment=True)
    if usage and usage["should_limit"]:
        return max(1, math.ceil(usage["time_left"]))
    return None


def too_many_requests(seconds: int) -> HttpResponse:
    """The 429 answer, in the API's `{"message": …}` shape, with Retry-After."""
    response = error_response(
        _("Quá nhiều yêu cầu; vui lòng thử lại sau %(seconds)s giây.") % {"seconds": seconds},
        429,
    )
    response["Retry-After"] = str(seconds)
    return response


def rate_limited(group: str) -> Callable:
    """Answer 429 with Retry-After once a client exceeds API_RATE_LIMITS[group]."""

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            seconds = retry_after(request, group)
            if seconds is not None:
                return too_many_requests(seconds)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
