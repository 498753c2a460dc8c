"""Legal documents (văn bản pháp luật) and their index."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from procedures.serializers import SectorSerializer
from sites.page_permissions import PagePermissionsMixin
from sites.references import ReferenceCheckedPageForm
from sites.slugs import AsciiSlugMixin

from .choices import DocumentStatus, DocumentType, RelationType
from .validators import normalise_number, validate_document_number

DOCUMENTS_PER_PAGE = 20


class LegalDocumentIndexPage(PagePermissionsMixin, AsciiSlugMixin, Page):
    intro = RichTextField(_("giới thiệu"), blank=True, features=["bold", "italic", "link"])

    base_form_class = ReferenceCheckedPageForm
    parent_page_types = ["home.HomePage"]
    subpage_types = ["legaldocs.LegalDocumentPage"]
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("danh mục văn bản")
        verbose_name_plural = _("danh mục văn bản")

    def documents(self) -> models.QuerySet["LegalDocumentPage"]:
        return (
            LegalDocumentPage.objects.child_of(self)
            .live()
            .public()
            .order_by("-issue_date", "number")
        )

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        documents = self.documents()
        selected_type = request.GET.get("type", "")
        if selected_type in DocumentType.values:
            documents = documents.filter(document_type=selected_type)
        else:
            selected_type = ""
        page_obj = Paginator(documents, DOCUMENTS_PER_PAGE).get_page(request.GET.get("page"))
        context.update(
            documents=page_obj,
            document_types=DocumentType.choices,
            selected_type=selected_type,
            filter_query=f"type={selected_type}" if selected_type else "",
        )
        return context


class LegalDocumentPage(PagePermissionsMixin, AsciiSlugMixin, Page):
    """A legal document; the page title is its abstract's short form (tên văn bản)."""

    number = models.CharField(
        _("số ký hiệu"),
        max_length=100,
        db_index=True,
        validators=[validate_document_number],
        help_text=_("Ví dụ: 42/2022/NĐ-CP, 25/2018/TT-BNNPTNT, 1234/QĐ-UBND."),
    )
    document_type = models.CharField(_("loại văn bản"), max_length=20, choices=DocumentType.choices)
    issuing_body = models.CharField(
        _("cơ quan ban hành"), max_length=255, help_text=_("Ví dụ: Chính phủ, UBND tỉnh Bắc Ninh.")
    )
    signer = models.CharField(_("người ký"), max_length=255, blank=True)
    issue_date = models.DateField(_("ngày ban hành"))
    effective_date = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    expiry_date = models.DateField(_("ngày hết hiệu lực"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng hiệu lực"),
        max_length=30,
        choices=DocumentStatus.choices,
        default=DocumentStatus.IN_FORCE,
    )
    sector = models.ForeignKey(
        "procedures.Sector",
        verbose_name=_("lĩnh vực"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="legal_documents",
    )
    abstract = models.TextField(
        _("trích yếu"), help_text=_("Nội dung tóm tắt của văn bản như ghi trên văn bản.")
    )

    base_form_class = ReferenceCheckedPageForm
    parent_page_types = ["legaldocs.LegalDocumentIndexPage"]
    subpage_types: list[str] = []

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    TitleFieldPanel("title", heading=_("Tên văn bản")),
                    FieldRowPanel([FieldPanel("number"), FieldPanel("document_type")]),
                    FieldRowPanel([FieldPanel("issuing_body"), FieldPanel("signer")]),
                    FieldPanel("sector"),
                    FieldPanel("abstract"),
                ],
                heading=_("Thông tin văn bản"),
            ),
            ObjectList(
                [
                    FieldRowPanel(
                        [
                            FieldPanel("issue_date"),
                            FieldPanel("effective_date"),
                            FieldPanel("expiry_date"),
                        ]
                    ),
                    FieldPanel("status"),
                    InlinePanel("related_documents", heading=_("Văn bản liên quan")),
                ],
                heading=_("Hiệu lực"),
            ),
            ObjectList(
                [InlinePanel("attachments", heading=_("Tệp đính kèm"), label=_("Tệp"))],
                heading=_("Tệp đính kèm"),
            ),
            ObjectList(Page.promote_panels, heading=_("Quảng bá")),
            ObjectList(Page.settings_panels, heading=_("Cài đặt")),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("number"),
        index.AutocompleteField("number"),
        index.SearchField("abstract"),
        index.SearchField("issuing_body"),
        index.FilterField("document_type"),
        index.FilterField("issuing_body"),
        index.FilterField("issue_date"),
        index.FilterField("status"),
        index.FilterField("sector"),
    ]
    api_fields = [
        APIField("number"),
        APIField("document_type"),
        APIField("issuing_body"),
        APIField("signer"),
        APIField("issue_date"),
        APIField("effective_date"),
        APIField("expiry_date"),
        APIField("status"),
        APIField("sector", serializer=SectorSerializer()),
        APIField("abstract"),
        APIField("attachments"),
        APIField("related_documents"),
    ]

    class Meta:
        verbose_name = _("văn bản pháp luật")
        verbose_name_plural = _("văn bản pháp luật")

    def clean(self) -> None:
        if self.number:
            self.number = normalise_number(self.number)
        super().clean()
        errors: dict[str, ValidationError] = {}
        if self.issue_date and self.effective_date and self.effective_date < self.issue_date:
            errors["effective_date"] = ValidationError(
                _("Ngày có hiệu lực không được trước ngày ban hành (%(issue_date)s)."),
                params={"issue_date": self.issue_date.strftime("%d/%m/%Y")},
            )
        start = self.effective_date or self.issue_date
        if start and self.expiry_date and self.expiry_date < start:
            errors["expiry_date"] = ValidationError(
                _("Ngày hết hiệu lực không được trước ngày có hiệu lực hoặc ngày ban hành.")
            )
        if errors:
            raise ValidationError(errors)


class LegalDocumentAttachment(Orderable):
    page = ParentalKey(LegalDocumentPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("tệp"), on_delete=models.CASCADE, related_name="+"
    )
    label = models.CharField(
        _("nhãn"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Bản PDF có chữ ký số, Phụ lục I. Để trống để dùng tên tệp."),
    )

    panels = [FieldPanel("document"), FieldPanel("label")]
    api_fields = [APIField("document"), APIField("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    @property
    def display_label(self) -> str:
        return self.label or self.document.title


class RelatedLegalDocument(Orderable):
    page = ParentalKey(
        LegalDocumentPage, on_delete=models.CASCADE, related_name="related_documents"
    )
    relation = models.CharField(_("quan hệ"), max_length=20, choices=RelationType.choices)
    target = models.ForeignKey(
        LegalDocumentPage,
        verbose_name=_("văn bản"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [
        FieldPanel("relation"),
        FieldPanel("target"),
    ]
    api_fields = [APIField("relation"), APIField("target")]

    class Meta(Orderable.Meta):
        verbose_name = _("văn bản liên quan")
        verbose_name_plural = _("văn bản liên quan")

    def clean(self) -> None:
        super().clean()
        if self.target_id is not None and self.target_id == self.page_id:
            raise ValidationError({"target": _("Văn bản không thể liên quan đến chính nó.")})
