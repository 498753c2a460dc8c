from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The root page of a site: the provincial portal or an agency's sub-site."""

    intro = models.CharField(_("giới thiệu ngắn"), max_length=500, blank=True)
    body = RichTextField(_("nội dung"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    api_fields = [APIField("intro"), APIField("body")]

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")
