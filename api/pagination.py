"""Wagtail's limit/offset pagination with Vietnamese messages."""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db.models import Count, IntegerField, QuerySet, Value, Window
from django.utils.translation import gettext as _
from wagtail.api.v2.pagination import WagtailPagination

from home.compiled import rows_by_id

from .errors import bad_request
from .listing import CompiledListing
from .params import parse_non_negative_int

DEFAULT_LIMIT = 20


def page_window(request) -> tuple[int, int]:
    """(offset, limit) of a listing request; limit above WAGTAILAPI_LIMIT_MAX → 400."""
    limit_max = settings.WAGTAILAPI_LIMIT_MAX
    offset = parse_non_negative_int("offset", request.GET.get("offset", "0"))
    limit = parse_non_negative_int(
        "limit", request.GET.get("limit", str(min(DEFAULT_LIMIT, limit_max)))
    )
    if limit > limit_max:
        raise bad_request(_("limit không được lớn hơn %(max)d.") % {"max": limit_max})
    return offset, limit


class Pagination(WagtailPagination):
    def paginate_queryset(self, queryset, request, view=None):
        offset, limit = page_window(request)
        self.view = view
        shape = getattr(view, "shape_rows", None)
        if isinstance(queryset, CompiledListing):
            rows, self.total_count = compiled_window(queryset, offset, limit, shape)
        else:
            spanning = spans_all_sites(view)
            rows, self.total_count = window(queryset, offset, limit, shape, spanning)
        return rows


def spans_all_sites(view) -> bool:
    """A listing of every site's pages (`site=*`): its rows are chosen and counted apart."""
    return getattr(view, "scope_site", False) is None


# Past the end a window is empty anyway; this keeps a huge offset from overflowing the
# database's bigint.
MAX_OFFSET = 2**62


def window(
    queryset,
    offset: int,
    limit: int,
    shape: Callable[[QuerySet], QuerySet] | None = None,
    spanning: bool = False,
) -> tuple:
    """One page of a listing and the number of matching rows.

    The page's ids and the count come from one query on the narrow rows (the filters' joins,
    the sort keys): PostgreSQL joins and sorts every matching row before it applies a limit,
    and whole rows of pages are wide (bodies, steps, JSON). The full rows are then read for
    those ids only (a list in the same order), with a query compiled once per shape: the
    listing's joined keys and prefetches, and what `shape` makes of them (the columns a
    response shows). A listing `spanning` every site may match most of a million pages:
    its ids come from a query PostgreSQL can stop after the window (an index in the
    listing's order), and its count from `count_matching`."""
    if not isinstance(queryset, QuerySet) or not queryset.query.order_by or limit == 0:
        total = count_matching(queryset, spanning)
        offset = min(offset, total)
        return queryset[offset : offset + limit], total
    offset = min(offset, MAX_OFFSET)
    chosen = list((ids_query if spanning else window_query)(queryset)[offset : offset + limit])
    if not chosen:
        return queryset.none(), count_matching(queryset, spanning)
    total = count_matching(queryset, spanning) if spanning else chosen[0][1]
    return _rows(queryset, chosen, shape), total


def window_query(queryset: QuerySet) -> QuerySet:
    """(id, number of matching rows) of every row of an ordered queryset, in its order."""
    # The id breaks ties, so that consecutive pages neither repeat nor skip a row and both
    # queries put the rows in one order.
    ordering = [*queryset.query.order_by, "pk"]
    return (
        queryset.annotate(_matching=Window(Count("pk")))
        .order_by(*ordering)
        .values_list("pk", "_matching")
    )


def ids_query(queryset: QuerySet) -> QuerySet:
    """(id, None) of every row of an ordered queryset, in its order: `window_query` without
    the count, which makes PostgreSQL read every matching row before the first is sent."""
    ordering = [*queryset.query.order_by, "pk"]
    return queryset.order_by(*ordering).values_list("pk", Value(None, output_field=IntegerField()))


def count_matching(queryset, spanning: bool = False) -> int:
    """The number of rows of a listing. Up to API_CACHE["EXACT_COUNT_UP_TO"] rows a listing
    spanning every site is counted at once, as any other; beyond, counting is the larger
    part of the answer (0.3–0.4 s for 800,000 news), so the count is kept for
    API_CACHE["LARGE_COUNT_SECONDS"] per query: such a total may lag the last publishes by
    that long; the rows never do."""
    if not spanning or not isinstance(queryset, QuerySet):
        return queryset.count()
    queryset = queryset.order_by()
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # it can match nothing, whatever the data
        return 0
    key = "api-count:" + hashlib.sha256(repr((sql, params)).encode()).hexdigest()
    total = cache.get(key)  # only large counts are kept
    if total is not None:
        return total
    up_to = settings.API_CACHE["EXACT_COUNT_UP_TO"]
    found = queryset[: up_to + 1].count()
    if found <= up_to:
        return found
    total = queryset.count()
    cache.set(key, total, settings.API_CACHE["LARGE_COUNT_SECONDS"])
    return total


def compiled_window(
    listing: CompiledListing, offset: int, limit: int, shape: Callable | None = None
) -> tuple[list, int]:
    """`window` of a listing whose window query is compiled (api.listing)."""
    if limit == 0:
        return [], count_matching(listing.matching(), listing.spanning)
    chosen = listing.fetch(min(offset, MAX_OFFSET), limit)
    if listing.spanning or not chosen:
        total = count_matching(listing.matching(), listing.spanning)
    else:
        total = chosen[0][1]
    return (_rows(listing.shape, chosen, shape) if chosen else []), total


def _rows(queryset: QuerySet, chosen: list, shape: Callable | None) -> list:
    """The full rows of the chosen ids, in their order, with the queryset's joined keys and
    prefetches (and what `shape` makes of them)."""
    rows = queryset.model._default_manager.all()
    rows.query.select_related = queryset.query.select_related
    rows = rows.prefetch_related(*queryset._prefetch_related_lookups)
    if shape is not None:
        rows = shape(rows)
    return rows_by_id(rows, [pk for pk, _n in chosen])
