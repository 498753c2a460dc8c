from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """The editors' admin: its Vietnamese catalogue, task-first dashboard and defaults."""

    name = "editorial"
    verbose_name = _("Bàn làm việc biên tập")

    def ready(self):
        from wagtail.admin.forms.choosers import EmailLinkChooserForm

        # Wagtail leaves this label to Django, which makes it from the field name in English.
        EmailLinkChooserForm.base_fields["email_address"].label = _("Địa chỉ email")
