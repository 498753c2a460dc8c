"""Snippets of the news app: per-site categories and the portal's featured-news list."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from sites.models import SiteScopedModel


class NewsCategory(index.Indexed, SiteScopedModel):
    """A news category ("chuyên mục") of one site; each agency keeps its own list."""

    name = models.CharField(_("tên chuyên mục"), max_length=255)
    slug = models.SlugField(_("mã chuyên mục"), max_length=100, allow_unicode=False)

    panels = [FieldPanel("site"), FieldPanel("name"), FieldPanel("slug")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        # Searches by non-superusers are confined to their sites (SiteScopedPermissionPolicy).
        index.FilterField("site"),
    ]

    class Meta:
        verbose_name = _("chuyên mục tin")
        verbose_name_plural = _("chuyên mục tin")
        ordering = ["site_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "slug"], name="news_category_unique_slug")
        ]

    def __str__(self) -> str:
        return self.name


class PortalFeature(Orderable):
    """A news article of any site shown on the provincial portal's home page.

    No copy is made: the article keeps its canonical URL on its own site.
    """

    news_page = models.ForeignKey(
        "news.NewsPage",
        verbose_name=_("tin bài"),
        on_delete=models.CASCADE,
        related_name="portal_features",
    )
    featured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đưa tin"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    featured_at = models.DateTimeField(_("thời điểm đưa tin"), default=timezone.now, editable=False)

    class Meta(Orderable.Meta):
        verbose_name = _("tin trên Cổng tỉnh")
        verbose_name_plural = _("tin trên Cổng tỉnh")
        constraints = [
            models.UniqueConstraint(fields=["news_page"], name="news_portalfeature_unique_page")
        ]
        permissions = [("feature_on_portal", _("Có thể đưa tin lên Cổng tỉnh"))]

    def __str__(self) -> str:
        return str(self.news_page)

    def clean(self) -> None:
        super().clean()
        news_page_model = self._meta.get_field("news_page").related_model
        if (
            self.news_page_id
            and not news_page_model.objects.live().public().filter(pk=self.news_page_id).exists()
        ):
            raise ValidationError(
                {"news_page": _("Chỉ đưa lên Cổng tỉnh những tin đã xuất bản và công khai.")}
            )

    def save(self, *args, **kwargs) -> None:
        # New features go to the end of the list; editors drag them into place.
        if self.sort_order is None:
            last = PortalFeature.objects.aggregate(models.Max("sort_order"))["sort_order__max"]
            self.sort_order = 0 if last is None else last + 1
        super().save(*args, **kwargs)
