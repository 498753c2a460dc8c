"""The record of agency reorganisations (merge, rename, close) and the hostnames they retired."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site


class Reorganisation(models.Model):
    """One applied plan: what was asked (the plan file), what was done (the computed plan
    with its page, media, people and redirect lists) and by whom. Its digest makes a second
    application of the same plan a no-op."""

    name = models.CharField(_("tên kế hoạch"), max_length=255)
    digest = models.CharField(_("mã băm kế hoạch"), max_length=64, unique=True)
    spec = models.JSONField(_("kế hoạch"))
    result = models.JSONField(_("kết quả"), default=dict)
    applied_at = models.DateTimeField(_("thời điểm áp dụng"), auto_now_add=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người áp dụng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("sắp xếp cơ quan")
        verbose_name_plural = _("sắp xếp cơ quan")
        ordering = ["-applied_at"]

    def __str__(self) -> str:
        return self.name


class RetiredHostname(models.Model):
    """A hostname that no longer has its own site: requests for it answer 301 to the same
    path on `successor` (after the site's own redirects, if the old site still exists)."""

    hostname = models.CharField(_("tên miền cũ"), max_length=255, unique=True)
    successor = models.ForeignKey(
        Site,
        verbose_name=_("trang kế thừa"),
        on_delete=models.CASCADE,
        related_name="retired_hostnames",
    )
    reorganisation = models.ForeignKey(
        Reorganisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("tên miền đã thôi dùng")
        verbose_name_plural = _("tên miền đã thôi dùng")

    def __str__(self) -> str:
        return self.hostname
