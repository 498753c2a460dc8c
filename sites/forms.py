from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Agency


class ProvisionSiteForm(forms.Form):
    name = forms.CharField(label=_("Tên cơ quan"), max_length=255)
    slug = forms.SlugField(
        label=_("Mã định danh"), max_length=50, help_text=_("Dùng trong tên miền và tên tài khoản.")
    )
    hostname = forms.CharField(label=_("Tên miền"), max_length=255)
    port = forms.IntegerField(label=_("Cổng"), initial=80, min_value=1, max_value=65535)
    kind = forms.ChoiceField(label=_("Loại"), choices=Agency.Kind.choices)
    is_default = forms.BooleanField(label=_("Trang mặc định (Cổng tỉnh)"), required=False)
