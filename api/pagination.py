"""Wagtail's limit/offset pagination with Vietnamese messages."""

from collections.abc import Callable

from django.conf import settings
from django.db.models import Count, QuerySet, Window
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
            rows, self.total_count = window(queryset, offset, limit, shape)
        return rows


# Past the end a window is empty anyway; this keeps a huge offset from overflowing the
# database's bigint.
MAX_OFFSET = 2**62


def window(
    queryset, offset: int, limit: int, shape: Callable[[QuerySet], QuerySet] | None = None
) -> tuple:
    """One page of a listing and the number of matching rows.

    The page's ids and the count come from one query on the narrow rows (the filters' joins,
    the sort keys): PostgreSQL joins and sorts every matching row before it applies a limit,
    and whole rows of pages are wide (bodies, steps, JSON). The full rows are then read for
    those ids only (a list in the same order), with a query compiled once per shape: the
    listing's joined keys and prefetches, and what `shape` makes of them (the columns a
    response shows)."""
    if not isinstance(queryset, QuerySet) or not queryset.query.order_by or limit == 0:
        total = queryset.count()
        offset = min(offset, total)
        return queryset[offset : offset + limit], total
    offset = min(offset, MAX_OFFSET)
    chosen = list(window_query(queryset)[offset : offset + limit])
    if not chosen:
        return queryset.none(), queryset.count()
    return _rows(queryset, chosen, shape), chosen[0][1]


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


def compiled_window(
    listing: CompiledListing, offset: int, limit: int, shape: Callable | None = None
) -> tuple[list, int]:
    """`window` of a listing whose window query is compiled (api.listing)."""
    if limit == 0:
        return [], listing.count()
    chosen = listing.fetch(min(offset, MAX_OFFSET), limit)
    if not chosen:
        return [], listing.count()
    return _rows(listing.shape, chosen, shape), chosen[0][1]


def _rows(queryset: QuerySet, chosen: list, shape: Callable | None) -> list:
    """The full rows of the chosen ids, in their order, with the queryset's joined keys and
    prefetches (and what `shape` makes of them)."""
    rows = queryset.model._default_manager.all()
    rows.query.select_related = queryset.query.select_related
    rows = rows.prefetch_related(*queryset._prefetch_related_lookups)
    if shape is not None:
        rows = shape(rows)
    return rows_by_id(rows, [pk for pk, _n in chosen])
