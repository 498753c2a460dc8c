from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AutosavedDraft(models.Model):
    """A page that autosave created while its editor was still writing, and that nobody has
    saved, submitted or published since (editorial.drafts)."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="autosaved_draft",
        verbose_name=_("trang"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("người viết"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("bản nháp tự lưu")
        verbose_name_plural = _("bản nháp tự lưu")

    def __str__(self) -> str:
        return str(self.page)
