"""Parsing and validating the query string of the search endpoints.

The names are those of the pages endpoint (`limit`/`offset`, `online_level`,
`published_after`/`published_before`); the search's older names stay accepted as aliases
(`page`/`page_size`, `online`, `date_from`/`date_to`). Errors are `ParamError`s carrying a
Vietnamese message; the views answer them with 400.
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
from .understanding import cut

MAX_PAGE_SIZE = 50
DEFAULT_LIMIT = 10
MAX_WINDOW = 10_000

# Older names → the names shared with the pages endpoint.
ALIASES = {"online": "online_level", "date_from": "published_after", "date_to": "published_before"}
FILTERS = ["q", "site", "type", "sector", "level", "agency", "online_level", "category"]
# Everything /api/v2/search/ accepts (plus the browsable renderer's `format` and jQuery's `_`).
API_PARAMETERS = frozenset(
    {*FILTERS, "published_after", "published_before", "limit", "offset", *ALIASES}
    | {"page", "page_size", "format", "_"}
)
SUGGEST_PARAMETERS = frozenset(["q", "site", "format", "_"])

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
    offset: int = 0
    limit: int = DEFAULT_LIMIT

    @property
    def page(self) -> int:
        """The 1-based page that `offset` falls in, `limit` results a page."""
        return self.offset // self.limit + 1

    @property
    def page_size(self) -> int:
        return self.limit


def check_known(query: QueryDict, known: frozenset[str]) -> None:
    """Every parameter must be one the endpoint knows: a typo is an error, not ignored."""
    unknown = sorted(set(query.keys()) - known)
    if unknown:
        raise ParamError(_("Tham số không hợp lệ: %(names)s") % {"names": ", ".join(unknown)})


def _value(query, name: str) -> str | None:
    """A parameter given under its name or its older alias, not under both."""
    aliases = [alias for alias, target in ALIASES.items() if target == name]
    given = {key: query.get(key) for key in [name, *aliases] if query.get(key)}
    if len(set(given.values())) > 1:
        raise ParamError(
            _("Dùng một trong các tham số %(names)s, không dùng cả hai.")
            % {"names": ", ".join(given)}
        )
    return next(iter(given.values()), None)


def _window(query) -> tuple[int, int]:
    """(offset, limit) from `limit`/`offset`, or from the older `page`/`page_size`."""
    new = [name for name in ("limit", "offset") if query.get(name)]
    old = [name for name in ("page", "page_size") if query.get(name)]
    if new and old:
        raise ParamError(
            _("Dùng limit/offset hoặc page/page_size, không dùng lẫn: %(names)s.")
            % {"names": ", ".join(new + old)}
        )
    if old:
        size = _int(query.get("page_size"), "page_size", DEFAULT_LIMIT, 1, MAX_PAGE_SIZE)
        page = _int(query.get("page"), "page", 1, 1, MAX_WINDOW // size)
        return (page - 1) * size, size
    limit = _int(query.get("limit"), "limit", DEFAULT_LIMIT, 1, MAX_PAGE_SIZE)
    offset = _int(query.get("offset"), "offset", 0, 0, MAX_WINDOW - limit)
    return offset, limit


# Uploaded documents (search.files): not a page type.
DOCUMENT_TYPE, DOCUMENT_MODEL = "document", "wagtaildocs.Document"


def _type(value: str | None) -> str | None:
    """A search type key ("procedure"), also given as the page type ("procedures.ProcedurePage")
    or, for documents, "wagtaildocs.Document"."""
    if not value:
        return None
    by_model = {f"{m._meta.app_label}.{m.__name__}": key for key, m in TYPE_MODELS.items()}
    by_model[DOCUMENT_MODEL] = DOCUMENT_TYPE
    keys = [*TYPE_MODELS, DOCUMENT_TYPE]
    return by_model.get(value) or _choice(value, [*keys, *by_model], "type")


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
    if value.isascii() and value.isdigit():
        found = Site.objects.filter(pk=int(value)).exists() if len(value) < 19 else False
        site_ids = [int(value)] if found else []
    else:
        site_ids = list(Site.objects.filter(hostname=value).values_list("pk", flat=True))
    if not site_ids:
        raise ParamError(_("Không tìm thấy trang thông tin “%(site)s”.") % {"site": value})
    return site_ids


def parse_params(query: QueryDict, request: HttpRequest | None = None) -> SearchParams:
    # A pasted question or official name is searched, never refused: cut beyond the limit.
    q = cut(normalise(query.get("q", "")))
    offset, limit = _window(query)
    date_from = _date(_value(query, "published_after"), "published_after")
    date_to = _date(_value(query, "published_before"), "published_before")
    if date_from and date_to and date_from > date_to:
        raise ParamError(_("published_after phải trước hoặc bằng published_before."))
    return SearchParams(
        q=q,
        site_ids=resolve_sites(query.get("site"), request),
        type=_type(query.get("type")),
        sector=query.get("sector") or None,
        level=_choice(query.get("level"), Level.values, "level"),
        agency=query.get("agency") or None,
        online=_choice(_value(query, "online_level"), OnlineLevel.values, "online_level"),
        category=query.get("category") or None,
        date_from=date_from,
        date_to=date_to,
        offset=offset,
        limit=limit,
    )


def forget_request_sites() -> None:
    """Drop the cached host → site answers (a site was saved or deleted)."""
    cache.delete(SITES_CACHE_KEY)
