"""Repeating parts of a procedure page: dossier components, fees and legal basis."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.models import Orderable


class DossierComponent(Orderable):
    """Thành phần hồ sơ: one document the applicant hands in."""

    page = ParentalKey(
        "procedures.ProcedurePage", on_delete=models.CASCADE, related_name="dossier_components"
    )

    class Kind(models.TextChoices):
        DOCUMENT = "giay_to", _("Giấy tờ phải nộp hoặc xuất trình")
        NOTE = "ghi_chu", _("Ghi chú")

    case = models.CharField(
        _("trường hợp"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Nhóm giấy tờ theo trường hợp, ví dụ “Giấy tờ phải xuất trình” hoặc “Trường hợp "
            "ủy quyền”. Các dòng cùng trường hợp được hiển thị cùng nhau."
        ),
    )
    kind = models.CharField(
        _("loại"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.DOCUMENT,
        help_text=_("Ghi chú là lời dặn cho người dân, không phải một giấy tờ cần mang theo."),
    )
    name = models.TextField(_("tên giấy tờ"))
    originals = models.PositiveSmallIntegerField(_("số bản chính"), default=0)
    copies = models.PositiveSmallIntegerField(_("số bản sao"), default=0)
    required = models.BooleanField(_("bắt buộc"), default=True)
    form_template = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("mẫu đơn, tờ khai"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("case")]),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("originals"), FieldPanel("copies"), FieldPanel("required")]),
        FieldPanel("form_template"),
    ]
    api_fields = [
        APIField("kind"),
        APIField("case"),
        APIField("name"),
        APIField("originals"),
        APIField("copies"),
        APIField("required"),
        APIField("form_template"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")

    def __str__(self) -> str:
        return self.name


class ProcedureFee(Orderable):
    """Phí, lệ phí: an amount in VND, or a text when the fee is not a fixed number."""

    page = ParentalKey("procedures.ProcedurePage", on_delete=models.CASCADE, related_name="fees")
    description = models.CharField(_("nội dung"), max_length=500)
    amount = models.PositiveBigIntegerField(
        _("mức thu (đồng)"),
        null=True,
        blank=True,
        help_text=_("Số tiền bằng đồng, không có dấu chấm, ví dụ 50000."),
    )
    amount_text = models.CharField(
        _("mức thu (diễn giải)"),
        max_length=1000,
        blank=True,
        help_text=_("Dùng khi mức thu không phải một số cố định, ví dụ: 5% giá thiết kế."),
    )

    panels = [
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("amount"), FieldPanel("amount_text")]),
    ]
    api_fields = [APIField("description"), APIField("amount"), APIField("amount_text")]

    class Meta(Orderable.Meta):
        verbose_name = _("phí, lệ phí")
        verbose_name_plural = _("phí, lệ phí")

    def __str__(self) -> str:
        return self.description

    def clean(self) -> None:
        super().clean()
        if self.amount is None and not self.amount_text.strip():
            raise ValidationError(_("Nhập mức thu bằng số hoặc phần diễn giải."))


class LegalBasis(Orderable):
    """Căn cứ pháp lý: a legal document, linked to its page when the site publishes it."""

    page = ParentalKey(
        "procedures.ProcedurePage", on_delete=models.CASCADE, related_name="legal_basis"
    )
    document_number = models.CharField(_("số ký hiệu"), max_length=100, blank=True)
    title = models.CharField(_("trích yếu"), max_length=1000)
    issue_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    document_page = models.ForeignKey(
        "legaldocs.LegalDocumentPage",
        verbose_name=_("trang văn bản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("document_number"), FieldPanel("issue_date")]),
        FieldPanel("title"),
        FieldPanel("document_page"),
    ]
    api_fields = [
        APIField("document_number"),
        APIField("title"),
        APIField("issue_date"),
        APIField("document_page"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("căn cứ pháp lý")
        verbose_name_plural = _("căn cứ pháp lý")

    def __str__(self) -> str:
        return f"{self.document_number} {self.title}".strip()
