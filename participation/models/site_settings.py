from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


def _default_answer_days() -> int:
    return settings.PARTICIPATION["ANSWER_DAYS"]


@register_setting(icon="help")
class ParticipationSettings(BaseSiteSetting):
    """Per site: how many days the agency gives itself to answer a question."""

    answer_days = models.PositiveSmallIntegerField(
        _("thời hạn trả lời (ngày)"),
        default=_default_answer_days,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("Câu hỏi chưa được trả lời sau số ngày này được đánh dấu quá hạn."),
    )
    notify_email = models.EmailField(
        _("thư nhận thông báo câu hỏi mới"),
        blank=True,
        help_text=_("Để trống nếu không cần gửi thư khi có câu hỏi mới."),
    )

    panels = [FieldPanel("answer_days"), FieldPanel("notify_email")]

    class Meta:
        verbose_name = _("cài đặt hỏi đáp")
        verbose_name_plural = _("cài đặt hỏi đáp")
