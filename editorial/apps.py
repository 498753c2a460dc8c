from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """The editors' admin: its Vietnamese catalogue, task-first dashboard and defaults."""

    name = "editorial"
    verbose_name = _("Bàn làm việc biên tập")
