"""GET /api/v2/preview/?token=… — the draft of the token's page in the detail shape."""

from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.response import Response

from ..errors import not_found
from ..params import reject_unknown
from ..preview import PreviewTokenError, draft_for_token, page_type_name
from ..router import api_router
from .base import DETAIL_PARAMETERS
from .pages import PagesViewSet

# What the front-end was handed by the admin's preview button, passed on as it came.
PREVIEW_PARAMETERS = DETAIL_PARAMETERS | {"token", "id", "content_type"}


class PreviewViewSet(PagesViewSet):
    known_query_parameters = PagesViewSet.known_query_parameters.union(PREVIEW_PARAMETERS)

    def initial(self, request, *args, **kwargs):
        request.wagtailapi_router = api_router
        super().initial(request, *args, **kwargs)

    def get_object(self):
        if not hasattr(self, "_draft"):
            draft = draft_for_token(self.request.GET.get("token", ""))
            if draft is None:
                raise not_found(_("Trang cần xem trước không còn tồn tại."))
            requested = self.request.GET.get("id")
            if requested and requested != str(draft.pk):
                raise PreviewTokenError(expired=False)
            content_type = self.request.GET.get("content_type")
            if content_type and content_type != page_type_name(draft):
                raise PreviewTokenError(expired=False)
            self._draft = draft
        return self._draft

    def preview_view(self, request):
        reject_unknown(request.GET, PREVIEW_PARAMETERS)
        serializer = self.get_serializer(self.get_object())
        return Response(serializer.data)

    def handle_exception(self, exc):
        if isinstance(exc, PreviewTokenError):
            message = (
                _("Mã xem trước đã hết hạn.") if exc.expired else _("Mã xem trước không hợp lệ.")
            )
            return Response({"message": message}, status=status.HTTP_403_FORBIDDEN)
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response
