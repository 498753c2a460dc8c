from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditingConfig(AppConfig):
    name = "editing"
    verbose_name = _("Biên tập đồng thời")

    def ready(self) -> None:
        from wagtail.admin.forms.models import register_form_field_override
        from wagtail.fields import StreamField

        from .streamfields import ReadSafeBlockField

        register_form_field_override(StreamField, override={"form_class": ReadSafeBlockField})
