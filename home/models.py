from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from sites.page_permissions import PagePermissionsMixin
from sites.references import ReferenceCheckedPageForm
from sites.slugs import AsciiSlugMixin

from .blocks import StandardBodyBlock
from .services import featured_procedures

PORTAL_FEATURED_LIMIT = 5
LATEST_NEWS_LIMIT = 10


class HomePage(PagePermissionsMixin, AsciiSlugMixin, Page):
    """The root page of a site: the provincial portal or an agency's sub-site."""

    intro = models.CharField(_("giới thiệu ngắn"), max_length=500, blank=True)
    body = RichTextField(_("nội dung"), blank=True)

    base_form_class = ReferenceCheckedPageForm
    # Strings, so the tree accepts sections whose apps are still being built.
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "news.NewsIndexPage",
        "procedures.ProcedureIndexPage",
        "legaldocs.LegalDocumentIndexPage",
        "home.StandardPage",
        "participation.QuestionAnswerIndexPage",
        "participation.ConsultationIndexPage",
    ]

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    api_fields = [APIField("intro"), APIField("body")]

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")

    def get_context(self, request, *args, **kwargs):
        # news imports home.blocks, so its services are imported here, not at module level.
        from news.services import latest_news, portal_featured_news

        context = super().get_context(request, *args, **kwargs)
        site = self.get_site()
        is_portal = site is not None and site.is_default_site
        if is_portal:
            context["portal_featured_news"] = portal_featured_news(limit=PORTAL_FEATURED_LIMIT)
            context["latest_news"] = latest_news(sites=None, limit=LATEST_NEWS_LIMIT)
        else:
            context["portal_featured_news"] = []
            context["latest_news"] = (
                latest_news(sites=[site], limit=LATEST_NEWS_LIMIT) if site else []
            )
        context["is_portal"] = is_portal
        context["featured_procedures"] = featured_procedures(site) if site else []
        return context


class StandardPage(PagePermissionsMixin, AsciiSlugMixin, Page):
    """A plain content page: introduction, organisation, leaders, contact."""

    intro = models.TextField(_("giới thiệu ngắn"), blank=True)
    body = StreamField(StandardBodyBlock(), verbose_name=_("nội dung"), blank=True)

    base_form_class = ReferenceCheckedPageForm
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    api_fields = [APIField("intro"), APIField("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("trang nội dung")
        verbose_name_plural = _("trang nội dung")
