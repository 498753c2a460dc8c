"""The states of a citizen's question and of a comment on a draft."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionStatus(models.TextChoices):
    NEW = "new", _("Mới")
    ASSIGNED = "assigned", _("Đang xử lý")
    NEEDS_INFO = "needs_info", _("Cần bổ sung thông tin")
    ANSWERED = "answered", _("Đã trả lời")
    PUBLISHED = "published", _("Đã công khai hỏi đáp")
    CLOSED = "closed", _("Đã đóng")


# States in which the agency still owes the citizen an answer (counted for "overdue").
OPEN_STATUSES = [QuestionStatus.NEW, QuestionStatus.ASSIGNED, QuestionStatus.NEEDS_INFO]
# States after which personal data may be purged once the retention period has passed.
FINISHED_STATUSES = [QuestionStatus.ANSWERED, QuestionStatus.PUBLISHED, QuestionStatus.CLOSED]


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Tiếp nhận")
    ASSIGNED = "assigned", _("Nhận xử lý")
    REASSIGNED = "reassigned", _("Chuyển cơ quan khác")
    INFO_REQUESTED = "info_requested", _("Đề nghị bổ sung thông tin")
    INFO_PROVIDED = "info_provided", _("Công dân bổ sung thông tin")
    ANSWERED = "answered", _("Trả lời")
    PUBLISH_REQUESTED = "publish_requested", _("Gửi duyệt công khai")
    PUBLISHED = "published", _("Công khai hỏi đáp")
    CLOSED = "closed", _("Đóng")
    PURGED = "purged", _("Xóa dữ liệu cá nhân")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    REJECTED = "rejected", _("Không duyệt")


class CommentDisplay(models.TextChoices):
    HIDDEN = "hidden", _("Không công khai ý kiến")
    APPROVED = "approved", _("Công khai ý kiến đã duyệt")


class AccessAction(models.TextChoices):
    VIEW = "view", _("Xem")
    DOWNLOAD = "download", _("Tải tệp đính kèm")
    EXPORT = "export", _("Xuất danh sách ý kiến")
    EXPORT_CONTACTS = "export_contacts", _("Xuất danh sách ý kiến kèm liên hệ")
