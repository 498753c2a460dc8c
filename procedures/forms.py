"""The public listing's filter form (plain GET form, no JavaScript) and the admin page form."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sites.references import ReferenceCheckedPageForm

from .choices import LEVEL_FIELDS, Level, OnlineLevel
from .models.sector import Sector


class ProcedureFilterForm(forms.Form):
    sector = forms.ModelChoiceField(
        label=_("Lĩnh vực"),
        queryset=Sector.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Tất cả lĩnh vực"),
    )
    level = forms.ChoiceField(
        label=_("Cấp thực hiện"),
        choices=[("", _("Tất cả các cấp")), *Level.choices],
        required=False,
    )
    online = forms.ChoiceField(
        label=_("Mức độ trực tuyến"),
        choices=[("", _("Tất cả")), *OnlineLevel.choices],
        required=False,
    )

    def filter(self, procedures: QuerySet) -> QuerySet:
        """Narrow `procedures` by the valid, non-empty choices of a bound form."""
        data = self.cleaned_data
        if data.get("sector"):
            procedures = procedures.filter(sector=data["sector"])
        if data.get("level"):
            procedures = procedures.filter(**{LEVEL_FIELDS[data["level"]]: True})
        if data.get("online"):
            procedures = procedures.filter(online_level=data["online"])
        return procedures


class ProcedurePageForm(ReferenceCheckedPageForm):
    """Refuses an online service level that contradicts the online submission method, and
    hands the parent page to the model's clean(): a new page has no tree path yet, and the
    per-site code check needs to know which site the page will live on."""

    SUBMISSION_METHODS = ("submit_in_person", "submit_online", "submit_postal")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            # A new procedure has no method ticked in advance: the editor states each one.
            for name in self.SUBMISSION_METHODS:
                self.initial[name] = False

    def clean(self) -> dict:
        cleaned = super().clean()
        # A draft (saved or autosaved) may leave it for later; publishing needs one.
        if not self.is_deferred_validation and not any(
            cleaned.get(name) for name in self.SUBMISSION_METHODS
        ):
            self.add_error("submit_in_person", _("Chọn ít nhất một cách thức nộp hồ sơ."))
        level, online = cleaned.get("online_level"), cleaned.get("submit_online")
        if level in {OnlineLevel.FULL, OnlineLevel.PARTIAL} and not online:
            self.add_error(
                "submit_online",
                _(
                    "Thủ tục có dịch vụ công trực tuyến (%(level)s) phải có cách thức "
                    "“Nộp trực tuyến”."
                )
                % {"level": OnlineLevel(level).label},
            )
        elif level == OnlineLevel.NONE and online:
            self.add_error(
                "online_level",
                _(
                    "Thủ tục nộp trực tuyến được: chọn mức độ “Toàn trình” hoặc “Một phần”, "
                    "hoặc bỏ cách thức “Nộp trực tuyến”."
                ),
            )
        return cleaned

    def _post_clean(self) -> None:
        if self.parent_page is not None:
            self.instance._validation_parent = self.parent_page
        super()._post_clean()
