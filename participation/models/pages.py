"""Published questions and answers (hỏi đáp): public pages, one per answered question."""

from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from procedures.serializers import SectorSerializer
from sites.page_permissions import PagePermissionsMixin
from sites.references import ReferenceCheckedPageForm
from sites.slugs import AsciiSlugMixin

PAGE_SIZE = 20


class QuestionAnswerIndexPage(PagePermissionsMixin, AsciiSlugMixin, Page):
    """The Q&A section of a site ("Hỏi đáp"), with the question form linked from it."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    base_form_class = ReferenceCheckedPageForm
    parent_page_types = ["home.HomePage"]
    subpage_types = ["participation.QuestionAnswerPage"]
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("trang danh sách hỏi đáp")
        verbose_name_plural = _("trang danh sách hỏi đáp")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        items = (
            QuestionAnswerPage.objects.child_of(self)
            .live()
            .public()
            .select_related("sector")
            .order_by("-asked_on", "-pk")
        )
        context["items"] = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
        return context


class QuestionAnswerPage(PagePermissionsMixin, AsciiSlugMixin, Page):
    """A citizen's question and the agency's answer, made public. The page title is a short
    form of the question. The asker is shown only by a shortened name; contact details are
    never on the page (they stay on the private `participation.Question`)."""

    question = models.TextField(_("câu hỏi"))
    asker = models.CharField(
        _("người hỏi"),
        max_length=100,
        blank=True,
        help_text=_("Tên rút gọn, ví dụ “Nguyễn V. A.”; không ghi thư điện tử, điện thoại."),
    )
    asked_on = models.DateField(_("ngày hỏi"))
    answer = RichTextField(_("trả lời"), features=["bold", "italic", "ol", "ul", "link"])
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    sector = models.ForeignKey(
        "procedures.Sector",
        verbose_name=_("lĩnh vực"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions_answered",
    )

    base_form_class = ReferenceCheckedPageForm
    parent_page_types = ["participation.QuestionAnswerIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("question"),
        FieldRowPanel([FieldPanel("asker"), FieldPanel("asked_on"), FieldPanel("answered_on")]),
        FieldPanel("sector"),
        FieldPanel("answer"),
        InlinePanel("related_procedures", heading=_("Thủ tục liên quan"), label=_("Thủ tục")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("question"),
        index.SearchField("answer"),
        index.FilterField("sector"),
    ]
    api_fields = [
        APIField("question"),
        APIField("asker"),
        APIField("asked_on"),
        APIField("answer"),
        APIField("answered_on"),
        APIField("sector", serializer=SectorSerializer()),
        APIField("related_procedures"),
    ]

    class Meta:
        verbose_name = _("hỏi đáp")
        verbose_name_plural = _("hỏi đáp")


class QuestionAnswerProcedure(Orderable):
    page = ParentalKey(
        QuestionAnswerPage, on_delete=models.CASCADE, related_name="related_procedures"
    )
    procedure = models.ForeignKey(
        "procedures.ProcedurePage",
        verbose_name=_("thủ tục"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("procedure")]
    api_fields = [APIField("procedure")]

    class Meta(Orderable.Meta):
        verbose_name = _("thủ tục liên quan")
        verbose_name_plural = _("thủ tục liên quan")
