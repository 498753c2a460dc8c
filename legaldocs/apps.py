from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalDocsConfig(AppConfig):
    name = "legaldocs"
    verbose_name = _("Văn bản pháp luật")
