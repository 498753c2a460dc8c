from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitesConfig(AppConfig):
    name = "sites"
    label = "agency_sites"
    verbose_name = _("Trang thành phần")
