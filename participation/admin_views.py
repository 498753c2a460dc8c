"""The agency's inbox in the Wagtail admin: questions and comments of the sites the user works
on only. Another agency's submission is a 404 on every view, like an id that does not exist."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sites.queries import sites_for_user

from . import comments as comment_services
from . import services
from .admin_forms import (
    AnswerForm,
    CloseForm,
    CommentFilterForm,
    EraseForm,
    NoteForm,
    PublishForm,
    ReassignForm,
)
from .choices import AccessAction, CommentStatus, QuestionStatus
from .models import Comment, ConsultationPage, Question
from .retention import erase_comment, erase_question

PAGE_SIZE = 25
FILTERS = {
    "": (gettext_lazy("Đang mở"), lambda qs, user: qs.open()),
    "new": (gettext_lazy("Mới"), lambda qs, user: qs.filter(status=QuestionStatus.NEW)),
    "assigned": (
        gettext_lazy("Đang xử lý"),
        lambda qs, user: qs.filter(status=QuestionStatus.ASSIGNED),
    ),
    "mine": (gettext_lazy("Tôi xử lý"), lambda qs, user: qs.open().filter(assignee=user)),
    "needs_info": (
        gettext_lazy("Chờ bổ sung"),
        lambda qs, user: qs.filter(status=QuestionStatus.NEEDS_INFO),
    ),
    "overdue": (gettext_lazy("Quá hạn"), lambda qs, user: qs.overdue()),
    "answered": (
        gettext_lazy("Đã trả lời"),
        lambda qs, user: qs.filter(status__in=[QuestionStatus.ANSWERED, QuestionStatus.PUBLISHED]),
    ),
    "closed": (gettext_lazy("Đã đóng"), lambda qs, user: qs.filter(status=QuestionStatus.CLOSED)),
    "all": (gettext_lazy("Tất cả"), lambda qs, user: qs),
}


def user_questions(user) -> QuerySet[Question]:
    return Question.objects.filter(site__in=sites_for_user(user))


def user_consultations(user) -> QuerySet[ConsultationPage]:
    paths = Q(pk__in=[])
    for site in sites_for_user(user).select_related("root_page"):
        paths |= Q(path__startswith=site.root_page.path)
    return ConsultationPage.objects.filter(paths)


def user_comments(user) -> QuerySet[Comment]:
    return Comment.objects.filter(consultation__in=user_consultations(user))


def _question(request: HttpRequest, pk: int) -> Question:
    return get_object_or_404(user_questions(request.user).select_related("site__agency"), pk=pk)


def inbox(request: HttpRequest) -> TemplateResponse:
    selected = request.GET.get("filter", "")
    if selected not in FILTERS:
        selected = ""
    questions = FILTERS[selected][1](user_questions(request.user), request.user)
    overdue_ids = set(user_questions(request.user).overdue().values_list("pk", flat=True))
    page = Paginator(
        questions.select_related("site__agency", "assignee").order_by("received_at", "pk"),
        PAGE_SIZE,
    ).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "participation/admin/inbox.html",
        {
            "page_title": _("Hỏi đáp của công dân"),
            "filters": [(key, label) for key, (label, _fn) in FILTERS.items()],
            "selected": selected,
            "questions": page,
            "overdue_ids": overdue_ids,
        },
    )


def question_detail(request: HttpRequest, pk: int) -> TemplateResponse:
    question = _question(request, pk)
    services.opened(question, request.user)
    days = services.answer_days(question.site)
    return TemplateResponse(
        request,
        "participation/admin/question.html",
        {
            "page_title": _("Câu hỏi %(code)s") % {"code": question.code},
            "question": question,
            "deadline": question.deadline(days),
            "overdue": question.is_open and question.deadline(days) < timezone.now(),
            "events": question.events.select_related("user", "from_site", "to_site"),
            # Prefixed by their action: the forms share a page and field names.
            "answer_form": AnswerForm(prefix="answer", initial={"text": question.answer}),
            "note_form": NoteForm(prefix="request_info"),
            "close_form": CloseForm(prefix="close"),
            "reassign_form": ReassignForm(prefix="reassign", current=question.site),
            "publish_form": PublishForm(prefix="publish", initial={"title": question.topic}),
            "erase_form": EraseForm(prefix="erase"),
        },
    )


# action → (its form or None, what it does to (question, user, form data), its message)
ACTIONS = {
    "take": (None, lambda q, u, d: services.take(q, u), gettext_lazy("Đã nhận xử lý.")),
    "answer": (
        AnswerForm,
        lambda q, u, d: services.answer(q, u, d["text"]),
        gettext_lazy("Đã trả lời."),
    ),
    "request_info": (
        NoteForm,
        lambda q, u, d: services.request_info(q, u, d["note"]),
        gettext_lazy("Đã đề nghị công dân bổ sung thông tin."),
    ),
    "close": (
        CloseForm,
        lambda q, u, d: services.close(q, u, d["reason"]),
        gettext_lazy("Đã đóng câu hỏi."),
    ),
    "reassign": (
        ReassignForm,
        lambda q, u, d: services.reassign(q, u, d["site"], d["note"]),
        gettext_lazy("Đã chuyển câu hỏi."),
    ),
    "publish": (
        PublishForm,
        lambda q, u, d: services.publish_as_qa(
            q, u, title=d["title"], procedures=d["procedure_codes"]
        ),
        gettext_lazy("Đã tạo trang hỏi đáp và gửi trưởng ban duyệt."),
    ),
    "erase": (
        EraseForm,
        lambda q, u, d: erase_question(q, u, d["note"]),
        gettext_lazy("Đã xóa dữ liệu cá nhân của câu hỏi."),
    ),
}


@require_POST
def question_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    question = _question(request, pk)
    if action not in ACTIONS:
        raise Http404
    form_class, perform, done = ACTIONS[action]
    data = {}
    if form_class is not None:
        kwargs = {}
        if form_class is ReassignForm:
            kwargs = {"current": question.site}
        elif form_class is PublishForm:
            kwargs = {"site": question.site}
        form = form_class(request.POST, prefix=action, **kwargs)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("participation_question", pk=pk)
        data = form.cleaned_data
    try:
        perform(question, request.user, data)
    except services.ParticipationError as error:
        messages.error(request, str(error))
        return redirect("participation_question", pk=pk)
    messages.success(request, str(done))
    if action == "reassign":  # no longer ours: back to the inbox
        return redirect("participation_inbox")
    return redirect("participation_question", pk=pk)


def question_attachment(request: HttpRequest, pk: int) -> FileResponse:
    question = _question(request, pk)
    if not question.attachment:
        raise Http404
    services.record_access(request.user, AccessAction.DOWNLOAD, question=question)
    name = question.attachment.name.rsplit("/", 1)[-1]
    return FileResponse(question.attachment.open("rb"), as_attachment=True, filename=name)


def comment_inbox(request: HttpRequest) -> TemplateResponse:
    form = CommentFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else CommentStatus.PENDING
    if not request.GET:
        status = CommentStatus.PENDING
    items = user_comments(request.user).select_related("consultation", "question")
    if status:
        items = items.filter(status=status)
    page = Paginator(items.order_by("created_at", "pk"), PAGE_SIZE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "participation/admin/comments.html",
        {
            "page_title": _("Ý kiến góp ý dự thảo"),
            "form": form,
            "comments": page,
            "consultations": user_consultations(request.user).order_by("-opens_at"),
        },
    )


@require_POST
def comment_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(user_comments(request.user), pk=pk)
    decision = request.POST.get("decision")
    if decision == "erase" and request.POST.get("requested") != "on":
        messages.error(request, _("Chỉ xóa khi người góp ý yêu cầu: hãy đánh dấu ô xác nhận."))
    elif decision == "erase":
        erase_comment(comment)
        messages.success(request, _("Đã xóa họ tên và thông tin liên hệ của người góp ý."))
    elif decision not in ("approve", "reject"):
        messages.error(request, _("Thao tác không hợp lệ."))
    else:
        comment_services.moderate(comment, request.user, decision == "approve")
        messages.success(
            request, _("Đã duyệt ý kiến.") if decision == "approve" else _("Đã từ chối ý kiến.")
        )
    return redirect("participation_comments")


def comment_export(request: HttpRequest, pk: int) -> HttpResponse:
    """All comments of a consultation as CSV or XLSX; e-mail and phone only for those who may
    publish the page (chief editors, site admins) and ask for them."""
    consultation = get_object_or_404(user_consultations(request.user), pk=pk)
    file_format = request.GET.get("format", "xlsx")
    with_contacts = request.GET.get("contacts") == "1"
    if with_contacts and not consultation.permissions_for_user(request.user).can_publish():
        raise Http404
    try:
        content, content_type = comment_services.export_comments(
            consultation, request.user, file_format, with_contacts
        )
    except services.ParticipationError as error:
        messages.error(request, str(error))
        return redirect("participation_comments")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="y-kien-{consultation.slug}.{file_format}"'
    )
    return response
