"""What every API view shares: Vietnamese error messages for stock Wagtail errors."""

from django.http import Http404
from rest_framework import status
from rest_framework.response import Response
from wagtail.api.v2.utils import BadRequestError

from ..errors import translate_stock_message
from ..pagination import Pagination


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
