"""News pages: the per-site news index and the article."""

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable, Page
from wagtail.search import index

from sites.page_permissions import PagePermissionsMixin
from sites.references import ReferenceCheckedPageForm
from sites.slugs import AsciiSlugMixin
from sites.visibility import Visibility

from .blocks import NewsBodyBlock
from .dates import format_vietnamese_datetime
from .forms import NewsPageForm
from .serializers import CategoriesField, PageLinkField
from .snippets import NewsCategory, PortalFeature

__all__ = [
    "NewsCategory",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageRelatedPage",
    "NewsPageTag",
    "PortalFeature",
]

PAGE_SIZE = 10


class NewsIndexPage(PagePermissionsMixin, AsciiSlugMixin, Page):
    """The news section of one site ("Tin tức")."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    base_form_class = ReferenceCheckedPageForm
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("trang danh sách tin")
        verbose_name_plural = _("trang danh sách tin")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = (
            NewsPage.objects.child_of(self)
            .live()
            .public()
            .select_related("featured_image")
            .order_by("-published_at", "-pk")
        )
        categories = NewsCategory.objects.filter(site_id=self.get_site().pk)
        current_category = categories.filter(slug=request.GET.get("category", "")).first()
        if request.GET.get("category"):
            news = news.filter(categories=current_category) if current_category else news.none()
        # Pagination links keep the category filter.
        params = request.GET.copy()
        params.pop("page", None)
        context.update(
            news_page=Paginator(news, PAGE_SIZE).get_page(request.GET.get("page")),
            categories=categories,
            current_category=current_category,
            filter_query=params.urlencode(),
        )
        return context


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPage(PagePermissionsMixin, AsciiSlugMixin, Page):
    """A news article ("tin bài")."""

    summary = models.TextField(
        _("sa pô"), blank=True, help_text=_("Đoạn tóm tắt in đậm đầu bài, dùng cả ở danh sách tin.")
    )
    published_at = models.DateTimeField(_("ngày đăng"), default=timezone.now, db_index=True)
    featured_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    featured_image_caption = models.CharField(
        _("chú thích ảnh đại diện"), max_length=500, blank=True
    )
    body = StreamField(NewsBodyBlock(), verbose_name=_("nội dung"), blank=True)
    author = models.CharField(
        _("tác giả / nguồn"), max_length=255, blank=True, help_text=_("Ví dụ: T.D")
    )
    categories = ParentalManyToManyField(
        "news.NewsCategory", verbose_name=_("chuyên mục"), blank=True, related_name="pages"
    )
    tags = ClusterTaggableManager(verbose_name=_("từ khóa"), through="news.NewsPageTag", blank=True)
    feature_on_portal = models.BooleanField(
        _("Đề xuất đăng trên Cổng tỉnh"),
        default=False,
        help_text=_("Ban biên tập Cổng tỉnh xem xét và đưa tin lên trang chủ Cổng tỉnh."),
    )

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    base_form_class = NewsPageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("published_at"),
        MultiFieldPanel(
            [FieldPanel("featured_image"), FieldPanel("featured_image_caption")],
            heading=_("Ảnh đại diện"),
        ),
        FieldPanel("body"),
        FieldPanel("author"),
        InlinePanel("related_pages", label=_("Tin liên quan")),
    ]
    promote_panels = [
        *Page.promote_panels,
        FieldPanel("categories"),
        FieldPanel("tags"),
        FieldPanel("feature_on_portal"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("published_at"),
        APIField("published_at_display"),
        APIField("featured_image"),
        APIField(
            "featured_image_thumbnail",
            serializer=ImageRenditionField("fill-400x225", source="featured_image"),
        ),
        APIField(
            "featured_image_large",
            serializer=ImageRenditionField("width-1200", source="featured_image"),
        ),
        APIField("featured_image_caption"),
        APIField("body"),
        APIField("author"),
        APIField("categories", serializer=CategoriesField()),
        APIField("tags"),
        APIField("related_pages"),
        APIField("feature_on_portal"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("author"),
        index.FilterField("published_at"),
        index.FilterField("feature_on_portal"),
        index.RelatedFields("categories", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    class Meta:
        verbose_name = _("tin bài")
        verbose_name_plural = _("tin bài")
        indexes = [
            # A filtered list (a category's, a tag's) finds its pages through the link table,
            # then sorts them by date: read from the index, not from each page's row.
            models.Index(fields=["page_ptr"], include=["published_at"], name="news_page_published"),
        ]

    @property
    def published_at_display(self) -> str:
        return format_vietnamese_datetime(self.published_at) if self.published_at else ""

    @property
    def teaser(self) -> str:
        """The sapo, or the start of the first paragraph when there is none."""
        if self.summary:
            return self.summary
        for block in self.body:
            if block.block_type == "paragraph":
                return Truncator(strip_tags(block.value.source)).words(40)
        return ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        visibility = Visibility.for_request(request)
        context["related_links"] = [
            link.related_page
            for link in self.related_pages.select_related("related_page")
            if visibility.allows(link.related_page)
        ]
        return context


class NewsPageRelatedPage(Orderable):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_pages")
    related_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("trang liên quan"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("related_page")]
    api_fields = [APIField("related_page", serializer=PageLinkField())]

    class Meta(Orderable.Meta):
        verbose_name = _("tin liên quan")
        verbose_name_plural = _("tin liên quan")
