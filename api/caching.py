"""HTTP caching of API GETs: ETag, Last-Modified, Cache-Control, 304s and a response cache.

Every ETag embeds the versions of what the response can show (api.versions): the global one
and its site's (or, for `site=*`, all sites'); a page's detail, its own. Signal handlers
move them on publish, unpublish, move, delete and settings changes, so a change gives the
responses it can alter new ETags and makes their cached copies unreachable, and leaves the
other sites' and pages' alone.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe, quote_etag

from . import versions
from .models import ContentVersion

# Private or per-caller answers: previews, searches, form tokens, a question's status.
NOT_CACHED_PREFIXES = (
    "/api/v2/preview/",
    "/api/v2/search/",
    "/api/v2/participation/",
    "/api/v2/questions/",
)

# A page's detail: versioned per page (api.versions).
PAGE_DETAIL = re.compile(r"^/api/v2/pages/([0-9]{1,18})/$")


def is_cacheable(request: HttpRequest) -> bool:
    """Anonymous GETs only: a session can unlock password- or login-restricted pages."""
    if request.method not in ("GET", "HEAD") or not request.path.startswith("/api/"):
        return False
    if request.path.startswith(NOT_CACHED_PREFIXES):
        return False
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and not request.headers.get(
        "Authorization"
    )


def etag_for(request: HttpRequest, tokens: list[str]) -> str:
    # The body's URLs are absolute on the request's origin (api.links): scheme and host.
    key = f"{'|'.join(tokens)}|{request.scheme}|{request.get_host()}|{request.get_full_path()}"
    return quote_etag(f"v-{hashlib.sha256(key.encode()).hexdigest()[:32]}")


def entry_key(request: HttpRequest) -> str:
    """Where the response cache keeps this URL's answer, with the versions it was made under."""
    url = f"{request.scheme}|{request.get_host()}|{request.get_full_path()}"
    return f"api-response:{hashlib.sha256(url.encode()).hexdigest()}"


def version_keys(request: HttpRequest) -> list[str] | None:
    """The keys of the per-site versions the request's response depends on, or None when it
    must not be cached (an unknown site: the view answers it)."""
    from .scoping import requested_site  # api.scoping reads is_cacheable from here

    try:
        site = requested_site(request)
    except Http404:
        return None
    detail = PAGE_DETAIL.match(request.path)
    return versions.scope_keys(
        None if site is None else site.pk, int(detail[1]) if detail else None
    )


def _read_per_site(request: HttpRequest, key: str, stored: bool):
    """(tokens, entry) with per-site versions: the tables version, the response's versions
    and the URL's entry in one round trip, the site found under the tables version this
    process saw last (found again in the rare case it has moved since)."""
    from .tables import forget_site  # api.tables reads is_cacheable from here

    last = versions.last_tables()
    if last is not None:
        request.api_content_version = last
    for _attempt in range(2):
        keys = version_keys(request)
        if keys is None:
            return None, None
        names = [versions.TABLES, *keys]
        found = cache.get_many([*names, key] if stored else names)
        tokens = [found.get(name) for name in names]
        if None in tokens:
            tokens = versions.current(names)
            if tokens is None:
                return None, None
        versions.remember_tables(tokens[0])
        if tokens[0] == getattr(request, "api_content_version", None):
            break
        # The sites may have changed since: find the request's site again under this one.
        request.api_content_version = tokens[0]
        forget_site(request)
    return tokens[1:], found.get(key)


def read(request: HttpRequest, key: str, stored: bool) -> tuple[list[str] | None, tuple | None]:
    """The tokens of the versions the response depends on (None: do not cache it) and the
    URL's cached entry (None if there is none or `stored` is off)."""
    if versions.per_site():
        return _read_per_site(request, key, stored)
    state = ContentVersion.current()
    # The view reads its per-version tables (api.tables) under this version.
    request.api_content_version = state.version
    tokens = [f"{int(state.changed_at.timestamp())}.v{state.version}"]
    return tokens, cache.get(key) if stored else None


def is_fresh(request: HttpRequest, etag: str, last_modified: float) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match:
        candidates = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
        return etag in candidates or "*" in candidates
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and int(last_modified) <= since


def apply_headers(response: HttpResponse, etag: str, last_modified: float) -> HttpResponse:
    conf = settings.API_CACHE
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = (
        f"public, max-age={conf['MAX_AGE']}, s-maxage={conf['S_MAXAGE']}, "
        f"stale-while-revalidate={conf['MAX_AGE']}"
    )
    return response


class APICacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def uncached(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith("/api/") and "Cache-Control" not in response:
            response["Cache-Control"] = "private, no-cache"
        return response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_cacheable(request):
            return self.uncached(request)
        # A timeout of 0 turns the response cache off: nothing is stored, and nothing is
        # read either (a server sharing the cache must not answer from others' entries).
        timeout = settings.API_CACHE["SERVER_TIMEOUT"]
        key = entry_key(request)
        tokens, entry = read(request, key, stored=bool(timeout))
        if tokens is None:
            return self.uncached(request)
        etag = etag_for(request, tokens)
        last_modified = versions.changed_at(tokens)
        if is_fresh(request, etag, last_modified):
            return apply_headers(HttpResponseNotModified(), etag, last_modified)
        # An entry made under other versions is out of date: something it shows changed.
        if entry is not None and entry[0] == tokens:
            response = HttpResponse(entry[1], content_type=entry[2])
            response["X-Cache"] = "HIT"
            return apply_headers(response, etag, last_modified)
        response = self.get_response(request)
        if response.status_code != 200 or response.streaming:
            return response
        if timeout:
            cache.set(key, (tokens, response.content, response["Content-Type"]), timeout)
        response["X-Cache"] = "MISS"
        return apply_headers(response, etag, last_modified)
