"""Parsing and validating the query string of the search endpoints.

Errors are `ParamError`s carrying a Vietnamese message; the views answer them with 400.
"""

from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.http import HttpRequest, QueryDict
from django.http.request import split_domain_port
from django.utils.translation import gettext as _
from wagtail.models import Site

from procedures.choices import Level, OnlineLevel
from sites.models import Agency

from .adapters import TYPE_MODELS
from .text import normalise

MAX_PAGE_SIZE = 50
MAX_QUERY_LENGTH = 200
MAX_WINDOW = 10_000

SITES_CACHE_KEY = "search:request-sites"
# Hostnames remembered at most: a flood of made-up Host headers must not grow the entry.
MAX_CACHED_HOSTS = 500


class ParamError(ValueError):
    """A bad parameter; `str(error)` is the message shown to the caller."""


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    site_ids: list[int] | None = None  # None: every site
    type: str | None = None
    sector: str | None = None
    level: str | None = None
    agency: str | None = None
    online: str | None = None
    category: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    page: int = 1
    page_size: int = 10


def _choice(value: str | None, allowed, name: str) -> str | None:
    if not value:
        return None
    if value not in allowed:
        raise ParamError(
            _("Giá trị “%(value)s” của tham số %(name)s không hợp lệ; dùng một trong: %(allowed)s.")
            % {"value": value, "name": name, "allowed": ", ".join(allowed)}
        )
    return value


def _int(value: str | None, name: str, default: int, low: int, high: int) -> int:
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        raise ParamError(_("Tham số %(name)s phải là số nguyên.") % {"name": name}) from None
    if not low <= number <= high:
        raise ParamError(
            _("Tham số %(name)s phải trong khoảng %(low)s–%(high)s.")
            % {"name": name, "low": low, "high": high}
        )
    return number


def _date(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ParamError(
            _("Tham số %(name)s phải là ngày dạng YYYY-MM-DD.") % {"name": name}
        ) from None


def _request_site_ids(request: HttpRequest) -> list[int] | None:
    """The request's site as `resolve_sites` scopes it, by Wagtail's hostname matching.

    Every search asks this, so the answer per host and port is kept in the shared cache
    (one cache read instead of a database query); a saved or deleted site clears it."""
    host = f"{split_domain_port(request._get_raw_host())[0]}:{request.get_port()}"
    known = cache.get(SITES_CACHE_KEY) or {}
    if host not in known:
        site = Site.find_for_request(request)
        known[host] = None if site is None or site.is_default_site else [site.pk]
        if len(known) <= MAX_CACHED_HOSTS:
            cache.set(SITES_CACHE_KEY, known, 300)
    return known[host]


def resolve_sites(value: str | None, request: HttpRequest | None) -> list[int] | None:
    """`*` -> every site; a slug or hostname -> that site; absent -> the request's site,
    except on the provincial portal (the default site), which searches every site."""
    if value == "*":
        return None
    if not value:
        return _request_site_ids(request) if request is not None else None
    agency = Agency.objects.filter(slug=value, site__isnull=False).first()
    if agency is not None:
        return [agency.site_id]
    site_ids = list(Site.objects.filter(hostname=value).values_list("pk", flat=True))
    if not site_ids:
        raise ParamError(_("Không tìm thấy trang thông tin “%(site)s”.") % {"site": value})
    return site_ids


def parse_params(query: QueryDict, request: HttpRequest | None = None) -> SearchParams:
    q = normalise(query.get("q", ""))
    if len(q) > MAX_QUERY_LENGTH:
        raise ParamError(_("Từ khóa tìm kiếm dài quá %(max)s ký tự.") % {"max": MAX_QUERY_LENGTH})
    page_size = _int(query.get("page_size"), "page_size", 10, 1, MAX_PAGE_SIZE)
    page = _int(query.get("page"), "page", 1, 1, MAX_WINDOW // page_size)
    date_from = _date(query.get("date_from"), "date_from")
    date_to = _date(query.get("date_to"), "date_to")
    if date_from and date_to and date_from > date_to:
        raise ParamError(_("date_from phải trước hoặc bằng date_to."))
    return SearchParams(
        q=q,
        site_ids=resolve_sites(query.get("site"), request),
        type=_choice(query.get("type"), list(TYPE_MODELS), "type"),
        sector=query.get("sector") or None,
        level=_choice(query.get("level"), Level.values, "level"),
        agency=query.get("agency") or None,
        online=_choice(query.get("online"), OnlineLevel.values, "online"),
        category=query.get("category") or None,
        date_from=date_from,
        date_to=date_to,
        page=page,
        page_size=page_size,
    )


def forget_request_sites() -> None:
    """Drop the cached host → site answers (a site was saved or deleted)."""
    cache.delete(SITES_CACHE_KEY)
