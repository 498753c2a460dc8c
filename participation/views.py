"""The server-rendered front-end: ask a question, check its status by code, comment on a
draft. The same forms and services as the API; errors are shown on the form (status 400),
nothing stored."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Site

from api.ratelimit import rate_limited
from sites.models import Agency
from sites.visibility import Visibility

from . import comments, services
from .abuse import RateLimited, check_rate_limits, issue_form_token
from .choices import QuestionStatus
from .forms import CommentForm, QuestionForm, ReplyForm
from .models import ConsultationPage


def _refused(request: HttpRequest, form, template: str, context: dict) -> TemplateResponse | None:
    """The form shown again with its errors (400, a fresh form token), or 429 over a rate
    limit of the address or the form's contacts; None when the submission may go on."""
    if not form.is_valid():
        form.data = form.data.copy()
        form.data["form_token"] = issue_form_token()
        return TemplateResponse(request, template, context, status=400)
    try:
        check_rate_limits(request, form.contacts())
    except RateLimited as limit:
        context["error"] = _("Quá nhiều lần gửi; vui lòng thử lại sau %(seconds)s giây.") % {
            "seconds": limit.seconds
        }
        response = TemplateResponse(request, template, context, status=429)
        response["Retry-After"] = str(limit.seconds)
        return response
    return None


def question_form(site: Site | None, *args, **kwargs) -> QuestionForm:
    """On the portal the citizen picks the agency from a list; an agency's own site sends
    to itself, so the choice is not offered."""
    form = QuestionForm(*args, **kwargs)
    if site is not None and services.is_portal(site):
        agencies = Agency.objects.filter(status="active", site__isnull=False)
        choices = [("", _("Cổng tỉnh chuyển tới cơ quan có thẩm quyền"))]
        choices += [(a.slug, a.name) for a in agencies.exclude(kind="portal").order_by("name")]
        form.fields["agency"].widget = forms.Select(choices=choices)
    else:
        del form.fields["agency"]
    return form


@sensitive_post_parameters("name", "email", "phone")
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    site = Site.find_for_request(request)
    template = "participation/ask.html"
    context = {"title": _("Gửi câu hỏi")}
    if request.method == "GET":
        initial = {"form_token": issue_form_token(), "agency": request.GET.get("agency", "")}
        context["form"] = question_form(site, initial=initial)
        return TemplateResponse(request, template, context)
    form = question_form(site, request.POST, request.FILES)
    context["form"] = form
    if (refused := _refused(request, form, template, context)) is not None:
        return refused
    try:
        target = services.route(site, form.cleaned_data.get("agency", ""))
        question = services.submit_question(target, form.cleaned_data)
    except services.ParticipationError as error:
        context["error"] = str(error)
        return TemplateResponse(request, template, context, status=400)
    return redirect(f"/hoi-dap/tra-cuu/?code={question.code}&moi=1")


@require_http_methods(["GET", "POST"])
@rate_limited("participation_lookup")
def status(request: HttpRequest) -> HttpResponse:
    """The question's status by its code; when the agency asked for more, a form to add it
    (POST: `services.provide_info`)."""
    source = request.POST if request.method == "POST" else request.GET
    code = source.get("code", "").strip().upper()
    template = "participation/status.html"
    context = {
        "title": _("Tra cứu câu hỏi"),
        "code": code,
        "new": request.GET.get("moi") == "1",
        "added": request.GET.get("bo-sung") == "ok",
    }
    response_status, response = 200, None
    question = services.question_by_code(code) if code else None
    if code and question is None:
        context["error"] = _("Không tìm thấy câu hỏi có mã này.")
        response_status = 404
    if question is not None:
        context["question"] = services.status_data(question)
        if question.qa_page_id and question.status == QuestionStatus.PUBLISHED:
            context["qa_page"] = question.qa_page
        if question.status == QuestionStatus.NEEDS_INFO:
            initial = {"form_token": issue_form_token()}
            context["reply_form"] = ReplyForm(initial=initial, question=question)
    if question is not None and request.method == "POST":
        form = context["reply_form"] = ReplyForm(request.POST, question=question)
        response = _refused(request, form, template, context)
        if response is None:
            try:
                services.provide_info(question, form.cleaned_data["text"])
            except services.ParticipationError as error:
                del context["reply_form"]
                context["error"] = str(error)
                response_status = 409
            else:
                return redirect(f"/hoi-dap/tra-cuu/?code={question.code}&bo-sung=ok")
    if response is None:
        response = TemplateResponse(request, template, context, status=response_status)
    response["Cache-Control"] = "no-store"
    return response


@sensitive_post_parameters("name", "email", "phone")
@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    page = get_object_or_404(
        Visibility.for_request(request).filter_pages(ConsultationPage.objects.all(), None), pk=pk
    ).specific
    template = "participation/comment.html"
    form = CommentForm(request.POST, consultation=page)
    context = {"title": _("Góp ý dự thảo"), "page": page, "form": form}
    try:
        comments.check_window(page)
    except comments.WindowClosed as closed:
        context["error"] = str(closed)
        return TemplateResponse(request, template, context, status=403)
    if (refused := _refused(request, form, template, context)) is not None:
        return refused
    try:
        comments.submit_comment(page, form.cleaned_data)
    except services.ParticipationError as error:
        context["error"] = str(error)
        return TemplateResponse(request, template, context, status=400)
    return redirect(f"{page.url}?gop-y=ok")
