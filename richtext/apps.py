from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RichTextConfig(AppConfig):
    name = "richtext"
    label = "project_richtext"
    verbose_name = _("Văn bản định dạng")
