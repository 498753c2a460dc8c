from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "public_search"
    verbose_name = _("Tìm kiếm")

    def ready(self) -> None:
        from . import signal_handlers

        signal_handlers.connect()
