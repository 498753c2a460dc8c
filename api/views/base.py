"""What every API view set shares: Vietnamese error messages for stock Wagtail errors, known
parameters on detail and find too, and `find` redirecting on the request's own origin."""

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import redirect
from rest_framework import status
from rest_framework.response import Response
from wagtail.api.v2.utils import BadRequestError

from ..errors import not_found, translate_stock_message
from ..links import absolute
from ..pagination import Pagination
from ..params import parse_choice, reject_unknown

# What a detail accepts: Wagtail's field selection and rich text format, the browsable
# renderer's `format` and jQuery's cache-buster `_`.
DETAIL_PARAMETERS = frozenset({"fields", "rich_text_format", "format", "_"})


class VietnameseErrorsMixin:
    pagination_class = Pagination

    def handle_exception(self, exc):
        if isinstance(exc, BadRequestError):
            message = str(exc)
            if message.isascii():
                message = translate_stock_message(message)
            return Response({"message": message}, status=status.HTTP_400_BAD_REQUEST)
        if isinstance(exc, Http404):
            message = str(exc)
            if message.isascii():
                message = translate_stock_message("not found")
            return Response({"message": message}, status=status.HTTP_404_NOT_FOUND)
        return super().handle_exception(exc)


class APIViewSetMixin(VietnameseErrorsMixin):
    """For Wagtail's endpoint view sets (pages, images, documents)."""

    detail_query_parameters = DETAIL_PARAMETERS

    def listing_view(self, request):
        # Wagtail ignores a search_operator it does not know (or one without `search`).
        operator = request.GET.get("search_operator")
        if operator is not None:
            parse_choice("search_operator", operator, ["and", "or"])
        return super().listing_view(request)

    def detail_view(self, request, pk):
        reject_unknown(request.GET, self.detail_query_parameters)
        return super().detail_view(request, pk)

    def find_view(self, request):
        """Wagtail's find, redirecting on the origin the request came to, with the query
        parameters that scope and shape the detail (`site`, `fields`…) kept."""
        reject_unknown(request.GET, self.detail_query_parameters | self.find_query_parameters)
        try:
            found = self.find_object(self.get_queryset(), request)
        except (ObjectDoesNotExist, ValueError):
            found = None
        if found is None:
            raise not_found()
        path = request.wagtailapi_router.get_object_detail_urlpath(self.model, found.pk)
        query = request.GET.copy()
        for name in self.find_query_parameters:
            query.pop(name, None)
        url = absolute(request, path)
        return redirect(f"{url}?{query.urlencode()}" if query else url)
