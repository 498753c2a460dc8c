"""Public comment on a draft: submitting within the window, moderating, exporting."""

import csv
import io

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from .abuse import contact_keys, duplicate_since, fingerprint
from .choices import AccessAction, CommentStatus
from .models import Comment, ConsultationPage
from .services import DuplicateSubmission, ParticipationError, record_access
from .signals import comment_moderated


class WindowClosed(ParticipationError):
    """The consultation is not open (yet, or any more): `window` says which."""

    def __init__(self, message: str, window: str) -> None:
        super().__init__(message)
        self.window = window


def check_window(consultation: ConsultationPage) -> None:
    window = consultation.window
    if window == "upcoming":
        raise WindowClosed(
            _("Dự thảo chưa mở lấy ý kiến; thời gian bắt đầu: %(at)s.")
            % {"at": timezone.localtime(consultation.opens_at).strftime("%H:%M %d/%m/%Y")},
            window,
        )
    if window == "closed":
        raise WindowClosed(
            _("Đã hết thời gian lấy ý kiến (kết thúc lúc %(at)s).")
            % {"at": timezone.localtime(consultation.closes_at).strftime("%H:%M %d/%m/%Y")},
            window,
        )


@transaction.atomic
def submit_comment(consultation: ConsultationPage, data: dict) -> Comment:
    """Store a validated `CommentForm`'s data; pending moderation."""
    check_window(consultation)
    contacts = contact_keys(data["email"], data["phone"])
    digest = fingerprint(str(consultation.pk), *contacts, data["text"])
    if Comment.objects.filter(fingerprint=digest, created_at__gte=duplicate_since()).exists():
        raise DuplicateSubmission(_("Ý kiến này đã được gửi."))
    return Comment.objects.create(
        consultation=consultation,
        question=data.get("question"),
        text=data["text"].strip(),
        organisation=data.get("organisation", "").strip(),
        name=data["name"],
        email=data["email"],
        phone=data["phone"],
        consent_at=timezone.now(),
        fingerprint=digest,
    )


def moderate(comment: Comment, user, approve: bool) -> None:
    comment.status = CommentStatus.APPROVED if approve else CommentStatus.REJECTED
    comment.moderated_by = user
    comment.moderated_at = timezone.now()
    comment.save(update_fields=["status", "moderated_by", "moderated_at"])
    comment_moderated.send(sender=Comment, instance=comment)


# Without contacts by default: the drafting team weighs what was said and by whom (a person's
# name or an organisation), and answers publicly in the summary. E-mail and phone only for a
# chief or admin who asks for them, audited (docs/participation.md).
COLUMNS = [
    (_("STT"), lambda c: c.pk),
    (_("Ngày gửi"), lambda c: timezone.localtime(c.created_at).strftime("%d/%m/%Y %H:%M")),
    (_("Họ và tên"), lambda c: c.name),
    (_("Cơ quan, tổ chức"), lambda c: c.organisation),
    (_("Về nội dung"), lambda c: c.question.text if c.question else ""),
    (_("Ý kiến"), lambda c: c.text),
    (_("Trạng thái"), lambda c: c.get_status_display()),
]
CONTACT_COLUMNS = [
    (_("Thư điện tử"), lambda c: c.email),
    (_("Điện thoại"), lambda c: c.phone),
]


def export_rows(consultation: ConsultationPage, with_contacts: bool = False) -> list[list]:
    columns = COLUMNS + (CONTACT_COLUMNS if with_contacts else [])
    comments = consultation.comments.select_related("question").order_by("created_at", "pk")
    rows = [[str(title) for title, _value in columns]]
    rows += [[value(comment) for _title, value in columns] for comment in comments]
    return rows


def _cell(value: object) -> object:
    # A cell starting with =, +, - or @ is a formula to a spreadsheet: written as text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def export_comments(
    consultation: ConsultationPage, user, file_format: str, with_contacts: bool = False
) -> tuple[bytes, str]:
    """All comments (every status) as CSV (UTF-8 with BOM, for Excel) or XLSX; audited."""
    if file_format not in ("csv", "xlsx"):
        raise ParticipationError(_("Định dạng xuất phải là csv hoặc xlsx."))
    action = AccessAction.EXPORT_CONTACTS if with_contacts else AccessAction.EXPORT
    record_access(user, action, consultation=consultation)
    rows = [[_cell(value) for value in row] for row in export_rows(consultation, with_contacts)]
    if file_format == "csv":
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        return ("\ufeff" + buffer.getvalue()).encode(), "text/csv; charset=utf-8"
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Ý kiến")
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return (
        buffer.getvalue(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
