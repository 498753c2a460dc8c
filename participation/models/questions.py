"""A citizen's question to an agency and its history."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from ..choices import OPEN_STATUSES, EventKind, QuestionStatus
from ..storage import private_storage


class QuestionQuerySet(models.QuerySet):
    def for_sites(self, sites) -> "QuestionQuerySet":
        return self.filter(site__in=sites)

    def open(self) -> "QuestionQuerySet":
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, now=None) -> "QuestionQuerySet":
        """Open questions older than their site's answer days (default when unset)."""
        now = now or timezone.now()
        default = settings.PARTICIPATION["ANSWER_DAYS"]
        days = models.functions.Coalesce(
            models.Subquery(
                _settings_model()
                .objects.filter(site=models.OuterRef("site"))
                .values("answer_days")[:1]
            ),
            models.Value(default),
        )
        deadline = models.ExpressionWrapper(
            models.F("received_at") + days * timedelta(days=1),
            output_field=models.DateTimeField(),
        )
        return self.open().alias(deadline=deadline).filter(deadline__lt=now)


def _settings_model():
    from .site_settings import ParticipationSettings

    return ParticipationSettings


class Question(models.Model):
    """A question (hỏi đáp) sent by a citizen to the agency of `site`.

    `name`, `email`, `phone` and `attachment` are personal data: shown to the handling
    agency's staff only, never in the API, search, exports or logs, and erased by
    `purge_personal_data` after the retention period (docs/participation.md)."""

    code = models.CharField(_("mã theo dõi"), max_length=20, unique=True)
    site = models.ForeignKey(
        Site, verbose_name=_("cơ quan xử lý"), on_delete=models.PROTECT, related_name="+"
    )
    sector = models.ForeignKey(
        "procedures.Sector",
        verbose_name=_("lĩnh vực"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topic = models.CharField(_("chủ đề"), max_length=200)
    text = models.TextField(_("nội dung câu hỏi"))
    # Personal data.
    name = models.CharField(_("họ và tên"), max_length=100, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    attachment = models.FileField(
        _("tệp đính kèm"),
        storage=private_storage,
        upload_to="questions/%Y/%m/",
        blank=True,
    )
    consent_at = models.DateTimeField(_("thời điểm đồng ý xử lý dữ liệu cá nhân"))
    personal_data_purged_at = models.DateTimeField(
        _("đã xóa dữ liệu cá nhân lúc"), null=True, blank=True
    )
    # Duplicate detection: a digest of the contact and the folded text, never the text itself.
    fingerprint = models.CharField(max_length=64, db_index=True, editable=False)

    status = models.CharField(
        _("trạng thái"), max_length=20, choices=QuestionStatus.choices, default=QuestionStatus.NEW
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xử lý"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    received_at = models.DateTimeField(
        _("ngày tiếp nhận"),
        default=timezone.now,
        help_text=_("Ngày cơ quan hiện tại nhận câu hỏi; thời hạn trả lời tính từ ngày này."),
    )
    created_at = models.DateTimeField(_("ngày gửi"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answered_at = models.DateTimeField(_("ngày trả lời"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    close_reason = models.TextField(_("lý do đóng"), blank=True)
    qa_page = models.ForeignKey(
        "participation.QuestionAnswerPage",
        verbose_name=_("trang hỏi đáp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("câu hỏi")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["site", "status"])]

    def __str__(self) -> str:
        return self.code

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def deadline(self, answer_days: int) -> "timezone.datetime":
        return self.received_at + timedelta(days=answer_days)


class QuestionEvent(models.Model):
    """One step of a question's history: received, reassigned (from → to, with a note),
    info requested, answered, published, closed."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("thao tác"), max_length=20, choices=EventKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_site = models.ForeignKey(
        Site, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_site = models.ForeignKey(
        Site, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("ghi chú"), blank=True)
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        verbose_name = _("lịch sử xử lý")
        verbose_name_plural = _("lịch sử xử lý")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.get_kind_display()}"
