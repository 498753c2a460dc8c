"""Wagtail's limit/offset pagination with Vietnamese messages."""

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from wagtail.api.v2.pagination import WagtailPagination

from .errors import bad_request
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
        self.total_count = queryset.count()
        # Past the end the window is empty anyway; clamping keeps a huge offset from
        # overflowing the database's bigint.
        offset = min(offset, self.total_count)
        return window(queryset, offset, limit)


def window(queryset, offset: int, limit: int):
    """One page of a listing, its rows picked by id first: PostgreSQL joins and sorts every
    matching row before it applies a limit, and whole rows of pages are wide (bodies,
    steps, JSON), while the ids and sort keys are narrow. The full rows are then read for
    the chosen ids only, in the same order."""
    if not isinstance(queryset, QuerySet) or not queryset.query.order_by or limit == 0:
        return queryset[offset : offset + limit]
    chosen = queryset.values("pk")[offset : offset + limit]
    rows = queryset.model._default_manager.filter(pk__in=chosen)
    rows.query.select_related = queryset.query.select_related
    return rows.prefetch_related(*queryset._prefetch_related_lookups).order_by(
        *queryset.query.order_by
    )
