from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = _("Hỏi đáp và lấy ý kiến")

    def ready(self) -> None:
        from . import signal_handlers

        signal_handlers.register()
