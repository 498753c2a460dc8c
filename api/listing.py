"""Listings of one page type whose window query (api.pagination.window) is compiled once
per shape, not built and compiled by Django for every request.

A listing's parameters are read into values as always (a 400 for any invalid one); the
window query is then the one the same filters build with markers in the values' places:
per content version (its public conditions), site, page type, ordering, which filters are
given and the values that choose the query's form (`featured=true`, a level…). A request
with a parameter this path does not place (a search, child_of, a date, a text matched by
pattern, a field filter, a random order) is built by Django as before."""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from wagtail.api.v2 import filters as wagtail_filters

from home.compiled import MARKER, TEXT_MARKER, CompiledQuery

from .caching import is_cacheable
from .filters.content import CONTENT_FILTERS
from .tables import KeptPerVersion

# What a listing may carry besides its own type's filters, without changing its query.
PLAIN_PARAMS = frozenset({"type", "fields", "limit", "offset", "site", "order"})
_KINDS = {"ids": MARKER, "id": MARKER, "text": TEXT_MARKER}

_windows: KeptPerVersion[tuple] = KeptPerVersion(2000)  # a few kilobytes each


@dataclass
class CompiledListing:
    """A listing's window query, compiled, with this request's values for its markers."""

    query: CompiledQuery
    values: list
    shape: QuerySet  # the filtered queryset built with markers: its joins and prefetches
    matching: Callable[[], QuerySet]  # the matching pages, to count
    spanning: bool  # every site's pages (`site=*`): counted apart (api.pagination)

    def fetch(self, offset: int, limit: int) -> list[tuple[int, int]]:
        """(id, number of matching pages) of the listing's rows at offset..offset+limit."""
        return self.query.fetch(*self.values, limit=limit, offset=offset)


def _marker(kind: str, place: int):
    base = _KINDS[kind]
    return base - place if isinstance(base, int) else f"{base}{place}"


def compiled_listing(
    view,
    request,
    queryset: QuerySet,
    window_query: Callable[[QuerySet], QuerySet],
    ids_query: Callable[[QuerySet], QuerySet],
) -> CompiledListing | None:
    """The compiled window query of this listing (the ids query for every site's pages), or
    None when Django is to build it."""
    filters = CONTENT_FILTERS.get(queryset.model)
    if filters is None or not settings.API_COMPILED_LISTINGS or not is_cacheable(request):
        return None
    params = request.GET
    if request.GET.get("order") == "random" or not set(params) <= PLAIN_PARAMS | (
        set(filters.marked) | filters.shaped
    ):
        return None
    values = filters.resolve(request, view.scope_site)
    marked = sorted(name for name in values if name in filters.marked)
    shaped = tuple(sorted((name, values[name]) for name in values if name in filters.shaped))
    key = (
        view.scope_site.pk if view.scope_site else None,
        queryset.model,
        params.get("order"),
        tuple(marked),
        shaped,
    )

    def build() -> tuple[CompiledQuery, QuerySet] | None:
        markers = [_marker(filters.marked[name], place) for place, name in enumerate(marked)]
        with_markers = {**dict(shaped), **dict(zip(marked, markers, strict=True))}
        shape = wagtail_filters.OrderingFilter().filter_queryset(
            request, filters.apply(queryset, with_markers), view
        )
        if not shape.query.order_by:
            return None  # counted, not windowed (api.pagination.window)
        choose = ids_query if view.scope_site is None else window_query
        return CompiledQuery(choose(shape), tuple(markers), limited=True), shape

    found = _windows.get(request, key, build)
    if found is None:
        return None
    query, shape = found
    return CompiledListing(
        query=query,
        values=[values[name] for name in marked],
        shape=shape,
        matching=lambda: filters.apply(queryset, values),
        spanning=view.scope_site is None,
    )
