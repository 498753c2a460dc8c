from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import AccessAction


class SubmissionAccess(models.Model):
    """One staff user opening a submission (question or comment list): who, what, when.
    Kept after a purge: it names staff, not citizens."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("thao tác"), max_length=20, choices=AccessAction.choices)
    question = models.ForeignKey(
        "participation.Question",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="accesses",
    )
    consultation = models.ForeignKey(
        "participation.ConsultationPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="accesses",
    )
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        verbose_name = _("lượt truy cập dữ liệu")
        verbose_name_plural = _("lượt truy cập dữ liệu")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%d/%m/%Y %H:%M}"
