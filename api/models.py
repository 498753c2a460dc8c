"""Per-site and portal-wide API configuration, the content version behind ETags, and webhook
records."""

import secrets
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Site


def parse_origins(text: str) -> list[str]:
    """One origin a line, as browsers send them: scheme://host[:port], no path or slash."""
    return [line.strip().rstrip("/").lower() for line in text.splitlines() if line.strip()]


def validate_origins(text: str) -> None:
    bad = []
    for origin in parse_origins(text):
        parts = urlsplit(origin)
        if (
            parts.scheme not in ("http", "https")
            or not parts.hostname
            or parts.path
            or parts.query
            or parts.fragment
            or parts.username
        ):
            bad.append(origin)
    if bad:
        raise ValidationError(
            _("Nguồn không hợp lệ (cần dạng https://ten-mien[:cổng], không có đường dẫn): %s")
            % ", ".join(bad)
        )


def origins_field(verbose_name, help_text) -> models.TextField:
    return models.TextField(
        verbose_name, blank=True, validators=[validate_origins], help_text=help_text
    )


class OriginsMixin:
    @property
    def origins(self) -> list[str]:
        return parse_origins(self.cors_origins)


class FrontendConfig(OriginsMixin, models.Model):
    """Where a site's headless front-end lives and which browser origins may call the API."""

    site = models.OneToOneField(
        Site, verbose_name=_("trang thông tin"), on_delete=models.CASCADE, related_name="frontend"
    )
    frontend_url = models.URLField(
        _("địa chỉ front-end"),
        blank=True,
        help_text=_("Nút “Xem trước trên front-end” mở địa chỉ này kèm mã xem trước."),
    )
    cors_origins = origins_field(
        _("nguồn được phép gọi API (CORS)"),
        _(
            "Mỗi dòng một nguồn, ví dụ https://sxd.bacninh.gov.vn. Trình duyệt trên các nguồn "
            "này đọc được nội dung của trang thông tin này qua API."
        ),
    )

    class Meta:
        verbose_name = _("cấu hình front-end")
        verbose_name_plural = _("cấu hình front-end")

    def __str__(self) -> str:
        return str(self.site)


@register_setting(icon="site")
class PortalFrontendSettings(OriginsMixin, BaseGenericSetting):
    """Origins allowed to read every site: `site=*` and cross-site reads (the portal's own
    front-end showing the latest news of all agencies, for instance)."""

    cors_origins = origins_field(
        _("nguồn được đọc mọi trang thông tin (CORS)"),
        _(
            "Mỗi dòng một nguồn, ví dụ https://bacninh.gov.vn. Các nguồn này đọc được nội dung "
            "của mọi trang thông tin, kể cả site=*."
        ),
    )

    class Meta:
        verbose_name = _("front-end toàn cổng")
        verbose_name_plural = _("front-end toàn cổng")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class ContentVersion(models.Model):
    """One row; its number changes whenever public content changes (it keys ETags)."""

    version = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"v{self.version}"

    @classmethod
    def current(cls) -> "ContentVersion":
        # Read on every API request, warm or not: plain SQL, no queryset to build.
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT version, changed_at FROM {cls._meta.db_table} WHERE id = 1")
            found = cursor.fetchone()
        if found is None:
            return cls.objects.get_or_create(pk=1)[0]
        return cls(pk=1, version=found[0], changed_at=found[1])

    @classmethod
    def bump(cls) -> None:
        updated = cls.objects.filter(pk=1).update(
            version=F("version") + 1, changed_at=timezone.now()
        )
        if not updated:
            cls.objects.get_or_create(pk=1, defaults={"version": 1})


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class WebhookEndpoint(models.Model):
    site = models.ForeignKey(
        Site, verbose_name=_("trang thông tin"), on_delete=models.CASCADE, related_name="+"
    )
    url = models.URLField(_("địa chỉ nhận"), max_length=500)
    secret = models.CharField(
        _("khóa ký"),
        max_length=128,
        default=new_secret,
        help_text=_("Dùng để ký HMAC-SHA256 nội dung, gửi trong tiêu đề X-CMS-Signature."),
    )
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhook")

    def __str__(self) -> str:
        return f"{self.site.hostname} → {self.url}"


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ")
        DELIVERED = "delivered", _("Đã gửi")
        RETRYING = "retrying", _("Đang thử lại")
        FAILED = "failed", _("Thất bại")

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        verbose_name=_("webhook"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    event_id = models.UUIDField(_("mã sự kiện"), db_index=True)
    event_type = models.CharField(_("loại sự kiện"), max_length=30)
    payload = models.JSONField(_("nội dung"))
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    last_status_code = models.PositiveSmallIntegerField(_("mã phản hồi"), null=True, blank=True)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    next_attempt_at = models.DateTimeField(_("lần thử tiếp theo"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("gửi thành công lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt gửi webhook")
        verbose_name_plural = _("nhật ký gửi webhook")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.event_type} {self.event_id}"
