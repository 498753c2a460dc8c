"""Dispatches the per-type filters by the queried model (`?type=`)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2 import filters as wagtail_filters

from legaldocs.models import LegalDocumentPage
from news.models import NewsPage
from procedures.models import ProcedurePage

from ..errors import bad_request
from . import legaldocs, news, procedures


@dataclass(frozen=True)
class ContentFilters:
    """A page type's own filters: its parameters, how they are read into values (a 400 for
    an invalid one) and applied to a queryset, and how a compiled listing takes each value
    (`marked`: name → kind of marker; `shaped`: part of the query's shape)."""

    params: list[str]
    resolve: Callable[..., dict]
    apply: Callable
    marked: dict[str, str]
    shaped: set[str]

    def filter(self, queryset, request, site):
        return self.apply(queryset, self.resolve(request, site))


CONTENT_FILTERS = {
    NewsPage: ContentFilters(
        news.PARAMS, news.resolve_news, news.apply_news, news.MARKED, news.SHAPED
    ),
    ProcedurePage: ContentFilters(
        procedures.PARAMS,
        procedures.resolve_procedures,
        procedures.apply_procedures,
        procedures.MARKED,
        procedures.SHAPED,
    ),
    LegalDocumentPage: ContentFilters(
        legaldocs.PARAMS,
        legaldocs.resolve_legal_documents,
        legaldocs.apply_legal_documents,
        legaldocs.MARKED,
        legaldocs.SHAPED,
    ),
}


def all_filter_params() -> set[str]:
    return {name for filters in CONTENT_FILTERS.values() for name in filters.params}


def _type_name(model) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


class ContentFilter(BaseFilterBackend):
    def filter_queryset(self, request, queryset, view):
        reject_foreign(request.GET, queryset.model)
        filters = CONTENT_FILTERS.get(queryset.model)
        if filters is None:
            return queryset
        return filters.filter(queryset, request, view.scope_site)


def reject_foreign(params, model) -> None:
    """400 for another page type's filter (`category` without type=news.NewsPage…)."""
    own = CONTENT_FILTERS[model].params if model in CONTENT_FILTERS else []
    foreign = sorted(name for name in all_filter_params() - set(own) if name in params)
    if foreign:
        owners = [
            _type_name(other)
            for other, filters in CONTENT_FILTERS.items()
            if foreign[0] in filters.params
        ]
        raise bad_request(
            _("Tham số %(name)s chỉ dùng được với type=%(types)s.")
            % {"name": foreign[0], "types": " hoặc type=".join(owners)}
        )


class FieldsFilter(wagtail_filters.FieldsFilter):
    """Wagtail's exact-match field filter, leaving our own parameters to ContentFilter."""

    def filter_queryset(self, request, queryset, view):
        filters = CONTENT_FILTERS.get(queryset.model)
        if filters is None:
            return super().filter_queryset(request, queryset, view)
        own = set(filters.params)
        original = request.GET
        request._request.GET = original.copy()
        for name in own:
            request._request.GET.pop(name, None)
        try:
            return super().filter_queryset(request, queryset, view)
        finally:
            request._request.GET = original
