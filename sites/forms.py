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


class ReorganisationForm(forms.Form):
    """A reorganisation plan (docs/reorganisation.md), pasted as JSON."""

    plan = forms.CharField(
        label=_("Kế hoạch (JSON)"),
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false"}),
        help_text=_("Cùng định dạng với lệnh reorganise --plan; xem docs/reorganisation.md."),
    )

    def clean_plan(self):
        import json

        from .reorganisation.spec import PlanError, parse_plan

        text = self.cleaned_data["plan"]
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _("JSON không hợp lệ ở dòng %(line)s, cột %(col)s: %(msg)s")
                % {"line": exc.lineno, "col": exc.colno, "msg": exc.msg}
            ) from None
        try:
            return parse_plan(data)
        except PlanError as exc:
            raise forms.ValidationError(
                [f"{entry}, {field or '-'}: {reason}" for entry, field, reason in exc.errors]
            ) from None
