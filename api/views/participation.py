"""Citizens' questions and comments (participation): the only API endpoints that write.

`GET participation/token/` gives the form token every submission posts back; `POST
questions/` and `POST consultations/<id>/comments/` validate with the same forms as the
front-end (400 with a message per field, nothing stored), then count the per-IP and
per-contact limits (429), then refuse duplicates (409). Personal data goes in, never out:
`GET questions/<code>/` answers the status only."""

from django.http import QueryDict
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from rest_framework import exceptions, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from participation import comments, services
from participation.abuse import RateLimited, check_rate_limits, issue_form_token
from participation.forms import CommentForm, QuestionForm, ReplyForm, form_errors
from participation.models import ConsultationPage

from ..errors import not_found
from ..ratelimit import too_many_requests
from ..scoping import public_pages, requested_site
from .extra import COMMON, APIBaseView


def _form_data(request) -> QueryDict:
    """The posted fields, from JSON or a form, as the forms read them."""
    data = request.data
    if isinstance(data, QueryDict):
        return data
    if not isinstance(data, dict):
        raise exceptions.ParseError(_("Nội dung gửi lên phải là một đối tượng JSON."))
    query = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, bool):
            value = "on" if value else ""
        elif value is None:
            value = ""
        elif not isinstance(value, str | int | float):
            raise exceptions.ParseError(
                _("Trường “%(field)s” phải là chuỗi, số hoặc true/false.") % {"field": key}
            )
        query[key] = str(value)
    return query


def invalid(form) -> Response:
    return Response(
        {"message": _("Thông tin gửi lên chưa hợp lệ."), "errors": form_errors(form)},
        status=status.HTTP_400_BAD_REQUEST,
    )


class SubmissionView(APIBaseView):
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    query_parameters = COMMON | {"site"}

    def handle_exception(self, exc):
        if isinstance(exc, exceptions.ParseError):
            return Response({"message": str(exc.detail)}, status=status.HTTP_400_BAD_REQUEST)
        if isinstance(exc, exceptions.UnsupportedMediaType):
            return Response(
                {"message": _("Chỉ nhận JSON hoặc multipart/form-data.")},
                status=status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
            )
        if isinstance(exc, exceptions.MethodNotAllowed):
            return Response(
                {"message": _("Phương thức không được hỗ trợ.")},
                status=status.HTTP_405_METHOD_NOT_ALLOWED,
            )
        return super().handle_exception(exc)

    def limited(self, request, form) -> Response | None:
        """429 over a limit of the address or of the form's contacts."""
        try:
            check_rate_limits(request, form.contacts())
        except RateLimited as limit:
            return too_many_requests(limit.seconds)
        return None


class FormTokenView(APIBaseView):
    def get(self, request):
        response = Response({"form_token": issue_form_token()})
        response["Cache-Control"] = "no-store"
        return response


@method_decorator(sensitive_post_parameters("name", "email", "phone"), name="dispatch")
class QuestionsView(SubmissionView):
    def post(self, request):
        site = requested_site(request)
        if site is None:
            raise not_found(_("Cần chỉ rõ một trang thông tin (site=), không dùng site=*."))
        form = QuestionForm(_form_data(request), request.FILES)
        if not form.is_valid():
            return invalid(form)
        if (answer := self.limited(request, form)) is not None:
            return answer
        try:
            target = services.route(site, form.cleaned_data["agency"])
            question = services.submit_question(target, form.cleaned_data)
        except services.DuplicateSubmission as duplicate:
            return Response(
                {"message": str(duplicate), "code": duplicate.code}, status=status.HTTP_409_CONFLICT
            )
        except services.ParticipationError as error:
            return Response(
                {"message": str(error), "errors": {"agency": [str(error)]}},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(
            {
                "message": _("Đã tiếp nhận câu hỏi. Vui lòng lưu mã theo dõi."),
                **services.status_data(question),
            },
            status=status.HTTP_201_CREATED,
        )


class QuestionStatusView(APIBaseView):
    def get(self, request, code: str):
        question = services.question_by_code(code)
        if question is None:
            raise not_found(_("Không tìm thấy câu hỏi có mã này."))
        response = Response(services.status_data(question))
        response["Cache-Control"] = "no-store"
        return response


class QuestionReplyView(SubmissionView):
    """The citizen adds what the agency asked for, by the tracking code: 409 unless the
    agency is waiting for it; limited per address and per the question's contacts."""

    query_parameters = COMMON

    def post(self, request, code: str):
        question = services.question_by_code(code)
        if question is None:
            raise not_found(_("Không tìm thấy câu hỏi có mã này."))
        form = ReplyForm(_form_data(request), question=question)
        if not form.is_valid():
            return invalid(form)
        if (answer := self.limited(request, form)) is not None:
            return answer
        try:
            services.provide_info(question, form.cleaned_data["text"])
        except services.ParticipationError as error:
            return Response({"message": str(error)}, status=status.HTTP_409_CONFLICT)
        response = Response(
            {"message": _("Đã gửi thông tin bổ sung."), **services.status_data(question)}
        )
        response["Cache-Control"] = "no-store"
        return response


@method_decorator(sensitive_post_parameters("name", "email", "phone"), name="dispatch")
class CommentsView(SubmissionView):
    query_parameters = COMMON

    def post(self, request, pk: int):
        consultation = public_pages(request, None, ConsultationPage).filter(pk=pk).first()
        if consultation is None:
            raise not_found(_("Không tìm thấy dự thảo lấy ý kiến."))
        consultation = consultation.specific
        try:
            comments.check_window(consultation)
        except comments.WindowClosed as closed:
            return Response(
                {"message": str(closed), "window": closed.window},
                status=status.HTTP_403_FORBIDDEN,
            )
        form = CommentForm(_form_data(request), consultation=consultation)
        if not form.is_valid():
            return invalid(form)
        if (answer := self.limited(request, form)) is not None:
            return answer
        try:
            comment = comments.submit_comment(consultation, form.cleaned_data)
        except services.DuplicateSubmission as duplicate:
            return Response({"message": str(duplicate)}, status=status.HTTP_409_CONFLICT)
        return Response(
            {
                "message": _("Đã tiếp nhận ý kiến; ý kiến được công khai sau khi kiểm duyệt.")
                if consultation.comment_display == "approved"
                else _("Đã tiếp nhận ý kiến."),
                "id": comment.pk,
                "status": comment.status,
            },
            status=status.HTTP_201_CREATED,
        )
