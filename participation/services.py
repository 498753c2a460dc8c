"""What happens to a citizen's question: submitted, routed, reassigned, answered, asked for
more, closed, published as a Q&A page. Views (API, front-end, admin) call these; nothing
else changes a question.

Personal data never goes to logs: messages name the question's code only."""

import logging
import secrets
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from .abuse import contact_keys, duplicate_since, fingerprint
from .choices import AccessAction, EventKind, QuestionStatus
from .models import (
    ParticipationSettings,
    Question,
    QuestionAnswerIndexPage,
    QuestionAnswerPage,
    QuestionAnswerProcedure,
    QuestionEvent,
    SubmissionAccess,
)
from .privacy import shortened_name

logger = logging.getLogger(__name__)

# Tracking codes: no 0/O, 1/I/L, so a code read over the phone is typed right.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10


class ParticipationError(Exception):
    """A request that cannot be done; the message is for the person who made it."""


class DuplicateSubmission(ParticipationError):
    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code


def new_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not Question.objects.filter(code=code).exists():
            return code


def question_by_code(code: str) -> Question | None:
    """The question a tracking code names (codes are upper case; citizens type either)."""
    return Question.objects.select_related("site__agency").filter(code=code.strip().upper()).first()


def is_portal(site: Site) -> bool:
    agency = getattr(site, "agency", None)
    return site.is_default_site or (agency is not None and agency.kind == "portal")


def route(site: Site, agency_slug: str = "") -> Site:
    """The site a question goes to: the site it was sent to; on the portal, the agency the
    citizen chose (or the portal, which reassigns it)."""
    if not agency_slug:
        return site
    target = Site.objects.filter(agency__slug=agency_slug, agency__status="active").first()
    if target is None:
        raise ParticipationError(
            _("Không tìm thấy cơ quan “%(agency)s”.") % {"agency": agency_slug}
        )
    if target.pk != site.pk and not is_portal(site):
        raise ParticipationError(
            _("Câu hỏi gửi trên trang của cơ quan chỉ đến cơ quan đó; hãy gửi qua cổng tỉnh.")
        )
    return target


def answer_days(site: Site) -> int:
    found = ParticipationSettings.objects.filter(site=site).values_list("answer_days", flat=True)
    return next(iter(found), settings.PARTICIPATION["ANSWER_DAYS"])


@transaction.atomic
def submit_question(site: Site, data: dict) -> Question:
    """Store a validated `QuestionForm`'s data for `site` (already routed). Raises
    DuplicateSubmission when the same contact sent the same question recently."""
    digest = fingerprint(*contact_keys(data["email"], data["phone"]), data["topic"], data["text"])
    earlier = Question.objects.filter(fingerprint=digest, created_at__gte=duplicate_since())
    earlier = earlier.order_by("-created_at").first()
    if earlier is not None:
        raise DuplicateSubmission(
            _("Câu hỏi này đã được gửi, mã theo dõi %(code)s.") % {"code": earlier.code},
            code=earlier.code,
        )
    question = Question(
        code=new_code(),
        site=site,
        sector=data.get("sector"),
        topic=data["topic"].strip(),
        text=data["text"].strip(),
        name=data["name"],
        email=data["email"],
        phone=data["phone"],
        consent_at=timezone.now(),
        fingerprint=digest,
    )
    if data.get("attachment"):
        question.attachment.save(data["attachment"].name, data["attachment"], save=False)
    question.save()
    QuestionEvent.objects.create(question=question, kind=EventKind.SUBMITTED, to_site=site)
    _notify_agency(question)
    logger.info("participation: question %s received by site %s", question.code, site.pk)
    return question


def record_access(user, action: str, *, question=None, consultation=None) -> None:
    SubmissionAccess.objects.create(
        user=user, action=action, question=question, consultation=consultation
    )


def _event(question: Question, kind: str, user, note: str = "", **sites) -> None:
    QuestionEvent.objects.create(question=question, kind=kind, user=user, note=note, **sites)


def _require_open(question: Question) -> None:
    if question.status in (QuestionStatus.CLOSED, QuestionStatus.PUBLISHED):
        raise ParticipationError(_("Câu hỏi đã đóng hoặc đã công khai, không thể xử lý tiếp."))


@transaction.atomic
def take(question: Question, user) -> None:
    """A staff member takes the question on: assigned to them."""
    _require_open(question)
    question.assignee = user
    if question.status == QuestionStatus.NEW:
        question.status = QuestionStatus.ASSIGNED
    question.save(update_fields=["assignee", "status", "updated_at"])
    _event(question, EventKind.ASSIGNED, user)


@transaction.atomic
def reassign(question: Question, user, to_site: Site, note: str) -> None:
    """Send the question to another agency with a note; it is new there, its answer days
    counted from now."""
    _require_open(question)
    if question.status == QuestionStatus.ANSWERED:
        raise ParticipationError(_("Câu hỏi đã được trả lời, không thể chuyển."))
    if to_site.pk == question.site_id:
        raise ParticipationError(_("Hãy chọn một cơ quan khác."))
    if not note.strip():
        raise ParticipationError(_("Cần ghi lý do chuyển."))
    from_site = question.site
    question.site = to_site
    question.status = QuestionStatus.NEW
    question.assignee = None
    question.received_at = timezone.now()
    question.save(update_fields=["site", "status", "assignee", "received_at", "updated_at"])
    _event(question, EventKind.REASSIGNED, user, note.strip(), from_site=from_site, to_site=to_site)
    _notify_agency(question)


@transaction.atomic
def request_info(question: Question, user, note: str) -> None:
    """Ask the citizen for more: the request is e-mailed (when there is an address) and
    shown on the status page, where the citizen adds the details (`provide_info`)."""
    _require_open(question)
    if not note.strip():
        raise ParticipationError(_("Cần ghi rõ thông tin cần bổ sung."))
    question.status = QuestionStatus.NEEDS_INFO
    question.save(update_fields=["status", "updated_at"])
    _event(question, EventKind.INFO_REQUESTED, user, note.strip())
    _mail_citizen(question, "participation/email/info_requested.txt", {"note": note.strip()})


@transaction.atomic
def provide_info(question: Question, text: str) -> None:
    """The citizen adds what the agency asked for (by the tracking code): kept in the
    question's history, the question back with whoever was handling it, the agency told."""
    if question.status != QuestionStatus.NEEDS_INFO:
        raise ParticipationError(_("Cơ quan không đề nghị bổ sung thông tin cho câu hỏi này."))
    question.status = QuestionStatus.ASSIGNED if question.assignee_id else QuestionStatus.NEW
    question.save(update_fields=["status", "updated_at"])
    _event(question, EventKind.INFO_PROVIDED, None, text)
    _notify_agency(question, added=True)


@transaction.atomic
def answer(question: Question, user, text: str) -> None:
    """Answer the citizen: stored, e-mailed to them, shown by their tracking code."""
    _require_open(question)
    if not text.strip():
        raise ParticipationError(_("Nội dung trả lời không được để trống."))
    question.answer = text.strip()
    question.answered_at = timezone.now()
    question.answered_by = user
    question.status = QuestionStatus.ANSWERED
    question.save(update_fields=["answer", "answered_at", "answered_by", "status", "updated_at"])
    _event(question, EventKind.ANSWERED, user)
    _mail_citizen(question, "participation/email/answered.txt", {})


@transaction.atomic
def close(question: Question, user, reason: str) -> None:
    """Close without publishing, with the reason (shown to the citizen by their code)."""
    if question.status == QuestionStatus.CLOSED:
        raise ParticipationError(_("Câu hỏi đã đóng."))
    if not reason.strip():
        raise ParticipationError(_("Cần ghi lý do đóng câu hỏi."))
    question.status = QuestionStatus.CLOSED
    question.close_reason = reason.strip()
    question.save(update_fields=["status", "close_reason", "updated_at"])
    _event(question, EventKind.CLOSED, user, reason.strip())


def qa_index(site: Site) -> QuestionAnswerIndexPage:
    """The site's "Hỏi đáp" section, created (published, empty) the first time."""
    home = site.root_page
    index = QuestionAnswerIndexPage.objects.child_of(home).first()
    if index is None:
        index = QuestionAnswerIndexPage(title=_("Hỏi đáp"), slug="hoi-dap", show_in_menus=True)
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


@transaction.atomic
def publish_as_qa(
    question: Question, user, *, title: str, procedures: list[Page] | None = None
) -> QuestionAnswerPage:
    """A Q&A page draft under the site's "Hỏi đáp", submitted to the site's approval
    workflow (the chief publishes). The asker appears by shortened name only."""
    if question.status != QuestionStatus.ANSWERED:
        raise ParticipationError(_("Chỉ công khai được câu hỏi đã trả lời."))
    if question.qa_page_id:
        raise ParticipationError(_("Câu hỏi đã có trang hỏi đáp."))
    if not title.strip():
        raise ParticipationError(_("Cần nhập tiêu đề trang hỏi đáp."))
    page = QuestionAnswerPage(
        title=title.strip(),
        question=question.text,
        asker=shortened_name(question.name),
        asked_on=timezone.localdate(question.created_at),
        answer=linebreaks(escape(question.answer)),
        answered_on=timezone.localdate(question.answered_at)
        if question.answered_at
        else date.today(),
        sector=question.sector,
        live=False,
        owner=user,
    )
    for procedure in procedures or []:
        page.related_procedures.add(QuestionAnswerProcedure(procedure=procedure))
    qa_index(question.site).add_child(instance=page)
    page.save_revision(user=user)
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, user)
    question.qa_page = page
    question.save(update_fields=["qa_page", "updated_at"])
    _event(question, EventKind.PUBLISH_REQUESTED, user)
    return page


def mark_published(page: QuestionAnswerPage) -> None:
    """The Q&A page went live: its question is published (signal_handlers)."""
    for question in Question.objects.filter(qa_page=page).exclude(status=QuestionStatus.PUBLISHED):
        question.status = QuestionStatus.PUBLISHED
        question.save(update_fields=["status", "updated_at"])
        _event(question, EventKind.PUBLISHED, None)


def status_data(question: Question) -> dict:
    """What the tracking code shows anyone who holds it: no name, contact, question text or
    attachment; the answer (the agency's words) once given."""
    agency = getattr(question.site, "agency", None)
    request_note = ""
    if question.status == QuestionStatus.NEEDS_INFO:
        last = question.events.filter(kind=EventKind.INFO_REQUESTED).last()
        request_note = last.note if last else ""
    return {
        "code": question.code,
        "status": question.status,
        "status_label": question.get_status_display(),
        "agency": agency.name if agency else question.site.site_name,
        "submitted_at": question.created_at.isoformat(),
        "answered_at": question.answered_at.isoformat() if question.answered_at else None,
        "answer": question.answer
        if question.status in (QuestionStatus.ANSWERED, QuestionStatus.PUBLISHED)
        else None,
        "info_requested": request_note or None,
        "close_reason": question.close_reason if question.status == QuestionStatus.CLOSED else None,
        "qa_page_id": question.qa_page_id if question.status == QuestionStatus.PUBLISHED else None,
    }


def _site_url(site: Site) -> str:
    return site.root_url.rstrip("/")


def _mail_citizen(question: Question, template: str, extra: dict) -> bool:
    """E-mail the citizen when they gave an address. A mail failure does not undo the
    agency's work; it is logged by code only."""
    if not question.email:
        return False
    agency = getattr(question.site, "agency", None)
    context = {
        "question": question,
        "agency_name": agency.name if agency else question.site.site_name,
        "status_url": f"{_site_url(question.site)}/hoi-dap/tra-cuu/?code={question.code}",
        **extra,
    }
    subject = _("[%(agency)s] Câu hỏi %(code)s") % {
        "agency": context["agency_name"],
        "code": question.code,
    }
    try:
        send_mail(
            subject,
            render_to_string(template, context),
            settings.DEFAULT_FROM_EMAIL,
            [question.email],
        )
    except OSError:
        logger.warning("participation: mail about question %s could not be sent", question.code)
        return False
    return True


def _notify_agency(question: Question, added: bool = False) -> None:
    """Tell the agency's inbox address that a question arrived (`added`: that its citizen
    added the details asked for): its code only."""
    address = ParticipationSettings.objects.filter(site=question.site).values_list(
        "notify_email", flat=True
    )
    address = next(iter(address), "")
    if not address:
        return
    try:
        if added:
            subject = _("Công dân đã bổ sung thông tin, câu hỏi %(code)s")
            body = _("Câu hỏi mã %(code)s đã được công dân bổ sung thông tin.")
        else:
            subject = _("Câu hỏi mới %(code)s")
            body = _("Có câu hỏi mới (mã %(code)s) trong hộp thư hỏi đáp của cơ quan.")
        send_mail(
            subject % {"code": question.code},
            body % {"code": question.code},
            settings.DEFAULT_FROM_EMAIL,
            [address],
        )
    except OSError:
        logger.warning("participation: notice of question %s could not be sent", question.code)


def opened(question: Question, user) -> None:
    """A staff member opened the submission: audited."""
    record_access(user, AccessAction.VIEW, question=question)
