"""Public comment on drafts (lấy ý kiến dự thảo): the consultation page and its comments."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from sites.page_permissions import PagePermissionsMixin
from sites.references import ReferenceCheckedPageForm
from sites.slugs import AsciiSlugMixin

from ..choices import CommentDisplay, CommentStatus
from ..privacy import shortened_name


class ConsultationIndexPage(PagePermissionsMixin, AsciiSlugMixin, Page):
    """The "Lấy ý kiến dự thảo" section of a site."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    base_form_class = ReferenceCheckedPageForm
    parent_page_types = ["home.HomePage"]
    subpage_types = ["participation.ConsultationPage"]
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("trang danh sách lấy ý kiến")
        verbose_name_plural = _("trang danh sách lấy ý kiến")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["consultations"] = (
            ConsultationPage.objects.child_of(self).live().public().order_by("-opens_at")
        )
        return context


class ConsultationPage(PagePermissionsMixin, AsciiSlugMixin, Page):
    """A draft put out for public comment between `opens_at` and `closes_at`."""

    issuing_agency = models.CharField(
        _("cơ quan chủ trì soạn thảo"),
        max_length=255,
        help_text=_("Ví dụ: Sở Tư pháp tỉnh Bắc Ninh."),
    )
    summary = RichTextField(_("tóm tắt dự thảo"), features=["bold", "italic", "ol", "ul", "link"])
    opens_at = models.DateTimeField(_("bắt đầu lấy ý kiến"))
    closes_at = models.DateTimeField(_("kết thúc lấy ý kiến"))
    comment_display = models.CharField(
        _("công khai ý kiến"),
        max_length=20,
        choices=CommentDisplay.choices,
        default=CommentDisplay.APPROVED,
        help_text=_("Ý kiến chỉ được công khai sau khi biên tập viên duyệt."),
    )
    result_summary = RichTextField(
        _("tổng hợp, tiếp thu, giải trình ý kiến"),
        blank=True,
        features=["bold", "italic", "ol", "ul", "link", "h3"],
        help_text=_("Công bố sau khi kết thúc lấy ý kiến."),
    )

    base_form_class = ReferenceCheckedPageForm
    parent_page_types = ["participation.ConsultationIndexPage"]
    subpage_types: list[str] = []

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    *Page.content_panels,
                    FieldPanel("issuing_agency"),
                    FieldPanel("summary"),
                    FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                    InlinePanel("documents", heading=_("Tệp dự thảo"), label=_("Tệp"), min_num=1),
                    InlinePanel("questions", heading=_("Nội dung xin ý kiến"), label=_("Câu hỏi")),
                    FieldPanel("comment_display"),
                ],
                heading=_("Dự thảo"),
            ),
            ObjectList([FieldPanel("result_summary")], heading=_("Kết quả")),
            ObjectList(Page.promote_panels, heading=_("Quảng bá")),
            ObjectList(Page.settings_panels, heading=_("Cài đặt")),
        ]
    )
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    api_fields = [
        APIField("issuing_agency"),
        APIField("summary"),
        APIField("opens_at"),
        APIField("closes_at"),
        APIField("window"),
        APIField("comment_display"),
        APIField("documents"),
        APIField("questions"),
        APIField("result_summary"),
        APIField("public_comments"),
    ]

    class Meta:
        verbose_name = _("dự thảo lấy ý kiến")
        verbose_name_plural = _("dự thảo lấy ý kiến")

    def clean(self) -> None:
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"closes_at": _("Thời điểm kết thúc phải sau thời điểm bắt đầu lấy ý kiến.")}
            )

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        # The forms read these models: imported here, not at module level.
        from ..abuse import issue_form_token
        from ..forms import CommentForm

        context = super().get_context(request, *args, **kwargs)
        context["comment_sent"] = request.GET.get("gop-y") == "ok"
        if self.window == "open":
            context["comment_form"] = CommentForm(
                initial={"form_token": issue_form_token()}, consultation=self
            )
        return context

    def window_at(self, now=None) -> str:
        """ "upcoming", "open" or "closed"."""
        now = now or timezone.now()
        if now < self.opens_at:
            return "upcoming"
        return "open" if now < self.closes_at else "closed"

    @property
    def window(self) -> str:
        return self.window_at()

    @property
    def is_open(self) -> bool:
        return self.window == "open"

    def shown_comments(self) -> models.QuerySet["Comment"]:
        if self.comment_display != CommentDisplay.APPROVED:
            return Comment.objects.none()
        return self.comments.filter(status=CommentStatus.APPROVED).select_related("question")

    @property
    def public_comments(self) -> list[dict]:
        """Approved comments, when the page shows them: the shortened name, the organisation,
        the text; never a contact."""
        return [comment.public_data() for comment in self.shown_comments()]


class ConsultationDocument(Orderable):
    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("tệp"), on_delete=models.CASCADE, related_name="+"
    )
    label = models.CharField(_("nhãn"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("label")]
    api_fields = [APIField("document"), APIField("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("tệp dự thảo")
        verbose_name_plural = _("tệp dự thảo")


class ConsultationQuestion(Orderable):
    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField(_("câu hỏi"))

    panels = [FieldPanel("text")]
    api_fields = [APIField("id"), APIField("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("nội dung xin ý kiến")
        verbose_name_plural = _("nội dung xin ý kiến")

    def __str__(self) -> str:
        return self.text


class Comment(models.Model):
    """A comment on a consultation by a citizen or an organisation. `name` (as given),
    `email` and `phone` are personal data (see `participation.Question`)."""

    consultation = models.ForeignKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="comments"
    )
    question = models.ForeignKey(
        ConsultationQuestion,
        verbose_name=_("về nội dung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("ý kiến"))
    organisation = models.CharField(_("cơ quan, tổ chức"), max_length=255, blank=True)
    name = models.CharField(_("họ và tên"), max_length=100, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    consent_at = models.DateTimeField(_("thời điểm đồng ý xử lý dữ liệu cá nhân"))
    personal_data_purged_at = models.DateTimeField(null=True, blank=True)
    fingerprint = models.CharField(max_length=64, db_index=True, editable=False)
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("ngày gửi"), auto_now_add=True)

    class Meta:
        verbose_name = _("ý kiến góp ý")
        verbose_name_plural = _("ý kiến góp ý")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def display_name(self) -> str:
        return self.organisation or shortened_name(self.name)

    def public_data(self) -> dict:
        return {
            "id": self.pk,
            "author": self.display_name,
            "question": self.question.text if self.question else None,
            "text": self.text,
            "created_at": self.created_at.isoformat(),
        }
