"""Vietnamese error messages for the API's 400 and 404 answers."""

from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from wagtail.api.v2.utils import BadRequestError


def bad_request(message: str) -> BadRequestError:
    return BadRequestError(message)


def not_found(message: str | None = None) -> Http404:
    return Http404(message or _("Không tìm thấy nội dung."))


# Stock Wagtail messages that clients commonly trigger, in Vietnamese.
_STOCK_MESSAGES = {
    "type doesn't exist": "Loại trang (type) không tồn tại.",
    "child_of must be a positive integer": "child_of phải là số nguyên dương.",
    "descendant_of must be a positive integer": "descendant_of phải là số nguyên dương.",
    "ancestor_of must be a positive integer": "ancestor_of phải là số nguyên dương.",
    "parent page doesn't exist": "Trang cha không tồn tại.",
    "ancestor page doesn't exist": "Trang tổ tiên không tồn tại.",
    "not found": "Không tìm thấy nội dung.",
}


def translate_stock_message(message: str) -> str:
    """The Vietnamese text of a stock Wagtail API message; others gain a Vietnamese prefix."""
    if message in _STOCK_MESSAGES:
        return _(_STOCK_MESSAGES[message])
    if message.startswith("query parameter is not an operation or a recognised field"):
        return _("Tham số không hợp lệ: %(detail)s") % {"detail": message.split(":", 1)[-1].strip()}
    return _("Yêu cầu không hợp lệ: %(detail)s") % {"detail": message}


def error_response(message: str, status: int) -> JsonResponse:
    """An error in the API's `{"message": …}` shape."""
    return JsonResponse(
        {"message": message}, status=status, json_dumps_params={"ensure_ascii": False}
    )


@csrf_exempt  # it changes nothing: a POST to a wrong URL is a JSON 404, not a CSRF page
def unknown_endpoint(request: HttpRequest, path: str = "") -> JsonResponse:
    """404 for a URL under /api/v2/ that names no endpoint: JSON, as API clients expect."""
    return error_response(_("Không có điểm truy cập API này."), 404)


class RejectNulMiddleware:
    """A NUL character in a URL's path or query string is a 400, on every URL: no path or
    parameter can contain one, and PostgreSQL refuses it in text, which surfaced as a 500
    wherever a view looked a value up (a tracking code in the path, a query on the public
    site). The API answers in JSON, the rest with the site's 400 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            if request.path.startswith("/api/"):
                return error_response(_("Tham số chứa ký tự NUL không hợp lệ."), 400)
            raise BadRequest("NUL character in the URL")
        return self.get_response(request)
