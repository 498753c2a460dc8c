"""Per-site settings edited by each site's own admins (Wagtail GroupSitePermission)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock

from ..references import ReferenceCheckedModelForm


class FooterLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Tiêu đề"), max_length=100)
    subtitle = blocks.CharBlock(label=_("Mô tả ngắn"), required=False, max_length=200)
    url = blocks.URLBlock(label=_("Đường dẫn"))
    icon = ImageChooserBlock(label=_("Biểu tượng"), required=False)

    class Meta:
        icon = "link"
        label = _("Liên kết chân trang")


class SocialLinkBlock(blocks.StructBlock):
    network = blocks.ChoiceBlock(
        label=_("Mạng xã hội"),
        choices=[
            ("facebook", "Facebook"),
            ("zalo", "Zalo"),
            ("youtube", "YouTube"),
            ("tiktok", "TikTok"),
            ("other", _("Khác")),
        ],
    )
    url = blocks.URLBlock(label=_("Đường dẫn"))

    class Meta:
        icon = "site"
        label = _("Mạng xã hội")


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    display_name = models.CharField(_("tên hiển thị"), max_length=255, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    hotline = models.CharField(_("đường dây nóng"), max_length=50, blank=True)
    working_hours = models.CharField(
        _("giờ làm việc"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Sáng 7h30–11h30, chiều 13h30–17h00, thứ hai đến thứ sáu."),
    )
    footer_links = StreamField(
        [("link", FooterLinkBlock())], verbose_name=_("liên kết chân trang"), blank=True
    )
    social_links = StreamField(
        [("social", SocialLinkBlock())], verbose_name=_("mạng xã hội"), blank=True
    )
    online_service_url = models.URLField(
        _("cổng dịch vụ công trực tuyến"),
        max_length=500,
        blank=True,
        help_text=_(
            "Nơi người dân nộp hồ sơ trực tuyến cho các thủ tục của trang không có địa chỉ "
            "riêng trên Cổng Dịch vụ công quốc gia, ví dụ https://dichvucong.bacninh.gov.vn/."
        ),
    )
    alert_message = models.CharField(
        _("nội dung thông báo"),
        max_length=500,
        blank=True,
        help_text=_("Hiển thị nổi bật trên đầu mọi trang trong khoảng thời gian dưới đây."),
    )
    alert_url = models.URLField(_("đường dẫn thông báo"), blank=True)
    alert_starts_at = models.DateTimeField(_("bắt đầu hiển thị"), null=True, blank=True)
    alert_ends_at = models.DateTimeField(_("kết thúc hiển thị"), null=True, blank=True)

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("display_name"),
                    FieldPanel("logo"),
                    MultiFieldPanel(
                        [
                            FieldPanel("address"),
                            FieldPanel("phone"),
                            FieldPanel("email"),
                            FieldPanel("hotline"),
                            FieldPanel("working_hours"),
                        ],
                        heading=_("Liên hệ"),
                    ),
                    FieldPanel("online_service_url"),
                ],
                heading=_("Thông tin chung"),
            ),
            ObjectList(
                [FieldPanel("footer_links"), FieldPanel("social_links")],
                heading=_("Chân trang"),
            ),
            ObjectList(
                [
                    FieldPanel("alert_message"),
                    FieldPanel("alert_url"),
                    FieldPanel("alert_starts_at"),
                    FieldPanel("alert_ends_at"),
                ],
                heading=_("Thông báo"),
            ),
        ],
        base_form_class=ReferenceCheckedModelForm,
    )

    class Meta:
        verbose_name = _("cấu hình trang")

    def clean(self) -> None:
        super().clean()
        if (
            self.alert_starts_at
            and self.alert_ends_at
            and self.alert_ends_at <= self.alert_starts_at
        ):
            raise ValidationError(
                {"alert_ends_at": _("Thời điểm kết thúc phải sau thời điểm bắt đầu.")}
            )

    @classmethod
    def online_service_url_of(cls, site_id: int, request: HttpRequest | None = None) -> str | None:
        """The online public service portal of a site, without creating its settings row on a
        read (as for_site does). Under a request each site's is read once, for all the
        procedures of that site one API listing shows (never every site's: a thousand sites
        would be read for one)."""
        by_site = {} if request is None else request.__dict__.setdefault("_online_service_urls", {})
        if site_id not in by_site:
            urls = cls.objects.filter(site_id=site_id).values_list("online_service_url", flat=True)
            by_site[site_id] = urls.first() or None
        return by_site[site_id]

    def alert_is_active(self, now=None) -> bool:
        """Whether the banner shows now: it has text and `now` falls within its window."""
        if not self.alert_message:
            return False
        now = now or timezone.now()
        if self.alert_starts_at and now < self.alert_starts_at:
            return False
        return not (self.alert_ends_at and now >= self.alert_ends_at)
