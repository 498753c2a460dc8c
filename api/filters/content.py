"""Dispatches the per-type filters by the queried model (`?type=`)."""

from django.utils.translation import gettext as _
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2 import filters as wagtail_filters

from legaldocs.models import LegalDocumentPage
from news.models import NewsPage
from procedures.models import ProcedurePage

from ..errors import bad_request
from . import legaldocs, news, procedures

# model → (its parameters, the function applying them)
CONTENT_FILTERS = {
    NewsPage: (news.PARAMS, news.filter_news),
    ProcedurePage: (procedures.PARAMS, procedures.filter_procedures),
    LegalDocumentPage: (legaldocs.PARAMS, legaldocs.filter_legal_documents),
}


def all_filter_params() -> set[str]:
    return {name for params, _function in CONTENT_FILTERS.values() for name in params}


def _type_name(model) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


class ContentFilter(BaseFilterBackend):
    def filter_queryset(self, request, queryset, view):
        params, function = CONTENT_FILTERS.get(queryset.model, ([], None))
        foreign = sorted(name for name in all_filter_params() - set(params) if name in request.GET)
        if foreign:
            owners = [
                _type_name(model)
                for model, (names, _f) in CONTENT_FILTERS.items()
                if foreign[0] in names
            ]
            raise bad_request(
                _("Tham số %(name)s chỉ dùng được với type=%(types)s.")
                % {"name": foreign[0], "types": " hoặc type=".join(owners)}
            )
        if function is None:
            return queryset
        return function(queryset, request.GET, view.scope_site)


class FieldsFilter(wagtail_filters.FieldsFilter):
    """Wagtail's exact-match field filter, leaving our own parameters to ContentFilter."""

    def filter_queryset(self, request, queryset, view):
        params, _function = CONTENT_FILTERS.get(queryset.model, ([], None))
        if not params:
            return super().filter_queryset(request, queryset, view)
        own = set(params)
        original = request.GET
        request._request.GET = original.copy()
        for name in own:
            request._request.GET.pop(name, None)
        try:
            return super().filter_queryset(request, queryset, view)
        finally:
            request._request.GET = original
