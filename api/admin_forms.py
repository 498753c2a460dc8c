"""Admin forms of the api app."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import WebhookEndpoint


class WebhookEndpointEditForm(WagtailAdminModelForm):
    """Editing an endpoint never shows its signing secret again; a new one may be set."""

    new_secret = forms.CharField(
        label=_("khóa ký mới"),
        required=False,
        min_length=32,
        strip=True,
        widget=forms.PasswordInput(render_value=False),
        help_text=_(
            "Khóa hiện tại không được hiển thị lại. Để trống để giữ khóa; nhập khóa mới "
            "(ít nhất 32 ký tự) để thay."
        ),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["site", "url", "is_active"]

    def save(self, commit: bool = True) -> WebhookEndpoint:
        if self.cleaned_data.get("new_secret"):
            self.instance.secret = self.cleaned_data["new_secret"]
        return super().save(commit)
